import type { Host } from './host.js';

/**
 * Source-IP session affinity: client IP -> host, sticky while the host stays available and
 * until `ttlMs` after the client's last connection/session ended (HAProxy's stick-table
 * `expire`). Memory is bounded: expired entries are swept periodically and the table has a
 * hard cap beyond which the oldest entries are evicted (Map keeps insertion order).
 * The sweep timer is armed only while the table holds entries, so an idle sidecar never wakes
 * up for it (docs/benchmarks.md, footprint).
 */
export class AffinityTable {
  private readonly entries = new Map<string, { host: Host; refs: number; lastSeen: number }>();
  private sweeper: NodeJS.Timeout | null = null;
  /** Between start() and stop(): sweep while there are entries. */
  private running = false;

  constructor(
    public ttlMs: number,
    private readonly maxEntries = 1_000_000,
  ) {}

  /** The sticky host for `ip`, if any and still usable; refreshes its position. */
  lookup(ip: string, now: number): Host | undefined {
    const e = this.entries.get(ip);
    if (!e) return undefined;
    if (e.host.removed || (e.refs === 0 && now - e.lastSeen > this.ttlMs)) {
      this.entries.delete(ip);
      return undefined;
    }
    if (!e.host.available) return undefined;
    return e.host;
  }

  /** Record that `ip` now uses `host` (one more live connection/session). */
  acquire(ip: string, host: Host, now: number): void {
    const e = this.entries.get(ip);
    if (e && e.host === host) {
      e.refs++;
      e.lastSeen = now;
      return;
    }
    // a new host for this ip: the entry restarts with this one connection (re-inserted last, so
    // the Map's order stays the eviction order)
    if (e) this.entries.delete(ip);
    this.entries.set(ip, { host, refs: 1, lastSeen: now });
    if (this.entries.size > this.maxEntries) this.evictOldest();
    if (this.sweeper === null && this.running) this.arm();
  }

  /** A connection/session of `ip` on `host` ended; the ttl clock starts when none remain. */
  release(ip: string, host: Host, now: number): void {
    const e = this.entries.get(ip);
    if (!e || e.host !== host) return;
    if (e.refs > 0) e.refs--;
    e.lastSeen = now;
  }

  /** Drop every entry pointing at `host` (removed from the cluster: its clients are released). */
  forget(host: Host): void {
    for (const [ip, e] of this.entries) if (e.host === host) this.entries.delete(ip);
  }

  /** Remove idle entries older than the ttl; disarms the timer once the table is empty. */
  sweep(now: number): void {
    for (const [ip, e] of this.entries) {
      if (e.refs === 0 && now - e.lastSeen > this.ttlMs) this.entries.delete(ip);
    }
    if (this.entries.size === 0) this.disarm();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the sweep timer is armed (for tests). */
  get sweeping(): boolean {
    return this.sweeper !== null;
  }

  /** Sweep periodically from now on, whenever the table holds entries (unref'd timer). */
  start(): void {
    this.running = true;
    if (this.sweeper === null && this.entries.size > 0) this.arm();
  }

  stop(): void {
    this.running = false;
    this.disarm();
  }

  private arm(): void {
    const every = Math.max(1000, Math.min(60_000, Math.floor(this.ttlMs / 2) || 1000));
    this.sweeper = setInterval(() => this.sweep(Date.now()), every);
    this.sweeper.unref();
  }

  private disarm(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  private evictOldest(): void {
    for (const [ip, e] of this.entries) {
      if (e.refs === 0) {
        this.entries.delete(ip);
        return;
      }
    }
    // every entry is live: drop the oldest anyway so the cap holds
    const first = this.entries.keys().next();
    if (!first.done) this.entries.delete(first.value);
  }
}
