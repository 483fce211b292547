/**
 * Human wording shared by the text and markdown renderers: the summary line, one-line
 * descriptions of listeners, clusters and endpoints, values (durations as `1m30s`), and the
 * diff-style lines of one sidecar (`+` added, `-` removed, `~` changed in column 0, so a markdown
 * ```diff block colours them).
 */
import type { Cluster, Listener } from '../../schemas/types/plan.gen.js';
import { formatDuration } from '../duration.js';
import type { ChangeKind, Consequence, Counts, EndpointDiff, FieldChange, PlanSetDiff, SidecarDiff } from './model.js';

const MARK: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countsText(c: Counts, word: string): string | null {
  const parts: string[] = [];
  for (const k of ['added', 'changed', 'removed'] as const) if (c[k]) parts.push(`${parts.length ? c[k] : plural(c[k], word)} ${k}`);
  return parts.length ? parts.join(', ') : null;
}

/** `Plan changes: 1 sidecar changed; 2 listeners added, 1 removed; …` or `No changes …`. */
export function summaryLine(d: PlanSetDiff): string {
  const s = d.summary;
  const parts = [countsText(s.sidecars, 'sidecar'), countsText(s.listeners, 'listener'), countsText(s.clusters, 'cluster'), countsText(s.endpoints, 'endpoint')].filter(
    (p): p is string => p !== null,
  );
  return parts.length ? `Plan changes: ${parts.join('; ')}` : 'No changes: every sidecar plan is identical';
}

/** A value for people: `*Ms` fields as durations, strings bare, the rest as compact JSON. */
export function formatValue(path: string, v: unknown): string {
  if (v === undefined) return '(unset)';
  if (typeof v === 'number' && /Ms$/.test(path)) return formatDuration(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** `path: old → new`. */
export function fieldText(f: FieldChange): string {
  return `${f.path}: ${formatValue(f.path, f.old)} → ${formatValue(f.path, f.new)}`;
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** `127.0.0.1:15306/tcp (tls) → cluster orders-db_3306_tcp, 2 SNI routes`. */
export function listenerText(l: Listener): string {
  const proto = l.protocol !== l.transport ? ` (${l.protocol})` : '';
  const to = l.cluster !== undefined ? ` → ${l.cluster}` : l.weightedClusters ? ` → split ${l.weightedClusters.map((w) => `${w.cluster}=${w.weight}`).join(', ')}` : '';
  const sni = l.sniRoutes.length ? `, ${plural(l.sniRoutes.length, 'SNI route')}` : '';
  return `${hostPort(l.address, l.port)}/${l.transport}${proto}${to}${sni}`;
}

/** `orders-db port 3306/tcp, 2 static endpoints, round-robin`. */
export function clusterText(c: Cluster): string {
  const ep = c.endpoints.type === 'dns' ? `dns ${c.endpoints.name}:${c.endpoints.port}` : plural(c.endpoints.hosts.length, 'static endpoint');
  return `${c.service} port ${c.port}/${c.transport}, ${ep}, ${c.loadBalancer.policy}`;
}

function endpointText(e: EndpointDiff): string {
  if (e.change === 'changed') return `endpoint ${e.key}: ${e.fields.map(fieldText).join(', ')}`;
  const h = (e.new ?? e.old) as { weight?: number };
  return `endpoint ${e.key}${h.weight !== undefined ? ` (weight ${h.weight})` : ''}`;
}

function consequenceText(c: Consequence): string {
  const sev = c.severity === 'info' ? '' : c.severity === 'rejected' ? ' (REJECTED)' : ` (${c.severity})`;
  return `=> ${c.target}${sev}: ${c.message}`;
}

/** The diff-style lines of one sidecar. */
export function sidecarLines(s: SidecarDiff): string[] {
  const out: string[] = [`${MARK[s.change]} sidecar ${s.name}`];
  for (const f of s.fields) out.push(`~   ${fieldText(f)}`);
  for (const c of s.consequences) out.push(`    ${consequenceText(c)}`);
  for (const l of s.listeners) {
    const desc = l.change === 'changed' ? '' : `: ${listenerText((l.new ?? l.old) as Listener)}`;
    out.push(`${MARK[l.change]}   listener ${l.name}${desc}`);
    for (const f of l.fields) out.push(`~     ${fieldText(f)}`);
    for (const c of l.consequences) out.push(`      ${consequenceText(c)}`);
  }
  for (const c of s.clusters) {
    const desc = c.change === 'changed' ? '' : `: ${clusterText((c.new ?? c.old) as Cluster)}`;
    out.push(`${MARK[c.change]}   cluster ${c.name}${desc}`);
    for (const f of c.fields) out.push(`~     ${fieldText(f)}`);
    for (const e of c.endpoints) out.push(`${MARK[e.change]}     ${endpointText(e)}`);
    for (const q of c.consequences) out.push(`      ${consequenceText(q)}`);
  }
  return out;
}

/** `listeners +1 -1, clusters ~2` for one sidecar (markdown summaries). */
export function sidecarCounts(s: SidecarDiff): string {
  const parts: string[] = [];
  const add = (word: string, list: Array<{ change: ChangeKind }>) => {
    if (!list.length) return;
    const n = (k: ChangeKind) => list.filter((x) => x.change === k).length;
    const bits = (['added', 'changed', 'removed'] as const).filter((k) => n(k) > 0).map((k) => `${MARK[k]}${n(k)}`);
    parts.push(`${word} ${bits.join(' ')}`);
  };
  add('listeners', s.listeners);
  add('clusters', s.clusters);
  add('endpoints', s.clusters.flatMap((c) => c.endpoints));
  return parts.join(', ');
}

/**
 * Consequences meshc's hot reload cannot carry out alone (a sidecar or pod restart, a rejected
 * reload), with where they come from. Envoy's are left in the details: most meshes run one data
 * plane, and a static Envoy bootstrap would put a line here for every change.
 */
export function attention(d: PlanSetDiff): Array<{ where: string; c: Consequence }> {
  const out: Array<{ where: string; c: Consequence }> = [];
  const keep = (c: Consequence) => c.target !== 'envoy' && (c.severity === 'rejected' || c.severity === 'restart');
  for (const s of d.sidecars) {
    for (const c of s.consequences) if (keep(c)) out.push({ where: `sidecar ${s.name}`, c });
    for (const l of s.listeners) for (const c of l.consequences) if (keep(c)) out.push({ where: `${s.name}: listener ${l.name}`, c });
    for (const k of s.clusters) for (const c of k.consequences) if (keep(c)) out.push({ where: `${s.name}: cluster ${k.name}`, c });
  }
  return out.sort((x, y) => (x.c.severity === 'rejected' ? 0 : 1) - (y.c.severity === 'rejected' ? 0 : 1));
}
