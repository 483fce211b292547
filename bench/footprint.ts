/**
 * The footprint row of `npm run bench` (issue 22): what one idle sidecar costs. For meshc on the
 * quickstart plan (3 clusters), on 10 and on 1,000 clusters, and for nginx and HAProxy with the
 * same listeners and upstreams: start to ready, resident memory at ready and after a settle
 * time, and CPU used while nothing happens (no traffic, no health checks). Method: docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Plan } from '../schemas/types/plan.gen.js';
import { planHash } from '../schemas/plan-hash.js';
import { start, stop, stderrOf, type Proc } from './lib/procs.js';
import { NGINX_STREAM_SO, childPids, freePort, getStatus, listeningPorts } from './lib/sys.js';

export interface FootprintRow {
  /** meshc, meshc-js, nginx, haproxy. */
  peer: string;
  /** quickstart, 10 clusters, 1000 clusters. */
  plan: string;
  listeners: number;
  clusters: number;
  /** Processes measured (nginx: master + worker; their memory is summed). */
  processes: number;
  /** Spawn to ready: meshc's /ready answers 200; nginx/HAProxy: every TCP listener listens. */
  readyMs: number | null;
  /**
   * CPU the process used from spawn to ready (all threads, schedstat): unlike readyMs, hardly
   * affected by other load on the machine.
   */
  startCpuMs: number | null;
  /** VmRSS (summed over the processes) at ready and after the settle time, KiB. */
  rssReadyKiB: number | null;
  rssKiB: number | null;
  /** RssAnon after the settle time, KiB: the private part (VmRSS also counts shared file pages). */
  anonKiB: number | null;
  /** On-CPU time over the idle window (all threads, /proc/PID/task/TID/schedstat), % of one core. */
  idleCpuPct: number | null;
  notes: string[];
}

export interface FootprintOptions {
  root: string;
  tmp: string;
  smoke: boolean;
  log(msg: string): void;
  /** Wait after ready before the idle window (V8's post-start GCs are over by then). */
  settleMs: number;
  /** Length of the idle-CPU window. */
  windowMs: number;
}

/** The plans measured: the quickstart example, and generated meshes of N TCP services. */
interface Case {
  label: string;
  plan: Plan;
}

/** `count` TCP services with two static endpoints each, and one sidecar with an outbound per service. */
function generatedPolicy(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      [
        'apiVersion: meshc.dev/v1alpha1',
        'kind: Service',
        `metadata: { name: svc-${i} }`,
        'spec:',
        '  ports:',
        '    - { name: p, port: 8000, protocol: tcp }',
        '  endpoints:',
        '    static:',
        `      - { address: 127.0.0.1, port: ${20000 + (i % 20000)} }`,
        `      - { address: 127.0.0.2, port: ${20000 + (i % 20000)} }`,
        '',
      ].join('\n'),
    );
  }
  const outbound = Array.from({ length: count }, (_, i) => `    - { service: svc-${i}, port: 8000, bind: '127.0.0.1:${10000 + i}' }`);
  docs.push(['apiVersion: meshc.dev/v1alpha1', 'kind: Sidecar', 'metadata: { name: mesh }', 'spec:', '  admin: 127.0.0.1:9901', '  outbound:', ...outbound, ''].join('\n'));
  return docs.join('---\n');
}

/** Compile a policy directory with the real CLI; returns the one plan it wrote. */
function compile(root: string, polDir: string, outDir: string): Plan {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/meshc.js'), 'compile', polDir, '--out', outDir, '--target', 'runtime'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`meshc compile ${polDir}: exit ${r.status}: ${(r.stderr || r.stdout || '').trim().slice(0, 400)}`);
  const [dir] = readdirSync(outDir);
  return JSON.parse(readFileSync(path.join(outDir, dir!, 'plan.json'), 'utf8')) as Plan;
}

async function cases(o: FootprintOptions): Promise<Case[]> {
  const out: Case[] = [{ label: 'quickstart', plan: compile(o.root, path.join(o.root, 'examples/quickstart'), path.join(o.tmp, 'fp-quickstart')) }];
  for (const n of o.smoke ? [] : [10, 1000]) {
    const dir = path.join(o.tmp, `fp-${n}`, 'policy');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'mesh.yaml'), generatedPolicy(n));
    out.push({ label: `${n} clusters`, plan: compile(o.root, dir, path.join(o.tmp, `fp-${n}`, 'out')) });
  }
  return out;
}

/** The plan with every listener and the admin endpoint on free loopback ports (hash recomputed). */
async function onFreePorts(p: Plan): Promise<Plan> {
  const plan: Plan = JSON.parse(JSON.stringify(p));
  plan.admin.port = await freePort();
  for (const l of plan.listeners) l.port = await freePort();
  plan.hash = planHash(plan);
  return plan;
}

