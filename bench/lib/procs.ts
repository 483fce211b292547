import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { waitTcp } from './sys.js';

/** One process the bench started; `pid` is also its process-group id (spawned detached). */
export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** stdout collected so far (only when stdout is piped and `collect` was asked for). */
  out(): string;
}

export interface SpawnOptions {
  /** Raise RLIMIT_NOFILE by running through `bash -c 'ulimit -n N; exec …'` (same PID). */
  nofile?: number;
  stdio?: StdioOptions;
  collect?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** run(): resolve with stdout even when the exit code is not 0. */
  allowFailure?: boolean;
}

const live = new Map<number, Proc>();

/** Send `sig` to a process group and the process itself; a vanished process is not an error. */
function signal(pid: number, sig: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, sig);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Start a tracked child. It gets its own process group, so stopping its PID also stops the
 * workers it forked (nginx's master/worker pair); every tracked PID is killed on exit/SIGINT.
 */
export function start(name: string, cmd: string, args: string[], o: SpawnOptions = {}): Proc {
  const [file, argv] = o.nofile ? ['bash', ['-c', `ulimit -n ${o.nofile} && exec "$0" "$@"`, cmd, ...args]] : [cmd, args];
  const child = spawn(file, argv as string[], {
    stdio: o.stdio ?? ['ignore', o.collect ? 'pipe' : 'ignore', 'pipe'],
    detached: true,
    env: o.env ?? process.env,
    cwd: o.cwd,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${cmd})`);
  let out = '';
  let err = '';
  if (o.collect) child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    if (err.length < 16_384) err += d.toString();
  });
  const pid = child.pid;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => {
      live.delete(pid);
      resolve(code);
    });
  });
  const p: Proc = { name, pid, child, exited, out: () => out };
  Object.defineProperty(p, 'stderr', { get: () => err });
  live.set(pid, p);
  return p;
}

/** The stderr a process has written so far (first 16 KiB). */
export function stderrOf(p: Proc): string {
  return (p as unknown as { stderr: string }).stderr;
}

/** Stop one process by PID: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
export async function stop(p: Proc, graceMs = 3000): Promise<void> {
  if (!live.has(p.pid)) return;
  signal(p.pid, 'SIGTERM');
  const t = await Promise.race([p.exited.then(() => 'exited'), delay(graceMs, 'timeout')]);
  if (t === 'timeout') {
    signal(p.pid, 'SIGKILL');
    await p.exited;
  }
  signal(p.pid, 'SIGKILL'); // leftovers in its process group (e.g. an nginx worker)
}

/** Stop every tracked process. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live.values()].map((p) => stop(p, 1500)));
}

/** Kill every tracked process synchronously (process exit path). */
export function killAllNow(): void {
  for (const pid of live.keys()) signal(pid, 'SIGKILL');
  live.clear();
}

/**
 * Run a tool to completion and return its stdout; rejects on a non-zero exit or after
 * `timeoutMs` (then the tool is killed by PID).
 */
export async function run(name: string, cmd: string, args: string[], timeoutMs: number, o: SpawnOptions = {}): Promise<string> {
  const p = start(name, cmd, args, { ...o, collect: true });
  const r = await Promise.race([p.exited, delay(timeoutMs, 'timeout' as const)]);
  if (r === 'timeout') {
    await stop(p, 500);
    throw new Error(`${name} timed out after ${timeoutMs} ms`);
  }
  if (r !== 0 && !(o.allowFailure && p.out())) throw new Error(`${name} exited with ${r}: ${stderrOf(p).trim().slice(0, 500)}`);
  return p.out();
}

/**
 * Install handlers so that Ctrl-C, SIGTERM or a crash never leaves a peer running; `atExit`
 * (e.g. removing the temp dir) runs after the processes are stopped.
 */
export function installCleanup(atExit: () => void = () => {}): void {
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      process.stderr.write(`\nbench: ${sig}, stopping ${live.size} process(es)\n`);
      void stopAll()
        .then(atExit)
        .finally(() => process.exit(130));
    });
  }
}

/**
 * Start a peer and wait until it accepts TCP on every port in `ports`; if it exits or does not
 * listen in time, stop it and throw with the tail of its stderr.
 */
export async function startListening(name: string, cmd: string, args: string[], ports: number[], o: SpawnOptions = {}): Promise<Proc> {
  const p = start(name, cmd, args, o);
  let alive = true;
  void p.exited.then(() => (alive = false));
  try {
    for (const port of ports) await waitTcp(port, 10_000, () => alive);
  } catch (err) {
    await stop(p);
    throw new Error(`${name} did not start: ${String(err)} ${stderrOf(p)}`);
  }
  return p;
}
