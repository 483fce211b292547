import cluster, { type Worker } from 'node:cluster';
import type { Plan } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import { MeshcError } from '../errors.js';
import { PromWriter } from '../metrics.js';
import { HealthHub } from './health-hub.js';
import { mergeExpositions } from './metrics-merge.js';
import { WORKER_COUNT_ENV, WORKER_INDEX_ENV, type FromWorker, type ToWorker } from './protocol.js';

/** How long a worker may take to answer a metrics/clusters request (ms). */
const COLLECT_TIMEOUT_MS = 2000;

interface Slot {
  index: number;
  worker: Worker | null;
  /** Worker process answered 'up' and applied the plan in force. */
  ready: boolean;
  restarts: number;
}

/**
 * The `--workers N` primary (node:cluster): forks N workers that share the listening sockets,
 * applies each plan to all of them (the plan source, file watching and SIGHUP live here, once),
 * runs health checks and DNS once (HealthHub) and pushes the result, restarts crashed workers,
 * and answers the admin endpoint for all of them. It has the shape PlanSource expects of a
 * Runtime (`apply`, `recordReload`, `plan`).
 *
 * Scheduling: SCHED_NONE, so every worker accepts on the shared socket and the kernel spreads
 * connections; the primary's round-robin (SCHED_RR) would pass every connection through it.
 */
export class WorkerPool {
  plan: Plan | null = null;
  stopping = false;
  reloadsSuccess = 0;
  reloadsFailure = 0;
  readonly hub: HealthHub;
  private readonly slots: Slot[] = [];
  private seq = 0;
  private collectId = 0;
  private readonly waiters = new Map<string, (m: FromWorker | null) => void>();
  private pushScheduled = false;
  /** Sequence of host snapshots sent to workers (see ToWorker.hseq). */
  private hseq = 0;
  private exited: (() => void) | null = null;

  constructor(
    private readonly n: number,
    private readonly logger: Logger,
  ) {
    this.hub = new HealthHub(logger);
    // A verdict reaches the workers in the same turn of the event loop it was reached in (it
    // used to wait for a 200 ms timer: a worker could still send a new connection to an
    // endpoint the primary had just found dead, and the client got a reset)
    this.hub.onDirty = () => this.schedulePush();
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    for (let i = 0; i < n; i++) this.slots.push({ index: i, worker: null, ready: false, restarts: 0 });
  }

