import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseAllDocuments } from 'yaml';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan as makePlan } from '../../test/helpers/plan.js';
import { planHash } from '../../schemas/plan-hash.js';
import { start, stop, stderrOf, type Proc } from '../lib/procs.js';
import { freePort, getStatus, waitTcp } from '../lib/sys.js';
import type { Backends, PeerContext, PeerDef, RunningPeer } from './peer.js';

/** Ports chosen for one meshc instance. */
interface MeshcPorts {
  iperf: number;
  echo: number;
  udp: number;
  admin: number;
}

/** Service name -> which backend and which bind port it gets. */
const SERVICES: Record<string, { backend: keyof Backends; bind: keyof MeshcPorts }> = {
  'bench-iperf': { backend: 'iperfPort', bind: 'iperf' },
  'bench-echo': { backend: 'echoPort', bind: 'echo' },
  'bench-udp': { backend: 'echoPort', bind: 'udp' },
};

/** Copy bench/policy/bench.yaml into `dir` with the chosen ports filled in. */
function writePolicy(root: string, dir: string, b: Backends, ports: MeshcPorts, withUdp: boolean): string {
  const src = readFileSync(path.join(root, 'bench/policy/bench.yaml'), 'utf8');
  const docs = parseAllDocuments(src);
  const out: string[] = [];
  for (const doc of docs) {
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']) as string;
    if (kind === 'Service') {
      if (name === 'bench-udp' && !withUdp) continue;
      doc.setIn(['spec', 'endpoints', 'static', 0, 'port'], b[SERVICES[name]!.backend]);
    } else if (kind === 'Sidecar') {
      doc.setIn(['spec', 'admin'], `127.0.0.1:${ports.admin}`);
      const outbound = doc.getIn(['spec', 'outbound']) as { items: unknown[] };
      for (let i = outbound.items.length - 1; i >= 0; i--) {
        const svc = doc.getIn(['spec', 'outbound', i, 'service']) as string;
        if (svc === 'bench-udp' && !withUdp) doc.deleteIn(['spec', 'outbound', i]);
        else doc.setIn(['spec', 'outbound', i, 'bind'], `127.0.0.1:${ports[SERVICES[svc]!.bind]}`);
      }
    }
    out.push(doc.toString());
  }
  const polDir = path.join(dir, 'policy');
  mkdirSync(polDir, { recursive: true });
  writeFileSync(path.join(polDir, 'bench.yaml'), out.join('')); // documents after the first keep their `---`
  return polDir;
}

/**
 * The plan the compiler should produce for the bench policy, built directly (same shape as
 * test/helpers/plan.ts). Used only while `meshc compile` is not available; the report says so.
 */
function fallbackPlan(b: Backends, ports: MeshcPorts, withUdp: boolean): Plan {
  const conn = { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 50_000, connectAttempts: 1 };
  const clusters = [
    cluster('bench-iperf_5201_tcp', [{ port: b.iperfPort }], { service: 'bench-iperf', port: 5201, connection: conn }),
    cluster('bench-echo_7_tcp', [{ port: b.echoPort }], { service: 'bench-echo', port: 7, connection: conn }),
  ];
  const listeners = [
    listener('bench-iperf_5201_tcp', ports.iperf, { service: 'bench-iperf', servicePort: 5201 }),
    listener('bench-echo_7_tcp', ports.echo, { service: 'bench-echo', servicePort: 7 }),
  ];
  if (withUdp) {
    clusters.push(
      cluster('bench-udp_7_udp', [{ port: b.echoPort }], {
        service: 'bench-udp',
        port: 7,
        protocol: 'udp',
        transport: 'udp',
        connection: { ...conn, idleTimeoutMs: 60_000 },
      }),
    );
    listeners.push(listener('bench-udp_7_udp', ports.udp, { transport: 'udp', service: 'bench-udp', servicePort: 7 }));
  }
  return makePlan(listeners, clusters, { name: 'bench', admin: { address: '127.0.0.1', port: ports.admin } });
}

