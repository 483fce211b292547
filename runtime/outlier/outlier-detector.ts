import type { OutlierDetection } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';

/** Passive outlier detection: consecutive connect failures eject a host for a while. STUB. */
export class OutlierDetector {
  constructor(
    private readonly cluster: Cluster,
    private config: OutlierDetection,
  ) {}

  onFailure(host: Host): void {
    host.consecutiveFailures++;
    void this.cluster;
  }

  onSuccess(host: Host): void {
    host.consecutiveFailures = 0;
  }

  update(config: OutlierDetection): void {
    this.config = config;
    void this.config;
  }

  stop(): void {}
}
