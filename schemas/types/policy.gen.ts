/* eslint-disable */
// GENERATED FILE - DO NOT EDIT.
// Produced by `npm run gen:types` (scripts/gen-types.ts) from schemas/policy.schema.json with json-schema-to-typescript.
// A test fails when this file is stale.

/**
 * One meshc policy document: a `Service` (a destination that sidecars proxy to) or a `Sidecar` (one proxy instance next to one workload). A file may hold several documents separated by `---`.
 */
export type Policy = {
  /**
   * Policy format version. Always `meshc.dev/v1alpha1`.
   */
  apiVersion: 'meshc.dev/v1alpha1';
  /**
   * The document kind: `Service` or `Sidecar`.
   */
  kind: 'Service' | 'Sidecar';
  metadata: Metadata;
  /**
   * The kind-specific body: see `ServiceSpec` and `SidecarSpec`.
   */
  spec: {};
};
/**
 * A DNS-1123 label: lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * A TCP/UDP port number (1-65535).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Port".
 */
export type Port = number;
/**
 * A duration: one or more `<integer><unit>` parts in the order h, m, s, ms, e.g. `250ms`, `5s`, `1m`, `1h`, `1m30s`.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string;
/**
 * An IPv4 or IPv6 literal without brackets.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "IpAddress".
 */
export type IpAddress = string;
/**
 * `IP:PORT`; an IPv6 address is written in brackets (`[::1]:15306`).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SocketAddress".
 */
export type SocketAddress = string;
/**
 * An IPv4 or IPv6 network in CIDR notation.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Cidr".
 */
export type Cidr = string;
/**
 * A TLS server name (SNI), lower case: exact (`api.shop.example`) or a wildcard suffix (`*.shop.example`, which matches any name ending in `.shop.example`).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ServerName".
 */
export type ServerName = string;
/**
 * `tcp`, `udp`, `tls` (TCP carrying TLS; routable by SNI), `http` (TCP carrying HTTP) or `auto` (sniff the client's first bytes: TLS ClientHello, HTTP/1.x, HTTP/2 preface; fall back to TCP after `detectionTimeout`). `auto` is never a default.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Protocol".
 */
export type Protocol = 'tcp' | 'udp' | 'tls' | 'http' | 'auto';
/**
 * Bytes, as UTF-8 text or as `{ hex: "..." }`.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Payload".
 */
export type Payload =
  | string
  | {
      /**
       * The bytes as hexadecimal digits, two per byte.
       */
      hex: string;
    };
/**
 * Payload sent after connecting (tcp) or as the probe datagram (udp): text or `{ hex: "..." }`.
 */
export type Payload1 =
  | string
  | {
      /**
       * The bytes as hexadecimal digits, two per byte.
       */
      hex: string;
    };
/**
 * The reply must start with these bytes: text or `{ hex: "..." }`.
 */
export type Payload2 =
  | string
  | {
      /**
       * The bytes as hexadecimal digits, two per byte.
       */
      hex: string;
    };
/**
 * A peer identity: a SPIFFE ID (the certificate's URI SAN) or a DNS name (its first DNS SAN when it has no URI SAN), exact, or a prefix followed by a trailing `*` (`spiffe://cluster.local/ns/shop/*`; `*` alone is any authenticated peer). `*` is allowed only as the last character.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "IdentityPattern".
 */
export type IdentityPattern = string;
/**
 * A zone (failure domain) name, as in Kubernetes' `topology.kubernetes.io/zone` label: letters, digits, `-`, `_`, `.`, at most 63 characters.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Zone".
 */
export type Zone = string;
/**
 * An absolute file path inside the sidecar's container.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "AbsolutePath".
 */
export type AbsolutePath = string;

/**
 * Identifies the document.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Metadata".
 */
