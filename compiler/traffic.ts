/**
 * L4 traffic management (SPEC 9) in the compiler: the per-service checks of `split`,
 * `connection.maxDuration`/`maxConnectionRate`, `proxyProtocol` and `localityAware` (resolve
 * stage), the cross-service checks of split targets, and the listener-level settings a binding
 * carries into its listener (normalize stage). Kept apart from resolve.ts so the traffic features
 * read as one piece.
 */
import type { Cluster, Listener } from '../schemas/types/plan.gen.js';
import type { Inbound, ServiceSpec } from '../schemas/types/policy.gen.js';
import { report, where, type CompileContext, type ServiceModel } from './context.js';
import { MAX_MS, parseDuration } from './duration.js';
import type { PathSeg } from './locate.js';

/** Default wait for an inbound PROXY protocol header (`proxyProtocolTimeout`). */
export const DEFAULT_PROXY_PROTOCOL_TIMEOUT_MS = 5000;

/** Fields of a Service that a split does not use (its targets' own settings apply). */
const NOT_ON_SPLIT = ['loadBalancer', 'affinity', 'healthCheck', 'outlierDetection', 'proxyProtocol', 'tls'] as const;
/** `connection` fields that belong to the endpoints' cluster, not to the listener. */
const CLUSTER_CONNECTION_FIELDS = ['connectTimeout', 'maxConnections', 'connectAttempts'] as const;

/** The listener-level settings one binding brings to its listener (all optional, absent when unused). */
export interface ListenerTraffic {
  weightedClusters?: Array<{ cluster: string; weight: number }>;
  idleTimeoutMs?: number;
  maxConnectionDuration?: { ms: number; jitterPercent: number };
  maxConnectionRate?: number;
  proxyProtocol?: { timeoutMs: number };
}

/** True when the service splits its traffic over other services instead of having endpoints. */
export function isSplit(spec: ServiceSpec): boolean {
  return spec.split !== undefined;
}

/** Per-service checks of the traffic fields (no other document needed). */
export function checkServiceTraffic(ctx: CompileContext, svc: ServiceModel): void {
  const { spec, src } = svc;
  const err = (path: PathSeg[], code: string, msg: string, target: 'key' | 'value' = 'key') =>
    report(ctx, src, ['spec', ...path], code, `service "${svc.name}": ${msg}`, { target });

  if (spec.split && spec.endpoints)
    err(['split'], 'E_SPLIT_AND_ENDPOINTS', `a service has exactly one of endpoints or split, not both (endpoints at ${where(src, ['spec', 'endpoints'], 'key')})`);
  else if (!spec.split && !spec.endpoints) err([], 'E_MISSING_FIELD', 'spec: missing required field "endpoints" (or "split")');

  const conn = spec.connection ?? {};
  if (conn.maxDurationJitterPercent !== undefined && conn.maxDuration === undefined)
    err(['connection', 'maxDurationJitterPercent'], 'E_NOT_APPLICABLE', 'connection.maxDurationJitterPercent needs connection.maxDuration');
  checkPositiveDuration(ctx, svc, ['spec', 'connection', 'maxDuration'], conn.maxDuration);

  const udpPort = spec.ports.find((p) => p.protocol === 'udp');
  if (spec.proxyProtocol !== undefined && udpPort)
    err(['proxyProtocol'], 'E_NOT_APPLICABLE', `proxyProtocol applies to TCP ports only (port ${udpPort.port} is udp); put the UDP port in a Service of its own`);
  if (spec.loadBalancer?.localityAware && spec.endpoints?.dns)
    err(['loadBalancer', 'localityAware'], 'E_NOT_APPLICABLE', 'localityAware needs static endpoints with a zone: DNS records carry no zone, so every endpoint would count as another zone');

  if (spec.split) checkSplitShape(ctx, svc);
}

function checkPositiveDuration(ctx: CompileContext, svc: ServiceModel, path: PathSeg[], value: string | undefined): void {
  if (value === undefined) return;
  const ms = parseDuration(value);
  if (ms > MAX_MS) report(ctx, svc.src, path, 'E_BAD_DURATION', `duration ${value} is too long (at most 596h31m23s647ms)`);
  else if (ms === 0) report(ctx, svc.src, path, 'E_BAD_DURATION', `duration must be greater than 0 (got ${value}); omit it for no limit`);
}

