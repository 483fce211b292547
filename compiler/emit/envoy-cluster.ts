/**
 * Plan Cluster -> Envoy v3 `config.cluster.v3.Cluster` (as a YAML-ready object).
 * Every place where Envoy cannot do exactly what our runtime does gets a YAML comment; the full
 * list is in docs/envoy.md.
 */
import type { Cluster } from '../../schemas/types/plan.gen.js';
import { duration, type Json, type JsonObject, type Notes } from './envoy-common.js';
import { upstreamTransportSocket } from './envoy-tls.js';
import { localityEndpoints, upstreamProxyProtocolSocket, usesLocality } from './envoy-traffic.js';

const LB_POLICY: Record<Cluster['loadBalancer']['policy'], string> = {
  'round-robin': 'ROUND_ROBIN',
  'least-connections': 'LEAST_REQUEST',
  random: 'RANDOM',
  'ring-hash': 'RING_HASH',
  maglev: 'MAGLEV',
};

const DNS_FAMILY: Record<'any' | 'v4' | 'v6', string> = {
  any: 'ALL',
  v4: 'V4_ONLY',
  v6: 'V6_ONLY',
};

/** Envoy's outlier sweep interval default; we shorten it for short ejections (see below). */
const ENVOY_OUTLIER_INTERVAL_MS = 10_000;

/** True when the cluster's hosts must be picked by hashing the client IP. */
export function hashesSourceIp(c: Cluster): boolean {
  return c.affinity.type === 'source-ip' || c.loadBalancer.policy === 'ring-hash' || c.loadBalancer.policy === 'maglev';
}

/** The Envoy `lb_policy` for a cluster (source-ip affinity forces a hash-based policy). */
export function lbPolicy(c: Cluster): string {
  if (c.affinity.type === 'source-ip' && c.loadBalancer.policy !== 'ring-hash' && c.loadBalancer.policy !== 'maglev') {
    return 'RING_HASH';
  }
  return LB_POLICY[c.loadBalancer.policy];
}

function loadAssignment(c: Cluster, zone: string | undefined, at: Array<string | number>, notes: Notes): JsonObject {
  if (usesLocality(c)) {
    const lbEndpoint = (h: { address: string; port: number; weight: number }): Json => ({
      endpoint: { address: { socket_address: { address: h.address, port_value: h.port } } },
      load_balancing_weight: h.weight,
    });
    const { endpoints, policy } = localityEndpoints(c, zone, lbEndpoint);
    const out: JsonObject = { cluster_name: c.name, endpoints };
    if (policy) {
      out.policy = policy;
      notes.add(
        [...at, 'load_assignment'],
        'endpoints',
        ` localityAware: hosts in zone ${zone} at priority 0, all others at priority 1 (Istio's locality failover;\n` +
          ` Envoy's zone-aware routing would need a local cluster). Load leaves priority 0 only when no host there is healthy.`,
      );
    } else if (c.loadBalancer.localityAware)
      notes.add([...at, 'load_assignment'], 'endpoints', zone === undefined
        ? ' localityAware, but the sidecar has no zone: every zone is used alike.'
        : ` localityAware, but no host is in zone ${zone}: every zone is used alike.`);
    return out;
  }
  const lbEndpoints: Json[] =
    c.endpoints.type === 'static'
      ? c.endpoints.hosts.map((h) => ({
          endpoint: { address: { socket_address: { address: h.address, port_value: h.port } } },
          load_balancing_weight: h.weight,
        }))
      : [{ endpoint: { address: { socket_address: { address: c.endpoints.name, port_value: c.endpoints.port } } } }];
  return { cluster_name: c.name, endpoints: [{ lb_endpoints: lbEndpoints }] };
}

function healthChecks(c: Cluster, at: Array<string | number>, notes: Notes): Json[] | undefined {
  const hc = c.healthCheck;
  if (hc.type === 'none') return undefined;
  if (hc.type === 'udp') {
    notes.add(
      at,
      'load_assignment',
      [
        ` healthCheck type udp: Envoy has no UDP health checker, so no health_checks are emitted.`,
        ` A TCP connect check on this port would test a different socket (often closed) and eject`,
        ` every host. Hosts here stay in rotation until removed; see docs/envoy.md.`,
      ].join('\n'),
    );
    return undefined;
  }
  const tcp: JsonObject = {};
  if (hc.sendHex) tcp.send = { text: hc.sendHex };
  if (hc.expectHex) tcp.receive = [{ text: hc.expectHex }];
  const interval = duration(hc.intervalMs ?? 5000);
  if (c.transport === 'udp') {
    notes.add(at, 'health_checks', ' healthCheck type tcp on a UDP service: Envoy probes TCP on the same host and port.');
  }
  return [
    {
      timeout: duration(hc.timeoutMs ?? 1000),
      interval,
      // Envoy probes idle clusters only every 60s by default; our runtime always probes at `interval`.
      no_traffic_interval: interval,
      unhealthy_threshold: hc.unhealthyThreshold ?? 3,
      healthy_threshold: hc.healthyThreshold ?? 2,
      tcp_health_check: tcp,
    },
  ];
}

