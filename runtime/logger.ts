import { write as fsWrite, writeSync } from 'node:fs';

/**
 * The runtime's logger: JSON lines in pino's format (`{"level":30,"time":…,"svc":"meshc",…,
 * "msg":…}`; errors under `err` as pino's standard serializer writes them), without pino.
 * pino and its dependencies were 30 CommonJS files, `worker_threads` and ~55 ms of CPU at every
 * `meshc run` start for features a sidecar does not use (transports, redaction, multistream);
 * see docs/benchmarks.md (footprint). A pino logger still satisfies this interface, so tests
 * and embedders may pass one in.
 */
export interface Logger {
  level: string;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  isLevelEnabled(level: string): boolean;
  /** A logger that adds `bindings` to every line (after the parent's). */
  child(bindings: Record<string, unknown>): Logger;
  /** Calls back once every line logged so far has been written. */
  flush(cb?: (err?: Error) => void): void;
}

/** `log(obj, msg)`, `log(err, msg)` (as `{err}`), or `log(msg)`. */
export interface LogFn {
  (obj: unknown, msg?: string): void;
  (msg: string): void;
}

const LEVELS: Record<string, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10, silent: Infinity };

/**
 * Where lines go: appended to a string and written with asynchronous `fs.write` calls, one at a
 * time (like pino's `destination({ sync: false })`), so a slow stderr never blocks the event
 * loop; whatever is still queued is written synchronously when the process exits.
 */
class Sink {
  private pending = '';
  private writing = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly fd: number) {
    process.on('exit', () => this.flushSync());
  }

  write(line: string): void {
    this.pending += line;
    if (!this.writing) this.next();
  }

  private next(): void {
    if (this.pending === '') {
      this.writing = false;
      const w = this.waiters;
      this.waiters = [];
      for (const cb of w) cb();
      return;
    }
    this.writing = true;
    const buf = Buffer.from(this.pending);
    this.pending = '';
    const send = (off: number): void => {
      fsWrite(this.fd, buf, off, buf.length - off, null, (err, n) => {
        // EAGAIN on a non-blocking pipe: try again; any other error drops the chunk (pino does too)
        if (err && (err as NodeJS.ErrnoException).code === 'EAGAIN') return void setImmediate(() => send(off));
        if (!err && off + n < buf.length) return send(off + n);
        this.next();
      });
    };
    send(0);
  }

  flush(cb: () => void): void {
    if (!this.writing) return void process.nextTick(cb);
    this.waiters.push(cb);
  }

  private flushSync(): void {
    if (this.pending === '') return;
    const s = this.pending;
    this.pending = '';
    try {
      writeSync(this.fd, s);
    } catch {
      /* nowhere left to report it */
    }
  }
}

/** pino's standard `err` serializer: type, message and stack with causes, own fields. */
function serializeErr(err: unknown, seen = new Set<unknown>()): unknown {
  if (!isErrorLike(err)) return err;
  seen.add(err);
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: Object.prototype.toString.call(e.constructor) === '[object Function]' ? (e.constructor as { name: string }).name : e.name,
    message: chain(e, (x) => x.message || '', ': '),
    stack: chain(e, (x) => x.stack || '', '\ncaused by: '),
  };
  if (Array.isArray(e.errors)) out.aggregateErrors = e.errors.map((x) => serializeErr(x, seen));
  for (const key in e) {
    if (out[key] !== undefined) continue;
    const val = e[key];
    if (isErrorLike(val)) {
      if (key !== 'cause' && !seen.has(val)) out[key] = serializeErr(val, seen);
    } else out[key] = val;
  }
  return out;
}

function isErrorLike(x: unknown): x is Error {
  return !!x && typeof (x as { message?: unknown }).message === 'string';
}