  /** Fork every worker and wait until each is up. */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.fork(s)));
  }

  /** All workers applied the plan in force and none is starting over. */
  get ready(): boolean {
    return this.plan !== null && !this.stopping && this.slots.every((s) => s.ready);
  }

  /** Worker pids by index (null while one is being restarted). */
  pids(): Array<number | null> {
    return this.slots.map((s) => s.worker?.process.pid ?? null);
  }

  private fork(slot: Slot): Promise<void> {
    const w = cluster.fork({ [WORKER_INDEX_ENV]: String(slot.index), [WORKER_COUNT_ENV]: String(this.n) });
    slot.worker = w;
    slot.ready = false;
    w.on('message', (m: FromWorker) => this.onMessage(slot, w, m));
    w.on('exit', (code, signal) => this.onExit(slot, w, code, signal));
    // A send racing a worker's death fails with EPIPE; without a listener that 'error' event
    // would crash the primary (seen under a metrics scrape during a worker crash). The exit
    // handler does the recovery; here it is only logged.
    w.on('error', (err) => this.logger.warn({ worker: slot.index, err }, 'IPC with worker failed'));
    return new Promise((resolve) => this.waiters.set(`up:${w.id}`, () => resolve()));
  }

  private onMessage(slot: Slot, w: Worker, m: FromWorker): void {
    if (m.t === 'up') {
      this.waiters.get(`up:${w.id}`)?.(m);
      this.waiters.delete(`up:${w.id}`);
      // a restarted worker catches up with the plan in force
      if (this.plan !== null) {
        const plan = this.plan;
        void this.applyTo(slot, plan).then((r) => {
          if (r.ok && this.plan === plan) slot.ready = true;
          else if (!r.ok) this.logger.error({ worker: slot.index, err: r.error }, 'restarted worker cannot apply the plan in force');
        });
      }
    } else if (m.t === 'applied') {
      this.waiters.get(`applied:${w.id}:${m.seq}`)?.(m);
    } else if (m.t === 'collected') {
      this.waiters.get(`collected:${w.id}:${m.id}`)?.(m);
    }
  }

  private onExit(slot: Slot, w: Worker, code: number | null, signal: string | null): void {
    for (const [k, fn] of this.waiters) {
      if (k.split(':')[1] === String(w.id)) {
        this.waiters.delete(k);
        fn(null);
      }
    }
    if (slot.worker === w) {
      slot.worker = null;
      slot.ready = false;
    }
    if (this.stopping) {
      if (this.slots.every((s) => s.worker === null)) this.exited?.();
      return;
    }
    slot.restarts++;
    this.logger.error({ worker: slot.index, pid: w.process.pid, code, signal, restarts: slot.restarts }, 'worker exited; restarting it');
    void this.fork(slot);
  }

  private request(slot: Slot, m: ToWorker, key: string, timeoutMs: number): Promise<FromWorker | null> {
    const w = slot.worker;
    if (w === null || !w.isConnected()) return Promise.resolve(null);
    const full = `${key.split(':')[0]}:${w.id}:${key.split(':')[1]}`;
    return new Promise((resolve) => {
      const timer = timeoutMs > 0 ? setTimeout(() => done(null), timeoutMs) : null;
      const done = (r: FromWorker | null): void => {
        if (timer) clearTimeout(timer);
        this.waiters.delete(full);
        resolve(r);
      };
      this.waiters.set(full, done);
      w.send(m, undefined, undefined, (err: Error | null) => {
        if (err) done(null);
      });
    });
  }

  private async applyTo(slot: Slot, plan: Plan): Promise<{ ok: boolean; error?: string; code?: string }> {
    const seq = ++this.seq;
    const r = await this.request(slot, { t: 'apply', seq, plan, hosts: this.hub.snapshot(), hseq: ++this.hseq }, `applied:${seq}`, 0);
    if (r === null) return { ok: false, error: `worker ${slot.index} exited` };
    return r.t === 'applied' ? r : { ok: false, error: 'unexpected answer' };
  }

  /**
   * Apply `plan` to every worker. Validation happened in PlanSource (a rejected plan never gets
   * here); if a worker cannot apply it (a bind error), the others are put back on the old plan,
   * so all workers always run the same plan, and the apply rejects.
   */
  async apply(plan: Plan): Promise<object> {
    if (this.stopping) throw new MeshcError('E_STOPPING', 'runtime is shutting down');
    const prev = this.plan;
    // the hub first, so the snapshot sent with the plan knows the new clusters
    this.hub.apply(plan);
    const results = await Promise.all(this.slots.map((s) => this.applyTo(s, plan)));
    const failed = results.find((r) => !r.ok);
    if (failed !== undefined) {
      if (prev !== null) {
        this.hub.apply(prev);
        await Promise.all(this.slots.map((s, i) => (results[i]!.ok ? this.applyTo(s, prev) : undefined)));
      }
      throw new MeshcError(failed.code ?? 'E_WORKER', failed.error ?? 'a worker failed to apply the plan');
    }
    this.plan = plan;
    for (const s of this.slots) if (s.worker !== null) s.ready = true;
    return { workers: this.n };
  }

  /** Count a plan reload outcome (once, here; workers do not count). */
  recordReload(ok: boolean): void {
    if (ok) this.reloadsSuccess++;
    else this.reloadsFailure++;
  }

  /** Push pending changes once the current burst of transitions is over (one message per burst). */
  private schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.pushHosts();
    });
  }

  /** Send the clusters that changed since the last push to every worker. */
  private pushHosts(): void {
    const hosts = this.hub.takeChanges();
    if (hosts === null) return;
    const hseq = ++this.hseq;
    for (const s of this.slots) if (s.worker?.isConnected()) s.worker.send({ t: 'hosts', hosts, hseq } satisfies ToWorker);
  }

  /** Ask every worker for its metrics and clusters (null for one that does not answer). */
  async collect(): Promise<Array<Extract<FromWorker, { t: 'collected' }> | null>> {
    // pending changes first: IPC is ordered, so every answer reflects the verdict the primary
    // shows (what /metrics and /clusters report is what the workers do)
    this.pushHosts();
    const id = ++this.collectId;
    const rs = await Promise.all(this.slots.map((s) => this.request(s, { t: 'collect', id }, `collected:${id}`, COLLECT_TIMEOUT_MS)));
    return rs.map((r) => (r !== null && r.t === 'collected' ? r : null));
  }

  /** The merged exposition: workers' samples summed by series, plus the primary's own. */
  async metrics(ready: boolean, processGauges: (w: PromWriter) => void): Promise<string> {
    const rs = await this.collect();
    const w = new PromWriter();
    const help = 'Plan applications by result (the initial load counts as a success).';
    w.add('meshc_plan_reloads_total', 'counter', help, { result: 'success' }, this.reloadsSuccess);
    w.add('meshc_plan_reloads_total', 'counter', help, { result: 'failure' }, this.reloadsFailure);
    w.add('meshc_workers', 'gauge', 'Worker processes configured (--workers).', null, this.n);
    for (const s of this.slots) {
      w.add('meshc_worker_restarts_total', 'counter', 'Worker processes restarted after they exited unexpectedly.', { worker: String(s.index) }, s.restarts);
      const pid = s.worker?.process.pid;
      if (pid !== undefined) w.add('meshc_worker_info', 'gauge', 'A live worker process (value 1), by index and pid.', { worker: String(s.index), pid: String(pid) }, 1);
    }
    w.add('meshc_ready', 'gauge', '1 when /ready answers 200.', null, ready ? 1 : 0);
    processGauges(w);
    const texts: Array<{ worker: string; text: string }> = [];
    rs.forEach((r, i) => {
      if (r === null) return;
      texts.push({ worker: String(i), text: r.metrics });
      // how the kernel spread the accepts (SCHED_NONE): each worker's share of the listeners' total
      let accepted = 0;
      for (const m of r.metrics.matchAll(/^meshc_listener_connections_total\{[^}]*\} (\S+)$/gm)) accepted += Number(m[1]);
      w.add('meshc_worker_connections_total', 'counter', 'Connections (UDP: sessions) accepted per worker process.', { worker: String(i) }, accepted);
    });
    texts.unshift({ worker: 'primary', text: w.render() }, ...this.hubCounters());
    return mergeExpositions(texts);
  }

  /** Health-check and DNS counters from the hub (workers report zeros for these). */
  private hubCounters(): Array<{ worker: string; text: string }> {
    const w = new PromWriter();
    for (const c of this.hub.clusters.values()) {
      if (c.config.healthCheck.type !== 'none') c.healthStats.collect(w, c.name);
      if (c.config.endpoints.type === 'dns') {
        w.add('meshc_dns_resolutions_total', 'counter', 'Successful DNS resolutions of a dns-endpoints cluster.', { cluster: c.name }, c.dnsStats.resolutions);
        w.add('meshc_dns_resolution_failures_total', 'counter', 'Failed DNS resolutions (the last good answer was kept).', { cluster: c.name }, c.dnsStats.failures);
      }
    }
    return [{ worker: 'primary', text: w.render() }];
  }

  /** GET /clusters: the hub's health and membership, with connection counts summed over workers. */
  async clusters(): Promise<object[]> {
    // the hub's view as of the flush in collect(): every verdict shown has reached the workers
    // before they answered, so a client that reads it can rely on it for its next connection
    const out = [...this.hub.clusters.values()].map((c) => c.toJSON() as { name: string; activeConnections: number; endpoints: Array<Record<string, unknown>> });
    const rs = await this.collect();
    for (const c of out) {
      c.activeConnections = 0;
      for (const e of c.endpoints) for (const k of ['activeConnections', 'totalConnections', 'connectFailures', 'ejections']) e[k] = 0;
    }
    for (const r of rs) {
      for (const wc of (r?.clusters ?? []) as Array<{ name: string; activeConnections: number; endpoints: Array<Record<string, unknown>> }>) {
        const c = out.find((x) => x.name === wc.name);
        if (c === undefined) continue;
        c.activeConnections += wc.activeConnections;
        for (const we of wc.endpoints) {
          const e = c.endpoints.find((x) => x.address === we.address && x.port === we.port);
          if (e === undefined) continue;
          for (const k of ['activeConnections', 'totalConnections', 'connectFailures', 'ejections']) e[k] = (e[k] as number) + ((we[k] as number) ?? 0);
          // passive outlier ejection is per worker: an endpoint ejected by any worker shows as ejected
          if (we.ejected === true) {
            e.ejected = true;
            e.available = false;
          }
        }
      }
    }
    return out;
  }

  /** SIGTERM every worker, wait until all exited (each drains for up to its drain timeout). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.hub.stop();
    const live = this.slots.filter((s) => s.worker !== null);
    if (live.length === 0) return;
    const all = new Promise<void>((resolve) => (this.exited = resolve));
    for (const s of live) s.worker!.process.kill('SIGTERM');
    await all;
  }
}
