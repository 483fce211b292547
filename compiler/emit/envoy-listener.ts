/**
 * Plan Listener -> Envoy v3 `config.listener.v3.Listener` (as a YAML-ready object):
 * tcp/tls/http/auto -> filter chains with `envoy.filters.network.tcp_proxy` (one chain per SNI
 * route plus a default one), udp -> `udp_listener_config` + the `udp_proxy` listener filter.
 */
import type { Cluster, Listener } from '../../schemas/types/plan.gen.js';
import { hashesSourceIp } from './envoy-cluster.js';
import { duration, socketAddress, statPrefix, stdoutAccessLog, TYPE, type Json, type JsonObject, type Notes } from './envoy-common.js';
import { downstreamTransportSocket, rbacFilters } from './envoy-tls.js';
import { addMaxDuration, proxyProtocolListenerFilter, rateLimitFilter, weightedTarget } from './envoy-traffic.js';

/** Permissive mTLS on a port without a detection timeout: how long to wait for a ClientHello. */
const PERMISSIVE_DETECTION_MS = 100;

/** Envoy's UDP proxy has no "never": a plan idle timeout of 0 becomes one year. */
const UDP_NO_IDLE_TIMEOUT_MS = 365 * 24 * 3600 * 1000;

/**
 * The network filters of one chain: [local_ratelimit,] [RBAC deny,] [RBAC allow,] tcp_proxy to
 * cluster `c` (or, when `c` is undefined, to the listener's weightedClusters). The rate limit goes
 * first: it is the cheapest check and a refused connection should not cost an RBAC evaluation
 * (meshc run also takes the token before authorization). `chainPath` is the chain's path, for comments.
 */
function proxyFilters(l: Listener, c: Cluster | undefined, clusters: Map<string, Cluster>, notes: Notes, chainPath: Array<string | number>): Json[] {
  const filters: Json[] = [];
  const rl = rateLimitFilter(l);
  if (rl) filters.push(rl);
  filters.push(...rbacFilters(l, chainPath, notes));
  const cfgPath = [...chainPath, 'filters', filters.length, 'typed_config'];
  const cfg: JsonObject = { '@type': TYPE.tcpProxy, stat_prefix: statPrefix(l.name) };
  let hashes: boolean;
  if (c) {
    cfg.cluster = c.name;
    // 0 disables the timeout in both Envoy and our runtime.
    cfg.idle_timeout = duration(l.idleTimeoutMs ?? c.connection.idleTimeoutMs);
    cfg.max_connect_attempts = c.connection.connectAttempts;
    hashes = hashesSourceIp(c);
  } else {
    const w = weightedTarget(l, clusters, notes, cfgPath);
    cfg.weighted_clusters = w.weighted;
    cfg.idle_timeout = duration(w.idleMs);
    cfg.max_connect_attempts = w.attempts;
    hashes = w.targets.some(hashesSourceIp);
  }
  if (hashes) cfg.hash_policy = [{ source_ip: {} }];
  addMaxDuration(cfg, l, notes, cfgPath);
  cfg.access_log = stdoutAccessLog();
  filters.push({ name: 'envoy.filters.network.tcp_proxy', typed_config: cfg });
  return filters;
}

/** A UDP listener's one cluster: its own, or for a split the heaviest target (udp_proxy cannot weigh). */
function udpCluster(l: Listener, clusters: Map<string, Cluster>): Cluster {
  if (!l.weightedClusters) return need(clusters, l.cluster ?? '');
  const heaviest = l.weightedClusters.reduce((a, b) => (b.weight > a.weight ? b : a));
  return need(clusters, heaviest.cluster);
}

