import type { Host } from '../cluster/host.js';
import { hash32, type LoadBalancer } from './load-balancer.js';

/** Envoy's default Maglev table size (a prime). */
export const MAGLEV_TABLE_SIZE = 65537;

/**
 * Maglev consistent hashing (Eisenbud et al., NSDI'16; Envoy `MAGLEV`) keyed by the client IP.
 * Every host walks its own permutation of the table (offset and skip from two hashes of its key)
 * and claims the next free slot in turn; with weights, a host takes a turn only when its share is
 * due (Envoy's weighted variant), so slots are proportional to weight. A pick is one hash and one
 * array read. Removing a host moves few clients besides its own.
 */
export class Maglev implements LoadBalancer {
  private hosts: readonly Host[] = [];
  private table = new Int32Array(0);

  constructor(private readonly tableSize = MAGLEV_TABLE_SIZE) {}

  setHosts(hosts: readonly Host[]): void {
    // sort by key so the table depends only on the host set, not on config/DNS order
    const sorted = [...hosts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.hosts = sorted;
    const n = sorted.length;
    const m = this.tableSize;
    if (n === 0) {
      this.table = new Int32Array(0);
      return;
    }
    const offset = new Uint32Array(n);
    const skip = new Uint32Array(n);
    const next = new Uint32Array(n);
    const weight = new Float64Array(n);
    const target = new Float64Array(n);
    let maxW = 0;
    for (let i = 0; i < n; i++) {
      const h = sorted[i]!;
      offset[i] = hash32(h.key, 0x9747b28c) % m;
      skip[i] = (hash32(h.key, 0x2f5b1a3d) % (m - 1)) + 1;
      weight[i] = h.weight;
      if (h.weight > maxW) maxW = h.weight;
    }
    const table = new Int32Array(m).fill(-1);
    let filled = 0;
    for (let iteration = 1; filled < m; iteration++) {
      for (let i = 0; i < n && filled < m; i++) {
        // a host of weight maxW takes a slot every iteration; weight maxW/3 every third one
        if (iteration * weight[i]! < target[i]!) continue;
        target[i]! += maxW;
        let c = (offset[i]! + skip[i]! * next[i]!) % m;
        while (table[c] !== -1) {
          next[i]!++;
          c = (offset[i]! + skip[i]! * next[i]!) % m;
        }
        table[c] = i;
        next[i]!++;
        filled++;
      }
    }
    this.table = table;
  }

  pick(clientIp: string): Host | undefined {
    const t = this.table;
    if (t.length === 0) return undefined;
    return this.hosts[t[hash32(clientIp) % t.length]!];
  }
}
