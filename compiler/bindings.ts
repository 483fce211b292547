/**
 * Listener layout of one sidecar: bindings (one per outbound service port / inbound entry) are
 * grouped by address+port+transport. A group of one is a plain listener; a larger group merges
 * into one SNI-routed `tls` listener when every member is tls/auto and at most one lacks `sni`
 * (that one is the default route); anything else — and any wildcard overlap, admin collision or
 * inbound forwarding loop — is a conflict.
 */
import { addressesOverlap, formatSocketAddress, type SocketAddr } from './address.js';
import { report, where, type CompileContext, type ListenerModel, type SourceDoc } from './context.js';
import type { PathSeg } from './locate.js';
import type { InboundSecurity } from './tls-check.js';
import { sameListenerLimits, type ListenerTraffic } from './traffic.js';

/** One requested listener, with the policy position to blame for conflicts. */
export interface Binding {
  direction: 'outbound' | 'inbound';
  address: string;
  port: number;
  transport: 'tcp' | 'udp';
  protocol: ListenerModel['protocol'];
  cluster: string;
  sni: string[];
  service?: string;
  servicePort?: number;
  detectionTimeoutMs: number;
  src: SourceDoc;
  path: PathSeg[];
  /** Inbound only: where the cluster forwards, and where that was written. */
  forwardTo?: SocketAddr;
  forwardPath?: PathSeg[];
  /** Listener-level traffic settings (traffic.ts); a split's weightedClusters replace `cluster`. */
  traffic?: ListenerTraffic;
  /** Inbound only: tls mode and authorization, and the workload port (the entry's `port`). */
  security?: InboundSecurity;
  workloadPort?: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function label(b: { address: string; port: number; transport: string }): string {
  return `${formatSocketAddress(b)}/${b.transport}`;
}

/** Group, check and merge bindings into listeners (unsorted); problems go to ctx. */
export function buildListeners(
  ctx: CompileContext,
  owner: string,
  bindings: readonly Binding[],
  admin: SocketAddr,
  adminAt: { src: SourceDoc; path: PathSeg[] } | undefined,
): ListenerModel[] {
  const groups = new Map<string, Binding[]>();
  for (const b of bindings) {
    const key = `${b.address}|${b.port}|${b.transport}`;
    const g = groups.get(key);
    if (g) g.push(b);
    else groups.set(key, [b]);
  }

  const listeners: ListenerModel[] = [];
  const placed: Binding[] = []; // first binding of every group, for the overlap check
  const byPort = new Map<string, Binding[]>(); // port|transport -> placed, keeps the check linear
  for (const group of groups.values()) {
    const first = group[0]!;
    const l = group.length === 1 ? single(first) : merge(ctx, owner, group);
    if (!l) continue;
    // Wildcard overlap with a listener on another address (same port+transport).
    const portKey = `${first.port}|${first.transport}`;
    const samePort = byPort.get(portKey);
    const clash = samePort?.find((p) => addressesOverlap(p.address, first.address));
    if (clash) {
      conflict(ctx, owner, first, clash, 'overlaps');
      continue;
    }
    placed.push(first);
    if (samePort) samePort.push(first);
    else byPort.set(portKey, [first]);
    if (first.transport === 'tcp' && first.port === admin.port && addressesOverlap(first.address, admin.address)) {
      const msg = `${owner}: admin endpoint ${formatSocketAddress(admin)} collides with listener ${label(first)}`;
      if (adminAt) report(ctx, adminAt.src, adminAt.path, 'E_ADMIN_CONFLICT', `${msg} (${where(first.src, first.path)})`);
      else report(ctx, first.src, first.path, 'E_ADMIN_CONFLICT', `${msg}; move the listener or set spec.admin`);
      continue;
    }
    listeners.push(l);
  }

  // An inbound cluster that forwards to one of this sidecar's own listeners would loop.
  for (const b of bindings) {
    if (!b.forwardTo) continue;
    const fwd = b.forwardTo;
    const loop = byPort.get(`${fwd.port}|${b.transport}`)?.find((p) => addressesOverlap(p.address, fwd.address));
    if (loop)
      report(ctx, b.src, b.forwardPath ?? b.path, 'E_FORWARD_LOOP',
        `${owner}: inbound port ${b.port} forwards to ${formatSocketAddress(fwd)}, which is this sidecar's own listener ${label(loop)}; set bind or forwardTo so they differ`);
  }
  return listeners;
}

function single(b: Binding): ListenerModel {
  const l: ListenerModel = {
    direction: b.direction,
    address: b.address,
    port: b.port,
    transport: b.transport,
    protocol: b.protocol,
    sniRoutes: [],
    detectionTimeoutMs: b.detectionTimeoutMs,
  };
  // A split's `cluster` is only its identity here: the listener sends to weightedClusters.
  if (!b.traffic?.weightedClusters) l.cluster = b.cluster;
  if (b.traffic) l.traffic = b.traffic;
  if (b.service !== undefined) {
    l.service = b.service;
    l.servicePort = b.servicePort!;
  }
  // Inbound listeners never merge, so their security settings are the binding's own.
  if (b.security?.tls) l.tls = b.security.tls;
  if (b.security?.authorization) {
    l.authorization = b.security.authorization;
    l.workloadPort = b.workloadPort!;
  }
  return l;
}

function merge(ctx: CompileContext, owner: string, group: Binding[]): ListenerModel | null {
  const first = group[0]!;
  let ok = true;
  const seenCluster = new Map<string, Binding>();
  let fallback: Binding | undefined;
  for (const b of group) {
    const prevSame = seenCluster.get(b.cluster);
    if (prevSame) {
      conflict(ctx, owner, b, prevSame, `binds cluster ${b.cluster} again on`);
      ok = false;
      continue;
    }
    seenCluster.set(b.cluster, b);
    if (b.direction !== 'outbound' || first.direction !== 'outbound' || b.transport !== 'tcp' || (b.protocol !== 'tls' && b.protocol !== 'auto')) {
      if (b !== first) conflict(ctx, owner, b, first, 'shares');
      ok = false;
      continue;
    }
    if (b.sni.length === 0) {
      if (fallback) {
        conflict(ctx, owner, b, fallback, 'shares', ' (only one of the services sharing a listener may lack sni; add sni to route by server name)');
        ok = false;
      } else fallback = b;
    }
  }
  if (ok && (first.protocol !== 'tls' && first.protocol !== 'auto')) ok = false;
  if (!ok) return null;
  // Plan sniRoutes (and the default route beside them) name one cluster: no split can sit there.
  for (const b of group) {
    if (!b.traffic?.weightedClusters) continue;
    report(ctx, b.src, b.path, 'E_SPLIT_SNI',
      `${owner}: split service ${b.service} cannot share SNI-routed listener ${label(b)} (an SNI route sends to one cluster); bind the split to an address of its own`);
    ok = false;
  }
  // Duration and rate limits act before the SNI is known: the services sharing a listener must agree.
  const limits: ListenerTraffic = first.traffic ?? {};
  for (const b of group) {
    if (sameListenerLimits(limits, b.traffic ?? {})) continue;
    report(ctx, b.src, b.path, 'E_LISTENER_SETTINGS_CONFLICT',
      `${owner}: services ${first.service} and ${b.service} share listener ${label(b)} but set different connection.maxDuration/maxDurationJitterPercent/maxConnectionRate; these act per listener, before the SNI is read, so give them the same values`);
    ok = false;
  }
  if (!ok) return null;

  const owners = new Map<string, Binding>();
  for (const b of group) {
    for (const name of b.sni) {
      const prev = owners.get(name);
      if (prev) {
        report(ctx, b.src, b.path, 'E_SNI_DUPLICATE',
          `${owner}: server name "${name}" is routed to both ${prev.cluster} and ${b.cluster} on listener ${label(b)}`);
        ok = false;
      } else owners.set(name, b);
    }
  }
  if (!ok) return null;
  const routes = group
    .filter((b) => b.sni.length > 0)
    .map((b) => ({ serverNames: [...b.sni].sort(byName), cluster: b.cluster }))
    .sort((a, b) => byName(a.cluster, b.cluster));
  // service/servicePort describe the default route, else the first route (interception rules).
  const rep = fallback ?? group.find((b) => b.cluster === routes[0]!.cluster)!;
  const l: ListenerModel = {
    direction: 'outbound',
    address: first.address,
    port: first.port,
    transport: 'tcp',
    protocol: 'tls',
    sniRoutes: routes,
    service: rep.service!,
    servicePort: rep.servicePort!,
    detectionTimeoutMs: Math.max(...group.map((b) => b.detectionTimeoutMs)),
  };
  if (fallback) l.cluster = fallback.cluster;
  const { maxConnectionDuration, maxConnectionRate } = limits;
  if (maxConnectionDuration || maxConnectionRate !== undefined)
    l.traffic = { ...(maxConnectionDuration ? { maxConnectionDuration } : {}), ...(maxConnectionRate !== undefined ? { maxConnectionRate } : {}) };
  return l;
}

function conflict(ctx: CompileContext, owner: string, b: Binding, other: Binding, verb: string, extra = ''): void {
  // The default plan binds every service port, so a split and its targets (same port numbers) collide.
  if (!extra && (b.traffic?.weightedClusters || other.traffic?.weightedClusters) && b.path[1] === 'ports' && other.path[1] === 'ports')
    extra = '; a split and its targets share port numbers: add a Sidecar document that lists the split in outbound';
  report(ctx, b.src, b.path, 'E_LISTENER_CONFLICT',
    `${owner}: ${b.direction} listener ${label(b)} (${b.cluster}) ${verb} ${label(other)} with ${other.cluster} at ${where(other.src, other.path)}${extra}`);
}
