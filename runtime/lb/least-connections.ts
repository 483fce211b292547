import type { Host } from '../cluster/host.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * Exact weighted least-connections (HAProxy `leastconn`, nginx `least_conn`): the host with the
 * fewest active connections relative to its weight, i.e. the smallest `active / weight`. Every
 * host is inspected on every pick (no power-of-two sampling as in Envoy), so the choice is exact.
 * Ties go round-robin: the scan starts after the previously chosen host and keeps the first
 * minimum it meets.
 */
export class LeastConnections implements LoadBalancer {
  private hosts: readonly Host[] = [];
  private start = 0;

  setHosts(hosts: readonly Host[]): void {
    this.hosts = hosts;
    this.start = 0;
  }

  pick(_clientIp: string): Host | undefined {
    const hosts = this.hosts;
    const n = hosts.length;
    if (n === 0) return undefined;
    const origin = this.start < n ? this.start : 0;
    let bestIdx = origin;
    let best = hosts[origin]!;
    for (let k = 1; k < n; k++) {
      let i = origin + k;
      if (i >= n) i -= n;
      const h = hosts[i]!;
      // a/wa < b/wb  <=>  a*wb < b*wa (weights are positive integers; no division, no float error)
      if (h.active * best.weight < best.active * h.weight) {
        best = h;
        bestIdx = i;
      }
    }
    this.start = bestIdx + 1 === n ? 0 : bestIdx + 1;
    return best;
  }
}