export interface Metadata {
  /**
   * The document's name (DNS-1123 label), unique per kind. Sidecars refer to Services by it; a Sidecar's name names its plan and output directory.
   */
  name: string;
  /**
   * Free-form string labels, kept for tooling; the compiler ignores them.
   */
  labels?: {
    [k: string]: string;
  };
  /**
   * Free-form string annotations, kept for tooling; the compiler ignores them.
   */
  annotations?: {
    [k: string]: string;
  };
}
/**
 * A destination that sidecars proxy to: its ports, its endpoints (or a `split` over other services) and how connections to them are balanced, checked and limited. Exactly one of `endpoints` and `split`.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ServiceSpec".
 */
export interface ServiceSpec {
  /**
   * The ports clients dial (at least one). A port that is both TCP and UDP (DNS 53) is listed twice, with protocols `tcp` and `udp`.
   *
   * @minItems 1
   */
  ports: ServicePort[];
  endpoints?: Endpoints;
  /**
   * Instead of `endpoints`: each new connection (UDP: session) picks one of these services by weight (a canary or blue/green split); the target's own endpoints, load balancer, health, limits, `proxyProtocol` and `localityAware` apply. Every target must serve each of this service's ports with the same protocol, must not be a split itself, and need not be listed in a Sidecar's `outbound`. Only `connection.maxDuration`, `maxDurationJitterPercent`, `maxConnectionRate` and `idleTimeout` apply on a split service. Envoy: `tcp_proxy.weighted_clusters`.
   *
   * @minItems 1
   */
  split?: SplitTarget[];
  /**
   * Send a PROXY protocol header (`v1` text or `v2` binary, as HAProxy defines them) to every endpoint as soon as the upstream connection is up: the original client's address and port as source, the sidecar listener's as destination. TCP ports only. Envoy: the `upstream_proxy_protocol` transport socket.
   */
  proxyProtocol?: 'v1' | 'v2';
  /**
   * The virtual addresses (e.g. Kubernetes ClusterIPs) clients dial for this service. With iptables interception, outbound capture for the service narrows to them.
   */
  addresses?: IpAddress[];
  /**
   * How a new connection (UDP: session) picks an endpoint.
   */
  loadBalancer?: {
    /**
     * `round-robin` (default, weighted), `least-connections` (fewest active connections relative to weight; ties round-robin), `random`, `ring-hash` or `maglev` (consistent hashing of the client IP).
     */
    policy?: 'round-robin' | 'least-connections' | 'random' | 'ring-hash' | 'maglev';
    /**
     * Prefer healthy endpoints in the sidecar's own zone (Sidecar `spec.zone`, matched against `endpoints.static[].zone`) while at least one is available there and the service is not in panic; otherwise use all. Endpoints without a zone count as another zone. Static endpoints only (DNS records carry no zone). Default false.
     */
    localityAware?: boolean;
  };
  /**
   * Session affinity: keep a client on one endpoint across connections (UDP: sessions).
   */
  affinity?: {
    /**
     * `none` (default) or `source-ip`: the same client IP reaches the same endpoint while it stays healthy.
     */
    type?: 'none' | 'source-ip';
    /**
     * How long a client IP sticks after its last connection/session ends (default 30m). Only with `type: source-ip`.
     */
    ttl?: string;
  };
  /**
   * Active health checking. Unhealthy endpoints get no new connections; when every endpoint is unhealthy traffic is spread over all (panic mode).
   */
  healthCheck?: {
    /**
     * `none`, `tcp` (connect, optionally send/expect) or `udp` (send a datagram, expect a reply; needs `send`). Default: `none` for static endpoints; for dns endpoints `tcp` on TCP ports and `none` on UDP ports.
     */
    type?: 'none' | 'tcp' | 'udp';
    /**
     * Time between checks of one endpoint (default 5s).
     */
    interval?: string;
    /**
     * How long one check may take (default 1s).
     */
    timeout?: string;
    /**
     * Consecutive successes that mark an endpoint healthy (default 2).
     */
    healthyThreshold?: number;
    /**
     * Consecutive failures that mark an endpoint unhealthy (default 3).
     */
    unhealthyThreshold?: number;
    send?: Payload1;
    expect?: Payload2;
  };
  /**
   * Passive health: eject an endpoint after consecutive connect failures. Present (even empty) = enabled.
   */
  outlierDetection?: {
    /**
     * Consecutive connect failures that eject an endpoint (default 5).
     */
    consecutiveFailures?: number;
    /**
     * Ejection time, multiplied by the number of times the endpoint was ejected (default 30s).
     */
    baseEjectionTime?: string;
    /**
     * At most this share of the endpoints is ejected at once (default 10).
     */
    maxEjectionPercent?: number;
  };
  /**
   * Connection limits and timeouts, per sidecar and per service port.
   */
  connection?: {
    /**
     * TCP connect timeout to an endpoint (default 5s).
     */
    connectTimeout?: string;
    /**
     * TCP: close after no bytes either way for this long; UDP: session idle expiry. Default 1h (tcp/tls/http/auto), 60s (udp); `0s` disables it.
     */
    idleTimeout?: string;
    /**
     * Maximum concurrent connections (UDP: sessions) per sidecar and service port (default 1024).
     */
    maxConnections?: number;
    /**
     * TCP: endpoints tried when a connect fails, including the first (default 1).
     */
    connectAttempts?: number;
    /**
     * Close a connection (both sides; UDP: end the session) this long after it was accepted, so long-lived connections are balanced afresh when the client reconnects (access-log flag `DT`). Per listener. Default: no limit. Envoy: `tcp_proxy.max_downstream_connection_duration`.
     */
    maxDuration?: string;
    /**
     * With `maxDuration`: each connection's limit is extended by a uniform random amount of up to this percentage of `maxDuration`, so connections opened together do not all reconnect at once (default 0). Envoy: `max_downstream_connection_duration_jitter_percentage`.
     */
    maxDurationJitterPercent?: number;
    /**
     * New connections (UDP: sessions) per second accepted by each listener of the service, as a token bucket holding at most one second of tokens; the excess is closed at once and counted (access-log flag `RL`). Default: no limit. Envoy: the `local_ratelimit` network filter.
     */
    maxConnectionRate?: number;
  };
  tls?: ServiceTls;
}
/**
 * One port of a service.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ServicePort".
 */
