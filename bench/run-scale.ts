/**
 * The `meshc run` at scale rows of `npm run bench` (issue 19): one sidecar with N TCP clusters
 * (10,000 by default; one outbound listener each), measured for
 *   - start to /ready (and the CPU the process used until then),
 *   - a reload that changes one endpoint of one cluster: plan file renamed into place -> the
 *     runtime's `plan reloaded` log line (the watcher is inotify, so this is read + parse +
 *     validate + hash + apply), and the CPU that took,
 *   - a /metrics scrape (time to the last byte, and its size).
 * Listeners are spread over 127.1.x.y addresses on one port, so the plan needs one free port, not N.
 * Method: docs/benchmarks.md. Run alone: `node dist/bench/run-scale.js [--clusters N] [--reloads N] [--cpu-prof DIR]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import type { Plan } from '../schemas/types/plan.gen.js';
import { planHash } from '../schemas/plan-hash.js';
import { cpuSeconds, freePort, maxNofile } from './lib/sys.js';

export interface ScaleResult {
  clusters: number;
  listeners: number;
  planBytes: number;
  readyMs: number;
  startCpuMs: number;
  /** One per reload: ms from the rename to the `plan reloaded` line, and the CPU used meanwhile. */
  reloadMs: number[];
  reloadCpuMs: number[];
  scrapeMs: number[];
  metricsBytes: number;
  rssKiB: number;
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;