/** A split's own fields: nothing that belongs to endpoints, distinct targets, some weight. */
function checkSplitShape(ctx: CompileContext, svc: ServiceModel): void {
  const { spec, src } = svc;
  const split = spec.split!;
  const err = (path: PathSeg[], code: string, msg: string, target: 'key' | 'value' = 'key') =>
    report(ctx, src, ['spec', ...path], code, `service "${svc.name}": ${msg}`, { target });
  const why = 'on a split service each target\'s own setting applies';
  for (const f of NOT_ON_SPLIT)
    if ((spec as unknown as Record<string, unknown>)[f] !== undefined) err([f], 'E_NOT_APPLICABLE', `${f} does not apply to a split service: ${why}; set it on the targets`);
  for (const f of CLUSTER_CONNECTION_FIELDS)
    if (spec.connection?.[f] !== undefined)
      err(['connection', f], 'E_NOT_APPLICABLE', `connection.${f} does not apply to a split service: ${why} (only maxDuration, maxDurationJitterPercent, maxConnectionRate and idleTimeout do)`);
  spec.ports.forEach((p, i) => {
    if (p.targetPort !== undefined) err(['ports', i, 'targetPort'], 'E_NOT_APPLICABLE', 'targetPort does not apply to a split service: the targets\' ports decide where connections go');
    if (p.sni !== undefined)
      err(['ports', i, 'sni'], 'E_SPLIT_SNI', 'a split service cannot be routed by SNI (an SNI route sends to one cluster); give the split its own listener and no sni');
  });
  const seen = new Map<string, number>();
  split.forEach((t, i) => {
    const prev = seen.get(t.service);
    if (prev !== undefined) err(['split', i, 'service'], 'E_SPLIT_DUPLICATE_TARGET', `split target "${t.service}" is already listed as split[${prev}]; give it one entry with the combined weight`, 'value');
    else seen.set(t.service, i);
  });
  if (split.every((t) => t.weight === 0)) err(['split'], 'E_SPLIT_ZERO_WEIGHTS', 'every split weight is 0: at least one target needs a weight greater than 0');
}

/**
 * Cross-service checks of every split, once all Services are known: targets exist, are not
 * splits, and serve each of the split's ports with the same protocol. A split whose targets are
 * broken is marked not ok (no cascade of errors at the sidecars that use it).
 */
export function checkSplitTargets(ctx: CompileContext, known: ReadonlySet<string>): void {
  for (const svc of ctx.services.values()) {
    if (!svc.spec.split) continue;
    const n0 = ctx.diagnostics.length;
    let targetsOk = true;
    svc.spec.split.forEach((t, i) => {
      const at: PathSeg[] = ['spec', 'split', i, 'service'];
      const target = ctx.services.get(t.service);
      if (!target) {
        if (!known.has(t.service)) report(ctx, svc.src, at, 'E_UNKNOWN_SERVICE', `service "${svc.name}": unknown split target "${t.service}"`);
        targetsOk = false;
        return;
      }
      if (target.spec.split) {
        report(ctx, svc.src, at, 'E_SPLIT_NESTED',
          t.service === svc.name
            ? `service "${svc.name}": a split cannot target itself`
            : `service "${svc.name}": split target "${t.service}" is itself a split (${where(target.src, ['spec', 'split'], 'key')}); splits do not nest: list its targets here with multiplied weights`);
        return;
      }
      if (!target.ok) targetsOk = false;
      svc.spec.ports.forEach((p) => {
        const tp = target.spec.ports.find((x) => x.port === p.port && (x.protocol === 'udp') === (p.protocol === 'udp'));
        const transport = p.protocol === 'udp' ? 'udp' : 'tcp';
        if (!tp)
          report(ctx, svc.src, at, 'E_SPLIT_TARGET_PORT',
            `service "${svc.name}": split target "${t.service}" has no port ${p.port}/${transport} (its ports: ${target.spec.ports.map((x) => `${x.port}/${x.protocol === 'udp' ? 'udp' : 'tcp'}`).join(', ')}); every target must serve each port of the split`);
        else if (tp.protocol !== p.protocol)
          report(ctx, svc.src, at, 'E_SPLIT_TARGET_PROTOCOL',
            `service "${svc.name}": split target "${t.service}" serves port ${p.port} as ${tp.protocol}, the split as ${p.protocol}; the protocols must be the same`);
      });
    });
    if (!targetsOk || ctx.diagnostics.slice(n0).some((d) => d.severity === 'error')) svc.ok = false;
  }
}

