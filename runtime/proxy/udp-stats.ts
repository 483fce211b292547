import type { PromWriter } from '../metrics.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { CloseReason } from './udp-session.js';
import { DurationHistogram } from '../duration-histogram.js';
import { TERM_DRAIN_TIMEOUT, TERM_IDLE_TIMEOUT, TERM_MAX_DURATION, TERM_RESET } from '../access-log/record.js';

/**
 * Per-listener UDP counters: plain fields bumped on the data path, rendered only at scrape time.
 * Counters live on their own object so a listener's sessions can update them without a lookup.
 */
export class UdpStats {
  sessionsTotal = 0;
  datagramsUp = 0;
  datagramsDown = 0;
  bytesUp = 0;
  bytesDown = 0;
  /** Upstream socket errors (ICMP unreachable, failed connect) that ended a session. */
  upstreamErrors = 0;
  closedIdle = 0;
  closedError = 0;
  closedDrain = 0;
  closedShutdown = 0;
  /** Ended by the listener's maxConnectionDuration. */
  closedMaxDuration = 0;
  /** First datagrams of new clients dropped by maxConnectionRate. */
  dropRateLimited = 0;
  dropOverflow = 0;
  dropNoHost = 0;
  dropDraining = 0;
  dropSendError = 0;
  dropQueueFull = 0;
  /** How long ended sessions lasted (meshc_listener_connection_duration_seconds). */
  readonly durations = new DurationHistogram();

  /** Count a session's end by its reason. */
  sessionEnded(reason: CloseReason): void {
    if (reason === 'idle') this.closedIdle++;
    else if (reason === 'error') this.closedError++;
    else if (reason === 'drain') this.closedDrain++;
    else if (reason === 'max_duration') this.closedMaxDuration++;
    else this.closedShutdown++;
  }

  /** Render every UDP family for `listener`; `active` is the live session count. */
  collect(w: PromWriter, listener: string, active: number): void {
    const l = { listener };
    w.add('meshc_udp_sessions_active', 'gauge', 'Live UDP sessions (client address+port) per listener.', l, active);
    w.add('meshc_udp_sessions_total', 'counter', 'UDP sessions created per listener.', l, this.sessionsTotal);
    const closed = 'UDP sessions ended, by reason (idle timeout, upstream error, drain timeout, shutdown, max duration).';
    w.add('meshc_udp_sessions_closed_total', 'counter', closed, { listener, reason: 'idle' }, this.closedIdle);
    w.add('meshc_udp_sessions_closed_total', 'counter', closed, { listener, reason: 'error' }, this.closedError);
    w.add('meshc_udp_sessions_closed_total', 'counter', closed, { listener, reason: 'drain' }, this.closedDrain);
    w.add('meshc_udp_sessions_closed_total', 'counter', closed, { listener, reason: 'shutdown' }, this.closedShutdown);
    if (this.closedMaxDuration > 0) w.add('meshc_udp_sessions_closed_total', 'counter', closed, { listener, reason: 'max_duration' }, this.closedMaxDuration);
    const dg = 'UDP datagrams forwarded; direction="upstream" is client->endpoint, "downstream" is endpoint->client.';
    w.add('meshc_udp_datagrams_total', 'counter', dg, { listener, direction: 'upstream' }, this.datagramsUp);
    w.add('meshc_udp_datagrams_total', 'counter', dg, { listener, direction: 'downstream' }, this.datagramsDown);
    const by = 'UDP payload bytes forwarded; direction as for meshc_udp_datagrams_total.';
    w.add('meshc_udp_bytes_total', 'counter', by, { listener, direction: 'upstream' }, this.bytesUp);
    w.add('meshc_udp_bytes_total', 'counter', by, { listener, direction: 'downstream' }, this.bytesDown);
    const dr = 'UDP datagrams dropped, by reason.';
    w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'overflow' }, this.dropOverflow);
    w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'no_host' }, this.dropNoHost);
    w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'draining' }, this.dropDraining);
    w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'send_error' }, this.dropSendError);
    w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'queue_full' }, this.dropQueueFull);
    if (this.dropRateLimited > 0) w.add('meshc_udp_dropped_total', 'counter', dr, { listener, reason: 'rate_limited' }, this.dropRateLimited);
    w.add('meshc_udp_upstream_errors_total', 'counter', 'Upstream socket errors (ICMP unreachable, failed connect) that ended a UDP session.', l, this.upstreamErrors);
    // sessions also count as listener connections so one dashboard covers TCP and UDP
    w.add('meshc_listener_connections_total', 'counter', 'Connections accepted (UDP: sessions created) per listener.', l, this.sessionsTotal);
    w.add('meshc_listener_connections_active', 'gauge', 'Live connections (UDP: sessions) per listener.', l, active);
    this.durations.collect(w, listener);
  }

  /** The maxConnectionRate / maxConnectionDuration families, for listeners that set them. */
  collectTraffic(w: PromWriter, listener: string, rateLimited: boolean, maxDuration: boolean): void {
    const l = { listener };
    if (rateLimited || this.dropRateLimited > 0) w.add('meshc_listener_connections_rate_limited_total', 'counter', 'Connections closed at once by maxConnectionRate (flag RL).', l, this.dropRateLimited);
    if (maxDuration || this.closedMaxDuration > 0) w.add('meshc_listener_connections_max_duration_total', 'counter', 'Connections closed on reaching maxConnectionDuration (flag DT; Envoy: downstream_cx_max_duration_reached).', l, this.closedMaxDuration);
  }
}

/** The access log's termination of a UDP session that ended for `reason`. */
export function udpTermination(reason: CloseReason): number {
  return reason === 'idle' ? TERM_IDLE_TIMEOUT : reason === 'error' ? TERM_RESET : reason === 'max_duration' ? TERM_MAX_DURATION : TERM_DRAIN_TIMEOUT;
}

/**
 * Whether a new client address+port may open a session (draining, limit, a host to pick), for
 * both UDP data paths: the host, or undefined with the reason counted (the datagram is dropped).
 */
export function admitSession(cluster: Cluster | null, accepting: boolean, stats: UdpStats, ip: string): Host | undefined {
  if (!accepting) {
    stats.dropDraining++;
    return undefined;
  }
  if (cluster === null) {
    stats.dropNoHost++;
    return undefined;
  }
  if (cluster.active >= cluster.maxConnections) {
    stats.dropOverflow++;
    cluster.overflows++;
    return undefined;
  }
  const host = cluster.pick(ip);
  if (host === undefined) {
    stats.dropNoHost++;
    cluster.noHost++;
  }
  return host;
}
