import { isIPv6 } from 'node:net';
import type { Plan } from '../schemas/types/plan.gen.js';
import type { Logger } from './logger.js';
import { Cluster } from './cluster/cluster.js';
import { createListener } from './listener/index.js';
import { listenerKey, type Listener, type ListenerContext } from './listener/listener.js';
import { MeshcError } from './errors.js';
import type { PromWriter } from './metrics.js';
import type { AccessLog } from './access-log/access-log.js';
import { buildInfo } from './build-info.js';
import { declareDurationHistogram } from './duration-histogram.js';
import { listenerClusterNames } from './lb/weighted-clusters.js';
import { WorkloadTls } from './tls/workload-tls.js';
import { UpstreamTls } from './tls/upstream-tls.js';
import { Authorizer } from './authz/authorizer.js';

export interface RuntimeOptions {
  logger: Logger;
  /** How long removed listeners may keep live connections after a reload (ms). */
  drainTimeoutMs?: number;
  /** Clusters take membership and health from outside (a `--workers` worker); see Cluster.external. */
  externalHealth?: boolean;
  /** `meshc run --access-log`: every listener logs its connections here. */
  accessLog?: AccessLog | null;
  /** The share of each TCP listener's maxConnectionRate this process enforces (1/N in a `--workers N` worker). */
  connectionRateShare?: number;
}

/** What one successful `apply` changed (for logs and tests). */
export interface ApplySummary {
  listenersAdded: number;
  listenersRemoved: number;
  listenersKept: number;
  clustersAdded: number;
  clustersRemoved: number;
  clustersKept: number;
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
  /** Removed listeners still draining, with the promise that ends when they are closed. */
  private readonly draining = new Map<Listener, Promise<void>>();
  private readonly ctx: ListenerContext;
  private chain: Promise<unknown> = Promise.resolve();
  stopping = false;
  reloadsSuccess = 0;
  reloadsFailure = 0;
  drainTimeoutMs: number;
  /** The plan's TLS identity (certificate files, watched), or null when the plan has none. */
  tls: WorkloadTls | null = null;

  constructor(private readonly opts: RuntimeOptions) {
    this.ctx = { logger: opts.logger, accessLog: opts.accessLog ?? null, connectionRateShare: opts.connectionRateShare ?? 1 };
    // periodic access-log lines cover live and draining listeners
    if (opts.accessLog) opts.accessLog.sources = () => [...this.listeners.values(), ...this.draining.keys()];
    this.drainTimeoutMs = opts.drainTimeoutMs ?? 15_000; // as `meshc run --drain-timeout`
  }

  get logger(): Logger {
    return this.opts.logger;
  }

  /** True once a plan is applied, every listener is bound, and we are not shutting down. */
  get ready(): boolean {
    return this.plan !== null && !this.stopping;
  }

  /** Removed listeners that still hold live connections. */
  get drainingCount(): number {
    return this.draining.size;
  }

