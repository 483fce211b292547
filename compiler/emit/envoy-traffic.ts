/**
 * The Envoy side of L4 traffic management (SPEC 9, docs/traffic.md): weighted clusters for a
 * split, max connection duration, the connection-rate token bucket, PROXY protocol in both
 * directions and locality (zones and, for localityAware clusters, failover priorities). Every
 * helper returns nothing new for a plan that does not use the feature, so such plans keep their
 * bytes.
 */
import type { Cluster, Listener } from '../../schemas/types/plan.gen.js';
import { duration, statPrefix, TYPE, type Json, type JsonObject, type Notes } from './envoy-common.js';

/** Extension names, each with the config type its factory expects (see TYPE). */
export const TRAFFIC_EXT = {
  localRateLimit: 'envoy.filters.network.local_ratelimit',
  proxyProtocolListener: 'envoy.filters.listener.proxy_protocol',
  upstreamProxyProtocol: 'envoy.transport_sockets.upstream_proxy_protocol',
  rawBuffer: 'envoy.transport_sockets.raw_buffer',
} as const;

/**
 * `overprovisioning_factor` of a localityAware cluster's assignment. Envoy moves load off
 * priority 0 as soon as its healthy share times the factor (default 140%) drops under 100%; we
 * keep everything in the sidecar's zone while any host there is healthy, so the factor is huge
 * (1000x: priority 0 keeps all load down to 0.1% healthy hosts).
 */
const LOCAL_ZONE_OVERPROVISIONING = 100_000;

/** The `local_ratelimit` network filter for maxConnectionRate, or undefined. */
export function rateLimitFilter(l: Listener): JsonObject | undefined {
  if (l.maxConnectionRate === undefined) return undefined;
  return {
    name: TRAFFIC_EXT.localRateLimit,
    typed_config: {
      '@type': TYPE.localRateLimit,
      stat_prefix: statPrefix(l.name),
      // At most one second of tokens, refilled once a second (Envoy's bucket refills in steps:
      // the same rate, a little burstier right after each step).
      token_bucket: { max_tokens: l.maxConnectionRate, tokens_per_fill: l.maxConnectionRate, fill_interval: '1s' },
      // Every filter chain of the listener (one per SNI route) draws from one bucket, as in meshc run.
      share_key: l.name,
    },
  };
}

/** tcp_proxy's max_downstream_connection_duration for maxConnectionDuration (added to `cfg`). */
export function addMaxDuration(cfg: JsonObject, l: Listener, notes: Notes, cfgPath: Array<string | number>): void {
  const md = l.maxConnectionDuration;
  if (!md) return;
  cfg.max_downstream_connection_duration = duration(md.ms);
  if (md.jitterPercent > 0)
    notes.add(
      cfgPath,
      'max_downstream_connection_duration',
      ` maxDurationJitterPercent ${md.jitterPercent}: recent Envoys have max_downstream_connection_duration_jitter_percentage\n` +
        ` (value: ${md.jitterPercent}); not emitted because older Envoys reject the unknown field: every connection gets exactly this limit.`,
    );
}

/** What a split listener's tcp_proxy sends to: weighted_clusters plus the settings Envoy keeps per proxy. */
export function weightedTarget(
  l: Listener,
  clusters: Map<string, Cluster>,
  notes: Notes,
  cfgPath: Array<string | number>,
): { weighted: JsonObject; idleMs: number; attempts: number; targets: Cluster[] } {
  const wc = l.weightedClusters!;
  const targets = wc.map((w) => clusters.get(w.cluster)).filter((c): c is Cluster => c !== undefined);
  // Envoy's ClusterWeight needs weight >= 1; a weight-0 target gets nothing in either data path.
  const live = wc.filter((w) => w.weight > 0);
  const dropped = wc.filter((w) => w.weight === 0).map((w) => w.cluster);
  if (dropped.length) notes.add(cfgPath, 'weighted_clusters', ` weight 0 (no new connections): ${dropped.join(', ')} left out, Envoy needs weights >= 1.`);
  // One tcp_proxy serves every target: it has one idle timeout and one connect-attempt count.
  // meshc run applies each target cluster's own; here the most lenient of them (0 = none).
  const idles = targets.map((c) => c.connection.idleTimeoutMs);
  const idleMs = l.idleTimeoutMs ?? (idles.includes(0) ? 0 : Math.max(...idles));
  const attempts = Math.max(...targets.map((c) => c.connection.connectAttempts));
  const differ = (xs: number[]) => new Set(xs).size > 1;
  if (l.idleTimeoutMs === undefined && differ(idles))
    notes.add(cfgPath, 'idle_timeout', ' split targets have different idle timeouts; one tcp_proxy has one: the longest (meshc run applies each target\'s own).');
  if (differ(targets.map((c) => c.connection.connectAttempts)))
    notes.add(cfgPath, 'max_connect_attempts', ' split targets have different connectAttempts; one tcp_proxy has one: the largest (meshc run applies each target\'s own).');
  return { weighted: { clusters: live.map((w) => ({ name: w.cluster, weight: w.weight })) }, idleMs, attempts, targets };
}

