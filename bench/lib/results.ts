import type { Machine } from './sys.js';
import type { FootprintRow } from '../footprint.js';
import type { ScaleResult } from '../run-scale.js';
import { median, ratio, sig } from './stats.js';

/** A figure of the table. `derived` ones are computed from other medians, not sampled. */
export interface Metric {
  id: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  derived?: boolean;
}

/** Every figure the bench reports, in table order. */
export const METRICS: Metric[] = [
  { id: 'tput1', label: 'TCP throughput, 1 stream', unit: 'Gbit/s', better: 'higher' },
  { id: 'tput4', label: 'TCP throughput, 4 streams', unit: 'Gbit/s', better: 'higher' },
  { id: 'connRate', label: 'New connections/s (64 B echo)', unit: 'conn/s', better: 'higher' },
  { id: 'cpuPerConn', label: 'CPU per connection', unit: 'CPU-µs', better: 'lower' },
  { id: 'rttP50', label: 'RTT p50, persistent conn', unit: 'µs', better: 'lower' },
  { id: 'rttP99', label: 'RTT p99, persistent conn', unit: 'µs', better: 'lower' },
  { id: 'addedP50', label: 'Added RTT p50 (vs direct)', unit: 'µs', better: 'lower', derived: true },
  { id: 'addedP99', label: 'Added RTT p99 (vs direct)', unit: 'µs', better: 'lower', derived: true },
  { id: 'udpRate', label: 'UDP datagrams/s delivered', unit: 'dgram/s', better: 'higher' },
  { id: 'udpLoss', label: 'UDP loss', unit: '%', better: 'lower' },
  { id: 'idleMem', label: 'Memory per idle connection', unit: 'KiB', better: 'lower' },
  { id: 'cpuPerGB', label: 'CPU per GB forwarded (1 stream)', unit: 'CPU-s/GB', better: 'lower' },
];

/** The issue's targets, as ratios meshc/nginx measured in one run. */
export const TARGETS: Array<{ metric: string; op: '>=' | '<='; value: number; text: string }> = [
  { metric: 'tput1', op: '>=', value: 0.7, text: 'throughput (1 stream) ≥ 0.7 × nginx' },
  { metric: 'connRate', op: '>=', value: 0.9, text: 'connections/s ≥ 0.9 × nginx' },
  { metric: 'addedP50', op: '<=', value: 1.5, text: "added p50 RTT ≤ 1.5 × nginx's" },
  { metric: 'idleMem', op: '<=', value: 3, text: "memory per idle connection ≤ 3 × nginx's" },
  { metric: 'udpRate', op: '>=', value: 0.7, text: 'UDP datagrams/s ≥ 0.7 × nginx' },
];

export type PeerValues = Record<string, number | null>;

/** What bench/results/latest.json holds. */
export interface Results {
  version: 1;
  date: string;
  mode: 'full' | 'smoke';
  durationSeconds: number;
  machine: Machine;
  config: Record<string, unknown>;
  peers: string[];
  /** Why a peer has n/a figures (no UDP, no proxy process, …) or failed to start. */
  notes: Record<string, string[]>;
  meshcPlan: string;
  metrics: Metric[];
  /** metric -> peer -> one value per round (null: failed or n/a). */
  samples: Record<string, Record<string, Array<number | null>>>;
  /** test -> peer -> the tools' own output per round (or {error}). */
  raw: Record<string, Record<string, unknown[]>>;
  medians: Record<string, PeerValues>;
  ratios: { 'meshc/nginx': PeerValues; 'meshc/direct': PeerValues };
  targets: Array<{ text: string; ratio: number | null; met: boolean | null }>;
  /** The footprint row (bench/footprint.ts): idle memory, idle CPU, start to ready. */
  footprint?: FootprintRow[];
  /** meshc run with 10,000 clusters (bench/run-scale.ts). */
  scale?: ScaleResult;
}

/** Fill medians (and the derived added-RTT rows), ratios and target verdicts. */
export function summarize(r: Results): void {
  for (const m of METRICS) {
    if (m.derived) continue;
    r.medians[m.id] = {};
    for (const p of r.peers) {
      const med = median(r.samples[m.id]?.[p] ?? []);
      r.medians[m.id]![p] = med === null ? null : sig(med);
    }
  }
  for (const [id, src] of [['addedP50', 'rttP50'], ['addedP99', 'rttP99']] as const) {
    r.medians[id] = {};
    const base = r.medians[src]!['direct'];
    for (const p of r.peers) {
      const v = r.medians[src]![p];
      r.medians[id]![p] = p === 'direct' || v === null || v === undefined || base === null || base === undefined ? null : sig(v - base);
    }
  }
  for (const m of METRICS) {
    const v = r.medians[m.id]!;
    const n = ratio(v['meshc'], v['nginx']);
    const d = ratio(v['meshc'], v['direct']);
    r.ratios['meshc/nginx'][m.id] = n === null ? null : sig(n, 3);
    r.ratios['meshc/direct'][m.id] = d === null ? null : sig(d, 3);
  }
  r.targets = TARGETS.map((t) => {
    const x = r.ratios['meshc/nginx'][t.metric] ?? null;
    return { text: t.text, ratio: x, met: x === null ? null : t.op === '>=' ? x >= t.value : x <= t.value };
  });
}

/** A number for the table: fixed decimals that suit its size. */
export function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined) return 'n/a';
  if (unit === '%') return `${(x * 100).toFixed(2)}`;
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** The results as a Markdown table (also what the terminal shows). */
export function table(r: Results): string {
  const head = ['', ...r.peers, 'meshc/nginx', 'meshc/direct'];
  const rows = METRICS.map((m) => [
    `${m.label} (${m.unit})`,
    ...r.peers.map((p) => fmt(r.medians[m.id]?.[p], m.unit)),
    fmtRatio(r.ratios['meshc/nginx'][m.id]),
    fmtRatio(r.ratios['meshc/direct'][m.id]),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  return [line(head), `|${w.map((n, i) => (i === 0 ? '-'.repeat(n + 2) : `${'-'.repeat(n + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function fmtRatio(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${x.toFixed(2)}×`;
}
