import type { Plan } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import { Runtime } from '../runtime.js';
import { PromWriter } from '../metrics.js';
import { WORKER_COUNT_ENV, type FromWorker, type HostSnapshot, type ToWorker } from './protocol.js';
import type { AccessLog } from '../access-log/access-log.js';

export interface WorkerOptions {
  index: number;
  drainTimeoutMs: number;
  logger: Logger;
  /** `--access-log`: this worker's own writer (null when off). */
  accessLog?: AccessLog | null;
}

/**
 * A `meshc run --workers N` worker: a Runtime driven by the primary over IPC. It binds the plan's
 * TCP listeners (node:cluster shares each listening socket across workers; the kernel spreads the
 * accepts) and, in worker 0 only, the UDP listeners, so every datagram of a session reaches the
 * one process that holds the session. It runs no health checks, DNS or file watching: membership
 * and health come from the primary. Resolves with the exit code after SIGTERM/SIGINT.
 */
export function runWorker(o: WorkerOptions): Promise<number> {
  const { logger } = o;
  // the kernel spreads TCP connections over the workers, so each enforces 1/N of maxConnectionRate
  const workers = Number(process.env[WORKER_COUNT_ENV]);
  const connectionRateShare = Number.isInteger(workers) && workers > 0 ? 1 / workers : 1;
  const runtime = new Runtime({ logger, drainTimeoutMs: o.drainTimeoutMs, externalHealth: true, accessLog: o.accessLog ?? null, connectionRateShare });
  const send = (m: FromWorker): void => {
    if (process.connected) process.send!(m);
  };
  // Each cluster keeps the newest states it was given (by hseq). Changes for a cluster this
  // worker does not have yet (its plan is still being applied) wait in `early` and are applied
  // right after that plan, when they are newer than the snapshot the plan came with.
  const applied = new Map<string, number>();
  const early = new Map<string, { states: HostSnapshot[string]; hseq: number }>();
  const applyHosts = (hosts: HostSnapshot, hseq: number): void => {
    for (const [name, states] of Object.entries(hosts)) {
      if ((applied.get(name) ?? -1) >= hseq) continue;
      const c = runtime.clusters.get(name);
      if (c === undefined) {
        if ((early.get(name)?.hseq ?? -1) < hseq) early.set(name, { states, hseq });
        continue;
      }
      c.applyHostStates(states);
      applied.set(name, hseq);
    }
  };
  // applies are serialized by Runtime; a snapshot that arrives meanwhile is kept for the end
  const onMessage = (m: ToWorker): void => {
    if (m.t === 'apply') {
      runtime.apply(forWorker(m.plan, o.index)).then(
        () => {
          applyHosts(m.hosts, m.hseq);
          for (const [name, e] of early) applyHosts({ [name]: e.states }, e.hseq);
          early.clear();
          send({ t: 'applied', seq: m.seq, ok: true });
        },
        (err: unknown) => {
          const e = err as { message?: string; code?: string };
          send({ t: 'applied', seq: m.seq, ok: false, error: e.message ?? String(err), ...(typeof e.code === 'string' ? { code: e.code } : {}) });
        },
      );
    } else if (m.t === 'hosts') applyHosts(m.hosts, m.hseq);
    else if (m.t === 'collect') {
      const w = new PromWriter();
      runtime.collect(w);
      const mem = process.memoryUsage();
      w.add('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', null, mem.rss);
      w.add('nodejs_heap_used_bytes', 'gauge', 'V8 heap used in bytes.', null, mem.heapUsed);
      w.add('nodejs_external_memory_bytes', 'gauge', 'Memory held by Buffers and other C++ objects bound to JS.', null, mem.external + mem.arrayBuffers);
      send({ t: 'collected', id: m.id, metrics: w.render(), clusters: [...runtime.clusters.values()].map((c) => c.toJSON()), ready: runtime.ready });
    }
  };
  process.on('message', onMessage);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (why: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ why }, 'worker draining');
      void runtime.stop(o.drainTimeoutMs).then(() => resolve(0));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    // the primary re-reads the plan; a SIGHUP sent to the whole process group must not kill us
    process.on('SIGHUP', () => undefined);
    // the primary is gone (killed): nobody will drive us any more
    process.on('disconnect', () => stop('primary disconnected'));
    send({ t: 'up' });
  });
}

/** The part of `plan` a worker binds: every TCP listener; UDP listeners only in worker 0. */
export function forWorker(plan: Plan, index: number): Plan {
  if (index === 0) return plan;
  return { ...plan, listeners: plan.listeners.filter((l) => l.transport !== 'udp') };
}
