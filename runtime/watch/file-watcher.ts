import path from 'node:path';
import { statSync, watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../logger.js';

export interface FileWatcherOptions {
  /** The file to watch (may be a symlink, e.g. `plan.json -> ..data/plan.json` in a ConfigMap volume). */
  file: string;
  /** Called (debounced) when the file may have changed; the caller re-reads and dedupes by content. */
  onChange: () => void;
  logger: Logger;
  /** React to filesystem events (default true); false = rely on the poll alone (e.g. NFS, no inotify). */
  events?: boolean;
  /** Quiet period that ends a burst of events (ms). */
  debounceMs?: number;
  /** A burst never delays the notification longer than this (ms). */
  maxWaitMs?: number;
  /** Safety-net poll: one stat() of the file (ms); 0 disables it. */
  pollIntervalMs?: number;
}

/** Kubelet AtomicWriter's symlink to the current timestamped payload dir. */
const KUBELET_DATA = '..data';

/**
 * Notices every way a plan file gets replaced, and says so once per burst:
 *
 * - in-place writes (truncate + write, maybe in chunks),
 * - write-to-temp + rename over the file,
 * - the kubelet's AtomicWriter (ConfigMap/Secret volumes): `plan.json -> ..data/plan.json`, and an
 *   update renames a new `..data` symlink over the old one. Nothing happens to `plan.json` itself,
 *   so a watch on that path (or on the inode it resolved to) misses the update — the bug Envoy and
 *   Linkerd had. We therefore watch the DIRECTORY (one inotify watch, fs.watch) and react to
 *   every event on the file's name and on `..data`, unthrottled (a throttled `change` could hide
 *   the last chunk of a multi-chunk write).
 *
 * Events are a hint, not the truth: the caller re-reads the file and compares contents. A poll of
 * one stat() every `pollIntervalMs` guarantees that a missed event (watch limits, a
 * directory replaced wholesale, a symlink target outside the directory) delays a reload by at
 * most one poll period instead of leaving an old plan in force forever.
 */
export class FileWatcher {
  private readonly dir: string;
  private readonly base: string;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly pollIntervalMs: number;
  private watcher: FSWatcher | null = null;
  private quiet: NodeJS.Timeout | null = null;
  private maxWait: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private signature = '';
  private active = false;
  /** Notifications delivered (for tests and debug logs). */
  notifications = 0;

  constructor(private readonly opts: FileWatcherOptions) {
    const abs = path.resolve(opts.file);
    this.dir = path.dirname(abs);
    this.base = path.basename(abs);
    this.debounceMs = opts.debounceMs ?? 50;
    this.maxWaitMs = opts.maxWaitMs ?? 250;
    this.pollIntervalMs = opts.pollIntervalMs ?? 5_000;
  }

  /** Start watching; resolves once the directory watch is established. */
  async start(): Promise<void> {
    if (this.opts.events !== false) this.watchDir();
    this.signature = this.sign();
    this.active = true;
    if (this.pollIntervalMs > 0) {
      this.poller = setInterval(() => this.poll(), this.pollIntervalMs);
      this.poller.unref();
    }
  }

  /**
   * One inotify watch on the directory (fs.watch): it reports writes to files in it and renames of
   * its entries by name, which is all we need from it. (chokidar did the same with two watches,
   * a directory scan and ~100 ms of module loading at start.)
   */
  private watchDir(): void {
    const relevant = (name: string): boolean => name === this.base || name === KUBELET_DATA;
    try {
      const w = watch(this.dir, { persistent: true }, (_event, name) => {
        if (name !== null && relevant(path.basename(String(name)))) this.trigger();
      });
      w.on('error', (err) => this.opts.logger.warn({ err, file: this.opts.file }, 'plan watch error; polling still covers changes'));
      this.watcher = w;
    } catch (err) {
      // e.g. the directory is missing or out of inotify watches: the poll still covers changes
      this.opts.logger.warn({ err, file: this.opts.file }, 'cannot watch the plan directory; polling still covers changes');
    }
  }

  /** Note an event; `onChange` runs after `debounceMs` of quiet, or `maxWaitMs` after the first. */
  trigger(): void {
    if (!this.active) return;
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.fire(), this.debounceMs);
    if (!this.maxWait) this.maxWait = setTimeout(() => this.fire(), this.maxWaitMs);
  }

  private fire(): void {
    if (this.quiet) clearTimeout(this.quiet);
    if (this.maxWait) clearTimeout(this.maxWait);
    this.quiet = this.maxWait = null;
    if (!this.active) return;
    this.notifications++;
    this.opts.onChange();
  }

  private poll(): void {
    const sig = this.sign();
    if (sig !== this.signature) {
      this.signature = sig;
      this.opts.logger.debug({ file: this.opts.file }, 'plan poll saw a change');
      this.trigger();
    }
  }

  /**
   * What identifies the file's current content cheaply: one stat() that follows the symlinks, so
   * a kubelet `..data` swap shows as another inode (the new payload file), an in-place write as
   * another size/mtime/ctime. Synchronous on purpose: it is what an idle sidecar does every
   * `pollIntervalMs`, and one stat syscall costs less than a thread-pool round trip and the
   * promises around it (docs/benchmarks.md, footprint).
   */
  private sign(): string {
    try {
      const st = statSync(this.opts.file, { throwIfNoEntry: false });
      return st === undefined ? 'missing|ENOENT' : `${st.dev}|${st.ino}|${st.size}|${st.mtimeMs}|${st.ctimeMs}`;
    } catch (err) {
      return `missing|${(err as NodeJS.ErrnoException).code ?? ''}`;
    }
  }

  /** Stop watching and clear every timer. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.quiet) clearTimeout(this.quiet);
    if (this.maxWait) clearTimeout(this.maxWait);
    if (this.poller) clearInterval(this.poller);
    this.quiet = this.maxWait = this.poller = null;
    this.watcher?.close();
    this.watcher = null;
  }
}
