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
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Millis".
 */
export type Millis = number;

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
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "SocketAddress".
 */
export interface SocketAddress1 {
  address: IpAddress;
  port: Port;
}
