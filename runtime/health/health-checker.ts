import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { PromWriter } from '../metrics.js';

/** Active health checking for one cluster (Envoy: HealthChecker). */
export interface HealthChecker {
  start(): void;
  stop(): void;
  addHost(host: Host): void;
  removeHost(host: Host): void;
  collect?(w: PromWriter): void;
}

/** The checker for the cluster's `healthCheck.type`, or null for `none`. STUB. */
export function createHealthChecker(cluster: Cluster): HealthChecker | null {
  if (cluster.config.healthCheck.type === 'none') return null;
  return null;
}
