import type { LoadBalancer } from './load-balancer.js';
import { RoundRobin } from './round-robin.js';

export type LbPolicy = 'round-robin' | 'least-connections' | 'random' | 'ring-hash' | 'maglev';

/** Every policy by its plan name. STUB: the TCP runtime issue registers the other policies. */
const POLICIES: Record<LbPolicy, () => LoadBalancer> = {
  'round-robin': () => new RoundRobin(),
  'least-connections': () => new RoundRobin(),
  random: () => new RoundRobin(),
  'ring-hash': () => new RoundRobin(),
  maglev: () => new RoundRobin(),
};

/** A fresh load balancer for `policy`. */
export function createLoadBalancer(policy: LbPolicy): LoadBalancer {
  return POLICIES[policy]();
}

export const LB_POLICIES = Object.keys(POLICIES) as LbPolicy[];