/** Compile the policy with the real CLI; returns the plan file, or an error text. */
function compileWithCli(ctx: PeerContext, polDir: string, outDir: string): { file?: string; error?: string } {
  const r = spawnSync(process.execPath, [path.join(ctx.root, 'bin/meshc.js'), 'compile', polDir, '--out', outDir, '--target', 'runtime'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const file = path.join(outDir, 'bench', 'plan.json');
  if (r.status === 0 && existsSync(file)) return { file };
  return { error: `exit ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(0, 3).join(' | ')}` };
}


export interface MeshcOptions {
  /** Run under `node --cpu-prof` and write the profile here (on graceful exit). */
  cpuProfDir?: string;
  /** Peer name in the report (default `meshc`). */
  name?: string;
  /** `meshc run --workers N` (CPU and memory figures are then n/a: they would cover the primary only). */
  workers?: number;
  /** Extra environment, e.g. MESHC_NATIVE=0 for the pure-JS data path. */
  env?: Record<string, string>;
  /** `meshc run --access-log FILE` (a file in the peer's work directory). */
  accessLog?: boolean;
  /** Change the echo listener of the plan (SPEC 9 cost rows), e.g. `rateLimitEcho`, `splitEcho`. */
  editEcho?: (p: Plan) => void;
}

/** The plan's echo listener (the one connrate and rtt use). */
function echoListener(p: Plan): Plan['listeners'][number] {
  return p.listeners.find((l) => l.cluster?.startsWith('bench-echo_') === true)!;
}

/** A maxConnectionRate far above any offered rate: the token bucket's cost alone. */
export function rateLimitEcho(p: Plan): void {
  echoListener(p).maxConnectionRate = 1_000_000;
}

/** A split of the echo listener over two clusters with the same endpoint, 50/50: the split's cost alone. */
export function splitEcho(p: Plan): void {
  const l = echoListener(p);
  const c = p.clusters.find((x) => x.name === l.cluster)!;
  const twin = { ...c, name: `${c.name.split('_')[0]}-b_${c.port}_${c.transport}` };
  p.clusters.push(twin);
  p.clusters.sort((a, b) => a.name.localeCompare(b.name));
  l.weightedClusters = [
    { cluster: c.name, weight: 1 },
    { cluster: twin.name, weight: 1 },
  ];
  delete l.cluster;
}

/** Where the plan came from, for the report: `compiler` or `fallback (<why>)`. */
export let planSource = 'not started';

async function startOnce(ctx: PeerContext, withUdp: boolean, o: MeshcOptions): Promise<{ p: Proc; ports: MeshcPorts; startupMs: number }> {
  const ports: MeshcPorts = { iperf: await freePort(), echo: await freePort(), udp: await freePort(), admin: await freePort() };
  const dir = path.join(ctx.dir, withUdp ? 'full' : 'tcp-only');
  mkdirSync(dir, { recursive: true });
  const polDir = writePolicy(ctx.root, dir, ctx.backends, ports, withUdp);
  const compiled = compileWithCli(ctx, polDir, path.join(dir, 'out'));
  let planFile = compiled.file;
  if (planFile) planSource = 'compiler';
  else {
    planFile = path.join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(fallbackPlan(ctx.backends, ports, withUdp), null, 2) + '\n');
    planSource = `fallback (meshc compile failed: ${compiled.error})`;
    ctx.log(`meshc compile failed, using a directly built plan: ${compiled.error}`);
  }
  if (o.editEcho) {
    const p = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
    o.editEcho(p);
    p.hash = planHash(p);
    planFile = path.join(dir, 'plan-edited.json');
    writeFileSync(planFile, JSON.stringify(p, null, 2) + '\n');
  }
  const args = [path.join(ctx.root, 'bin/meshc.js'), 'run', '--plan', planFile, '--admin', `127.0.0.1:${ports.admin}`];
  args.push('--log-level', 'warn', '--drain-timeout', '1s');
  if (o.workers !== undefined) args.push('--workers', String(o.workers));
  if (o.accessLog) {
    // not next to plan.json: the plan watcher watches that directory, and would wake on every write
    mkdirSync(path.join(dir, 'log'), { recursive: true });
    args.push('--access-log', path.join(dir, 'log', 'access.log'));
  }
  const nodeArgs = o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [];
  const spawned = Date.now();
  const p = start(o.name ?? 'meshc', process.execPath, [...nodeArgs, ...args], { nofile: ctx.nofile, env: { ...process.env, ...o.env } });
  let alive = true;
  void p.exited.then(() => (alive = false));
  const deadline = Date.now() + 15_000;
  while ((await getStatus(`http://127.0.0.1:${ports.admin}/ready`)) !== 200) {
    if (!alive || Date.now() > deadline) {
      await stop(p, 500);
      throw new Error(`meshc run did not become ready${alive ? '' : ' (exited)'}: ${stderrOf(p).trim().slice(-600)}`);
    }
    await delay(50);
  }
  const startupMs = Date.now() - spawned;
  await waitTcp(ports.echo, 5000, () => alive);
  return { p, ports, startupMs };
}

/** `meshc run` on the plan compiled from bench/policy (one process, the runtime's default). */
export function meshcPeer(o: MeshcOptions = {}): PeerDef {
  const name = o.name ?? 'meshc';
  return {
    name,
    async start(ctx): Promise<RunningPeer> {
      const notes: string[] = [];
      let r: { p: Proc; ports: MeshcPorts; startupMs: number };
      try {
        r = await startOnce(ctx, true, o);
      } catch (err) {
        // The UDP listener may not be there yet: measure TCP anyway, mark UDP n/a.
        notes.push(`UDP n/a: meshc failed with a udp listener: ${String(err).slice(0, 300)}`);
        r = await startOnce(ctx, false, o);
      }
      const { p, ports } = r;
      const withUdp = notes.length === 0;
      if (o.workers !== undefined) notes.push(`--workers ${o.workers}: CPU and memory figures n/a (they would cover the primary only)`);
      if (o.env?.MESHC_NATIVE === '0') notes.push('MESHC_NATIVE=0: the pure-JS data path');
      if (o.accessLog) notes.push('--access-log FILE: one JSON line per connection');
      if (o.editEcho === rateLimitEcho) notes.push('echo listener with maxConnectionRate 1,000,000/s (far above the offered rate)');
      if (o.editEcho === splitEcho) notes.push('echo listener split 50/50 over two clusters with the same endpoint');
      return {
        name,
        ...(o.workers === undefined ? { pid: p.pid } : {}),
        startupMs: r.startupMs,
        iperfPort: ports.iperf,
        echoPort: ports.echo,
        ...(withUdp ? { udpPort: ports.udp } : {}),
        notes,
        stop: () => stop(p, o.cpuProfDir ? 10_000 : 3000),
      };
    },
  };
}