  /** Apply `plan` (serialized with other applies). Rejects, leaving the old plan, on failure. */
  apply(plan: Plan): Promise<ApplySummary> {
    const run = this.chain.then(() => this.applyNow(plan));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async applyNow(plan: Plan): Promise<ApplySummary> {
    if (this.stopping) throw new MeshcError('E_STOPPING', 'runtime is shutting down');
    checkReferences(plan);
    // The TLS identity first: files that do not load reject the plan (at start: exit 1 naming
    // the file). Same files as the plan in force: keep the loaded set, its watchers and counters.
    const prevTls = this.tls;
    const workload = plan.tls === undefined ? null : prevTls !== null && prevTls.sameFiles(plan.tls) ? prevTls : new WorkloadTls(plan.tls, this.logger);
    for (const c of plan.clusters) {
      if (c.tls !== undefined && workload === null) throw new MeshcError('E_PLAN_TLS', `cluster ${c.name}: tls mode mutual needs the plan's tls identity`);
    }
    for (const l of plan.listeners) {
      if (l.tls !== undefined && workload === null) throw new MeshcError('E_PLAN_TLS', `listener ${l.name}: tls ${l.tls} needs the plan's tls identity`);
      // compiled again by the listener; here so that a bad rule rejects the plan before anything changes
      if (l.authorization !== undefined) new Authorizer(l.authorization, l.workloadPort, l.name);
    }
    this.ctx.tls = workload;

    // Phase 0: build what is new, touching nothing that is running. A listener's identity is
    // transport+address+port, so changing a listener's address or transport is remove + add.
    const fresh = new Map<string, Cluster>();
    for (const c of plan.clusters) {
      if (this.clusters.has(c.name)) continue;
      const nc = new Cluster(c, this.logger, plan.zone ?? null);
      nc.external = this.opts.externalHealth === true;
      fresh.set(c.name, nc);
    }
    const resolve = (name: string): Cluster => {
      const c = fresh.get(name) ?? this.clusters.get(name);
      if (!c) throw new MeshcError('E_PLAN_REFERENCE', `listener references unknown cluster ${name}`);
      return c;
    };
    const wanted = new Map<string, Plan['listeners'][number]>();
    for (const l of plan.listeners) wanted.set(listenerKey(l), l);

    // Phase 1: bind every new listener. Nothing visible changes until all of them are bound.
    const added: Listener[] = [];
    try {
      for (const [key, l] of wanted) {
        if (this.listeners.has(key)) continue;
        const listener = createListener(l, resolve, this.ctx);
        added.push(listener);
        await this.bind(listener);
        // a stop() that began while we were binding wins: do not commit a half-started plan
        if (this.stopping) throw new MeshcError('E_STOPPING', 'runtime is shutting down');
      }
    } catch (err) {
      for (const l of added) l.destroy();
      for (const c of fresh.values()) c.stop();
      this.ctx.tls = prevTls;
      throw err;
    }

    // Phase 2: commit (synchronous up to the first await, so no connection sees a mixed state).
    // Clusters first so listeners see their new settings.
    const planned = new Set(plan.clusters.map((c) => c.name));
    for (const c of plan.clusters) {
      const existing = this.clusters.get(c.name);
      if (existing) existing.update(c, plan.zone ?? null);
      else {
        const nc = fresh.get(c.name)!;
        nc.start();
        this.clusters.set(c.name, nc);
      }
      this.clusters.get(c.name)!.origin = c.tls !== undefined ? new UpstreamTls(c.tls, workload!) : null;
    }
    let kept = 0;
    for (const [key, l] of wanted) {
      const existing = this.listeners.get(key);
      if (existing) {
        existing.update(l, resolve);
        kept++;
      }
    }
    for (const l of added) this.listeners.set(listenerKey(l.config), l);
    const removed: Listener[] = [];
    for (const [key, l] of this.listeners) {
      if (wanted.has(key)) continue;
      this.listeners.delete(key);
      removed.push(l);
    }
    let clustersRemoved = 0;
    for (const [name, c] of this.clusters) {
      if (planned.has(name)) continue;
      // live connections keep their Host references; only background work (health checks,
      // DNS refresh, affinity sweeping, outlier timers) stops
      c.stop();
      this.clusters.delete(name);
      clustersRemoved++;
    }
    this.plan = plan;
    if (workload !== prevTls) {
      this.tls = workload;
      await prevTls?.stop();
      await workload?.start();
    }
    // Removed listeners stop accepting before apply resolves (a later plan may re-add the same
    // address); their live connections drain in the background.
    await Promise.all(removed.map((l) => this.retire(l)));
    return {
      listenersAdded: added.length,
      listenersRemoved: removed.length,
      listenersKept: kept,
      clustersAdded: fresh.size,
      clustersRemoved,
      clustersKept: plan.clusters.length - fresh.size,
    };
  }

  /**
   * Bind a new listener. A removed listener that is still draining may hold the same address (a
   * UDP listener keeps its socket for its sessions' replies; a plan re-adds what the previous one
   * removed): the new plan wins, the draining one is closed and the bind is retried once.
   */
  private async bind(l: Listener): Promise<void> {
    try {
      await l.listen();
    } catch (err) {
      const holders = [...this.draining.keys()].filter((d) => overlaps(d.config, l.config));
      if (holders.length === 0 || !(err instanceof MeshcError && err.code === 'E_BIND')) throw err;
      for (const d of holders) {
        this.logger.info({ listener: l.name, draining: d.name, active: d.active }, 'address re-added while its old listener drains: closing the old one');
        d.destroy();
      }
      await l.listen();
    }
  }

  /** Stop accepting on a removed listener; resolves once it no longer accepts, drains in the background. */
  private async retire(l: Listener): Promise<void> {
    let stopped: Promise<void>;
    try {
      stopped = l.stopAccepting();
      await stopped;
    } catch (err) {
      this.logger.warn({ err, listener: l.name }, 'removed listener failed to stop accepting; closing it');
      l.destroy();
      return;
    }
    const done = l
      .drain(this.drainTimeoutMs)
      .catch((err: unknown) => {
        this.logger.warn({ err, listener: l.name }, 'drain failed; closing the listener');
        l.destroy();
      })
      .finally(() => this.draining.delete(l));
    this.draining.set(l, done);
  }

  /**
   * Graceful shutdown: stop accepting everywhere, let live connections finish for up to
   * `drainTimeoutMs`, then close whatever is left and stop every cluster's background work.
   */
  async stop(drainTimeoutMs = this.drainTimeoutMs): Promise<void> {
    this.stopping = true;
    await this.chain;
    const live = [...this.listeners.values()];
    await Promise.all(live.map((l) => l.stopAccepting().catch(() => undefined)));
    const all = [...live.map((l) => l.drain(drainTimeoutMs).catch(() => undefined)), ...this.draining.values()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, drainTimeoutMs);
    });
    await Promise.race([Promise.all(all), deadline]);
    clearTimeout(timer);
    // drain() is expected to close by itself at its deadline; destroy() makes that certain
    for (const l of [...live, ...this.draining.keys()]) l.destroy();
    for (const c of this.clusters.values()) c.stop();
    await this.tls?.stop();
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
    w.add('meshc_listeners_draining', 'gauge', 'Listeners removed by a reload that still drain live connections.', null, this.draining.size);
    for (const l of this.listeners.values()) l.collect(w);
    for (const l of this.draining.keys()) l.collect(w);
    for (const c of this.clusters.values()) c.collect(w);
    const b = buildInfo();
    w.add('meshc_build_info', 'gauge', 'Version and data path (native or js) of this meshc (value 1).', { version: b.version, data_path: b.dataPath }, 1);
    this.opts.accessLog?.collect(w);
    this.tls?.collect(w);
    declareDurationHistogram(w);
    // The SPEC's families are always exposed, even before a listener of that kind exists, so
    // dashboards and alerts never see them vanish.
    w.declare('meshc_listener_connections_total', 'counter', 'Connections accepted per listener (UDP: sessions).');
    w.declare('meshc_listener_connections_active', 'gauge', 'Live connections per listener (UDP: sessions).');
    w.declare('meshc_upstream_bytes_total', 'counter', 'Bytes forwarded per cluster and direction.');
    w.declare('meshc_endpoint_healthy', 'gauge', '1 when the endpoint may receive new traffic (healthy and not ejected).');
    w.declare('meshc_udp_sessions_active', 'gauge', 'Live UDP sessions per listener.');
    w.declare('meshc_tls_handshakes_total', 'counter', 'TLS handshakes by listener and result (success or the failure reason).');
    w.declare('meshc_authz_denied_total', 'counter', 'Connections closed by the listener authorization rules.');
    w.declare('meshc_tls_certificate_expiry_timestamp_seconds', 'gauge', "notAfter of the sidecar's own leaf certificate (Unix seconds), by its identity.");
  }
}

