import type { Host } from '../cluster/host.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * Weighted random: a host is chosen with probability `weight / sum(weights)`. Cumulative
 * weights are precomputed in `setHosts`; a pick is one random number and a binary search.
 */
export class RandomLb implements LoadBalancer {
  private hosts: readonly Host[] = [];
  /** cumulative[i] = weight[0] + ... + weight[i] */
  private cumulative = new Float64Array(0);
  private total = 0;

  setHosts(hosts: readonly Host[]): void {
    this.hosts = hosts;
    this.cumulative = new Float64Array(hosts.length);
    let sum = 0;
    for (let i = 0; i < hosts.length; i++) {
      sum += hosts[i]!.weight;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  pick(_clientIp: string): Host | undefined {
    const n = this.hosts.length;
    if (n === 0) return undefined;
    const r = Math.random() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r < c[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.hosts[lo];
  }
}
