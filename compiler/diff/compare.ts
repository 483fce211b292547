/**
 * Compare two sets of normalized plans by identity: sidecars by plan name, listeners and clusters
 * by their plan names, static endpoints by address and port. Nothing positional is compared, so
 * splitting files, reordering documents or keys never shows up as a difference. Plans whose
 * `hash` is equal are skipped without looking inside (the hash covers the whole plan).
 */
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { addressesOverlap } from '../address.js';
import { clusterConsequences, endpointConsequences, listenerConsequences, sidecarConsequences, type ConsequenceContext } from './consequences.js';
import { diffFields, jsonEqual } from './fields.js';
import {
  DIFF_FORMAT_VERSION,
  emptyCounts,
  type ChangeKind,
  type ClusterDiff,
  type EndpointDiff,
  type ListenerDiff,
  type PlanSetDiff,
  type SidecarDiff,
} from './model.js';

export interface CompareOptions {
  base: string;
  head: string;
  /** `meshc run --drain-timeout` of the sidecars, for the consequences (ms). */
  drainTimeoutMs: number;
  /** The Envoy target watches dynamic resources (LDS/CDS files) instead of a static bootstrap. */
  envoyDynamic: boolean;
}

const PLAN_SKIP = new Set(['apiVersion', 'kind', 'name', 'hash', 'listeners', 'clusters']);
const NAME_SKIP = new Set(['name']);
const CLUSTER_SKIP = new Set(['name', 'endpoints.hosts']);

type StaticHost = { address: string; port: number; weight?: number };

/** Compare the plans of base with those of head. */
export function comparePlans(base: readonly Plan[], head: readonly Plan[], opts: CompareOptions): PlanSetDiff {
  const ctx: ConsequenceContext = { drainTimeoutMs: opts.drainTimeoutMs, envoyDynamic: opts.envoyDynamic };
  const result: PlanSetDiff = {
    version: DIFF_FORMAT_VERSION,
    base: opts.base,
    head: opts.head,
    drainTimeoutMs: opts.drainTimeoutMs,
    summary: { sidecars: emptyCounts(), listeners: emptyCounts(), clusters: emptyCounts(), endpoints: emptyCounts() },
    sidecars: [],
  };
  const baseByName = new Map(base.map((p) => [p.name, p]));
  const headByName = new Map(head.map((p) => [p.name, p]));
  const names = [...new Set([...baseByName.keys(), ...headByName.keys()])].sort();
  for (const name of names) {
    const a = baseByName.get(name);
    const b = headByName.get(name);
    if (a && b && a.hash === b.hash) continue;
    const d = compareSidecar(name, a, b, ctx);
    if (d === null) continue;
    result.sidecars.push(d);
    const s = result.summary;
    s.sidecars[d.change]++;
    for (const l of d.listeners) s.listeners[l.change]++;
    for (const c of d.clusters) {
      s.clusters[c.change]++;
      for (const e of c.endpoints) s.endpoints[e.change]++;
    }
  }
  return result;
}

function compareSidecar(name: string, a: Plan | undefined, b: Plan | undefined, ctx: ConsequenceContext): SidecarDiff | null {
  const change: ChangeKind = !a ? 'added' : !b ? 'removed' : 'changed';
  const fields = a && b ? diffFields(a, b, [], PLAN_SKIP) : [];
  const listeners = compareListeners(a?.listeners ?? [], b?.listeners ?? []);
  const clusters = compareClusters(a?.clusters ?? [], b?.clusters ?? []);
  if (change === 'changed' && fields.length === 0 && listeners.length === 0 && clusters.length === 0) return null;
  const d: SidecarDiff = { name, change, fields, consequences: [], listeners, clusters };
  if (a) d.baseHash = a.hash;
  if (b) d.headHash = b.hash;
  // An added or removed sidecar has no running plan to reload from or into: its objects are
  // listed, and the sidecar-level consequence says what it means.
  d.consequences = sidecarConsequences(d, a, b, ctx);
  if (change !== 'changed') return d;
  const la = new Map(a?.listeners.map((l) => [l.name, l]));
  const lb = new Map(b?.listeners.map((l) => [l.name, l]));
  for (const l of listeners) l.consequences = listenerConsequences(l, la.get(l.name), lb.get(l.name), ctx);
  const ca = new Map(a?.clusters.map((c) => [c.name, c]));
  const cb = new Map(b?.clusters.map((c) => [c.name, c]));
  for (const c of clusters) c.consequences = [...clusterConsequences(c, ca.get(c.name), cb.get(c.name)), ...endpointConsequences(c)];
  return d;
}

