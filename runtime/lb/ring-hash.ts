import type { Host } from '../cluster/host.js';
import { hash32, type LoadBalancer } from './load-balancer.js';

/** Envoy's RingHashLbConfig defaults. */
export const MIN_RING_SIZE = 1024;
export const MAX_RING_SIZE = 8 * 1024 * 1024;

/**
 * Consistent hashing on a ring (Envoy `RING_HASH`, ketama-style) keyed by the client IP. Each
 * host owns a number of ring points proportional to its weight; the ring has at least
 * MIN_RING_SIZE points, sized the way Envoy sizes it (the lightest host gets at least one
 * point per `1/MIN_RING_SIZE` of normalized weight). A client maps to the first point at or after
 * the hash of its IP. Removing a host only moves the clients that were on its points.
 */
export class RingHash implements LoadBalancer {
  private hosts: readonly Host[] = [];
  /** Point hashes, ascending. */
  private points = new Uint32Array(0);
  /** Host index owning each point. */
  private owners = new Int32Array(0);

  constructor(
    private readonly minRingSize = MIN_RING_SIZE,
    private readonly maxRingSize = MAX_RING_SIZE,
  ) {}

  setHosts(hosts: readonly Host[]): void {
    this.hosts = hosts;
    const n = hosts.length;
    if (n === 0) {
      this.points = new Uint32Array(0);
      this.owners = new Int32Array(0);
      return;
    }
    let total = 0;
    for (const h of hosts) total += h.weight;
    let minNorm = 1;
    for (const h of hosts) minNorm = Math.min(minNorm, h.weight / total);
    // Envoy: scale so the lightest host gets ceil(minNorm * minRingSize) points, capped by max.
    const scale = Math.min(Math.ceil(minNorm * this.minRingSize) / minNorm, this.maxRingSize);
    const size = Math.max(n, Math.ceil(scale));
    const hashes = new Uint32Array(size + n);
    const owners = new Int32Array(size + n);
    let count = 0;
    let target = 0;
    for (let i = 0; i < n; i++) {
      const h = hosts[i]!;
      target += (scale * h.weight) / total;
      // at least one point per host, however small its share rounds
      for (let k = 0; count < target || k === 0; k++) {
        hashes[count] = hash32(`${h.key}_${k}`);
        owners[count] = i;
        count++;
      }
    }
    const order = Array.from({ length: count }, (_, i) => i);
    // ties (equal hashes) resolve by host key so the ring does not depend on host order
    order.sort((a, b) => hashes[a]! - hashes[b]! || compareKeys(hosts[owners[a]!]!.key, hosts[owners[b]!]!.key));
    this.points = new Uint32Array(count);
    this.owners = new Int32Array(count);
    for (let j = 0; j < count; j++) {
      this.points[j] = hashes[order[j]!]!;
      this.owners[j] = owners[order[j]!]!;
    }
  }

  /** Number of points on the ring (tests, /clusters). */
  get size(): number {
    return this.points.length;
  }

  pick(clientIp: string): Host | undefined {
    const p = this.points;
    const n = p.length;
    if (n === 0) return undefined;
    const h = hash32(clientIp);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return this.hosts[this.owners[lo === n ? 0 : lo]!];
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
