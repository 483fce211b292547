/**
 * Summarize a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
 * and self time per script, so one can see where the data path spends its CPU.
 * Usage: node dist/bench/profile.js FILE.cpuprofile [TOP] [SKIP_MS]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
/** The parts of the .cpuprofile format this summarizer reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Shorten a script URL to something readable (repo-relative, node: internals as is). */
function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 1);
  const i = url.indexOf('/dist/');
  if (i >= 0) return url.slice(i + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time per function and per script, as a text report. `skipMs`: ignore the first samples
 * (process start-up: module loading, schema compilation), which are not the data path.
 */
export function summarizeProfile(p: CpuProfile, top = 25, skipMs = 0): string {
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) byId.set(n.id, n);
  const selfByFn = new Map<string, number>();
  const selfByScript = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let elapsed = 0;
  let counted = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]!);
    const dt = p.timeDeltas[i] ?? 0;
    elapsed += dt;
    if (!n || elapsed < skipMs * 1000) continue;
    counted++;
    total += dt;
    const cf = n.callFrame;
    if (cf.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    const script = shortUrl(cf.url) || '(native/V8)';
    const key = `${cf.functionName || '(anonymous)'}  ${script}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + dt);
    selfByScript.set(script, (selfByScript.get(script) ?? 0) + dt);
  }
  const busy = total - idle;
  const pct = (x: number) => `${((100 * x) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  const ms = (x: number) => `${(x / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [
    `profile: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy (${((100 * busy) / Math.max(1, total)).toFixed(0)}%), ${counted} samples${skipMs ? ` after skipping the first ${skipMs} ms (start-up)` : ''}; percentages are of busy time`,
    '',
    `top ${top} functions by self time:`,
    ...[...selfByFn.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${ms(v)} ${pct(v)}  ${k}`),
    '',
    'self time by script:',
    ...[...selfByScript.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `${ms(v)} ${pct(v)}  ${k}`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile [TOP] [SKIP_MS]\n');
    process.exit(2);
  }
  const p = JSON.parse(readFileSync(path.resolve(file), 'utf8')) as CpuProfile;
  process.stdout.write(summarizeProfile(p, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0)));
}
