import fs from 'node:fs';

/** Lines queued beyond this many bytes are dropped (and counted), never buffered without bound. */
const DEFAULT_MAX_QUEUED = 4 * 1024 * 1024;
/**
 * Largest write to a pipe or terminal: POSIX makes writes of at most PIPE_BUF (4096 on Linux)
 * bytes to a pipe atomic, so with `--workers N` sharing stdout, lines never interleave.
 */
const PIPE_CHUNK = 4096;
/** Largest write to a regular file (opened O_APPEND: each write lands whole at the end). */
const FILE_CHUNK = 64 * 1024;
/** After a failed write (ENOSPC, EIO, EBADF, …), wait this long before trying the next chunk. */
const ERROR_BACKOFF_MS = 1000;
/** A non-blocking stdout that is full (EAGAIN): retry after this long. */
const AGAIN_MS = 10;
/**
 * Lines wait at most this long for company before they are written: one write (a thread-pool
 * round trip) per line would cost more than the line itself at thousands of connections/s.
 */
const COALESCE_MS = 50;

export interface LineWriterOptions {
  /** `stdout`, `stderr`, or a file path (opened for append, created 0644). */
  target: string;
  maxQueuedBytes?: number;
  /** A write or reopen failed (called at most once per backoff period). */
  onError?: (err: NodeJS.ErrnoException, what: 'write' | 'reopen') => void;
}

/**
 * An asynchronous line writer (pino's sonic-boom destination, reduced to what an access log
 * needs): lines are queued in memory and written by libuv's thread pool, one write at a time, each
 * write holding whole lines only. The caller never waits: when the queue is full (a slow disk) or
 * writes fail (a full disk, a revoked file), lines are dropped and counted instead. `reopen`
 * (SIGUSR1, after logrotate renamed the file) switches to a fresh file between two writes.
 */
export class LineWriter {
  /** Lines handed to the kernel. */
  written = 0;
  /** Lines dropped: queue full, or their write failed. */
  dropped = 0;
  /** Failed writes and reopens. */
  errors = 0;
  private fd = -1;
  private readonly ownFd: boolean;
  private chunkMax = PIPE_CHUNK;
  private readonly maxQueued: number;
  private queue: string[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** A write is in flight, or a backoff/retry timer runs. */
  private busy = false;
  /** The bytes of the chunk being written (kept for a retry after EAGAIN or a short write). */
  private chunk: Buffer | null = null;
  private chunkOff = 0;
  private chunkLines = 0;
  private reopenWanted = false;
  private closed = false;
  /** Write what is queued even below a full chunk (close). */
  private flushing = false;
  private coalesceTimer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly o: LineWriterOptions) {
    this.maxQueued = o.maxQueuedBytes ?? DEFAULT_MAX_QUEUED;
    this.ownFd = o.target !== 'stdout' && o.target !== 'stderr';
  }

  /** Open the target now; throws (ENOENT, EACCES, EISDIR, …) so startup can report it. */
  open(): void {
    if (this.o.target === 'stdout') this.fd = 1;
    else if (this.o.target === 'stderr') this.fd = 2;
    else this.fd = fs.openSync(this.o.target, 'a', 0o644);
    this.chunkMax = chunkFor(this.fd);
  }

  /** Queue one line (with its newline); drops it when the queue is full or the writer closed. */
  write(line: string): void {
    // characters, not bytes: exact for the usual ASCII line; takeChunk measures bytes
    const n = line.length;
    if (this.closed || this.queuedBytes + n > this.maxQueued) {
      this.dropped++;
      return;
    }
    this.queue.push(line);
    this.queuedBytes += n;
    if (!this.busy && (this.queuedBytes >= this.chunkMax || this.coalesceTimer === null)) this.next();
  }

  private readonly coalesced = (): void => {
    this.coalesceTimer = null;
    this.flushing = true;
    if (!this.busy) this.next();
  };

  /** Reopen the file (SIGUSR1 after a rotation); no-op for stdout/stderr. */
  reopen(): void {
    if (!this.ownFd || this.closed) return;
    this.reopenWanted = true;
    if (!this.busy) this.next();
  }

