import type { HealthCheck } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { HealthChecker } from './health-checker.js';
import type { Probe, ProbeResult, ProbeSpec } from './probe.js';

/** SPEC defaults for a check whose plan leaves a field out (the compiler normally fills them). */
export const HEALTH_DEFAULTS = { intervalMs: 5000, timeoutMs: 1000, healthyThreshold: 2, unhealthyThreshold: 3 } as const;

/** Per-interval jitter: each wait is interval × [1 - JITTER, 1 + JITTER). */
const JITTER = 0.1;

interface HostState {
  readonly host: Host;
  timer: NodeJS.Timeout | null;
  /** Aborts the in-flight probe (host removed / checker stopped). */
  abort: AbortController | null;
  successes: number;
  failures: number;
  /** No result yet: Envoy's rule makes the very first success enough to turn a new host healthy. */
  first: boolean;
}

/**
 * The scheduling half of active health checking, shared by the TCP and UDP checkers: one timer
 * per host, first check at a random point of the first interval, then every interval ±10%, so a
 * cluster of 1,000 hosts spreads its checks instead of firing them together. The transport half
 * is a `Probe`. Everything runs on timers off the data path; results only flip `host.healthy` and
 * ask the cluster to refresh its load balancer.
 */
export class ActiveHealthChecker implements HealthChecker {
  private readonly states = new Map<Host, HostState>();
  private running = false;
  private readonly spec: ProbeSpec;
  private readonly intervalMs: number;
  private readonly healthyThreshold: number;
  private readonly unhealthyThreshold: number;

  constructor(
    private readonly cluster: Cluster,
    hc: HealthCheck,
    private readonly probe: Probe,
  ) {
    this.intervalMs = hc.intervalMs ?? HEALTH_DEFAULTS.intervalMs;
    this.healthyThreshold = hc.healthyThreshold ?? HEALTH_DEFAULTS.healthyThreshold;
    this.unhealthyThreshold = hc.unhealthyThreshold ?? HEALTH_DEFAULTS.unhealthyThreshold;
    this.spec = {
      timeoutMs: hc.timeoutMs ?? HEALTH_DEFAULTS.timeoutMs,
      send: Buffer.from(hc.sendHex ?? '', 'hex'),
      expect: Buffer.from(hc.expectHex ?? '', 'hex'),
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const h of this.cluster.hosts) this.addHost(h);
  }

  stop(): void {
    this.running = false;
    for (const s of this.states.values()) this.cancel(s);
    this.states.clear();
  }

  addHost(host: Host): void {
    if (!this.running || this.states.has(host)) return;
    const s: HostState = { host, timer: null, abort: null, successes: 0, failures: 0, first: true };
    this.states.set(host, s);
    this.schedule(s, Math.random() * this.intervalMs);
  }

  removeHost(host: Host): void {
    const s = this.states.get(host);
    if (!s) return;
    this.cancel(s);
    this.states.delete(host);
  }

  /** Hosts currently being checked (tests, introspection). */
  get size(): number {
    return this.states.size;
  }

  private cancel(s: HostState): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    s.abort?.abort();
    s.abort = null;
  }

  private schedule(s: HostState, delayMs: number): void {
    s.timer = setTimeout(() => this.run(s), delayMs);
    // the runtime's sockets keep the process alive; a checker alone must not
    s.timer.unref();
  }

  private run(s: HostState): void {
    s.timer = null;
    const ac = new AbortController();
    s.abort = ac;
    const started = Date.now();
    this.probe(s.host, this.spec, ac.signal)
      .catch((): ProbeResult => 'error')
      .then((result) => {
        // stopped, host removed, or replaced meanwhile: this result belongs to nobody
        if (ac.signal.aborted || this.states.get(s.host) !== s) return;
        s.abort = null;
        this.record(s, result);
        // the next check keeps the cadence from this one's start, never overlapping it
        const wait = this.intervalMs * (1 - JITTER + 2 * JITTER * Math.random());
        this.schedule(s, Math.max(0, started + wait - Date.now()));
      });
  }

  private record(s: HostState, result: ProbeResult): void {
    const h = s.host;
    const stats = this.cluster.healthStats;
    const first = s.first;
    s.first = false;
    if (result === null) {
      stats.successes++;
      s.failures = 0;
      s.successes++;
      h.healthFailure = null;
      if (!h.healthy && (first || s.successes >= this.healthyThreshold)) this.transition(h, true, null);
    } else {
      stats.failures[result]++;
      s.successes = 0;
      s.failures++;
      h.healthFailure = result;
      if (h.healthy && s.failures >= this.unhealthyThreshold) this.transition(h, false, result);
    }
  }

  private transition(h: Host, healthy: boolean, reason: string | null): void {
    h.healthy = healthy;
    const c = this.cluster;
    if (healthy) {
      c.healthStats.toHealthy++;
      c.logger.info({ cluster: c.name, endpoint: h.key }, 'endpoint healthy');
    } else {
      c.healthStats.toUnhealthy++;
      c.logger.info({ cluster: c.name, endpoint: h.key, reason, failures: this.unhealthyThreshold }, 'endpoint unhealthy');
    }
    c.refresh();
  }
}