/** Could two listeners' sockets conflict (same transport and port, same or wildcard address of one family)? */
function overlaps(a: Listener['config'], b: Listener['config']): boolean {
  if (a.transport !== b.transport || a.port !== b.port) return false;
  if (a.address === b.address) return true;
  if (isIPv6(a.address) !== isIPv6(b.address)) return false;
  return a.address === '0.0.0.0' || a.address === '::' || b.address === '0.0.0.0' || b.address === '::';
}

/**
 * Reject, before anything is built, a plan the commit phase could not finish: listeners that share
 * transport+address+port, or that name a cluster the plan does not define. (The plan loader checks
 * this too; the runtime does not rely on it because `apply` is also a library API.)
 */
function checkReferences(plan: Plan): void {
  const names = new Set(plan.clusters.map((c) => c.name));
  const keys = new Set<string>();
  for (const l of plan.listeners) {
    const key = listenerKey(l);
    if (keys.has(key)) throw new MeshcError('E_PLAN_DUPLICATE', `two listeners on ${l.transport} ${l.address}:${l.port}`);
    keys.add(key);
    for (const r of listenerClusterNames(l)) {
      if (!names.has(r)) throw new MeshcError('E_PLAN_REFERENCE', `listener ${l.name} references unknown cluster ${r}`);
    }
  }
}
