/**
 * `npm run bench`: meshc side by side with no proxy, nginx (stream), HAProxy (mode tcp) and a
 * naive Node pipe proxy, one worker each, on 127.0.0.1. Interleaves the peers over several
 * rounds, takes medians, prints a table, writes bench/results/latest.{json,svg}.
 * `--smoke`: a few seconds, only proves that every peer starts and passes bytes (CI).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, flag, UsageError } from '../cli/args.js';
import { compileTools, type Tools } from './lib/tools.js';
import { connRate, idleMemory, rtt, throughput, udp, type Durations } from './lib/measure.js';
import { installCleanup, start, stop, stopAll, type Proc } from './lib/procs.js';
import { METRICS, summarize, table, type Results } from './lib/results.js';
import { renderSvg } from './lib/svg.js';
import { ensurePackages, freePort, machineInfo, maxNofile, waitTcp } from './lib/sys.js';
import type { Backends, PeerContext, PeerDef, RunningPeer } from './peers/peer.js';
import { direct } from './peers/direct.js';
import { nginx } from './peers/nginx.js';
import { haproxy } from './peers/haproxy.js';
import { meshcPeer, planSource, rateLimitEcho, splitEcho } from './peers/meshc.js';
import { naiveNode } from './peers/naive-node.js';
import { meshcMtls, nginxMtls } from './peers/mtls.js';
import { profileMeshc } from './profile-run.js';
import { footprint, footprintTable } from './footprint.js';
import { runScale, scaleTable } from './run-scale.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `Usage: npm run bench -- [--smoke] [--rounds N] [--peers a,b,…] [--tests a,b,…] [--udp-rate N] [--no-spin] [--out DIR] [--keep]
       npm run bench -- --profile [--seconds N]

Runs direct, nginx, haproxy, meshc and naive-node side by side on 127.0.0.1 (one worker each)
and writes DIR/latest.json and DIR/latest.svg (default DIR: bench/results; --smoke: $TMPDIR/meshc-bench-smoke).
  --smoke       a few seconds: every peer starts and passes bytes (CI); not into bench/results
  --rounds N    interleaved rounds (default 3)
  --peers LIST  subset of direct,nginx,haproxy,meshc,naive-node; also meshc-w2 (--workers 2),
                meshc-js (MESHC_NATIVE=0, the pure-JS data path) and meshc-log (--access-log
                to a file), meshc-rl (a maxConnectionRate far above the offered rate) and
                meshc-split (the echo listener split over two clusters), meshc-mtls and nginx-mtls
               (two hops with mutual TLS: client sidecar -> server sidecar -> backend), meshc-pp /
                meshc-js-pp (proxyProtocol v2 to the backends, native / pure-JS data path), run only when named
  --tests LIST  subset of throughput1,throughput4,connrate,rtt,udp,idle,footprint
                (footprint: idle RSS, idle CPU and start-to-ready of meshc on the quickstart plan,
                10 and 1,000 clusters, beside nginx and HAProxy with the same listeners;
                scale: meshc run with 10,000 clusters: start to /ready, a one-endpoint
                reload, a /metrics scrape)
  --udp-rate N  offered UDP datagrams per second (default 50000)
  --keep        keep the temp dir (configs, logs)
  --no-spin     no SCHED_IDLE spinners during the RTT test (then RTT includes CPU wake-up latency)
  --profile     run meshc under node --cpu-prof during a 1-stream iperf3 test, then print the
                top self-time functions (written to DIR/profile.txt)
`;

const ALL: PeerDef[] = [direct, nginx, haproxy, meshcPeer(), naiveNode];
/** Peers run only when named in --peers: meshc with two workers, meshc on its pure-JS data path. */
const EXTRA: PeerDef[] = [meshcPeer({ name: 'meshc-w2', workers: 2 }), meshcPeer({ name: 'meshc-js', env: { MESHC_NATIVE: '0' } }), meshcPeer({ name: 'meshc-log', accessLog: true }), meshcPeer({ name: 'meshc-rl', editEcho: rateLimitEcho }), meshcPeer({ name: 'meshc-split', editEcho: splitEcho }), meshcMtls, nginxMtls];
/** Cluster.proxyProtocol v2 to the backends (the echo backend consumes the header), on both data paths. */
EXTRA.push(meshcPeer({ name: 'meshc-pp', proxyProtocol: 'v2' }), meshcPeer({ name: 'meshc-js-pp', env: { MESHC_NATIVE: '0' }, proxyProtocol: 'v2' }));