export interface ServicePort {
  /**
   * Optional name, unique within the service.
   */
  name?: string;
  /**
   * The port clients dial (1-65535).
   */
  port: number;
  /**
   * The endpoints' port (default: `port`). A static endpoint may override it.
   */
  targetPort?: number;
  /**
   * Required and explicit: `tcp`, `udp`, `tls`, `http` or `auto`.
   */
  protocol: 'tcp' | 'udp' | 'tls' | 'http' | 'auto';
  /**
   * protocol tls/auto only: the TLS server names this port serves. Lets several services share one sidecar listener (same bind), routed by the ClientHello's SNI: exact names first, then the longest wildcard suffix.
   *
   * @minItems 1
   */
  sni?: ServerName[];
  /**
   * protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP (default 100ms).
   */
  detectionTimeout?: string;
}
/**
 * Where the service's instances are: exactly one of `static` or `dns`.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Endpoints".
 */
export interface Endpoints {
  /**
   * A fixed list of endpoints.
   *
   * @minItems 1
   */
  static?: StaticEndpoint[];
  /**
   * A headless service: ALL A/AAAA records of `name` are endpoints, re-resolved every `refreshInterval`.
   */
  dns?: {
    /**
     * The DNS name to resolve.
     */
    name: string;
    /**
     * How often to re-resolve (default 30s); the endpoint set follows the answer.
     */
    refreshInterval?: string;
    /**
     * Which records to use: `any` (default, A and AAAA), `v4` (A) or `v6` (AAAA).
     */
    family?: 'any' | 'v4' | 'v6';
  };
}
/**
 * One endpoint.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "StaticEndpoint".
 */
