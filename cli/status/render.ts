import { rate, sum, type Scrape } from './scrape.js';

/** A plain-text table: a header row and left-aligned columns (numbers right-aligned). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.,]+[kMG]?$|^-$/.test(r[i]!)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** 1234567 -> `1.2M`; per-second figures keep one decimal below 10. */
function human(n: number): string {
  if (n >= 1e9) return (n / 1e9).toFixed(1) + 'G';
  if (n >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (n >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return n >= 10 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1);
}

const hostKey = (a: string, p: number): string => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);

/** What a listener routes to: its cluster, a split's targets with weights, or `(sni)`. */
function listenerTarget(l: { cluster?: string; weightedClusters?: Array<{ cluster: string; weight: number }> }): string {
  if (l.cluster !== undefined) return l.cluster;
  if (l.weightedClusters !== undefined) return l.weightedClusters.map((w) => `${w.cluster}=${w.weight}`).join(',');
  return '(sni)';
}

/** The three tables of `meshc status` from two scrapes (rates are per second between them). */
export function renderStatus(where: string, prev: Scrape, cur: Scrape): string {
  const build = cur.samples.find((s) => s.name === 'meshc_build_info');
  const ready = cur.samples.find((s) => s.name === 'meshc_ready')?.value === 1;
  let out = `meshc status  ${where}  plan ${cur.plan?.name ?? '(none)'}${cur.plan ? ` ${cur.plan.hash.replace(/^sha256:/, '').slice(0, 12)}` : ''}  ${ready ? 'ready' : 'NOT READY'}`;
  if (build !== undefined) out += `  meshc ${build.labels.version} (${build.labels.data_path} data path)`;
  out += `  rates over ${((cur.at - prev.at) / 1000).toFixed(1)}s\n\n`;

  const listeners = cur.plan?.listeners ?? [];
  out += table(
    ['LISTENER', 'TRANSPORT', 'ADDRESS', 'CLUSTER', 'ACTIVE', 'CONN/S', 'TOTAL'],
    listeners.map((l) => {
      const m = { listener: l.name };
      return [l.name, l.transport, hostKey(l.address, l.port), listenerTarget(l), human(sum(cur, 'meshc_listener_connections_active', m)), human(rate(prev, cur, 'meshc_listener_connections_total', m)), human(sum(cur, 'meshc_listener_connections_total', m))];
    }),
  );
  out += '\n';
  out += table(
    ['CLUSTER', 'LB', 'ENDPOINTS', 'ACTIVE', 'MAX', 'CONN/S', 'IN B/S', 'OUT B/S', 'STATE'],
    cur.clusters.map((c) => {
      const m = { cluster: c.name };
      const up = c.endpoints.filter((e) => e.available).length;
      return [
        c.name,
        c.loadBalancer,
        `${up}/${c.endpoints.length} up`,
        human(c.activeConnections),
        human(c.maxConnections),
        human(rate(prev, cur, 'meshc_endpoint_connections_total', m)),
        human(rate(prev, cur, 'meshc_upstream_bytes_total', { cluster: c.name, direction: 'upstream' })),
        human(rate(prev, cur, 'meshc_upstream_bytes_total', { cluster: c.name, direction: 'downstream' })),
        c.panic ? 'PANIC' : c.endpoints.length === 0 ? 'no endpoints' : 'ok',
      ];
    }),
  );
  out += '\n';
  const rows: string[][] = [];
  for (const c of cur.clusters) {
    for (const e of c.endpoints) {
      const key = hostKey(e.address, e.port);
      const health = e.ejected ? 'ejected' : !e.healthy ? 'unhealthy' : 'healthy';
      rows.push([c.name, key, health, human(e.activeConnections), human(rate(prev, cur, 'meshc_endpoint_connections_total', { cluster: c.name, endpoint: key })), human(e.connectFailures), human(e.ejections)]);
    }
  }
  out += table(['CLUSTER', 'ENDPOINT', 'HEALTH', 'ACTIVE', 'CONN/S', 'CONNECT FAILURES', 'EJECTIONS'], rows);
  return out;
}
