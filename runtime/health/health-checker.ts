import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { PromWriter } from '../metrics.js';
import { ActiveHealthChecker } from './active-health-checker.js';
import { tcpProbe } from './tcp-health-checker.js';
import { udpProbe } from './udp-health-checker.js';

export type { FailureReason, ProbeResult, ProbeSpec, Probe } from './probe.js';

/** Active health checking for one cluster (Envoy: HealthChecker). */
export interface HealthChecker {
  /** Start checking every current host of the cluster (first checks spread over one interval). */
  start(): void;
  /** Stop every timer and close every in-flight check socket. */
  stop(): void;
  /** A host joined the cluster: schedule its first check. */
  addHost(host: Host): void;
  /** A host left the cluster: cancel its timer and any in-flight check. */
  removeHost(host: Host): void;
  collect?(w: PromWriter): void;
}

/** The checker for the cluster's `healthCheck.type`, or null for `none`. */
export function createHealthChecker(cluster: Cluster): HealthChecker | null {
  const hc = cluster.config.healthCheck;
  if (hc.type === 'none') return null;
  return new ActiveHealthChecker(cluster, hc, hc.type === 'tcp' ? tcpProbe : udpProbe);
}
