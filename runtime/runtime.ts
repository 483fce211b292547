import type { Plan } from '../schemas/types/plan.gen.js';
import type { Logger } from './logger.js';
import { Cluster } from './cluster/cluster.js';
import { createListener } from './listener/index.js';
import { listenerKey, type Listener, type ListenerContext } from './listener/listener.js';
import { MeshcError } from './errors.js';
import type { PromWriter } from './metrics.js';

export interface RuntimeOptions {
  logger: Logger;
  /** How long removed listeners may keep live connections after a reload (ms). */
  drainTimeoutMs?: number;
}

/**
 * Executes plans: owns clusters and listeners and moves from one plan to the next without
 * dropping live connections. `apply` is all-or-nothing: new listeners are bound first, and if any
 * bind fails everything new is torn down and the old plan stays in force.
 */
export class Runtime {
  plan: Plan | null = null;
  readonly clusters = new Map<string, Cluster>();
  /** Keyed by transport:address:port (see listenerKey). */
  readonly listeners = new Map<string, Listener>();
  private readonly draining = new Set<Listener>();
  private readonly ctx: ListenerContext;
  private chain: Promise<unknown> = Promise.resolve();
  stopping = false;
  reloadsSuccess = 0;
  reloadsFailure = 0;
  drainTimeoutMs: number;

  constructor(private readonly opts: RuntimeOptions) {
    this.ctx = { logger: opts.logger };
    this.drainTimeoutMs = opts.drainTimeoutMs ?? 30_000;
  }

  get logger(): Logger {
    return this.opts.logger;
  }

  /** True once a plan is applied, every listener is bound, and we are not shutting down. */
  get ready(): boolean {
    return this.plan !== null && !this.stopping;
  }

  /** Apply `plan` (serialized with other applies). Rejects, leaving the old plan, on failure. */
  apply(plan: Plan): Promise<void> {
    const run = this.chain.then(() => this.applyNow(plan));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async applyNow(plan: Plan): Promise<void> {
    if (this.stopping) throw new MeshcError('E_STOPPING', 'runtime is shutting down');
    const fresh = new Map<string, Cluster>();
    for (const c of plan.clusters) {
      if (!this.clusters.has(c.name)) fresh.set(c.name, new Cluster(c, this.logger));
    }
    const resolve = (name: string): Cluster => {
      const c = fresh.get(name) ?? this.clusters.get(name);
      if (!c) throw new MeshcError('E_PLAN', `listener references unknown cluster ${name}`);
      return c;
    };

    // Phase 1: bind every new listener. Nothing visible changes until all of them are bound.
    const wanted = new Map(plan.listeners.map((l) => [listenerKey(l), l]));
    const added: Listener[] = [];
    try {
      for (const [key, l] of wanted) {
        if (this.listeners.has(key)) continue;
        const listener = createListener(l, resolve, this.ctx);
        added.push(listener);
        await listener.listen();
      }
    } catch (err) {
      for (const l of added) l.destroy();
      for (const c of fresh.values()) c.stop();
      throw err;
    }

    // Phase 2: commit. Clusters first so listeners see their new settings.
    const planned = new Set(plan.clusters.map((c) => c.name));
    for (const c of plan.clusters) {
      const existing = this.clusters.get(c.name);
      if (existing) existing.update(c);
      else {
        const nc = fresh.get(c.name)!;
        nc.start();
        this.clusters.set(c.name, nc);
      }
    }
    for (const [key, l] of wanted) {
      const existing = this.listeners.get(key);
      if (existing) existing.update(l, resolve);
    }
    for (const l of added) this.listeners.set(listenerKey(l.config), l);
    for (const [key, l] of this.listeners) {
      if (wanted.has(key)) continue;
      this.listeners.delete(key);
      void this.retire(l);
    }
    for (const [name, c] of this.clusters) {
      if (planned.has(name)) continue;
      // live connections keep their Host references; only background work stops
      c.stop();
      this.clusters.delete(name);
    }
    this.plan = plan;
  }

  /** Stop accepting on a removed listener and drain it in the background. */
  private async retire(l: Listener): Promise<void> {
    this.draining.add(l);
    try {
      await l.stopAccepting();
      await l.drain(this.drainTimeoutMs);
    } finally {
      this.draining.delete(l);
    }
  }

  /** Graceful shutdown: stop accepting everywhere, drain up to `drainTimeoutMs`, stop clusters. */
  async stop(drainTimeoutMs = this.drainTimeoutMs): Promise<void> {
    this.stopping = true;
    await this.chain;
    const all = [...this.listeners.values(), ...this.draining];
    await Promise.all(all.map((l) => l.stopAccepting()));
    await Promise.all(all.map((l) => l.drain(drainTimeoutMs)));
    for (const c of this.clusters.values()) c.stop();
    this.listeners.clear();
    this.draining.clear();
  }

  /** Count a plan reload outcome (meshc_plan_reloads_total). */
  recordReload(ok: boolean): void {
    if (ok) this.reloadsSuccess++;
    else this.reloadsFailure++;
  }

  /** Every sample the runtime exposes. */
  collect(w: PromWriter): void {
    const help = 'Plan applications by result (the initial load counts as a success).';
    w.add('meshc_plan_reloads_total', 'counter', help, { result: 'success' }, this.reloadsSuccess);
    w.add('meshc_plan_reloads_total', 'counter', help, { result: 'failure' }, this.reloadsFailure);
    w.add('meshc_plan_info', 'gauge', 'The plan in force (value 1), by name and hash.', { name: this.plan?.name ?? '', hash: this.plan?.hash ?? '' }, this.plan ? 1 : 0);
    for (const l of this.listeners.values()) l.collect(w);
    for (const l of this.draining) l.collect(w);
    for (const c of this.clusters.values()) c.collect(w);
  }
}
