import type { Host } from '../cluster/host.js';

/**
 * A load-balancing policy (Envoy: LoadBalancer). The cluster calls `setHosts` whenever the set of
 * hosts eligible for new traffic changes (membership, health, ejection, panic), so `pick` only
 * chooses among the hosts it was last given and never filters on the hot path.
 */
export interface LoadBalancer {
  /** Replace the eligible host set. Hosts keep their identity; weights are read from `host.weight`. */
  setHosts(hosts: readonly Host[]): void;
  /** Choose a host for a new connection/session from `clientIp`; undefined only when the set is empty. */
  pick(clientIp: string): Host | undefined;
}

/** Constructor shared by every policy module. */
export type LoadBalancerFactory = () => LoadBalancer;

/** FNV-1a 32-bit over a string: a fast, stable hash for client IPs (ring-hash, maglev, affinity). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32) so nearby IPs spread over the whole range
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