/** `part(err)` joined with its causes' (pino-std-serializers' messageWithCauses/stackWithCauses). */
function chain(err: Error, part: (e: Error) => string, sep: string): string {
  const seen = new Set<unknown>();
  let out = '';
  let cur: unknown = err;
  let skip = false;
  while (isErrorLike(cur)) {
    if (!skip) out += part(cur);
    if (seen.has(cur)) return out + (sep === ': ' ? ': ...' : '\ncauses have become circular...');
    seen.add(cur);
    const raw = (cur as { cause?: unknown }).cause;
    // VError-style `cause()`: its message follows without a separator
    const fn = typeof raw === 'function';
    const cause = fn ? (raw as () => unknown)() : raw;
    if (!isErrorLike(cause)) break;
    skip = fn && sep === ': ';
    if (!skip) out += sep;
    cur = cause;
  }
  return out;
}

/** One `,"key":value` per field, as pino writes them (undefined, functions and symbols left out). */
function fields(obj: Record<string, unknown>): string {
  let s = '';
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    let v = obj[key];
    if (v === undefined) continue;
    if (key === 'err') v = serializeErr(v);
    let json: string | undefined;
    if (typeof v === 'number') json = Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'function') continue;
    else json = stringify(v);
    if (json === undefined) continue;
    s += ',' + JSON.stringify(key) + ':' + json;
  }
  return s;
}

/** JSON.stringify that survives cycles and BigInts (written as "[Circular]" and a string). */
function stringify(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    const stack = new Set<unknown>();
    return JSON.stringify(v, function (this: unknown, _k, x: unknown) {
      if (typeof x === 'bigint') return x.toString();
      if (x !== null && typeof x === 'object') {
        if (stack.has(x)) return '[Circular]';
        stack.add(x);
      }
      return x;
    });
  }
}

class JsonLogger implements Logger {
  private threshold: number;
  private levelName: string;

  constructor(
    level: string,
    private readonly sink: Sink | null,
    /** The base and child bindings, already rendered as `,"k":v…`. */
    private readonly bindings: string,
  ) {
    this.levelName = level;
    this.threshold = LEVELS[level] ?? LEVELS.info!;
  }

  get level(): string {
    return this.levelName;
  }

  set level(l: string) {
    if (LEVELS[l] === undefined) throw new Error(`unknown level ${l}`);
    this.levelName = l;
    this.threshold = LEVELS[l]!;
  }

  fatal: LogFn = (a: unknown, m?: string) => this.log(60, a, m);
  error: LogFn = (a: unknown, m?: string) => this.log(50, a, m);
  warn: LogFn = (a: unknown, m?: string) => this.log(40, a, m);
  info: LogFn = (a: unknown, m?: string) => this.log(30, a, m);
  debug: LogFn = (a: unknown, m?: string) => this.log(20, a, m);
  trace: LogFn = (a: unknown, m?: string) => this.log(10, a, m);

  isLevelEnabled(level: string): boolean {
    const n = LEVELS[level];
    return n !== undefined && n !== Infinity && n >= this.threshold;
  }

  child(bindings: Record<string, unknown>): Logger {
    const c = new JsonLogger(this.levelName, this.sink, this.bindings + fields(bindings));
    return c;
  }

  flush(cb?: (err?: Error) => void): void {
    if (this.sink) this.sink.flush(() => cb?.());
    else if (cb) process.nextTick(cb);
  }

  private log(level: number, a: unknown, m: string | undefined): void {
    if (level < this.threshold || this.sink === null) return;
    let obj: Record<string, unknown> | null = null;
    let msg = m;
    if (typeof a === 'string') msg = a;
    else if (a instanceof Error) {
      obj = { err: a };
      if (msg === undefined) msg = a.message;
    } else if (a !== null && typeof a === 'object') obj = a as Record<string, unknown>;
    let line = '{"level":' + level + ',"time":' + Date.now() + this.bindings;
    if (obj) line += fields(obj);
    if (msg !== undefined) line += ',"msg":' + JSON.stringify(String(msg));
    this.sink.write(line + '}\n');
  }
}

let stderrSink: Sink | null = null;

/** The runtime's logger: JSON lines on stderr (stdout stays free for tooling). */
export function createLogger(level = 'info'): Logger {
  stderrSink ??= new Sink(2);
  return new JsonLogger(level, stderrSink, ',"svc":"meshc"');
}

/** A logger that discards everything (tests and library use). */
export function silentLogger(): Logger {
  return new JsonLogger('silent', null, '');
}