/** The cluster name of the target's port that serves split port `port`/`protocol`. */
export function splitTargetPortIndex(target: ServiceModel, port: number, protocol: string): number {
  return target.spec.ports.findIndex((x) => x.port === port && (x.protocol === 'udp') === (protocol === 'udp'));
}

/** Listener-level settings of an outbound binding of `spec` (weightedClusters are added by the caller). */
export function outboundTraffic(spec: ServiceSpec): ListenerTraffic {
  const conn = spec.connection ?? {};
  const t: ListenerTraffic = {};
  if (spec.split && conn.idleTimeout !== undefined) t.idleTimeoutMs = parseDuration(conn.idleTimeout);
  if (conn.maxDuration !== undefined) t.maxConnectionDuration = { ms: parseDuration(conn.maxDuration), jitterPercent: conn.maxDurationJitterPercent ?? 0 };
  if (conn.maxConnectionRate !== undefined) t.maxConnectionRate = conn.maxConnectionRate;
  return t;
}

/** Checks of an inbound entry's PROXY protocol fields; returns its listener settings. */
export function inboundTraffic(ctx: CompileContext, sidecar: string, src: ServiceModel['src'], at: PathSeg[], ib: Inbound): ListenerTraffic {
  const t: ListenerTraffic = {};
  if (ib.proxyProtocolTimeout !== undefined && ib.proxyProtocol === undefined)
    report(ctx, src, [...at, 'proxyProtocolTimeout'], 'E_NOT_APPLICABLE', `sidecar "${sidecar}": proxyProtocolTimeout needs proxyProtocol: accept`, { target: 'key' });
  if (ib.proxyProtocol === undefined) return t;
  if ((ib.protocol ?? 'tcp') === 'udp') {
    report(ctx, src, [...at, 'proxyProtocol'], 'E_NOT_APPLICABLE', `sidecar "${sidecar}": proxyProtocol applies to TCP inbound ports only (port ${ib.port} is udp)`, { target: 'key' });
    return t;
  }
  let timeoutMs = DEFAULT_PROXY_PROTOCOL_TIMEOUT_MS;
  if (ib.proxyProtocolTimeout !== undefined) {
    timeoutMs = parseDuration(ib.proxyProtocolTimeout);
    if (timeoutMs === 0 || timeoutMs > MAX_MS)
      report(ctx, src, [...at, 'proxyProtocolTimeout'], 'E_BAD_DURATION', `duration must be greater than 0 and at most 596h31m23s647ms (got ${ib.proxyProtocolTimeout})`);
  }
  t.proxyProtocol = { timeoutMs };
  return t;
}

/** Two sets of listener-level limits equal? (Services sharing an SNI-routed listener must agree.) */
export function sameListenerLimits(a: ListenerTraffic, b: ListenerTraffic): boolean {
  return (
    a.maxConnectionRate === b.maxConnectionRate &&
    a.maxConnectionDuration?.ms === b.maxConnectionDuration?.ms &&
    a.maxConnectionDuration?.jitterPercent === b.maxConnectionDuration?.jitterPercent
  );
}

/** Append a split's weightedClusters to a plan listener (schema order: right after sniRoutes). */
export function addListenerSplit(out: Listener, t: ListenerTraffic | undefined): Listener {
  if (t?.weightedClusters) out.weightedClusters = t.weightedClusters.map((w) => ({ cluster: w.cluster, weight: w.weight }));
  return out;
}

/**
 * Append the listener limits and PROXY protocol accept, in plan-schema order; absent ones stay
 * absent. They follow the inbound security keys (workloadPort, tls, authorization) in the schema.
 */
export function addListenerLimits(out: Listener, t: ListenerTraffic | undefined): Listener {
  if (!t) return out;
  if (t.idleTimeoutMs !== undefined) out.idleTimeoutMs = t.idleTimeoutMs;
  if (t.maxConnectionDuration) out.maxConnectionDuration = { ms: t.maxConnectionDuration.ms, jitterPercent: t.maxConnectionDuration.jitterPercent };
  if (t.maxConnectionRate !== undefined) out.maxConnectionRate = t.maxConnectionRate;
  if (t.proxyProtocol) out.proxyProtocol = { timeoutMs: t.proxyProtocol.timeoutMs };
  return out;
}

/** Append a cluster's traffic fields (proxyProtocol) in plan-schema order. */
export function addClusterTraffic(out: Cluster, spec: ServiceSpec): Cluster {
  if (spec.proxyProtocol !== undefined) out.proxyProtocol = spec.proxyProtocol;
  return out;
}
