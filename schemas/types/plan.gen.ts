/* eslint-disable */
// GENERATED FILE - DO NOT EDIT.
// Produced by `npm run gen:types` (scripts/gen-types.ts) from schemas/plan.schema.json with json-schema-to-typescript.
// A test fails when this file is stale.

/**
 * An IPv4 or IPv6 literal (no brackets).
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "IpAddress".
 */
export type IpAddress = string;
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Port".
 */
export type Port = number;
/**
 * The protocol declared on the service port (or inbound port).
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Protocol".
 */
export type Protocol = 'tcp' | 'udp' | 'tls' | 'http' | 'auto';
/**
 * The L4 transport: `udp` for protocol udp, `tcp` for everything else.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Transport".
 */
export type Transport = 'tcp' | 'udp';
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * Instead of `cluster`: a split service; each new connection/session picks a cluster by weight.
 *
 * @minItems 1
 */
export type WeightedClusters = WeightedCluster[];
/**
 * An identity (SPIFFE ID or DNS name), exact, or a prefix followed by a trailing `*`.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "IdentityPattern".
 */
export type IdentityPattern = string;
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Millis".
 */
export type Millis = number;
/**
 * Service.spec.split: each new connection (UDP: session) picks one cluster by weight (at least one weight is > 0). Sorted as the policy lists the targets.
 *
 * @minItems 1
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "WeightedClusters".
 */
export type WeightedClusters1 = WeightedCluster[];

/**
 * The normalized, fully-defaulted listener/cluster plan that `meshc compile` emits per sidecar and `meshc run` executes. Every duration is in milliseconds; every default is filled in; listeners and clusters are sorted by name. The runtime never reads policy YAML, only this.
 */
export interface Plan {
  /**
   * Plan format version.
   */
  apiVersion: 'meshc.dev/v1alpha1';
  /**
   * Always `Plan`.
   */
  kind: 'Plan';
  /**
   * The sidecar this plan is for (`default` when the policy has no Sidecar).
   */
  name: string;
  /**
   * sha256 of the canonical JSON of the plan without this field; identifies the plan in force (`GET /plan`).
   */
  hash: string;
  admin: SocketAddress;
  /**
   * Sorted by name; names are unique; no two share address+port+transport.
   */
  listeners: Listener[];
  /**
   * Sorted by name; names are unique; every listener's cluster is here.
   */
  clusters: Cluster[];
  interception: Interception;
  tls?: WorkloadTls;
  /**
   * Sidecar.spec.zone: the sidecar's own zone, for `loadBalancer.localityAware` clusters. Absent when not set.
   */
  zone?: string;
}
/**
 * Where the admin HTTP endpoint listens unless `meshc run --admin` overrides it.
 */