/** nginx stream config with the plan's listeners and upstreams (one worker, like the other rows). */
function nginxConf(plan: Plan, dir: string): string {
  const lines = [existsSync(NGINX_STREAM_SO) ? `load_module ${NGINX_STREAM_SO};` : '', 'worker_processes 1;', 'daemon off;', `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log error;`, 'events { worker_connections 1024; }', 'stream {'];
  plan.clusters.forEach((c, i) => {
    if (c.endpoints.type !== 'static') return;
    lines.push(`  upstream c${i} {`, ...c.endpoints.hosts.map((h) => `    server ${h.address}:${h.port} weight=${h.weight};`), '  }');
  });
  const index = new Map(plan.clusters.map((c, i) => [c.name, i]));
  for (const l of plan.listeners) lines.push(`  server { listen ${l.address}:${l.port}${l.transport === 'udp' ? ' udp' : ''}; proxy_pass c${index.get(l.cluster!)}; }`);
  lines.push('}', '');
  return lines.join('\n');
}

/** HAProxy config with the plan's TCP listeners (Debian's HAProxy cannot proxy UDP). */
function haproxyConf(plan: Plan): string {
  const lines = ['global', '  nbthread 1', '', 'defaults', '  mode tcp', '  timeout connect 5s', '  timeout client 1h', '  timeout server 1h', ''];
  const byName = new Map(plan.clusters.map((c) => [c.name, c]));
  plan.listeners.forEach((l, i) => {
    if (l.transport !== 'tcp') return;
    const c = byName.get(l.cluster!)!;
    lines.push(`listen l${i}`, `  bind ${l.address}:${l.port}`, '  balance roundrobin');
    if (c.endpoints.type === 'static') c.endpoints.hosts.forEach((h, j) => lines.push(`  server s${j} ${h.address}:${h.port} weight ${h.weight}`));
    lines.push('');
  });
  return lines.join('\n');
}



/** A process and all its descendants. */
function tree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childPids(out[i]!));
  return out;
}

function status(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** On-CPU nanoseconds of every thread of `pids` (schedstat: ns resolution, unlike stat's ticks). */
function cpuNs(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const t of tids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        /* thread ended */
      }
    }
  }
  return ns;
}

interface Running {
  row: FootprintRow;
  proc: Proc;
  pids: number[];
}

async function until(what: string, p: Proc, ready: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  let alive = true;
  void p.exited.then(() => (alive = false));
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (!alive || Date.now() > deadline) throw new Error(`${what} did not become ready${alive ? '' : ' (exited)'}: ${stderrOf(p).trim().slice(-400)}`);
    await delay(5);
  }
}

async function startOne(o: FootprintOptions, peer: string, c: Case, index: number): Promise<Running> {
  const plan = await onFreePorts(c.plan);
  const dir = path.join(o.tmp, `fp-run-${index}-${peer}`);
  mkdirSync(dir, { recursive: true });
  const row: FootprintRow = { peer, plan: c.label, listeners: plan.listeners.length, clusters: plan.clusters.length, processes: 0, readyMs: null, startCpuMs: null, rssReadyKiB: null, rssKiB: null, anonKiB: null, idleCpuPct: null, notes: [] };
  const tcpPorts = plan.listeners.filter((l) => l.transport === 'tcp').map((l) => l.port);
  let proc: Proc;
  const t0 = performance.now();
  if (peer === 'meshc' || peer === 'meshc-js') {
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan, null, 2) + '\n');
    const env = { ...process.env, ...(peer === 'meshc-js' ? { MESHC_NATIVE: '0' } : {}) };
    proc = start(peer, process.execPath, [path.join(o.root, 'bin/meshc.js'), 'run', '--plan', file, '--log-level', 'warn'], { env });
    await until(peer, proc, async () => (await getStatus(`http://127.0.0.1:${plan.admin.port}/ready`)) === 200);
  } else if (peer === 'node') {
    // the floor under meshc: Node itself, listening on one port and doing nothing else
    const port = tcpPorts[0]!;
    proc = start(peer, process.execPath, ['-e', `require('net').createServer().listen(${port}, '127.0.0.1')`]);
    await until(peer, proc, () => listeningPorts().has(port));
    row.listeners = 1;
    row.clusters = 0;
    row.notes.push('bare node -e listening on one port: the floor under meshc');
  } else if (peer === 'nginx') {
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConf(plan, dir));
    proc = start(peer, 'nginx', ['-p', dir, '-c', conf, '-e', `${dir}/error.log`]);
    await until(peer, proc, () => {
      const l = listeningPorts();
      return tcpPorts.every((p) => l.has(p)) && childPids(proc.pid).length > 0;
    });
    row.notes.push('memory summed over master + worker');
  } else {
    const cfg = path.join(dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConf(plan));
    proc = start(peer, 'haproxy', ['-db', '-f', cfg]);
    await until(peer, proc, () => {
      const l = listeningPorts();
      return tcpPorts.every((p) => l.has(p));
    });
    if (plan.listeners.some((l) => l.transport === 'udp')) row.notes.push('TCP listeners only (no UDP proxying)');
  }
  row.readyMs = Math.round(performance.now() - t0);
  const pids = tree(proc.pid);
  row.startCpuMs = Math.round(cpuNs(pids) / 1e6);
  row.processes = pids.length;
  row.rssReadyKiB = pids.reduce((s, p) => s + status(p, 'VmRSS'), 0);
  return { row, proc, pids };
}