export interface StaticEndpoint {
  /**
   * IPv4 or IPv6 literal.
   */
  address: string;
  /**
   * The endpoint's port (default: the service port's `targetPort`).
   */
  port?: number;
  /**
   * Relative load-balancing weight, 1-128 (default 1).
   */
  weight?: number;
  /**
   * The endpoint's zone, for `loadBalancer.localityAware` (and Envoy's locality stats). Default: unknown (another zone than any sidecar's).
   */
  zone?: string;
}
/**
 * One target of a split.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SplitTarget".
 */
export interface SplitTarget {
  /**
   * The target Service's `metadata.name`; it must have `endpoints` (no nested splits).
   */
  service: string;
  /**
   * Relative weight (0-1000000; need not sum to 100). 0 sends no new connections to the target; at least one weight must be greater than 0.
   */
  weight: number;
}
/**
 * Whether the service's endpoints are meshed: with `mode: mutual` the sidecar originates mutual TLS to them with its `spec.tls` identity and accepts only servers whose identity matches `serverIdentities`. TCP ports only.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ServiceTls".
 */
export interface ServiceTls {
  /**
   * `none` (default): connect in plaintext. `mutual`: originate mutual TLS; needs `serverIdentities`, and every Sidecar that reaches the service needs `spec.tls`.
   */
  mode?: 'none' | 'mutual';
  /**
   * Identities the endpoints may present (exact or trailing `*`), checked against the server certificate's URI SAN, else its DNS SANs. Required with `mode: mutual`.
   *
   * @minItems 1
   */
  serverIdentities?: IdentityPattern[];
  /**
   * Server name sent in the ClientHello (optional; none by default).
   */
  sni?: string;
}
/**
 * One proxy instance next to one workload: which services it reaches, which inbound traffic it accepts and how traffic is captured.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SidecarSpec".
 */
export interface SidecarSpec {
  /**
   * The admin HTTP endpoint (/ready, /metrics, /clusters, /plan). Default `127.0.0.1:15000`.
   */
  admin?: string;
  /**
   * The zone this workload runs in; services with `loadBalancer.localityAware` prefer endpoints of this zone. Envoy: `node.locality.zone`.
   */
  zone?: string;
  /**
   * The services this workload may reach; one listener per entry and service port.
   */
  outbound?: Outbound[];
  /**
   * Traffic addressed to this workload itself, forwarded to the local application.
   */
  inbound?: Inbound[];
  interception?: Interception;
  tls?: WorkloadTls;
}
/**
 * A service (port) this workload may reach.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Outbound".
 */
export interface Outbound {
  /**
   * The Service's `metadata.name`.
   */
  service: string;
  /**
   * Which service port; omitted = every port of the service (both protocols of a TCP+UDP port).
   */
  port?: number;
  /**
   * Where the sidecar listens (default `127.0.0.1:<service port>`). Needs `port` when the service has several port numbers.
   */
  bind?: string;
}
/**
 * A port of this workload, proxied to the local application.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Inbound".
 */
