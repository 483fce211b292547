import type { Logger } from './logger.js';
import type { Runtime } from './runtime.js';
import { loadPlanFile } from './plan/plan-loader.js';

export interface PlanSourceOptions {
  file: string;
  runtime: Runtime;
  logger: Logger;
}

/**
 * Where plans come from: a file (possibly inside a Kubernetes ConfigMap volume), applied to the
 * runtime at start and whenever it changes. STUB: initial load only, no watching yet.
 */
export class PlanSource {
  constructor(private readonly opts: PlanSourceOptions) {}

  /** Load and apply the initial plan; rejects when it is unusable (meshc run exits 1). */
  async start(): Promise<void> {
    const plan = await loadPlanFile(this.opts.file);
    await this.opts.runtime.apply(plan);
    this.opts.runtime.recordReload(true);
  }

  /** Re-read the file now and apply it if it changed (SIGHUP). Never rejects. */
  async reload(): Promise<void> {
    try {
      const plan = await loadPlanFile(this.opts.file);
      if (plan.hash === this.opts.runtime.plan?.hash) return;
      await this.opts.runtime.apply(plan);
      this.opts.runtime.recordReload(true);
    } catch (err) {
      this.opts.runtime.recordReload(false);
      this.opts.logger.error({ err }, 'plan reload rejected; the old plan stays in force');
    }
  }

  /** Stop watching. */
  async stop(): Promise<void> {}
}