/** The `proxy_protocol` listener filter for inbound `proxyProtocol: accept`, or undefined. */
export function proxyProtocolListenerFilter(l: Listener): JsonObject | undefined {
  if (!l.proxyProtocol) return undefined;
  // No allow_requests_without_proxy_protocol: a connection without a header is closed, as in meshc run.
  return { name: TRAFFIC_EXT.proxyProtocolListener, typed_config: { '@type': TYPE.proxyProtocolListener, stat_prefix: statPrefix(l.name) } };
}

/**
 * The upstream `proxy_protocol` transport socket (v1/v2 header, then the inner socket's bytes), or
 * undefined. `inner` is the socket it wraps (the UpstreamTlsContext of a mutual cluster); raw
 * bytes when absent.
 */
export function upstreamProxyProtocolSocket(c: Cluster, inner?: JsonObject): JsonObject | undefined {
  if (c.proxyProtocol === undefined) return undefined;
  return {
    name: TRAFFIC_EXT.upstreamProxyProtocol,
    typed_config: {
      '@type': TYPE.upstreamProxyProtocol,
      config: { version: c.proxyProtocol === 'v1' ? 'V1' : 'V2' },
      transport_socket: inner ?? { name: TRAFFIC_EXT.rawBuffer, typed_config: { '@type': TYPE.rawBuffer } },
    },
  };
}

/** True when a static cluster's assignment needs locality groups (some host has a zone, or localityAware). */
export function usesLocality(c: Cluster): boolean {
  return c.endpoints.type === 'static' && (c.loadBalancer.localityAware === true || c.endpoints.hosts.some((h) => h.zone !== undefined));
}

/**
 * A static cluster's `endpoints`: one LocalityLbEndpoints per zone (hosts without a zone in a
 * group without locality). For a localityAware cluster with a sidecar zone, that zone's group is
 * priority 0 and every other group priority 1 (Istio's locality failover); without a host in the
 * sidecar's zone all stay at priority 0 (Envoy wants priorities to start at 0).
 */
export function localityEndpoints(c: Cluster, zone: string | undefined, lbEndpoint: (h: { address: string; port: number; weight: number }) => Json): { endpoints: Json[]; policy?: JsonObject } {
  if (c.endpoints.type !== 'static') throw new Error('localityEndpoints: static clusters only');
  const groups = new Map<string | undefined, Json[]>();
  for (const h of c.endpoints.hosts) {
    const g = groups.get(h.zone);
    if (g) g.push(lbEndpoint(h));
    else groups.set(h.zone, [lbEndpoint(h)]);
  }
  const failover = c.loadBalancer.localityAware === true && zone !== undefined && groups.has(zone);
  // Sidecar's zone first, then named zones sorted, then the hosts without a zone.
  const keys = [...groups.keys()].sort((a, b) => rank(a, zone, failover) - rank(b, zone, failover) || (a! < b! ? -1 : a! > b! ? 1 : 0));
  const endpoints = keys.map((k) => {
    const g: JsonObject = {};
    if (k !== undefined) g.locality = { zone: k };
    g.lb_endpoints = groups.get(k)!;
    if (failover && k !== zone) g.priority = 1;
    return g;
  });
  return failover ? { endpoints, policy: { overprovisioning_factor: LOCAL_ZONE_OVERPROVISIONING } } : { endpoints };
}

function rank(k: string | undefined, zone: string | undefined, failover: boolean): number {
  if (failover && k === zone) return 0;
  return k === undefined ? 2 : 1;
}
