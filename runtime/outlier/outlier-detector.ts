import type { OutlierDetection } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { PromWriter } from '../metrics.js';

/** Envoy's default `max_ejection_time`: no ejection lasts longer (unless the base alone does). */
export const MAX_EJECTION_MS = 300_000;

interface Streak {
  /** Ejection multiplier: ejections in a row, decayed while the host behaves. */
  level: number;
  /** When the host last came back (epoch ms). */
  since: number;
}

/**
 * Passive outlier detection (Envoy: consecutive_5xx / consecutive_gateway_failure for L4):
 * `consecutiveFailures` connect failures (TCP) or ICMP errors (UDP) in a row eject a host for
 * `baseEjectionTimeMs × level`, capped at max(base, 300 s). The level grows by one per ejection
 * and decays by one for every base ejection time the host then spends back in rotation, so a host
 * that flaps stays out longer while one that recovered is not punished forever. At most
 * `maxEjectionPercent` of the cluster's hosts are ejected at once, but one host may always be
 * ejected (Envoy's rule, so small clusters still get protection). Each ejected host has one
 * unref'd timer that brings it back.
 */
export class OutlierDetector {
  private readonly timers = new Map<Host, NodeJS.Timeout>();
  private readonly streaks = new WeakMap<Host, Streak>();
  /** Ejections performed (meshc_outlier_ejections_total). */
  ejectionsTotal = 0;
  /** Ejections skipped because maxEjectionPercent was reached. */
  overflowTotal = 0;

  constructor(
    private readonly cluster: Cluster,
    private config: OutlierDetection,
  ) {}

  /** A connect failure / ICMP error on `host`. */
  onFailure(host: Host): void {
    host.consecutiveFailures++;
    if (!this.config.enabled || host.ejected || host.removed) return;
    if (host.consecutiveFailures >= this.config.consecutiveFailures) this.eject(host);
  }

  /** A successful connect to `host`: the failure streak starts over. */
  onSuccess(host: Host): void {
    host.consecutiveFailures = 0;
  }

  /** A reload changed the settings; turning detection off returns every ejected host at once. */
  update(config: OutlierDetection): void {
    this.config = config;
    if (!config.enabled && this.timers.size > 0) {
      for (const h of [...this.timers.keys()]) this.uneject(h, 'outlier detection disabled');
    }
  }

  /** `host` left the cluster: drop its timer. */
  forget(host: Host): void {
    const t = this.timers.get(host);
    if (t) clearTimeout(t);
    this.timers.delete(host);
  }

  /** Cancel every timer (cluster removed or runtime stopping). */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Hosts currently ejected. */
  get ejectedCount(): number {
    let n = 0;
    for (const h of this.cluster.hosts) if (h.ejected) n++;
    return n;
  }

  private eject(host: Host): void {
    const c = this.cluster;
    const ejected = this.ejectedCount;
    if (ejected > 0 && (ejected + 1) * 100 > this.config.maxEjectionPercent * c.hosts.length) {
      this.overflowTotal++;
      c.logger.debug({ cluster: c.name, endpoint: host.key, ejected }, 'outlier ejection skipped: maxEjectionPercent reached');
      return;
    }
    const now = Date.now();
    const base = this.config.baseEjectionTimeMs;
    const prev = this.streaks.get(host);
    const decayed = prev ? Math.max(0, prev.level - Math.floor((now - prev.since) / base)) : 0;
    const level = decayed + 1;
    const ms = Math.min(base * level, Math.max(base, MAX_EJECTION_MS));
    this.streaks.set(host, { level, since: now });
    const failures = host.consecutiveFailures;
    host.ejected = true;
    host.ejectedUntil = now + ms;
    host.ejections++;
    host.consecutiveFailures = 0;
    this.ejectionsTotal++;
    const t = setTimeout(() => this.uneject(host, 'ejection time elapsed'), ms);
    t.unref();
    this.timers.set(host, t);
    c.logger.warn({ cluster: c.name, endpoint: host.key, failures, ejectionMs: ms, ejections: host.ejections }, 'endpoint ejected (outlier detection)');
    c.refresh();
  }

  private uneject(host: Host, why: string): void {
    this.forget(host);
    if (!host.ejected) return;
    host.ejected = false;
    host.ejectedUntil = 0;
    host.consecutiveFailures = 0;
    const s = this.streaks.get(host);
    if (s) s.since = Date.now();
    const c = this.cluster;
    c.logger.info({ cluster: c.name, endpoint: host.key, why }, 'endpoint returned from ejection');
    c.refresh();
  }

  /** Prometheus samples for this cluster's detector. */
  collect(w: PromWriter): void {
    const cluster = this.cluster.name;
    w.add('meshc_outlier_ejections_total', 'counter', 'Endpoints ejected by passive outlier detection.', { cluster }, this.ejectionsTotal);
    w.add('meshc_outlier_ejections_active', 'gauge', 'Endpoints currently ejected.', { cluster }, this.ejectedCount);
    w.add('meshc_outlier_ejections_overflow_total', 'counter', 'Ejections skipped because maxEjectionPercent was reached.', { cluster }, this.overflowTotal);
  }
}