function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

/** The backends: iperf3 server and the C echo server (TCP+UDP). */
async function startBackends(tools: Tools, nofile: number): Promise<{ backends: Backends; procs: Proc[] }> {
  const [iperfPort, echoPort] = [await freePort(), await freePort()];
  const iperf = start('iperf3-server', 'iperf3', ['-s', '-B', '127.0.0.1', '-p', String(iperfPort)]);
  const echo = start('echo', tools.echo, [String(echoPort)], { nofile });
  await waitTcp(iperfPort, 10_000);
  await waitTcp(echoPort, 10_000);
  return { backends: { iperfPort, echoPort }, procs: [iperf, echo] };
}

/** Proves a started peer passes bytes (TCP echo; UDP when it has a UDP port). */
async function check(t: Tools, p: RunningPeer, d: Durations): Promise<void> {
  await rtt(t, p, { ...d, rttCount: 20, rttWarmup: 5 });
  if (p.udpPort !== undefined) {
    const u = await udp(t, p.udpPort, d, 1000, 200).catch(() => ({ received: 0 }));
    if (u.received === 0) {
      if (p.name === 'direct' || p.name === 'nginx') throw new Error(`${p.name}: no UDP datagram came back`);
      p.notes.push('UDP n/a: no datagram came back through the udp listener');
      delete p.udpPort;
    }
  }
}

type Test = {
  id: string;
  /** Sub-runs per round, each interleaved over the peers (finer interleaving for noisy figures). */
  repeat?: number;
  run: (t: Tools, p: RunningPeer, d: Durations) => Promise<Record<string, number | null>> };

/** The per-round tests; each returns metric id -> value (plus raw fields for the JSON). */
const TESTS: Test[] = [
  {
    id: 'throughput1',
    run: async (t, p, d) => {
      const s = await throughput(p.iperfPort, p, 1, d);
      return { ...s, tput1: s.gbps };
    },
  },
  { id: 'throughput4', run: async (t, p, d) => ({ tput4: (await throughput(p.iperfPort, p, 4, d)).gbps }) },
  {
    id: 'connrate',
    run: async (t, p, d) => {
      const r = await connRate(t, p, d);
      return { ...r, connRate: r.rate, cpuPerConn: r.cpuUsPerConn };
    },
  },
  {
    id: 'rtt',
    repeat: 3,
    run: async (t, p, d) => {
      const r = await rtt(t, p, d);
      return { ...r, rttP50: r.p50, rttP99: r.p99 };
    },
  },
  {
    id: 'udp',
    run: async (t, p, d) => {
      if (p.udpPort === undefined) return { udpRate: null, udpLoss: null };
      const r = await udp(t, p.udpPort, d);
      return { ...r, udpRate: r.rate, udpLoss: r.loss };
    },
  },
];

const METRIC_IDS = new Set(METRICS.map((m) => m.id));

function record(res: Results, test: string, peer: string, out: Record<string, number | null> | { error: string }): void {
  ((res.raw[test] ??= {})[peer] ??= []).push(out);
  if ('error' in out) return;
  for (const [k, v] of Object.entries(out)) {
    if (METRIC_IDS.has(k)) ((res.samples[k] ??= {})[peer] ??= []).push(v as number | null);
  }
}

let failures = 0;

/**
 * One SCHED_IDLE spinner per CPU for the latency test (see bench/tools/spin.c): keeps virtual
 * CPUs from halting between round trips, so RTT shows the proxies' work rather than the
 * hypervisor's wake-up latency. They only get CPU time nobody else wants.
 */
function startSpinners(t: Tools): Proc[] {
  try {
    return Array.from({ length: os.availableParallelism() }, () => start('spin', 'chrt', ['-i', '0', t.spin]));
  } catch (err) {
    log(`no idle spinners (${String(err)}): RTT includes CPU wake-up latency`);
    return [];
  }
}

