import type { Host } from '../cluster/host.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * Smooth weighted round-robin (nginx's algorithm): every pick adds each host's weight to its
 * current weight, takes the host with the largest current weight and subtracts the total from
 * it. Over any window of `sum(weights)` picks each host is chosen exactly `weight` times, and
 * heavy hosts are interleaved with light ones instead of being picked in bursts.
 */
export class RoundRobin implements LoadBalancer {
  private hosts: readonly Host[] = [];
  private weights = new Int32Array(0);
  private current = new Int32Array(0);
  private total = 0;
  /** True when every weight is equal: a plain rotation gives the same sequence, cheaper. */
  private uniform = true;
  private next = 0;

  setHosts(hosts: readonly Host[]): void {
    this.hosts = hosts;
    const n = hosts.length;
    this.weights = new Int32Array(n);
    this.current = new Int32Array(n);
    this.total = 0;
    this.uniform = true;
    for (let i = 0; i < n; i++) {
      const w = hosts[i]!.weight;
      this.weights[i] = w;
      this.total += w;
      if (w !== hosts[0]!.weight) this.uniform = false;
    }
    this.next = 0;
  }

  pick(_clientIp: string): Host | undefined {
    const n = this.hosts.length;
    if (n === 0) return undefined;
    if (this.uniform) {
      const h = this.hosts[this.next]!;
      this.next = this.next + 1 === n ? 0 : this.next + 1;
      return h;
    }
    const cur = this.current;
    const w = this.weights;
    let best = 0;
    for (let i = 0; i < n; i++) {
      cur[i]! += w[i]!;
      if (cur[i]! > cur[best]!) best = i;
    }
    cur[best]! -= this.total;
    return this.hosts[best];
  }
}
