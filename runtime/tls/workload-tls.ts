import type { WorkloadTls as WorkloadTlsConfig } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import type { PromWriter } from '../metrics.js';
import { FileWatcher } from '../watch/file-watcher.js';
import { loadTlsMaterial, type TlsMaterial } from './tls-material.js';

/** Quiet period after the last file event before the set is re-read (a kubelet swap or cert+key writes are one burst). */
const RELOAD_DEBOUNCE_MS = 200;

/**
 * The sidecar's own identity (Plan.tls): certificate chain, key and trusted CA, loaded at start
 * and rotated when any of the three files changes — in place, by rename, or by the kubelet's
 * `..data` symlink swap (runtime/watch/file-watcher.ts covers all three, with a stat poll as the
 * safety net). A new set is loaded whole and checked (PEM, key matches leaf, OpenSSL accepts it)
 * before it replaces the old one; a set that does not load is logged and counted and the old
 * one stays in force. Rotation only affects new handshakes: live connections keep theirs.
 */
export class WorkloadTls {
  material: TlsMaterial;
  reloadsSuccess = 0;
  reloadsFailure = 0;
  private readonly watchers: FileWatcher[] = [];
  private readonly subscribers = new Set<(m: TlsMaterial) => void>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /** Loads the files now; throws a MeshcError naming the file when they are unusable. */
  constructor(
    readonly config: WorkloadTlsConfig,
    private readonly logger: Logger,
  ) {
    this.material = loadTlsMaterial(config);
  }

  /** Same files as `c`? (A plan that keeps them keeps this object, its watchers and counters.) */
  sameFiles(c: WorkloadTlsConfig): boolean {
    return c.certificate === this.config.certificate && c.privateKey === this.config.privateKey && c.trustedCA === this.config.trustedCA;
  }

  /** Start watching the three files. */
  async start(pollIntervalMs?: number): Promise<void> {
    const files = [...new Set([this.config.certificate, this.config.privateKey, this.config.trustedCA])];
    for (const file of files) {
      const w = new FileWatcher({ file, logger: this.logger, onChange: () => this.schedule(), ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}) });
      this.watchers.push(w);
      await w.start();
    }
    this.logger.info({ identity: this.material.identity, serial: this.material.serial, notAfter: new Date(this.material.notAfter * 1000).toISOString() }, 'tls identity loaded');
  }

  /** Call `fn` with every newly loaded set (listeners swap their server contexts). */
  subscribe(fn: (m: TlsMaterial) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reload();
    }, RELOAD_DEBOUNCE_MS);
  }

  /** Re-read the files; apply the set when it loads and differs, else keep the old one. */
  reload(): void {
    if (this.stopped) return;
    let next: TlsMaterial;
    try {
      next = loadTlsMaterial(this.config);
    } catch (err) {
      this.reloadsFailure++;
      this.logger.warn({ err: (err as Error).message, code: (err as { code?: string }).code, failures: this.reloadsFailure }, 'tls certificate reload failed: keeping the previous certificate');
      return;
    }
    const cur = this.material;
    if (next.cert.equals(cur.cert) && next.key.equals(cur.key) && next.ca.equals(cur.ca)) return;
    this.material = next;
    this.reloadsSuccess++;
    for (const fn of this.subscribers) fn(next);
    this.logger.info({ identity: next.identity, serial: next.serial, notAfter: new Date(next.notAfter * 1000).toISOString() }, 'tls certificate rotated');
  }

  /** Stop watching. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(this.watchers.map((w) => w.stop()));
    this.watchers.length = 0;
    this.subscribers.clear();
  }

  collect(w: PromWriter): void {
    const help = 'Reloads of the sidecar certificate, key and CA files by result (a failure keeps the previous set).';
    w.add('meshc_tls_certificate_reloads_total', 'counter', help, { result: 'success' }, this.reloadsSuccess);
    w.add('meshc_tls_certificate_reloads_total', 'counter', help, { result: 'failure' }, this.reloadsFailure);
    w.add('meshc_tls_certificate_expiry_timestamp_seconds', 'gauge', "notAfter of the sidecar's own leaf certificate (Unix seconds), by its identity.", { identity: this.material.identity }, this.material.notAfter);
  }
}
