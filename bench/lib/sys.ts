import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';

/** Where Debian's nginx-light keeps the dynamic stream module. */
export const NGINX_STREAM_SO = '/usr/lib/nginx/modules/ngx_stream_module.so';

function have(cmd: string): boolean {
  return spawnSync('bash', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Does this nginx have the stream module, built in or as Debian's loadable module? */
function nginxHasStream(): boolean {
  if (!have('nginx')) return false;
  if (existsSync(NGINX_STREAM_SO)) return true;
  const v = spawnSync('nginx', ['-V'], { encoding: 'utf8' });
  return /--with-stream(\s|$)/.test(`${v.stdout}${v.stderr}`);
}

/**
 * Make sure nginx (stream), HAProxy, iperf3 and a C compiler are present; as root, install the
 * missing Debian packages with apt-get (as .ci/run does), otherwise fail with the list.
 */
export function ensurePackages(log: (s: string) => void): void {
  const need: string[] = [];
  if (!have('haproxy')) need.push('haproxy');
  if (!have('iperf3')) need.push('iperf3');
  if (!nginxHasStream()) need.push('nginx-light', 'libnginx-mod-stream');
  if (!have('cc')) need.push('gcc', 'libc6-dev');
  if (need.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${need.join(' ')} (run as root, or: sudo apt-get install -y ${need.join(' ')})`);
  }
  log(`installing ${need.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120', ...need], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0]!.trim();
}

export interface Machine {
  nproc: number;
  cpuModel: string;
  kernel: string;
  node: string;
  nginx: string;
  haproxy: string;
  iperf3: string;
  cc: string;
  loadavgAtStart: number[];
}

/** What the numbers were measured on. */
export function machineInfo(): Machine {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    nginx: firstLine('nginx', ['-v']),
    haproxy: firstLine('haproxy', ['-v']),
    iperf3: firstLine('iperf3', ['-v']),
    cc: firstLine('cc', ['--version']),
    loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const HZ = 100; // USER_HZ: /proc/PID/stat ticks; 100 on every Linux architecture Debian ships

/** utime+stime of a process in seconds (its own threads, not its children). */
export function cpuSeconds(pid: number): number {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / HZ; // fields 14 and 15, counted after the comm field
}

/** VmRSS of a process in KiB. */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/**
 * The highest RLIMIT_NOFILE a child can get: `want` when we may raise the hard limit (root with
 * CAP_SYS_RESOURCE), else the current hard limit (containers often drop that capability).
 */
export function maxNofile(want: number): number {
  if (spawnSync('bash', ['-c', `ulimit -n ${want}`], { stdio: 'ignore' }).status === 0) return want;
  const hard = Number(spawnSync('bash', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim());
  return Number.isFinite(hard) && hard > 0 ? Math.min(hard, want) : 1024;
}

/** Number of open file descriptors of a process. */
export function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** PIDs whose parent is `pid`. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

const handedOut = new Set<number>();

/**
 * A TCP port that was free on 127.0.0.1 (and free for UDP) a moment ago, never the same one
 * twice in a run (the kernel readily hands a just-released port out again).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const { createSocket } = await import('node:dgram');
    const ok = await new Promise<boolean>((resolve) => {
      const u = createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (ok && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** TCP ports in LISTEN state on any local address (one read of /proc/net/tcp{,6}). */
export function listeningPorts(): Set<number> {
  const out = new Set<number>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') out.add(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return out;
}

/** Is there a TCP socket in LISTEN state on `port` (any local address)? Read from /proc/net. */
export function listening(port: number): boolean {
  return listeningPorts().has(port);
}

/** The HTTP status of GET `url`, 0 when it cannot be reached. */
export function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', () => resolve(0));
  });
}

/**
 * Resolves once something listens on TCP `port`. Checked in /proc/net/tcp rather than by
 * connecting: a probe connection through a proxy would reach iperf3, which counts it as a test.
 */
export async function waitTcp(port: number, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (listening(port)) return;
    if (!alive()) throw new Error(`process died before listening on ${port}`);
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await delay(50);
  }
}