  /** Lines waiting in memory. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /** Write what is queued (at most `timeoutMs`), then close the file. */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    this.flushing = true;
    if (this.coalesceTimer !== null) clearTimeout(this.coalesceTimer);
    this.coalesceTimer = null;
    if (!this.busy && this.queued > 0) this.next();
    if (this.busy || this.queued > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    }
    this.closed = true;
    this.dropped += this.queued;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    if (this.ownFd && this.fd >= 0 && !this.busy) fs.close(this.fd, () => undefined);
  }

  /** Start the next step: a pending reopen, else the next chunk; idle when nothing is left. */
  private next(): void {
    if (this.reopenWanted) {
      this.reopenWanted = false;
      this.busy = true;
      fs.open(this.o.target, 'a', 0o644, this.onReopened);
      return;
    }
    if (this.chunk === null && this.queued > 0 && this.queuedBytes < this.chunkMax && !this.flushing) {
      // less than a chunk: wait a moment for more lines
      this.busy = false;
      if (this.coalesceTimer === null) {
        this.coalesceTimer = setTimeout(this.coalesced, COALESCE_MS);
        this.coalesceTimer.unref();
      }
      return;
    }
    if (this.chunk === null && !this.takeChunk()) {
      this.busy = false;
      this.flushing = this.closed;
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const f of w) f();
      return;
    }
    this.busy = true;
    const c = this.chunk!;
    fs.write(this.fd, c, this.chunkOff, c.length - this.chunkOff, null, this.onWritten);
  }

  /** Join queued lines into one chunk of at most chunkMax bytes (a longer line goes alone). */
  private takeChunk(): boolean {
    const q = this.queue;
    if (this.head >= q.length) return false;
    const first = this.head;
    // characters first (exact for ASCII lines); bytes only when a non-ASCII character made the
    // chunk too long, so a pipe never gets more than PIPE_BUF in one write
    for (let exact = false; ; exact = true) {
      const measure = exact ? (x: string): number => Buffer.byteLength(x) : (x: string): number => x.length;
      let s = q[this.head++]!;
      let chars = s.length;
      let bytes = measure(s);
      let lines = 1;
      while (this.head < q.length) {
        const n = measure(q[this.head]!);
        if (bytes + n > this.chunkMax) break;
        chars += q[this.head]!.length;
        s += q[this.head++]!;
        bytes += n;
        lines++;
      }
      const buf = Buffer.from(s);
      if (buf.length > this.chunkMax && lines > 1 && !exact) {
        this.head = first;
        continue;
      }
      this.queuedBytes -= chars;
      this.chunk = buf;
      this.chunkLines = lines;
      break;
    }
    if (this.head === q.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
    this.chunkOff = 0;
    return true;
  }

  private readonly onWritten = (err: NodeJS.ErrnoException | null, n: number): void => {
    if (err !== null) {
      if (err.code === 'EAGAIN') {
        setTimeout(this.resume, AGAIN_MS).unref();
        return;
      }
      // the chunk is lost; count its lines, then pause so a dead disk costs a write per second
      this.dropped += this.chunkLines;
      this.chunk = null;
      this.errors++;
      this.o.onError?.(err, 'write');
      setTimeout(this.resume, ERROR_BACKOFF_MS).unref();
      return;
    }
    this.chunkOff += n;
    if (this.chunkOff < this.chunk!.length) {
      // a short write (a file system running full): the next write says why, or finishes it
      this.next();
      return;
    }
    this.written += this.chunkLines;
    this.chunk = null;
    if (this.closed) {
      this.busy = false;
      if (this.ownFd) fs.close(this.fd, () => undefined);
      return;
    }
    this.next();
  };

  private readonly onReopened = (err: NodeJS.ErrnoException | null, fd: number): void => {
    if (err !== null) {
      // as nginx: keep writing to the file we have (lines land in the rotated file, not lost)
      this.errors++;
      this.o.onError?.(err, 'reopen');
    } else {
      if (this.closed) {
        fs.close(fd, () => undefined);
        fs.close(this.fd, () => undefined);
        this.busy = false;
        return;
      }
      const old = this.fd;
      this.fd = fd;
      this.chunkMax = chunkFor(fd);
      fs.close(old, () => undefined);
    }
    this.next();
  };

  private readonly resume = (): void => {
    if (this.closed && this.chunk === null) {
      this.busy = false;
      if (this.ownFd) fs.close(this.fd, () => undefined);
      return;
    }
    this.next();
  };
}

/** Whole-line chunk size for `fd`: PIPE_BUF unless it is a regular file. */
function chunkFor(fd: number): number {
  try {
    return fs.fstatSync(fd).isFile() ? FILE_CHUNK : PIPE_CHUNK;
  } catch {
    return PIPE_CHUNK;
  }
}
