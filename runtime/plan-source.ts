import { readFile } from 'node:fs/promises';
import type { Logger } from './logger.js';
import type { Plan } from '../schemas/types/plan.gen.js';
import { decodePlanBytes, parsePlan } from './plan/plan-loader.js';
import { MeshcError } from './errors.js';
import { FileWatcher } from './watch/file-watcher.js';

/** What a PlanSource feeds: the single-process Runtime, or the `--workers` pool. */
export interface PlanTarget {
  /** The plan in force, if any. */
  readonly plan: Plan | null;
  /** Apply a validated plan atomically; rejects (old plan stays) on failure. */
  apply(plan: Plan): Promise<object>;
  /** Count a reload outcome (meshc_plan_reloads_total). */
  recordReload(ok: boolean): void;
}

export interface PlanSourceOptions {
  file: string;
  runtime: PlanTarget;
  logger: Logger;
  /** Watch the file for changes (default true); false = initial load and SIGHUP only. */
  watch?: boolean;
  /** React to filesystem events (default true); false = poll only, for filesystems without inotify (NFS). */
  events?: boolean;
  /** Event burst quiet period (ms, default 50). */
  debounceMs?: number;
  /** Longest a burst may delay a reload (ms, default 250). */
  maxWaitMs?: number;
  /** Safety-net poll period (ms, default 5000; 0 = off). */
  pollIntervalMs?: number;
  /**
   * A file that fails to read or parse is re-read after this long before it is rejected, so an
   * in-place writer caught between truncate and its last chunk is not counted as a failure (ms,
   * default 500).
   */
  settleMs?: number;
}

/**
 * Where plans come from: a file (possibly inside a Kubernetes ConfigMap volume), applied to the
 * runtime at start and whenever its content changes.
 *
 * Counting rules (meshc_plan_reloads_total): every distinct file content is judged once. A plan
 * whose hash equals the one in force is not a reload (no count); a valid new plan counts
 * `success` once applied; anything rejected (unreadable, bad JSON, schema, hash, bind failure)
 * counts `failure` once and leaves the old plan in force. `reload()` (SIGHUP) judges the current
 * content again even if it was seen before, e.g. to retry a plan whose port is now free.
 */
export class PlanSource {
  private readonly watcher: FileWatcher | null;
  /** The last content judged (applied, equal to the plan in force, or rejected). */
  private lastText: string | null = null;
  /** Content that failed to read/parse, and since when: rejected only if still there after settleMs. */
  private suspect: { text: string; since: number; force: boolean } | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private readonly settleMs: number;
  private queue: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private queuedForce = false;
  private started = false;
  private stopped = false;

  constructor(private readonly opts: PlanSourceOptions) {
    this.settleMs = opts.settleMs ?? 500;
    this.watcher =
      opts.watch === false
        ? null
        : new FileWatcher({
            file: opts.file,
            logger: opts.logger,
            onChange: () => void this.request(false),
            ...(opts.events !== undefined && { events: opts.events }),
            ...(opts.debounceMs !== undefined && { debounceMs: opts.debounceMs }),
            ...(opts.maxWaitMs !== undefined && { maxWaitMs: opts.maxWaitMs }),
            ...(opts.pollIntervalMs !== undefined && { pollIntervalMs: opts.pollIntervalMs }),
          });
  }

  /** Load and apply the initial plan, then watch; rejects when it is unusable (meshc run exits 1). */
  async start(): Promise<void> {
    // watch first, so a change between our read and the watch being ready is not lost
    await this.watcher?.start();
    try {
      const bytes = await this.read();
      const plan = parsePlan(await decodePlanBytes(bytes, this.opts.file), this.opts.file);
      const text = contentKey(bytes);
      await this.opts.runtime.apply(plan);
      this.lastText = text;
      this.opts.runtime.recordReload(true);
      this.opts.logger.info({ plan: plan.name, hash: plan.hash, file: this.opts.file }, 'plan applied');
    } catch (err) {
      await this.watcher?.stop();
      throw err;
    }
    this.started = true;
  }