/** Comments on what Envoy's udp_proxy cannot do of the listener's traffic settings. */
function udpTrafficNotes(l: Listener, c: Cluster, cfgPath: Array<string | number>, notes: Notes): void {
  const lines: string[] = [];
  if (l.weightedClusters)
    lines.push(` split ${l.weightedClusters.map((w) => `${w.cluster}=${w.weight}`).join(', ')}: Envoy's udp_proxy routes a listener to one cluster,`, ` so every session goes to ${c.name} (meshc run splits sessions by weight).`);
  if (l.maxConnectionDuration) lines.push(` maxDuration: udp_proxy has no session lifetime limit; sessions end only when idle (meshc run ends them, flag DT).`);
  if (l.maxConnectionRate !== undefined) lines.push(` maxConnectionRate: no UDP session rate limit in Envoy; not enforced (meshc run enforces it).`);
  if (lines.length) notes.add(cfgPath, 'matcher', lines.join('\n'));
}

function udpProxy(l: Listener, c: Cluster, at: Array<string | number>, notes: Notes): JsonObject {
  let idle = l.idleTimeoutMs ?? c.connection.idleTimeoutMs;
  udpTrafficNotes(l, c, [...at, 'listener_filters', 0, 'typed_config'], notes);
  if (idle === 0) {
    idle = UDP_NO_IDLE_TIMEOUT_MS;
    notes.add([...at, 'listener_filters', 0, 'typed_config'], 'idle_timeout', ' plan disables the idle timeout; Envoy\'s udp_proxy has no "never" (0 is not "off"), so one year.');
  }
  const cfg: JsonObject = {
    '@type': TYPE.udpProxy,
    stat_prefix: statPrefix(l.name),
    // `cluster` is deprecated in the current API; a matcher with only on_no_match routes everything.
    matcher: { on_no_match: { action: { name: 'route', typed_config: { '@type': TYPE.udpRoute, cluster: c.name } } } },
    idle_timeout: duration(idle),
  };
  if (hashesSourceIp(c)) cfg.hash_policies = [{ source_ip: true }];
  cfg.access_log = stdoutAccessLog();
  return { name: 'envoy.filters.udp_listener.udp_proxy', typed_config: cfg };
}

/** Filter chains: one per SNI route (names already claimed by an earlier route dropped), then the default. */
function filterChains(l: Listener, clusters: Map<string, Cluster>, at: Array<string | number>, notes: Notes, dir: string): Json[] {
  const chains: Json[] = [];
  const claimed = new Set<string>();
  for (const route of l.sniRoutes) {
    // Our runtime takes the first route that lists a name; Envoy rejects two chains with the same
    // match, so a name repeated in a later route is dropped there (it could never win anyway).
    const names = route.serverNames.filter((n) => !claimed.has(n));
    names.forEach((n) => claimed.add(n));
    if (names.length === 0) continue;
    chains.push({
      name: route.cluster,
      filter_chain_match: { server_names: names },
      filters: proxyFilters(l, need(clusters, route.cluster), clusters, notes, [...at, 'filter_chains', chains.length]),
    });
  }
  if (l.cluster !== undefined && l.tls !== undefined) {
    chains.push(...mtlsChains(l, need(clusters, l.cluster), clusters, at, chains.length, notes, dir));
  } else if (l.cluster !== undefined) {
    chains.push({ name: 'default', filters: proxyFilters(l, need(clusters, l.cluster), clusters, notes, [...at, 'filter_chains', chains.length]) });
  } else if (l.weightedClusters !== undefined) {
    chains.push({ name: 'default', filters: proxyFilters(l, undefined, clusters, notes, [...at, 'filter_chains', chains.length]) });
  } else {
    notes.add(at, 'filter_chains', ' no default cluster: a connection whose SNI matches no chain is closed (as in meshc run).');
  }
  return chains;
}

/**
 * Inbound mutual TLS: strict is one chain that terminates TLS and requires a client certificate;
 * permissive adds a plaintext chain, picked by the tls_inspector's verdict (as Istio does).
 */
