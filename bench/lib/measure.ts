import { setTimeout as delay } from 'node:timers/promises';
import type { RunningPeer } from '../peers/peer.js';
import { run, start, stop, stderrOf } from './procs.js';
import { cpuSeconds, fdCount, rssKiB } from './sys.js';
import type { Tools } from './tools.js';

/** How long / how much each measurement runs (full and smoke differ only here). */
export interface Durations {
  /** iperf3: seconds (-t) or, when bytes is set, a byte count (-n) */
  iperfSeconds: number;
  iperfBytes?: string;
  connrateMs: number;
  connrateConcurrency: number;
  rttCount: number;
  rttWarmup: number;
  /** Stop the timed round trips after this long even if rttCount is not reached. */
  rttMaxMs: number;
  udpMs: number;
  udpRate: number;
  idleConnections: number;
  /** Connections opened and closed before the idle baseline (warms code paths up). */
  idleWarmupMs: number;
  /** How long to wait at most for RSS to settle before/after opening the idle connections. */
  rssSettleMs: number;
}

/** One throughput sample; CPU figures are of the forwarding process (absent for direct). */
export interface ThroughputSample {
  gbps: number;
  bytes: number;
  seconds: number;
  retransmits: number | null;
  cpuSeconds: number | null;
  cpuPerGB: number | null;
  cpuUtilization: number | null;
}

interface IperfJson {
  error?: string;
  end?: { sum_received?: { bytes: number; bits_per_second: number; seconds: number }; sum_sent?: { retransmits?: number } };
}

const PAYLOAD = 64; // bytes exchanged per connection / round trip / datagram

/** iperf3 client through the peer (1 or more parallel streams), JSON output. */
export async function throughput(iperfPort: number, peer: RunningPeer, streams: number, d: Durations): Promise<ThroughputSample> {
  const args = ['-c', '127.0.0.1', '-p', String(iperfPort), '-P', String(streams), '-J', '--connect-timeout', '3000'];
  if (d.iperfBytes) args.push('-n', d.iperfBytes);
  else args.push('-t', String(d.iperfSeconds));
  const cpu0 = peer.pid ? cpuSeconds(peer.pid) : 0;
  const t0 = process.hrtime.bigint();
  let j: IperfJson;
  for (let attempt = 0; ; attempt++) {
    // iperf3 exits non-zero on errors but still prints its JSON; keep it to see the reason.
    const out = await run('iperf3', 'iperf3', args, (d.iperfSeconds + 15) * 1000, { allowFailure: true });
    j = JSON.parse(out) as IperfJson;
    // The server takes a moment to wind down the previous test; it says so, and we retry.
    if (j.error && /busy/.test(j.error) && attempt < 50) {
      await delay(100);
      continue;
    }
    break;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = peer.pid ? cpuSeconds(peer.pid) - cpu0 : null;
  if (j.error || !j.end?.sum_received) throw new Error(`iperf3: ${j.error ?? 'no summary'}`);
  const r = j.end.sum_received;
  return {
    gbps: r.bits_per_second / 1e9,
    bytes: r.bytes,
    seconds: r.seconds,
    retransmits: j.end.sum_sent?.retransmits ?? null,
    cpuSeconds: cpu,
    cpuPerGB: cpu === null ? null : cpu / (r.bytes / 1e9),
    cpuUtilization: cpu === null ? null : cpu / wall,
  };
}

/** New connections per second, each exchanging 64 bytes (C load generator). */
export async function connRate(
  t: Tools,
  peer: RunningPeer,
  d: Durations,
): Promise<{ rate: number; completed: number; errors: number; cpuSeconds: number | null; cpuUsPerConn: number | null }> {
  const cpu0 = peer.pid ? cpuSeconds(peer.pid) : 0;
  const out = await run('connrate', t.connrate, ['127.0.0.1', String(peer.echoPort), String(d.connrateMs), String(d.connrateConcurrency), String(PAYLOAD)], d.connrateMs + 15_000);
  const cpu = peer.pid ? cpuSeconds(peer.pid) - cpu0 : null;
  const r = JSON.parse(out) as { rate: number; completed: number; errors: number };
  // The proxy's own CPU per proxied connection: its efficiency, whatever the scheduler did.
  return { ...r, cpuSeconds: cpu, cpuUsPerConn: cpu === null || r.completed === 0 ? null : (cpu * 1e6) / r.completed };
}

/** Round-trip latency of 64-byte ping-pongs on one persistent connection, microseconds. */
export async function rtt(t: Tools, peer: RunningPeer, d: Durations): Promise<{ p50: number; p90: number; p99: number; max: number; mean: number; count: number }> {
  const out = await run('rtt', t.rtt, ['127.0.0.1', String(peer.echoPort), String(d.rttCount), String(PAYLOAD), String(d.rttWarmup), String(d.rttMaxMs)], d.rttMaxMs + 30_000);
  return JSON.parse(out);
}

/** UDP datagrams at a fixed offered rate through the peer; replies per second and loss. */
export async function udp(t: Tools, port: number, d: Durations, rate = d.udpRate, ms = d.udpMs): Promise<{ rate: number; loss: number; sent: number; received: number }> {
  const out = await run('udpload', t.udpload, ['127.0.0.1', String(port), String(rate), String(ms), String(PAYLOAD)], ms + 15_000);
  return JSON.parse(out);
}

/** Wait until a process's RSS stops moving (GC, lazy page touches), at most `maxMs`. */
async function settledRss(pid: number, maxMs: number): Promise<number> {
  let prev = rssKiB(pid);
  if (maxMs <= 0) return prev;
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    await delay(Math.min(250, maxMs));
    const cur = rssKiB(pid);
    if (Math.abs(cur - prev) <= Math.max(256, prev * 0.005)) return cur;
    prev = cur;
  }
  return prev;
}

