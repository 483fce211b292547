import type { PromWriter } from '../metrics.js';
import type { FailureReason } from './probe.js';

const REASONS: readonly FailureReason[] = ['timeout', 'refused', 'mismatch', 'error'];

/**
 * Health-check counters of one cluster. Owned by the cluster (not the checker) so they survive a
 * reload that replaces the checker: Prometheus counters must not go backwards without a restart.
 */
export class HealthStats {
  successes = 0;
  readonly failures: Record<FailureReason, number> = { timeout: 0, refused: 0, mismatch: 0, error: 0 };
  toHealthy = 0;
  toUnhealthy = 0;

  /** Samples for one cluster. */
  collect(w: PromWriter, cluster: string): void {
    let failed = 0;
    for (const r of REASONS) failed += this.failures[r];
    const help = 'Active health checks run, by result.';
    w.add('meshc_health_checks_total', 'counter', help, { cluster, result: 'success' }, this.successes);
    w.add('meshc_health_checks_total', 'counter', help, { cluster, result: 'failure' }, failed);
    for (const r of REASONS) {
      w.add('meshc_health_check_failures_total', 'counter', 'Failed active health checks by reason (timeout|refused|mismatch|error).', { cluster, reason: r }, this.failures[r]);
    }
    const th = 'Endpoint health transitions decided by active checks.';
    w.add('meshc_health_check_transitions_total', 'counter', th, { cluster, to: 'healthy' }, this.toHealthy);
    w.add('meshc_health_check_transitions_total', 'counter', th, { cluster, to: 'unhealthy' }, this.toUnhealthy);
  }
}