function mtlsChains(l: Listener, c: Cluster, clusters: Map<string, Cluster>, at: Array<string | number>, first: number, notes: Notes, dir: string): Json[] {
  const chains: Json[] = [];
  const tlsChain: JsonObject = { name: 'mtls' };
  if (l.tls === 'permissive') tlsChain.filter_chain_match = { transport_protocol: 'tls' };
  tlsChain.filters = proxyFilters(l, c, clusters, notes, [...at, 'filter_chains', first]);
  tlsChain.transport_socket = downstreamTransportSocket(dir);
  chains.push(tlsChain);
  if (l.tls === 'permissive') {
    chains.push({
      name: 'plaintext',
      filter_chain_match: { transport_protocol: 'raw_buffer' },
      filters: proxyFilters(l, c, clusters, notes, [...at, 'filter_chains', first + 1]),
    });
  }
  return chains;
}

function need(clusters: Map<string, Cluster>, name: string): Cluster {
  const c = clusters.get(name);
  if (!c) throw new Error(`plan listener refers to unknown cluster ${name}`);
  return c;
}

/** Plan listener -> Envoy Listener; `index` is its position in static_resources.listeners. */
export function envoyListener(l: Listener, index: number, clusters: Map<string, Cluster>, notes: Notes, dir: string): JsonObject {
  const at = ['static_resources', 'listeners', index];
  const udp = l.transport === 'udp';
  const out: JsonObject = {
    name: l.name,
    address: socketAddress(l.address, l.port, udp),
    traffic_direction: l.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
  };
  if (udp) {
    out.udp_listener_config = {};
    out.listener_filters = [udpProxy(l, udpCluster(l, clusters), at, notes)];
    return out;
  }
  const ppFilter = proxyProtocolListenerFilter(l);
  const inspector: JsonObject = { name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': TYPE.tlsInspector } };
  // The tls_inspector sniffs SNI (tls/auto/SNI routes) or, for permissive mTLS, tells a
  // ClientHello from plaintext. Permissive without a detection timeout still needs a short wait.
  const sniffs = l.protocol === 'tls' || l.protocol === 'auto' || l.sniRoutes.length > 0;
  const permissive = !sniffs && l.tls === 'permissive';
  const helloMs = permissive && l.detectionTimeoutMs === 0 ? PERMISSIVE_DETECTION_MS : l.detectionTimeoutMs;
  if ((sniffs || permissive) && ppFilter && l.proxyProtocol) {
    // The PROXY header comes before the ClientHello, so its filter runs first. One
    // listener_filters_timeout covers both filters, and a connection whose PROXY header times out
    // must be closed, not passed on: so no continue_on_listener_filters_timeout, and a client that
    // sends nothing is closed after the timeout instead of proceeding as plain TCP.
    out.listener_filters = [ppFilter, inspector];
    out.listener_filters_timeout = duration(l.proxyProtocol.timeoutMs + helloMs);
    notes.add(at, 'listener_filters_timeout', ' PROXY header + ClientHello wait; Envoy has one timeout for both and closes on expiry (meshc run: a client silent after the header proceeds as plain TCP).');
  } else if (sniffs) {
    out.listener_filters = [inspector];
    if (l.detectionTimeoutMs > 0) {
      // Like our sniffer: wait this long for a ClientHello, then carry on as plain TCP.
      out.listener_filters_timeout = duration(l.detectionTimeoutMs);
      out.continue_on_listener_filters_timeout = true;
    } else {
      notes.add(at, 'listener_filters', ' detectionTimeout 0: Envoy waits for the ClientHello without a time limit (listener_filters_timeout 0s).');
      out.listener_filters_timeout = '0s';
    }
  } else if (permissive) {
    // Tell a ClientHello from plaintext; a client that sends nothing (server-first protocols)
    // passes as plaintext after the timeout.
    out.listener_filters = [inspector];
    out.listener_filters_timeout = duration(helloMs);
    out.continue_on_listener_filters_timeout = true;
  } else if (ppFilter && l.proxyProtocol) {
    out.listener_filters = [ppFilter];
    // Envoy's wait for all listener filters (default 15s); on expiry the connection is closed.
    out.listener_filters_timeout = duration(l.proxyProtocol.timeoutMs);
  }
  out.filter_chains = filterChains(l, clusters, at, notes, dir);
  return out;
}
