/**
 * Plan Listener -> Envoy v3 `config.listener.v3.Listener` (as a YAML-ready object):
 * tcp/tls/http/auto -> filter chains with `envoy.filters.network.tcp_proxy` (one chain per SNI
 * route plus a default one), udp -> `udp_listener_config` + the `udp_proxy` listener filter.
 */
import type { Cluster, Listener } from '../../schemas/types/plan.gen.js';
import { hashesSourceIp } from './envoy-cluster.js';
import { duration, socketAddress, statPrefix, stdoutAccessLog, TYPE, type Json, type JsonObject, type Notes } from './envoy-common.js';
import { downstreamTransportSocket, rbacFilters } from './envoy-tls.js';

/** Permissive mTLS on a port without a detection timeout: how long to wait for a ClientHello. */
const PERMISSIVE_DETECTION_MS = 100;

/** Envoy's UDP proxy has no "never": a plan idle timeout of 0 becomes one year. */
const UDP_NO_IDLE_TIMEOUT_MS = 365 * 24 * 3600 * 1000;

function tcpProxy(l: Listener, c: Cluster): JsonObject {
  const cfg: JsonObject = {
    '@type': TYPE.tcpProxy,
    stat_prefix: statPrefix(l.name),
    cluster: c.name,
    // 0 disables the timeout in both Envoy and our runtime.
    idle_timeout: duration(c.connection.idleTimeoutMs),
    max_connect_attempts: c.connection.connectAttempts,
  };
  if (hashesSourceIp(c)) cfg.hash_policy = [{ source_ip: {} }];
  cfg.access_log = stdoutAccessLog();
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: cfg };
}

function udpProxy(l: Listener, c: Cluster, at: Array<string | number>, notes: Notes): JsonObject {
  let idle = c.connection.idleTimeoutMs;
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
      filters: [tcpProxy(l, need(clusters, route.cluster))],
    });
  }
  if (l.cluster !== undefined && l.tls !== undefined) {
    chains.push(...mtlsChains(l, need(clusters, l.cluster), at, notes, dir));
  } else if (l.cluster !== undefined) {
    const chainAt = [...at, 'filter_chains', chains.length];
    chains.push({ name: 'default', filters: [...rbacFilters(l, chainAt, notes), tcpProxy(l, need(clusters, l.cluster))] });
  } else {
    notes.add(at, 'filter_chains', ' no default cluster: a connection whose SNI matches no chain is closed (as in meshc run).');
  }
  return chains;
}

/**
 * Inbound mutual TLS: strict is one chain that terminates TLS and requires a client certificate;
 * permissive adds a plaintext chain, picked by the tls_inspector's verdict (as Istio does).
 */
function mtlsChains(l: Listener, c: Cluster, at: Array<string | number>, notes: Notes, dir: string): Json[] {
  const chains: Json[] = [];
  const tlsChain: JsonObject = { name: 'mtls' };
  if (l.tls === 'permissive') tlsChain.filter_chain_match = { transport_protocol: 'tls' };
  tlsChain.filters = [...rbacFilters(l, [...at, 'filter_chains', 0], notes), tcpProxy(l, c)];
  tlsChain.transport_socket = downstreamTransportSocket(dir);
  chains.push(tlsChain);
  if (l.tls === 'permissive') {
    chains.push({
      name: 'plaintext',
      filter_chain_match: { transport_protocol: 'raw_buffer' },
      filters: [...rbacFilters(l, [...at, 'filter_chains', 1], notes), tcpProxy(l, c)],
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
    out.listener_filters = [udpProxy(l, need(clusters, l.cluster ?? ''), at, notes)];
    return out;
  }
  if (l.protocol === 'tls' || l.protocol === 'auto' || l.sniRoutes.length > 0) {
    out.listener_filters = [{ name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': TYPE.tlsInspector } }];
    if (l.detectionTimeoutMs > 0) {
      // Like our sniffer: wait this long for a ClientHello, then carry on as plain TCP.
      out.listener_filters_timeout = duration(l.detectionTimeoutMs);
      out.continue_on_listener_filters_timeout = true;
    } else {
      notes.add(at, 'listener_filters', ' detectionTimeout 0: Envoy waits for the ClientHello without a time limit (listener_filters_timeout 0s).');
      out.listener_filters_timeout = '0s';
    }
  }
  if (l.tls === 'permissive' && out.listener_filters === undefined) {
    // Tell a ClientHello from plaintext; a client that sends nothing (server-first protocols)
    // passes as plaintext after the timeout.
    out.listener_filters = [{ name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': TYPE.tlsInspector } }];
    out.listener_filters_timeout = duration(l.detectionTimeoutMs > 0 ? l.detectionTimeoutMs : PERMISSIVE_DETECTION_MS);
    out.continue_on_listener_filters_timeout = true;
  }
  out.filter_chains = filterChains(l, clusters, at, notes, dir);
  return out;
}
