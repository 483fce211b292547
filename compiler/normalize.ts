/**
 * Stage 4: sidecar models -> Plans. Every default is filled in (SPEC + plan conventions),
 * durations become milliseconds, listeners/clusters are sorted by name, keys are written in one
 * fixed order, and the content hash is computed last.
 */
import type { Cluster, HealthCheck, Interception as PlanInterception, Listener, Plan } from '../schemas/types/plan.gen.js';
import type { Payload, ServiceSpec } from '../schemas/types/policy.gen.js';
import { planHash } from '../schemas/plan-hash.js';
import { canonicalIp } from './address.js';
import type { ClusterRef, CompileContext, InboundModel, ListenerModel, SidecarModel } from './context.js';
import { parseDuration } from './duration.js';
import { transportOf } from './resolve.js';
import { clusterTls } from './tls-check.js';
import { addClusterTraffic, addListenerLimits, addListenerSplit } from './traffic.js';

/** Defaults from the SPEC and the plan conventions, in one place. */
export const DEFAULTS = {
  affinityTtlMs: 30 * 60_000,
  healthCheck: { intervalMs: 5000, timeoutMs: 1000, healthyThreshold: 2, unhealthyThreshold: 3 },
  outlierDetection: { consecutiveFailures: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 },
  connectTimeoutMs: 5000,
  idleTimeoutMs: { tcp: 3_600_000, udp: 60_000 },
  maxConnections: 1024,
  connectAttempts: 1,
  dnsRefreshMs: 30_000,
  proxyId: 1337,
} as const;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const ms = (d: string | undefined, dflt: number) => (d === undefined ? dflt : parseDuration(d));

/** Build one plan per sidecar model into ctx.plans (sorted by name). */
export function normalize(ctx: CompileContext): void {
  ctx.plans = ctx.sidecars.map(buildPlan).sort(byName);
}

function buildPlan(sc: SidecarModel): Plan {
  const listeners = sc.listeners.map(listener).sort(byName);
  const clusters = [...sc.clusters.map(outboundCluster), ...sc.inbound.map((ib) => inboundCluster(ib, sc.name))].sort(byName);
  const plan: Plan = {
    apiVersion: 'meshc.dev/v1alpha1',
    kind: 'Plan',
    name: sc.name,
    hash: '',
    admin: { address: sc.admin.address, port: sc.admin.port },
    listeners,
    clusters,
    interception: interception(sc),
  };
  // Optional top-level keys in schema order (tls, zone); absent when unused.
  const tls = sc.spec?.tls;
  if (tls) plan.tls = { certificate: tls.certificate, privateKey: tls.privateKey, trustedCA: tls.trustedCA };
  if (sc.spec?.zone !== undefined) plan.zone = sc.spec.zone;
  plan.hash = planHash(plan);
  return plan;
}

function listener(l: ListenerModel): Listener {
  const out: Listener = {
    name: `${l.direction}_${l.address}_${l.port}_${l.transport}`,
    direction: l.direction,
    protocol: l.protocol,
    transport: l.transport,
    address: l.address,
    port: l.port,
    detectionTimeoutMs: l.detectionTimeoutMs,
    sniRoutes: l.sniRoutes.map((r) => ({ serverNames: [...r.serverNames], cluster: r.cluster })),
  };
  // Schema order after sniRoutes: weightedClusters, then inbound security, then the limits.
  // All absent when unused so plans keep their bytes.
  addListenerSplit(out, l.traffic);
  if (l.workloadPort !== undefined) out.workloadPort = l.workloadPort;
  if (l.tls !== undefined) out.tls = l.tls;
  if (l.authorization !== undefined) out.authorization = l.authorization;
  addListenerLimits(out, l.traffic);
  // Optional keys are inserted in schema order so the JSON key order never varies.
  return reorder(out, {
    cluster: l.cluster,
    service: l.service,
    servicePort: l.servicePort,
  });
}

/** Insert the optional listener keys at their schema positions (after `port`). */
function reorder(l: Listener, opt: { cluster?: string; service?: string; servicePort?: number }): Listener {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(l)) {
    o[k] = v;
    if (k === 'port') {
      if (opt.cluster !== undefined) o.cluster = opt.cluster;
      if (opt.service !== undefined) o.service = opt.service;
      if (opt.servicePort !== undefined) o.servicePort = opt.servicePort;
    }
  }
  return o as unknown as Listener;
}