function outlierDetection(c: Cluster, at: Array<string | number>, notes: Notes): JsonObject | undefined {
  const od = c.outlierDetection;
  if (!od.enabled) return undefined;
  if (c.transport === 'udp') {
    notes.add(
      at,
      'outlier_detection',
      ' UDP has no connect step: Envoy\'s local-origin detector has little or nothing to count here (meshc run counts ICMP errors).',
    );
  }
  return {
    // tcp_proxy reports connect failures/timeouts as *local-origin* errors; splitting them out makes
    // consecutive_local_origin_failure count exactly "consecutive connect failures".
    split_external_local_origin_errors: true,
    consecutive_local_origin_failure: od.consecutiveFailures,
    enforcing_consecutive_local_origin_failure: 100,
    // No HTTP here: switch off the detectors our runtime does not have.
    enforcing_consecutive_5xx: 0,
    enforcing_success_rate: 0,
    enforcing_local_origin_success_rate: 0,
    interval: duration(Math.min(ENVOY_OUTLIER_INTERVAL_MS, od.baseEjectionTimeMs)),
    base_ejection_time: duration(od.baseEjectionTimeMs),
    max_ejection_time: duration(Math.max(300_000, od.baseEjectionTimeMs)),
    max_ejection_percent: od.maxEjectionPercent,
    always_eject_one_host: true,
  };
}

/** Plan cluster -> Envoy Cluster; `index` is its position in static_resources.clusters. */
export function envoyCluster(c: Cluster, index: number, notes: Notes, dir: string, zone?: string): JsonObject {
  const at = ['static_resources', 'clusters', index];
  const out: JsonObject = { name: c.name, type: c.endpoints.type === 'static' ? 'STATIC' : 'STRICT_DNS' };
  out.connect_timeout = duration(c.connection.connectTimeoutMs);
  out.lb_policy = lbPolicy(c);
  if (c.affinity.type === 'source-ip') {
    const why =
      out.lb_policy === 'RING_HASH' && c.loadBalancer.policy !== 'ring-hash'
        ? ` source-ip affinity: Envoy honours hash_policy only with a hash-based LB, so ${c.loadBalancer.policy} becomes RING_HASH.\n`
        : '';
    notes.add(at, 'lb_policy', `${why} Affinity is stateless in Envoy (no ttl): a client moves only when the host set changes.`);
  }
  if (c.endpoints.type === 'dns') {
    out.dns_refresh_rate = duration(c.endpoints.refreshIntervalMs);
    out.respect_dns_ttl = true;
    out.dns_lookup_family = DNS_FAMILY[c.endpoints.family];
  }
  const hc = healthChecks(c, at, notes);
  const od = outlierDetection(c, at, notes);
  if (hc || od) {
    // Envoy's default panic threshold is 50%; ours panics only when no host is usable. 1% is the
    // smallest value Envoy keeps (it rounds to whole percent; 0 disables panic mode entirely).
    out.common_lb_config = { healthy_panic_threshold: { value: 1 } };
  }
  out.circuit_breakers = { thresholds: [{ max_connections: c.connection.maxConnections }] };
  if (hc) out.health_checks = hc;
  if (od) out.outlier_detection = od;
  out.load_assignment = loadAssignment(c, zone, at, notes);
  // Service tls mode mutual: originate mTLS with the plan identity, verify the server's SANs.
  // With proxyProtocol the PROXY socket wraps it: the header goes out first, in clear, then the
  // TLS handshake (what an endpoint behind a PROXY-reading TLS terminator expects).
  const tls = c.tls ? upstreamTransportSocket(c, dir) : undefined;
  const socket = upstreamProxyProtocolSocket(c, tls) ?? tls;
  if (socket) out.transport_socket = socket;
  return out;
}