/** Peers of the footprint row, in table order (`node` only on the quickstart plan). */
export const FOOTPRINT_PEERS = ['node', 'meshc', 'meshc-js', 'nginx', 'haproxy'];

/**
 * Start every peer on every plan one after the other (each start timed alone), let them all
 * settle, then measure the idle window for all at once (idle processes do not disturb each other).
 */
export async function footprint(o: FootprintOptions, peers = FOOTPRINT_PEERS): Promise<FootprintRow[]> {
  const rows: FootprintRow[] = [];
  const running: Running[] = [];
  try {
    const all = await cases(o);
    let i = 0;
    for (const c of all) {
      for (const peer of peers) {
        if (peer === 'node' && c !== all[0]) continue;
        try {
          running.push(await startOne(o, peer, c, i++));
        } catch (err) {
          rows.push({ peer, plan: c.label, listeners: c.plan.listeners.length, clusters: c.plan.clusters.length, processes: 0, readyMs: null, startCpuMs: null, rssReadyKiB: null, rssKiB: null, anonKiB: null, idleCpuPct: null, notes: [`failed: ${String(err).slice(0, 300)}`] });
          o.log(`footprint ${peer} ${c.label}: ${String(err).slice(0, 300)}`);
        }
      }
    }
    await delay(o.settleMs);
    const before = running.map((r) => cpuNs(r.pids));
    const t0 = performance.now();
    await delay(o.windowMs);
    const elapsedMs = performance.now() - t0;
    running.forEach((r, k) => {
      r.row.idleCpuPct = ((cpuNs(r.pids) - before[k]!) / 1e6 / elapsedMs) * 100;
      r.row.rssKiB = r.pids.reduce((s, p) => s + status(p, 'VmRSS'), 0);
      r.row.anonKiB = r.pids.reduce((s, p) => s + status(p, 'RssAnon'), 0);
      rows.push(r.row);
    });
  } finally {
    for (const r of running) await stop(r.proc, 3000);
  }
  const order = (r: FootprintRow): number => FOOTPRINT_PEERS.indexOf(r.peer);
  const plans = [...new Set(rows.map((r) => r.plan))];
  return rows.sort((a, b) => plans.indexOf(a.plan) - plans.indexOf(b.plan) || order(a) - order(b));
}

const mib = (kib: number | null): string => (kib === null ? 'n/a' : (kib / 1024).toFixed(1));

/** The footprint rows as a text table, with meshc's growth per 1,000 clusters when measured. */
export function footprintTable(rows: FootprintRow[], o: { settleMs: number; windowMs: number }): string {
  const head = ['plan', 'peer', 'listeners', 'ready ms', 'start CPU ms', 'RSS@ready MiB', 'RSS MiB', 'anon MiB', 'idle CPU %'];
  const body = rows.map((r) => [r.plan, r.peer, String(r.listeners), r.readyMs === null ? 'n/a' : String(r.readyMs), r.startCpuMs === null ? 'n/a' : String(r.startCpuMs), mib(r.rssReadyKiB), mib(r.rssKiB), mib(r.anonKiB), r.idleCpuPct === null ? 'n/a' : r.idleCpuPct.toFixed(3)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const out = [`Footprint (idle: no traffic, no health checks; RSS after ${Math.round(o.settleMs / 1000)} s settle, idle CPU over ${Math.round(o.windowMs / 1000)} s; nginx: master+worker summed)`, line(head), ...body.map(line)];
  for (const peer of FOOTPRINT_PEERS) {
    const a = rows.find((r) => r.peer === peer && r.plan === '10 clusters');
    const b = rows.find((r) => r.peer === peer && r.plan === '1000 clusters');
    if (a?.rssKiB && b?.rssKiB) out.push(`${peer}: +${mib(((b.rssKiB - a.rssKiB) * 1000) / (b.clusters - a.clusters))} MiB RSS per 1,000 clusters (10 -> 1000 clusters, one listener each)`);
  }
  for (const r of rows) for (const n of r.notes) out.push(`note ${r.peer} (${r.plan}): ${n}`);
  return out.join('\n');
}
