import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { PromWriter } from '../metrics.js';
import type { UdpStats } from '../proxy/udp-stats.js';
import type { ClusterResolver } from './listener.js';
import { WeightedClusters } from '../lb/weighted-clusters.js';
import { rateLimitFor, type ConnectionRateLimit } from './connection-rate-limit.js';
import { MaxDuration } from './max-duration.js';

/**
 * A UDP listener's SPEC 9 settings, shared by both UDP data paths and rebuilt on every plan
 * apply: the split's target choice, the session rate limit, the max session duration and the
 * idle timeout override. UDP listeners run in one process even with `--workers` (worker 0), so
 * the rate limit is never divided.
 */
export class UdpTraffic {
  split: WeightedClusters | null = null;
  rateLimit: ConnectionRateLimit | null = null;
  maxDuration: MaxDuration | null = null;
  /** Listener.idleTimeoutMs, -1 = each cluster's. */
  idleTimeoutMs = -1;

  configure(config: ListenerConfig, resolve: ClusterResolver): void {
    this.split = config.weightedClusters !== undefined ? new WeightedClusters(config.weightedClusters, resolve) : null;
    this.rateLimit = rateLimitFor(config.maxConnectionRate, 1, this.rateLimit);
    this.maxDuration = MaxDuration.of(config.maxConnectionDuration);
    this.idleTimeoutMs = config.idleTimeoutMs ?? -1;
  }

  /** A new session may start as far as the rate limit goes (a refused one is counted). Draining listeners count nothing here. */
  admitRate(accepting: boolean, stats: UdpStats): boolean {
    if (this.rateLimit === null || !accepting || this.rateLimit.take(Date.now())) return true;
    stats.dropRateLimited++;
    return false;
  }

  /** The idle timeout a session on `c` gets (ms, 0 = none). */
  idleFor(c: Cluster): number {
    return this.idleTimeoutMs >= 0 ? this.idleTimeoutMs : c.idleTimeoutMs;
  }

  /** The shortest deadline any new session can have (ms): what the expiry clock must resolve. */
  shortestMs(cluster: Cluster | null): number {
    let ms = Infinity;
    const consider = (v: number): void => {
      if (v > 0 && v < ms) ms = v;
    };
    if (cluster !== null) consider(this.idleFor(cluster));
    if (this.split !== null) for (const c of this.split.clusters) consider(this.idleFor(c));
    if (this.maxDuration !== null) consider(this.maxDuration.ms);
    return Number.isFinite(ms) ? ms : 60_000;
  }

  /** The rate-limit and max-duration counters, when the listener uses them. */
  collect(w: PromWriter, listener: string, stats: UdpStats): void {
    stats.collectTraffic(w, listener, this.rateLimit !== null, this.maxDuration !== null);
  }
}
