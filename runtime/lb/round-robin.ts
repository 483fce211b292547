import type { Host } from '../cluster/host.js';
import type { LoadBalancer } from './load-balancer.js';

/** Smooth weighted round-robin (nginx's algorithm). STUB: unweighted until the TCP issue. */
export class RoundRobin implements LoadBalancer {
  private hosts: readonly Host[] = [];
  private next = 0;

  setHosts(hosts: readonly Host[]): void {
    this.hosts = hosts;
    this.next = 0;
  }

  pick(_clientIp: string): Host | undefined {
    const n = this.hosts.length;
    if (n === 0) return undefined;
    const h = this.hosts[this.next % n];
    this.next = (this.next + 1) % n;
    return h;
  }
}