function outboundCluster(ref: ClusterRef): Cluster {
  const spec: ServiceSpec = ref.service.spec;
  const p = spec.ports[ref.portIndex]!;
  const transport = transportOf(p.protocol);
  const targetPort = p.targetPort ?? p.port;
  const ep = spec.endpoints!; // a split has no cluster of its own; its targets have endpoints
  const isDns = ep.dns !== undefined;
  const endpoints: Cluster['endpoints'] = isDns
    ? {
        type: 'dns',
        name: ep.dns!.name,
        port: targetPort,
        refreshIntervalMs: ms(ep.dns!.refreshInterval, DEFAULTS.dnsRefreshMs),
        family: ep.dns!.family ?? 'any',
      }
    : {
        type: 'static',
        hosts: ep.static!.map((h) => {
          const host: { address: string; port: number; weight: number; zone?: string } = { address: canonicalIp(h.address)!, port: h.port ?? targetPort, weight: h.weight ?? 1 };
          if (h.zone !== undefined) host.zone = h.zone;
          return host;
        }),
      };
  const hc = spec.healthCheck;
  const hcType = hc?.type ?? (isDns && transport === 'tcp' ? 'tcp' : 'none');
  const aff = spec.affinity?.type ?? 'none';
  const od = spec.outlierDetection;
  const conn = spec.connection ?? {};
  const out: Cluster = {
    name: ref.name,
    service: ref.service.name,
    port: p.port,
    protocol: p.protocol,
    transport,
    endpoints,
    loadBalancer: spec.loadBalancer?.localityAware
      ? { policy: spec.loadBalancer.policy ?? 'round-robin', localityAware: true }
      : { policy: spec.loadBalancer?.policy ?? 'round-robin' },
    affinity: { type: aff, ttlMs: aff === 'none' ? 0 : ms(spec.affinity?.ttl, DEFAULTS.affinityTtlMs) },
    healthCheck: healthCheck(hcType, hc),
    outlierDetection: {
      enabled: od !== undefined,
      consecutiveFailures: od?.consecutiveFailures ?? DEFAULTS.outlierDetection.consecutiveFailures,
      baseEjectionTimeMs: ms(od?.baseEjectionTime, DEFAULTS.outlierDetection.baseEjectionTimeMs),
      maxEjectionPercent: od?.maxEjectionPercent ?? DEFAULTS.outlierDetection.maxEjectionPercent,
    },
    connection: {
      connectTimeoutMs: ms(conn.connectTimeout, DEFAULTS.connectTimeoutMs),
      idleTimeoutMs: ms(conn.idleTimeout, DEFAULTS.idleTimeoutMs[transport]),
      maxConnections: conn.maxConnections ?? DEFAULTS.maxConnections,
      connectAttempts: conn.connectAttempts ?? DEFAULTS.connectAttempts,
    },
  };
  // Schema order: tls, then proxyProtocol (traffic.ts).
  const tls = clusterTls(spec);
  if (tls) out.tls = tls;
  return addClusterTraffic(out, spec);
}

function healthCheck(type: 'none' | 'tcp' | 'udp', hc: ServiceSpec['healthCheck']): HealthCheck {
  if (type === 'none') return { type: 'none' };
  const out: HealthCheck = {
    type,
    intervalMs: ms(hc?.interval, DEFAULTS.healthCheck.intervalMs),
    timeoutMs: ms(hc?.timeout, DEFAULTS.healthCheck.timeoutMs),
    healthyThreshold: hc?.healthyThreshold ?? DEFAULTS.healthCheck.healthyThreshold,
    unhealthyThreshold: hc?.unhealthyThreshold ?? DEFAULTS.healthCheck.unhealthyThreshold,
  };
  if (hc?.send !== undefined) out.sendHex = payloadHex(hc.send);
  if (hc?.expect !== undefined) out.expectHex = payloadHex(hc.expect);
  return out;
}

/** Text (UTF-8) or `{hex}` -> lower-case hex. */
export function payloadHex(p: Payload): string {
  return typeof p === 'string' ? Buffer.from(p, 'utf8').toString('hex') : p.hex.toLowerCase();
}

/** The workload itself: `service` is the sidecar's name. */
function inboundCluster(ib: InboundModel, sidecar: string): Cluster {
  return {
    name: ib.cluster,
    service: sidecar,
    port: ib.port,
    protocol: ib.protocol,
    transport: ib.transport,
    endpoints: { type: 'static', hosts: [{ address: ib.forwardTo.address, port: ib.forwardTo.port, weight: 1 }] },
    loadBalancer: { policy: 'round-robin' },
    affinity: { type: 'none', ttlMs: 0 },
    healthCheck: { type: 'none' },
    outlierDetection: { enabled: false, ...DEFAULTS.outlierDetection },
    connection: {
      connectTimeoutMs: DEFAULTS.connectTimeoutMs,
      idleTimeoutMs: DEFAULTS.idleTimeoutMs[ib.transport],
      maxConnections: DEFAULTS.maxConnections,
      connectAttempts: DEFAULTS.connectAttempts,
    },
  };
}

function interception(sc: SidecarModel): PlanInterception {
  const ic = sc.interception;
  if ((ic.mode ?? 'none') === 'none') return { mode: 'none' };
  const num = (a: number, b: number) => a - b;
  const serviceAddresses: Record<string, string[]> = {};
  for (const svc of [...sc.services].sort(byName)) {
    const addrs = svc.spec.addresses;
    if (addrs && addrs.length) serviceAddresses[svc.name] = [...new Set(addrs.map((a) => canonicalIp(a)!))].sort();
  }
  return {
    mode: 'iptables',
    proxyUid: ic.proxyUid ?? DEFAULTS.proxyId,
    proxyGid: ic.proxyGid ?? DEFAULTS.proxyId,
    excludeOutboundPorts: [...(ic.excludeOutboundPorts ?? [])].sort(num),
    excludeOutboundCidrs: [...(ic.excludeOutboundCidrs ?? [])].sort(),
    excludeInboundPorts: [...(ic.excludeInboundPorts ?? [])].sort(num),
    serviceAddresses,
  };
}