export interface Inbound {
  /**
   * The workload port; the listener is `0.0.0.0:<port>` unless `bind` is given.
   */
  port: number;
  /**
   * The traffic's protocol (default `tcp`).
   */
  protocol?: 'tcp' | 'udp' | 'tls' | 'http' | 'auto';
  /**
   * `accept`: every connection must start with a PROXY protocol v1 or v2 header (sent by a load balancer in front); its source address is then the client address (access log, affinity, authorization). A connection whose header is missing, malformed or slower than `proxyProtocolTimeout` is closed and counted; nothing of it reaches the application. TCP only. Envoy: the `proxy_protocol` listener filter.
   */
  proxyProtocol?: 'accept';
  /**
   * With `proxyProtocol: accept`: how long a new connection may take to deliver its whole header (default 5s; nginx's proxy_protocol_timeout is 30s, Envoy's listener_filters_timeout 15s: a load balancer sends the header at once, so a short limit only sheds idle or slow clients sooner).
   */
  proxyProtocolTimeout?: string;
  /**
   * Where the sidecar listens (default `0.0.0.0:<port>`).
   */
  bind?: string;
  /**
   * The local application (default `127.0.0.1:<port>`).
   */
  forwardTo?: string;
  /**
   * protocol auto/tls: how long to wait for the client's first bytes (default 100ms).
   */
  detectionTimeout?: string;
  /**
   * Mutual TLS on this port, terminated by the sidecar with `spec.tls` (the application always speaks plaintext): `disabled` (default), `permissive` (a TLS ClientHello is terminated as mutual TLS, anything else passes as plaintext; for migrations) or `strict` (only clients whose certificate chains to `spec.tls.trustedCA`). TCP only; modes other than `disabled` need `spec.tls`.
   */
  tls?: 'disabled' | 'permissive' | 'strict';
  authorization?: Authorization;
}
/**
 * L4 authorization of this port's connections, decided before the first byte reaches the application: a connection matching any `deny` rule is closed; when `allow` is given, a connection must also match one of its rules (`allow: []` allows nothing). Omitted: every connection that passes the `tls` mode is allowed. TCP only.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Authorization".
 */
export interface Authorization {
  /**
   * Rules whose matching connections are closed; checked first.
   */
  deny?: AuthorizationRule[];
  /**
   * When given, only connections matching one of these rules (and no `deny` rule) are allowed.
   */
  allow?: AuthorizationRule[];
}
/**
 * Matches a connection when every field it gives matches (an empty rule matches every connection).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "AuthorizationRule".
 */
export interface AuthorizationRule {
  /**
   * The peer's identity is one of these (exact or trailing `*`). Never matches a plaintext connection; needs `tls: strict` or `permissive`.
   *
   * @minItems 1
   */
  identities?: IdentityPattern[];
  /**
   * The client address is in one of these networks: IPv4/IPv6 CIDRs or bare addresses (a bare address is /32 or /128).
   *
   * @minItems 1
   */
  sources?: string[];
  /**
   * The inbound entry's `port` (the workload port) is one of these.
   *
   * @minItems 1
   */
  ports?: Port[];
}
/**
 * Transparent capture of the workload's traffic, rendered as iptables rules (`meshc compile --target iptables`).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Interception".
 */
export interface Interception {
  /**
   * `none` (default): clients dial the sidecar's listeners explicitly. `iptables`: outbound connections to the services and inbound connections to the workload are redirected to the sidecar.
   */
  mode?: 'none' | 'iptables';
  /**
   * The sidecar's user id; its own traffic is never captured (default 1337, as Istio).
   */
  proxyUid?: number;
  /**
   * The sidecar's group id (default 1337).
   */
  proxyGid?: number;
  /**
   * Destination ports never captured outbound.
   */
  excludeOutboundPorts?: Port[];
  /**
   * Destination networks never captured outbound.
   */
  excludeOutboundCidrs?: Cidr[];
  /**
   * Workload ports never captured inbound.
   */
  excludeInboundPorts?: Port[];
}
/**
 * This workload's identity for mutual TLS, as absolute paths of PEM files in the sidecar's container (e.g. a mounted Secret or cert-manager csi-driver-spiffe volume, see docs/security.md). The sidecar watches them and uses changed files for new handshakes without a restart.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "WorkloadTls".
 */
export interface WorkloadTls {
  /**
   * PEM certificate chain, leaf first. The workload's identity is the leaf's URI SAN (SPIFFE ID), else its first DNS SAN.
   */
  certificate: string;
  /**
   * PEM private key of the leaf certificate.
   */
  privateKey: string;
  /**
   * PEM bundle of the CA certificates that peers' certificates must chain to.
   */
  trustedCA: string;
}
