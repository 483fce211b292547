import type { Logger } from '../logger.js';
import type { PromWriter } from '../metrics.js';
import { AccessRecord } from './record.js';
import { LineWriter } from './line-writer.js';

export interface AccessLogOptions {
  /** `stdout`, `stderr` or a file path (`meshc run --access-log`). */
  target: string;
  /** `--access-log-flush-interval` in ms: periodic lines for open connections; 0 = none. */
  flushIntervalMs: number;
  logger: Logger;
}

/** A listener that can write `periodic` lines for its open connections. */
export interface PeriodicSource {
  logOpen?(log: AccessLog, now: number): void;
}

/** How often a failing access log may say so in the process log. */
const WARN_EVERY_MS = 10_000;

/**
 * `meshc run --access-log` (SPEC §7): one JSON line per TCP connection when it closes and per UDP
 * session when it ends. Listeners receive this object at construction only when the flag is
 * given; with it absent they hold null and take no timestamp, build no record, write nothing.
 * Data paths fill `scratch` and call `write` synchronously: one string per line is the only
 * allocation. Lines go through a LineWriter, so the data path never waits for the disk.
 */
export class AccessLog {
  /** The record every data path fills just before `write` (reset by `begin`). */
  readonly scratch = new AccessRecord();
  readonly writer: LineWriter;
  /** Listeners with open connections to report periodically (set by the Runtime). */
  sources: () => Iterable<PeriodicSource> = () => [];
  private timer: NodeJS.Timeout | null = null;
  private lastWarn = 0;

  constructor(readonly o: AccessLogOptions) {
    this.writer = new LineWriter({
      target: o.target,
      onError: (err, what) => {
        const now = Date.now();
        if (now - this.lastWarn < WARN_EVERY_MS) return;
        this.lastWarn = now;
        o.logger.warn({ err: err.code ?? err.message, target: o.target, dropped: this.writer.dropped }, what === 'reopen' ? 'access log: cannot reopen; writing on to the old file' : 'access log: write failed; dropping lines');
      },
    });
  }

  get flushIntervalMs(): number {
    return this.o.flushIntervalMs;
  }

  /** Open the destination (throws ENOENT, EACCES, … for startup to report) and start periodic lines. */
  open(): void {
    this.writer.open();
    if (this.o.flushIntervalMs > 0) {
      this.timer = setInterval(this.tick, this.o.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** The scratch record, blank, for the next line. */
  begin(): AccessRecord {
    return this.scratch.reset();
  }

  /** Serialize `r` and queue the line. */
  write(r: AccessRecord): void {
    this.writer.write(r.toLine());
  }

  /** Reopen the file (SIGUSR1, logrotate's convention). */
  reopen(): void {
    this.writer.reopen();
  }

  /** Stop periodic lines, write what is queued (bounded), close the file. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    // sockets destroyed by the drain deadline report 'close' (and so their line) in the loop's
    // close phase, after the drain resolved: give them that turn before the writer stops taking lines
    await new Promise((resolve) => setTimeout(resolve, 20));
    await this.writer.close();
  }

  private readonly tick = (): void => {
    const now = Date.now();
    for (const s of this.sources()) s.logOpen?.(this, now);
  };

  /** Lines written, dropped, failed writes. */
  collect(w: PromWriter): void {
    const wr = this.writer;
    w.add('meshc_access_log_lines_total', 'counter', 'Access-log lines handed to the kernel.', null, wr.written);
    w.add('meshc_access_log_dropped_total', 'counter', 'Access-log lines dropped because the writer could not keep up or a write failed.', null, wr.dropped);
    w.add('meshc_access_log_write_errors_total', 'counter', 'Failed access-log writes and reopens.', null, wr.errors);
  }
}