/** `count` TCP services with two static endpoints and one outbound listener each. */
function policy(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata: { name: svc-${i} }\nspec:\n  ports:\n    - { name: p, port: 8000, protocol: tcp }\n  endpoints:\n    static:\n      - { address: 10.1.${i >> 8}.${i & 255}, port: 8080 }\n      - { address: 10.2.${i >> 8}.${i & 255}, port: 8080 }\n`);
  }
  const outbound = Array.from({ length: count }, (_, i) => `    - { service: svc-${i}, port: 8000, bind: '127.1.${i >> 8}.${i & 255}:15001' }`);
  docs.push(['apiVersion: meshc.dev/v1alpha1', 'kind: Sidecar', 'metadata: { name: scale }', 'spec:', '  admin: 127.0.0.1:9901', '  outbound:', ...outbound, ''].join('\n'));
  return docs.join('---\n');
}

/** Measure one sidecar with `clusters` clusters; `root` is the package root. */
export async function runScale(o: { root: string; clusters: number; reloads: number; log(msg: string): void; nodeArgs?: string[] }): Promise<ScaleResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'meshc-bench-scale-'));
  let child: ReturnType<typeof spawn> | undefined;
  try {
    mkdirSync(path.join(tmp, 'policy'));
    writeFileSync(path.join(tmp, 'policy', 'mesh.yaml'), policy(o.clusters));
    const c = spawnSync(process.execPath, [path.join(o.root, 'bin/meshc.js'), 'compile', path.join(tmp, 'policy'), '--out', path.join(tmp, 'out'), '--target', 'runtime'], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`compile: ${c.stderr.slice(0, 400)}`);
    const [dir] = readdirSync(path.join(tmp, 'out'));
    const plan = JSON.parse(readFileSync(path.join(tmp, 'out', dir!, 'plan.json'), 'utf8')) as Plan;
    const port = await freePort();
    plan.admin.port = await freePort();
    for (const l of plan.listeners) l.port = port;
    const file = path.join(tmp, 'run', 'plan.json');
    mkdirSync(path.dirname(file));
    const write = (p: Plan): number => {
      p.hash = planHash(p);
      const text = JSON.stringify(p, null, 2) + '\n';
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
      return text.length;
    };
    const planBytes = write(plan);

    const nofile = maxNofile(o.clusters + 1024);
    if (nofile < o.clusters + 64) throw new Error(`RLIMIT_NOFILE ${nofile} is too low for ${o.clusters} listeners`);
    const t0 = performance.now();
    child = spawn('bash', ['-c', `ulimit -n ${nofile} && exec "$0" "$@"`, process.execPath, ...(o.nodeArgs ?? []), path.join(o.root, 'bin/meshc.js'), 'run', '--plan', file, '--log-level', 'info'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    const lines: string[] = [];
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const parts = stderr.split('\n');
      stderr = parts.pop()!;
      for (const l of parts) if (l.includes('"plan reloaded"') || l.includes('"msg":"ready"')) lines.push(l);
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    const admin = `http://127.0.0.1:${plan.admin.port}`;
    for (;;) {
      const r = await fetch(`${admin}/ready`).catch(() => null);
      if (r?.status === 200) break;
      if (exited || performance.now() - t0 > 120_000) throw new Error(`meshc run did not become ready: ${stderr.slice(-400)}`);
      await delay(5);
    }
    const readyMs = performance.now() - t0;
    const pid = child.pid!;
    const startCpuMs = cpuSeconds(pid) * 1000;
    await delay(1000);

    const reloadMs: number[] = [];
    const reloadCpuMs: number[] = [];
    for (let k = 0; k < o.reloads; k++) {
      // one endpoint of one cluster changes (a pod rescheduled): the plan's other bytes stay
      const cl = plan.clusters[(k * 7919) % plan.clusters.length]!;
      if (cl.endpoints.type === 'static') cl.endpoints.hosts[0]!.port = 9000 + k;
      const before = lines.length;
      const cpu0 = cpuSeconds(pid);
      const t = performance.now();
      write(plan);
      while (!lines.slice(before).some((l) => l.includes(plan.hash))) {
        if (exited || performance.now() - t > 60_000) throw new Error('reload not applied');
        await delay(1);
      }
      reloadMs.push(performance.now() - t);
      reloadCpuMs.push((cpuSeconds(pid) - cpu0) * 1000);
      await delay(300);
    }

    const scrapeMs: number[] = [];
    let metricsBytes = 0;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      const body = await (await fetch(`${admin}/metrics`)).text();
      scrapeMs.push(performance.now() - t);
      metricsBytes = body.length;
    }
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { clusters: plan.clusters.length, listeners: plan.listeners.length, planBytes, readyMs, startCpuMs, reloadMs, reloadCpuMs, scrapeMs, metricsBytes, rssKiB };
  } finally {
    if (child?.pid !== undefined && child.exitCode === null) {
      // SIGTERM first (a --cpu-prof run in NODE_OPTIONS writes its profile), SIGKILL after 10 s
      const gone = new Promise((resolve) => child!.once('exit', resolve));
      for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
        try {
          process.kill(-child.pid, sig);
        } catch {
          break;
        }
        if (await Promise.race([gone.then(() => true), delay(10_000).then(() => false)])) break;
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The rows as text. */
export function scaleTable(r: ScaleResult): string {
  const f = (n: number): string => n.toFixed(0);
  return [
    `meshc run with ${r.clusters} clusters / ${r.listeners} listeners (plan ${(r.planBytes / 1048576).toFixed(1)} MiB; RSS ${(r.rssKiB / 1024).toFixed(1)} MiB)`,
    `  start to /ready           ${f(r.readyMs)} ms (CPU ${f(r.startCpuMs)} ms)            target < 2000 ms`,
    `  reload, one endpoint      median ${f(median(r.reloadMs))} ms of [${r.reloadMs.map(f).join(' ')}] (CPU median ${f(median(r.reloadCpuMs))} ms)   target < 100 ms`,
    `  /metrics scrape           median ${f(median(r.scrapeMs))} ms of [${r.scrapeMs.map(f).join(' ')}] (${(r.metricsBytes / 1048576).toFixed(1)} MiB)   target < 200 ms`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, d: string): string => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1]! : d;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const r = await runScale({ root, clusters: Number(arg('--clusters', '10000')), reloads: Number(arg('--reloads', '5')), nodeArgs: arg('--cpu-prof', '') ? ['--cpu-prof', `--cpu-prof-dir=${arg('--cpu-prof', '')}`] : [], log: (m) => process.stderr.write(`${m}\n`) });
  console.log(scaleTable(r));
}