  /** Re-read the file now and apply it if it changed (SIGHUP). Never rejects. */
  reload(): Promise<void> {
    return this.request(true);
  }

  /** Stop watching; pending checks finish, nothing new starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    await this.watcher?.stop();
    await this.queue;
  }

  /** Queue a check; requests that arrive while one waits are merged into it. */
  private request(force: boolean): Promise<void> {
    if (this.stopped || !this.started) return Promise.resolve();
    this.queuedForce ||= force;
    if (!this.queued) {
      const run = this.queue.then(() => {
        const f = this.queuedForce;
        this.queued = null;
        this.queuedForce = false;
        return this.stopped ? undefined : this.check(f);
      });
      this.queued = run;
      this.queue = run.catch(() => undefined);
    }
    return this.queued;
  }

  private async read(): Promise<Buffer> {
    try {
      return await readFile(this.opts.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new MeshcError('E_PLAN_READ', `cannot read plan ${this.opts.file}: ${code}`, { cause: err });
    }
  }

  private async check(force: boolean): Promise<void> {
    const rt = this.opts.runtime;
    let text: string;
    let bytes: Buffer;
    let plan: Plan;
    try {
      bytes = await this.read();
      text = contentKey(bytes);
    } catch (err) {
      // a missing file is judged like broken content (same settle rule, counted once)
      text = `\0${(err as MeshcError).message}`;
      if (!force && text === this.lastText) return;
      if (this.unsettled(text, force)) return;
      return this.reject(text, err);
    }
    if (!force && text === this.lastText) return;
    try {
      plan = parsePlan(await decodePlanBytes(bytes, this.opts.file), this.opts.file);
    } catch (err) {
      if (this.unsettled(text, force)) return;
      return this.reject(text, err);
    }
    this.clearSuspect();
    if (plan.hash === rt.plan?.hash) {
      this.lastText = text;
      this.opts.logger.debug({ hash: plan.hash }, 'plan file changed but the plan is the one in force');
      return;
    }
    try {
      const summary = await rt.apply(plan);
      this.lastText = text;
      rt.recordReload(true);
      this.opts.logger.info({ plan: plan.name, hash: plan.hash, ...summary }, 'plan reloaded');
    } catch (err) {
      if (err instanceof MeshcError && err.code === 'E_STOPPING') return;
      this.reject(text, err);
    }
  }

  /**
   * True (and a re-check scheduled) when `text` failed for the first time just now: an in-place
   * writer may be between its truncate and its last chunk. The same content after settleMs is real.
   */
  private unsettled(text: string, force: boolean): boolean {
    const now = Date.now();
    if (this.suspect && this.suspect.text === text && now - this.suspect.since >= this.settleMs) {
      this.clearSuspect();
      return false;
    }
    if (!this.suspect || this.suspect.text !== text) this.suspect = { text, since: now, force };
    else this.suspect.force ||= force;
    const again = this.suspect.force;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    const wait = Math.max(1, this.suspect.since + this.settleMs - now);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      // re-judge unless the content meanwhile became the last judged one (a SIGHUP re-judges)
      void this.request(again);
    }, wait);
    return true;
  }

  private clearSuspect(): void {
    this.suspect = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }

  private reject(text: string, err: unknown): void {
    this.lastText = text;
    this.opts.runtime.recordReload(false);
    const code = err instanceof MeshcError ? err.code : (err as NodeJS.ErrnoException)?.code;
    this.opts.logger.error({ err, code, file: this.opts.file, inForce: this.opts.runtime.plan?.hash }, 'plan rejected; the old plan stays in force');
  }
}

/** The file's exact bytes as a string (1 char per byte), to tell contents apart, gzip or not. */
function contentKey(bytes: Buffer): string {
  return bytes.toString('latin1');
}
