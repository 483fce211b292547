/**
 * Merging the Prometheus expositions of several worker processes into one (the primary's
 * /metrics). Samples of the same series (name + labels) are summed, so counters and gauges such
 * as connections, bytes and active sessions read as if one process served everything. State
 * gauges that every worker reports identically (plan info, endpoint health, panic) take the
 * maximum instead, and process/runtime gauges are kept apart with a `worker` label.
 */

/** Families whose per-worker values describe shared state: max, not sum. */
const MAX_FAMILIES = new Set([
  'meshc_plan_info',
  'meshc_endpoint_healthy',
  'meshc_cluster_panic',
  'meshc_ready',
  'meshc_build_info',
  // every worker loads and rotates the same certificate files: one sidecar's certificate
  'meshc_tls_certificate_expiry_timestamp_seconds',
  'meshc_tls_certificate_reloads_total',
]);
/** Families that describe one process: labelled by worker. */
const PER_PROCESS = /^(process_|nodejs_)/;

interface Fam {
  meta: string[];
  order: string[];
  values: Map<string, number>;
}

/** Merge `texts[i]` (worker i's exposition, or null when it did not answer) into one exposition. */
export function mergeExpositions(texts: ReadonlyArray<{ worker: string; text: string }>): string {
  const fams = new Map<string, Fam>();
  const fam = (name: string): Fam => {
    let f = fams.get(name);
    if (f === undefined) fams.set(name, (f = { meta: [], order: [], values: new Map() }));
    return f;
  };
  for (const { worker, text } of texts) {
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('#')) {
        const name = line.split(' ')[2]!;
        const f = fam(name);
        if (f.meta.length < 2 && !f.meta.includes(line)) f.meta.push(line);
        continue;
      }
      const sp = line.lastIndexOf(' ');
      let series = line.slice(0, sp);
      const value = Number(line.slice(sp + 1));
      const brace = series.indexOf('{');
      const name = brace < 0 ? series : series.slice(0, brace);
      if (PER_PROCESS.test(name)) series = brace < 0 ? `${name}{worker="${worker}"}` : `${name}{worker="${worker}",${series.slice(brace + 1)}`;
      const f = fam(histogramBase(name, fams));
      const prev = f.values.get(series);
      if (prev === undefined) {
        f.order.push(series);
        f.values.set(series, value);
      } else f.values.set(series, MAX_FAMILIES.has(name) ? Math.max(prev, value) : prev + value);
    }
  }
  let out = '';
  for (const name of [...fams.keys()].sort()) {
    const f = fams.get(name)!;
    if (f.meta.length === 0 && f.order.length === 0) continue;
    for (const m of f.meta) out += m + '\n';
    for (const s of f.order) out += `${s} ${format(f.values.get(s)!)}\n`;
  }
  return out;
}

/** `x_bucket`/`x_sum`/`x_count` samples belong to family `x` when it is declared. */
function histogramBase(name: string, fams: Map<string, Fam>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      if (fams.has(base)) return base;
    }
  }
  return name;
}

function format(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