/** One idle-memory sample: the forwarding process's RSS before and with N idle connections. */
export interface IdleSample {
  requested: number;
  open: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  fdsBefore: number;
  fdsAfter: number;
  perConnKiB: number;
}

/**
 * Memory per idle connection: after a short warm-up, hold N connections (each proven end to end
 * by one echoed byte) and compare VmRSS of the forwarding process with the baseline.
 */
export async function idleMemory(t: Tools, peer: RunningPeer, d: Durations): Promise<IdleSample> {
  if (!peer.pid) throw new Error('no forwarding process');
  // Warm-up: the first connections pay for lazily loaded code/JIT, which is not per-connection cost.
  if (d.idleWarmupMs > 0) await run('connrate', t.connrate, ['127.0.0.1', String(peer.echoPort), String(d.idleWarmupMs), '8', String(PAYLOAD)], 15_000);
  const fdsBefore = fdCount(peer.pid);
  const before = await settledRss(peer.pid, d.rssSettleMs);
  const p = start('idle', t.idle, ['127.0.0.1', String(peer.echoPort), String(d.idleConnections)], {
    nofile: d.idleConnections + 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
    collect: true,
  });
  try {
    const deadline = Date.now() + 90_000;
    while (!p.out().includes('\n')) {
      if (Date.now() > deadline) throw new Error('idle tool did not finish opening connections');
      const code = await Promise.race([p.exited, delay(50, 'running' as const)]);
      if (code !== 'running') throw new Error(`idle tool exited ${code}: ${stderrOf(p)}`);
    }
    const r = JSON.parse(p.out()) as { requested: number; open: number };
    const after = await settledRss(peer.pid, d.rssSettleMs);
    const fdsAfter = fdCount(peer.pid);
    if (r.open === 0) throw new Error('no idle connection could be opened');
    return {
      requested: r.requested,
      open: r.open,
      rssBeforeKiB: before,
      rssAfterKiB: after,
      fdsBefore,
      fdsAfter,
      perConnKiB: (after - before) / r.open,
    };
  } finally {
    p.child.stdin?.end();
    await Promise.race([p.exited, delay(5000)]);
    await stop(p, 500);
  }
}
