import type { LoadBalancer } from './load-balancer.js';
import { RoundRobin } from './round-robin.js';
import { LeastConnections } from './least-connections.js';
import { RandomLb } from './random.js';
import { RingHash } from './ring-hash.js';
import { Maglev } from './maglev.js';

export type LbPolicy = 'round-robin' | 'least-connections' | 'random' | 'ring-hash' | 'maglev';

/** Every policy by its plan name. */
const POLICIES: Record<LbPolicy, () => LoadBalancer> = {
  'round-robin': () => new RoundRobin(),
  'least-connections': () => new LeastConnections(),
  random: () => new RandomLb(),
  'ring-hash': () => new RingHash(),
  maglev: () => new Maglev(),
};

/** A fresh load balancer for `policy`. */
export function createLoadBalancer(policy: LbPolicy): LoadBalancer {
  return POLICIES[policy]();
}

export const LB_POLICIES = Object.keys(POLICIES) as LbPolicy[];