/** Listeners by name; a removed and an added listener serving the same thing are paired as a move. */
function compareListeners(a: readonly Listener[], b: readonly Listener[]): ListenerDiff[] {
  const out = byName(a, b, (x, y, name) => {
    const fields = diffFields(x, y, [], NAME_SKIP);
    return fields.length ? { name, change: 'changed', fields, consequences: [] } : null;
  }) as ListenerDiff[];
  const removed = out.filter((l) => l.change === 'removed');
  const added = out.filter((l) => l.change === 'added');
  if (removed.length && added.length) {
    const purpose = (l: Listener) => (l.service !== undefined ? `${l.direction}|svc|${l.service}|${l.servicePort ?? ''}` : `${l.direction}|cl|${l.cluster ?? ''}`);
    const unique = (list: ListenerDiff[], side: 'old' | 'new') => {
      const m = new Map<string, ListenerDiff | null>();
      for (const l of list) {
        const k = purpose(l[side] as Listener);
        m.set(k, m.has(k) ? null : l);
      }
      return m;
    };
    const gone = unique(removed, 'old');
    const fresh = unique(added, 'new');
    for (const [k, r] of gone) {
      const n = fresh.get(k);
      if (!r || !n) continue;
      r.replacedBy = n.name;
      n.replaces = r.name;
    }
  }
  // An added listener whose address overlaps a removed one's (same port and transport) cannot be
  // bound while the old one still holds the socket: the runtime rejects that reload (E_BIND).
  for (const n of added) {
    const nl = n.new as Listener;
    const clash = removed.find((r) => {
      const rl = r.old as Listener;
      return rl.transport === nl.transport && rl.port === nl.port && addressesOverlap(rl.address, nl.address);
    });
    if (clash) n.conflictsWith = clash.name;
  }
  return out;
}

function compareClusters(a: readonly Cluster[], b: readonly Cluster[]): ClusterDiff[] {
  const out = byName(a, b, (x, y, name) => {
    const fields = diffFields(x, y, [], CLUSTER_SKIP);
    const endpoints = compareHosts(hostsOf(x), hostsOf(y));
    return fields.length || endpoints.length ? { name, change: 'changed', fields, consequences: [], endpoints } : null;
  }) as ClusterDiff[];
  for (const c of out) {
    if (c.change === 'added') c.endpoints = compareHosts([], hostsOf(c.new as Cluster));
    else if (c.change === 'removed') c.endpoints = compareHosts(hostsOf(c.old as Cluster), []);
  }
  return out;
}

function hostsOf(c: Cluster): StaticHost[] {
  return c.endpoints.type === 'static' ? (c.endpoints.hosts as StaticHost[]) : [];
}

/** `address:port`, IPv6 in brackets. */
export function endpointKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function compareHosts(a: readonly StaticHost[], b: readonly StaticHost[]): EndpointDiff[] {
  const am = new Map(a.map((h) => [endpointKey(h.address, h.port), h]));
  const bm = new Map(b.map((h) => [endpointKey(h.address, h.port), h]));
  const out: EndpointDiff[] = [];
  for (const key of [...new Set([...am.keys(), ...bm.keys()])].sort()) {
    const x = am.get(key);
    const y = bm.get(key);
    if (x && y) {
      if (jsonEqual(x, y)) continue;
      out.push({ key, address: y.address, port: y.port, change: 'changed', fields: diffFields(x, y, [], new Set(['address', 'port'])) });
    } else if (y) out.push({ key, address: y.address, port: y.port, change: 'added', fields: [], new: y });
    else if (x) out.push({ key, address: x.address, port: x.port, change: 'removed', fields: [], old: x });
  }
  return out;
}

/** Pair objects by `name`: added, removed, and whatever `changed` says about the ones on both sides; sorted by name. */
function byName<T extends { name: string }, D extends { name: string; change: ChangeKind }>(
  a: readonly T[],
  b: readonly T[],
  changed: (x: T, y: T, name: string) => D | null,
): Array<D | { name: string; change: ChangeKind; fields: []; consequences: []; new?: T; old?: T }> {
  const am = new Map(a.map((x) => [x.name, x]));
  const bm = new Map(b.map((x) => [x.name, x]));
  const out: Array<D | { name: string; change: ChangeKind; fields: []; consequences: []; new?: T; old?: T }> = [];
  for (const name of [...new Set([...am.keys(), ...bm.keys()])].sort()) {
    const x = am.get(name);
    const y = bm.get(name);
    if (x && y) {
      // Most objects of a changed plan are untouched: settle them without building field lists.
      if (jsonEqual(x, y)) continue;
      const d = changed(x, y, name);
      if (d) out.push(d);
    } else if (y) out.push({ name, change: 'added', fields: [], consequences: [], new: y });
    else if (x) out.push({ name, change: 'removed', fields: [], consequences: [], old: x });
  }
  return out;
}