/** One idle-memory sample of a peer (n/a for direct, which has no forwarding process). */
async function idleSample(res: Results, t: Tools, d: Durations, name: string, up: () => Promise<RunningPeer>, down: () => Promise<unknown>): Promise<void> {
  if (name === 'direct') return record(res, 'idle', 'direct', { idleMem: null });
  try {
    const s = await idleMemory(t, await up(), d);
    record(res, 'idle', name, { ...s, idleMem: s.perConnKiB });
  } catch (err) {
    failures++;
    record(res, 'idle', name, { error: String(err).slice(0, 500) });
    log(`idle ${name}: ${String(err).slice(0, 300)}`);
  } finally {
    await down();
  }
}

async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    '--help': { value: false },
    '--smoke': { value: false },
    '--rounds': { value: true },
    '--peers': { value: true },
    '--udp-rate': { value: true },
    '--out': { value: true },
    '--keep': { value: false },
    '--profile': { value: false },
    '--seconds': { value: true },
    '--tests': { value: true },
    '--no-spin': { value: false },
  });
  if (a.flags.has('--help')) {
    process.stdout.write(usage);
    return 0;
  }
  if (a.positionals.length) throw new UsageError(`unexpected argument ${a.positionals[0]}`);
  const smoke = a.flags.has('--smoke');
  const rounds = smoke ? 1 : Number(flag(a, '--rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new UsageError('--rounds must be 1..20');
  const names = (flag(a, '--peers') ?? ALL.map((p) => p.name).join(',')).split(',');
  const defs = names.map((n) => {
    const d = [...ALL, ...EXTRA].find((p) => p.name === n);
    if (!d) throw new UsageError(`unknown peer ${n} (known: ${[...ALL, ...EXTRA].map((p) => p.name).join(', ')})`);
    return d;
  });
  const allTests = [...TESTS.map((t) => t.id), 'idle', 'footprint', 'scale'];
  const only = (flag(a, '--tests') ?? allTests.join(',')).split(',');
  for (const x of only) if (!allTests.includes(x)) throw new UsageError(`unknown test ${x} (known: ${allTests.join(', ')})`);
  const spin = !a.flags.has('--no-spin');
  const udpRate = Number(flag(a, '--udp-rate') ?? 50_000);
  if (!(udpRate > 0)) throw new UsageError('--udp-rate must be a positive number');

  const t0 = Date.now();
  ensurePackages(log);
  // 10,000 idle connections take 20,000+ descriptors in the proxy; where the hard limit cannot be
  // raised (no CAP_SYS_RESOURCE), hold as many as fit and say so in the results.
  const nofile = maxNofile(200_000);
  const idleConnections = Math.min(10_000, Math.floor((nofile - 256) / 2));
  if (idleConnections < 10_000 && !smoke) log(`RLIMIT_NOFILE hard limit is ${nofile}: the idle test holds ${idleConnections} connections, not 10,000`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'meshc-bench-'));
  installCleanup(() => {
    if (!a.flags.has('--keep')) rmSync(tmp, { recursive: true, force: true });
  });
  const outDir = path.resolve(flag(a, '--out') ?? (smoke ? path.join(os.tmpdir(), 'meshc-bench-smoke') : path.join(root, 'bench/results')));
  const d: Durations = smoke
    ? { iperfSeconds: 1, iperfBytes: '4M', connrateMs: 250, connrateConcurrency: 8, rttCount: 500, rttWarmup: 50, rttMaxMs: 1000, udpMs: 100, udpRate: 2000, idleConnections: 200, idleWarmupMs: 0, rssSettleMs: 0 }
    : { iperfSeconds: 2, connrateMs: 2000, connrateConcurrency: 32, rttCount: 20_000, rttWarmup: 1000, rttMaxMs: 1000, udpMs: 2000, udpRate, idleConnections, idleWarmupMs: 300, rssSettleMs: 3000 };
  try {
    const tools = await compileTools(root, path.join(tmp, 'tools'));
    if (process.env['BENCH_DEBUG']) log(`tools compiled (${Date.now() - t0} ms)`);
    if (a.flags.has('--profile')) {
      mkdirSync(outDir, { recursive: true });
      const { backends } = await startBackends(tools, nofile);
      const secs = Number(flag(a, '--seconds') ?? 5);
      const text = await profileMeshc({ root, tmp, tools, backends, seconds: secs, nofile, log });
      writeFileSync(path.join(outDir, 'profile.txt'), text);
      process.stdout.write(text);
      return 0;
    }
    const machine = machineInfo();
    const { backends } = await startBackends(tools, nofile);
    const ctx = (name: string): PeerContext => {
      const dir = path.join(tmp, name);
      mkdirSync(dir, { recursive: true });
      return { backends, dir, root, nofile, log };
    };
    const res: Results = {
      version: 1,
      date: new Date().toISOString(),
      mode: smoke ? 'smoke' : 'full',
      durationSeconds: 0,
      machine,
      config: { rounds, durations: d, nofile, rttIdleSpinners: spin, tests: only, payloadBytes: 64, order: 'per test: peers interleaved, start rotated each round', idleRounds: smoke ? 1 : 2 },
      peers: [],
      notes: {},
      meshcPlan: 'n/a',
      metrics: METRICS,
      samples: {},
      raw: {},
      medians: {},
      ratios: { 'meshc/nginx': {}, 'meshc/direct': {} },
      targets: [],
    };

    // Start every peer and prove it passes bytes (not needed when only the footprint is measured).
    const peers: RunningPeer[] = [];
    for (const def of only.some((x) => x !== 'footprint' && x !== 'scale') ? defs : []) {
      try {
        const p = await def.start(ctx(def.name));
        await check(tools, p, d);
        peers.push(p);
        res.peers.push(p.name);
        res.notes[p.name] = p.notes;
        if (process.env['BENCH_DEBUG']) log(`${p.name} started (${Date.now() - t0} ms)`);
        log(`${p.name} ready${p.pid ? ` (pid ${p.pid})` : ''}${p.notes.length ? ` — ${p.notes.join('; ')}` : ''}`);
      } catch (err) {
        failures++;
        res.notes[def.name] = [`failed to start: ${String(err).slice(0, 800)}`];
        log(`${def.name} FAILED to start: ${String(err).slice(0, 800)}`);
      }
    }
    if (defs.some((x) => x.name === 'meshc')) res.meshcPlan = planSource;

    // Interleaved rounds: for each test, A B C D …, the first peer rotating every round.
    for (let r = 0; r < rounds; r++) {
      const order = peers.map((_, i) => peers[(i + r) % peers.length]!);
      for (const test of TESTS.filter((x) => only.includes(x.id))) {
        const spinners = test.id === 'rtt' && spin ? startSpinners(tools) : [];
        for (const p of Array.from({ length: test.repeat ?? 1 }, () => order).flat()) {
          const t1 = Date.now();
          try {
            record(res, test.id, p.name, await test.run(tools, p, d));
            if (process.env['BENCH_DEBUG']) log(`${test.id} ${p.name} ${Date.now() - t1} ms`);
          } catch (err) {
            failures++;
            record(res, test.id, p.name, { error: String(err).slice(0, 500) });
            log(`round ${r + 1} ${test.id} ${p.name}: ${String(err).slice(0, 300)}`);
          }
        }
        for (const s of spinners) await stop(s, 500);
      }
      log(`round ${r + 1}/${rounds} done (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    // Idle memory: in a full run a fresh instance per sample, so that earlier tests' allocations
    // (or pages they already touched) do not hide the per-connection cost; --smoke reuses the
    // running peers to stay within a few seconds.
    const idleRounds = smoke ? 1 : 2;
    if (!only.includes('idle')) {
      for (const p of peers) await p.stop();
    } else if (smoke) {
      for (const p of peers) await idleSample(res, tools, d, p.name, async () => p, async () => {});
      for (const p of peers) await p.stop();
    } else {
      for (const p of peers) await p.stop();
      for (let r = 0; r < idleRounds; r++) {
        for (const def of defs) {
          if (!res.peers.includes(def.name)) continue;
          let inst: RunningPeer | undefined;
          await idleSample(res, tools, d, def.name, async () => (inst = await def.start(ctx(`${def.name}-idle${r}`))), async () => inst?.stop());
        }
      }
    }
    log(`idle-memory rounds done (${Math.round((Date.now() - t0) / 1000)} s)`);

    // Footprint: fresh instances of meshc, nginx and HAProxy on the same plans, idle (bench/footprint.ts).
    const fp = { root, tmp, smoke, log, settleMs: smoke ? 0 : 90_000, windowMs: smoke ? 1000 : 60_000 };
    if (only.includes('footprint')) {
      res.footprint = await footprint(fp);
      failures += res.footprint.filter((r) => r.readyMs === null).length;
      log(`footprint done (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    // meshc run with 10,000 clusters: start, a one-endpoint reload, a scrape (bench/run-scale.ts)
    if (only.includes('scale')) {
      try {
        res.scale = await runScale({ root, clusters: smoke ? 1000 : 10_000, reloads: smoke ? 1 : 5, log });
      } catch (err) {
        failures++;
        log(`scale: ${String(err).slice(0, 300)}`);
      }
      log(`scale done (${Math.round((Date.now() - t0) / 1000)} s)`);
    }

    res.durationSeconds = Math.round((Date.now() - t0) / 1000);
    res.config['loadavgAtEnd'] = os.loadavg().map((x) => Math.round(x * 100) / 100);
    summarize(res);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(res, null, 2) + '\n');
    writeFileSync(path.join(outDir, 'latest.svg'), renderSvg(res));
    const lines = [
      '',
      `meshc bench (${res.mode}) ${res.date} — ${machine.nproc} × ${machine.cpuModel}, ${machine.kernel}, node ${machine.node}`,
      ...(smoke ? ['SMOKE RUN: proves every peer starts and passes bytes; the figures mean nothing.'] : []),
      `medians of ${rounds} round(s); meshc plan: ${res.meshcPlan}; load average at start ${machine.loadavgAtStart.join(' ')}, at end ${String(res.config['loadavgAtEnd']).replace(/,/g, ' ')}`,
      '',
      ...(peers.length > 0 ? [table(res), ''] : []),
      ...(res.footprint ? [footprintTable(res.footprint, fp), ''] : []),
      ...(res.scale ? [scaleTable(res.scale), ''] : []),
      ...res.targets.filter(() => peers.length > 0).map((x) => `target ${x.text}: ${x.ratio === null ? 'n/a' : `${x.ratio.toFixed(2)}× — ${x.met ? 'met' : 'NOT met'}`}`),
      ...accessLogCost(res),
      ...proxyProtocolCost(res),
      ...Object.entries(res.notes).flatMap(([p, ns]) => ns.map((n) => `note ${p}: ${n}`)),
      '',
      `wrote ${path.join(outDir, 'latest.json')} and latest.svg (${res.durationSeconds} s${failures ? `, ${failures} failure(s)` : ''})`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await stopAll();
    if (!a.flags.has('--keep')) rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
  return failures ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`bench: ${err.message}\n${usage}`);
      await stopAll();
      process.exit(2);
    }
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    await stopAll();
    process.exit(1);
  },
);


/** With meshc-log run beside meshc: what --access-log costs in new connections/s (target: at most 10 %). */
function accessLogCost(res: Results): string[] {
  const v = res.medians['connRate'];
  const on = v?.['meshc-log'];
  const off = v?.['meshc'];
  if (on === null || on === undefined || off === null || off === undefined || off === 0) return [];
  const r = on / off;
  return [`access log: meshc-log/meshc new connections/s ${r.toFixed(2)}× (cost ${((1 - r) * 100).toFixed(1)} %; target ≤ 10 %) — ${r >= 0.9 ? 'met' : 'NOT met'}`];
}

/** With meshc-pp (and meshc-js-pp) run beside meshc (meshc-js): what sending a PROXY v2 header costs in new connections/s (target: under 5 %). */
function proxyProtocolCost(res: Results): string[] {
  const v = res.medians['connRate'];
  const out: string[] = [];
  for (const [on, off, label] of [['meshc-pp', 'meshc', 'native'], ['meshc-js-pp', 'meshc-js', 'pure-JS']] as const) {
    const a = v?.[on];
    const b = v?.[off];
    if (a === null || a === undefined || b === null || b === undefined || b === 0) continue;
    const r = a / b;
    out.push(`proxyProtocol v2 (${label}): ${on}/${off} new connections/s ${r.toFixed(2)}× (cost ${((1 - r) * 100).toFixed(1)} %; target < 5 %) — ${r > 0.95 ? 'met' : 'NOT met'}`);
  }
  return out;
}