export interface SocketAddress {
  address: IpAddress;
  port: Port;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Listener".
 */
export interface Listener {
  /**
   * `<direction>_<address>_<port>_<transport>`, e.g. `outbound_127.0.0.1_15306_tcp`.
   */
  name: string;
  direction: 'outbound' | 'inbound';
  protocol: Protocol;
  transport: Transport;
  address: IpAddress;
  port: Port;
  /**
   * The cluster that receives this listener's connections when no `sniRoutes` entry matches. Absent only when the listener routes purely by SNI: a connection whose SNI matches no route is then closed.
   */
  cluster?: string;
  /**
   * Outbound: the Service this listener serves.
   */
  service?: string;
  /**
   * Outbound: the Service port clients dial (used by interception rules).
   */
  servicePort?: number;
  /**
   * protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP. 0 for other protocols.
   */
  detectionTimeoutMs: number;
  /**
   * protocol tls/auto: route by the ClientHello's SNI; first match wins; empty when not used.
   */
  sniRoutes: {
    /**
     * @minItems 1
     */
    serverNames: string[];
    cluster: Name;
  }[];
  weightedClusters?: WeightedClusters;
  /**
   * Inbound: the Sidecar inbound entry's `port` (the workload port), which authorization `ports` match.
   */
  workloadPort?: number;
  /**
   * Inbound: terminate mutual TLS with the plan `tls` identity. strict: only mTLS clients whose certificate chains to trustedCA; permissive: a TLS ClientHello is terminated, anything else passes as plaintext. Absent: disabled.
   */
  tls?: 'permissive' | 'strict';
  authorization?: Authorization;
  /**
   * Overrides the cluster's connection.idleTimeoutMs for this listener's connections (a split service's own idle timeout). 0 disables.
   */
  idleTimeoutMs?: number;
  /**
   * connection.maxDuration: close both sides of a connection (UDP: end the session) this long after it was accepted, flag DT. Each connection gets ms + a uniform random extra in [0, ms*jitterPercent/100].
   */
  maxConnectionDuration?: {
    ms: number;
    jitterPercent: number;
  };
  /**
   * connection.maxConnectionRate: new connections (UDP: sessions) per second; a token bucket per listener (per worker with --workers) holding at most one second of tokens; excess closed at once (flag RL).
   */
  maxConnectionRate?: number;
  /**
   * Inbound `proxyProtocol: accept`: every connection starts with a PROXY protocol v1 or v2 header; its source address is the client address (access log, affinity, authorization `sources`). Missing, malformed, oversized or slower than timeoutMs: closed, counted, nothing forwarded.
   */
  proxyProtocol?: {
    timeoutMs: number;
  };
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "WeightedCluster".
 */
export interface WeightedCluster {
  cluster: Name;
  weight: number;
}
/**
 * Inbound L4 authorization, decided before the first byte is forwarded and before connecting upstream: a connection matching any `deny` rule is closed; when `allow` is present a connection must match one of its rules.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Authorization".
 */
export interface Authorization {
  deny: AuthorizationRule[];
  /**
   * Absent: everything not denied is allowed. Present and empty: nothing is allowed.
   */
  allow?: AuthorizationRule[];
}
/**
 * Matches when every field given matches. An empty rule matches every connection.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "AuthorizationRule".
 */
export interface AuthorizationRule {
  /**
   * The peer's identity; never matches a plaintext connection.
   *
   * @minItems 1
   */
  identities?: IdentityPattern[];
  /**
   * Client CIDRs in canonical form (`10.0.0.0/8`, `fd00::/8`; a bare address is /32 or /128).
   *
   * @minItems 1
   */
  sources?: string[];
  /**
   * The inbound entry's workload `port` (Listener.workloadPort).
   *
   * @minItems 1
   */
  ports?: Port[];
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Cluster".
 */
export interface Cluster {
  /**
   * `<service>_<port>_<transport>` for outbound, `inbound_<port>_<transport>` for inbound.
   */
  name: string;
  service: Name;
  /**
   * The service port.
   */
  port: number;
  protocol: Protocol;
  transport: Transport;
  endpoints: StaticEndpoints | DnsEndpoints;
  loadBalancer: {
    policy: 'round-robin' | 'least-connections' | 'random' | 'ring-hash' | 'maglev';
    /**
     * Prefer healthy endpoints whose zone equals the plan's `zone` while one is available there and the cluster is not in panic. Absent means false.
     */
    localityAware?: boolean;
  };
  affinity: {
    type: 'none' | 'source-ip';
    /**
     * 0 when type is none.
     */
    ttlMs: number;
  };
  healthCheck: HealthCheck;
  outlierDetection: OutlierDetection;
  connection: {
    connectTimeoutMs: number;
    /**
     * 0 disables the idle timeout.
     */
    idleTimeoutMs: number;
    maxConnections: number;
    connectAttempts: number;
  };
  /**
   * Service.spec.tls mode mutual: originate mutual TLS to endpoints with the plan `tls` identity, accepting only servers whose identity matches serverIdentities (also on resumed sessions).
   */
  tls?: {
    mode: 'mutual';
    /**
     * @minItems 1
     */
    serverIdentities: IdentityPattern[];
    sni?: string;
  };
  /**
   * Send a PROXY protocol header to the endpoint as soon as the upstream connection is up: source = the original client's address and port, destination = the listener's address and port. Absent: none.
   */
  proxyProtocol?: 'v1' | 'v2';
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "StaticEndpoints".
 */
export interface StaticEndpoints {
  type: 'static';
  /**
   * @minItems 1
   */
  hosts: StaticHost[];
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "StaticHost".
 */
export interface StaticHost {
  address: IpAddress;
  port: Port;
  weight: number;
  /**
   * The endpoint's zone (locality), when known.
   */
  zone?: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "DnsEndpoints".
 */
export interface DnsEndpoints {
  type: 'dns';
  name: string;
  port: Port;
  refreshIntervalMs: number;
  family: 'any' | 'v4' | 'v6';
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "HealthCheck".
 */
export interface HealthCheck {
  type: 'none' | 'tcp' | 'udp';
  intervalMs?: number;
  timeoutMs?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  /**
   * Payload to send, lower-case hex.
   */
  sendHex?: string;
  /**
   * The reply must start with these bytes, lower-case hex.
   */
  expectHex?: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "OutlierDetection".
 */
export interface OutlierDetection {
  enabled: boolean;
  consecutiveFailures: number;
  baseEjectionTimeMs: number;
  maxEjectionPercent: number;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Interception".
 */
export interface Interception {
  mode: 'none' | 'iptables';
  proxyUid?: number;
  proxyGid?: number;
  excludeOutboundPorts?: Port[];
  excludeOutboundCidrs?: string[];
  excludeInboundPorts?: Port[];
  /**
   * Service name -> addresses clients dial (ClusterIP/VIP) when known; outbound capture narrows to them.
   */
  serviceAddresses?: {
    [k: string]: IpAddress[];
  };
}
/**
 * Sidecar.spec.tls: this workload's identity, as file paths (absent when the Sidecar has none). The runtime loads them at start, watches them and rotates on change.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "WorkloadTls".
 */
export interface WorkloadTls {
  /**
   * PEM chain, leaf first. Identity: its URI SAN (SPIFFE ID), else its first DNS SAN.
   */
  certificate: string;
  /**
   * PEM private key of the leaf.
   */
  privateKey: string;
  /**
   * PEM bundle that peers' certificates must chain to.
   */
  trustedCA: string;
}
/**
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "SocketAddress".
 */
export interface SocketAddress1 {
  address: IpAddress;
  port: Port;
}
