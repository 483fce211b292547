/**
 * Test helper: a compiled Plan back to policy documents (Service + Sidecar) that compile to the
 * same plan. Used by the idempotence property test.
 */
import type { Cluster, Plan } from '../../schemas/types/plan.gen.js';

const ms = (n: number) => `${n}ms`;
const hostPort = (a: string, p: number) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);

/** Plan -> policy documents (plain objects, ready for YAML). */
export function denormalize(plan: Plan): object[] {
  const docs: object[] = [];
  const outbound = plan.clusters.filter((c) => !c.name.startsWith('inbound_'));
  const byService = new Map<string, Cluster[]>();
  for (const c of outbound) byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
  const detection = new Map<string, number>();
  const sni = new Map<string, string[]>();
  for (const l of plan.listeners) {
    if (l.cluster) detection.set(l.cluster, l.detectionTimeoutMs);
    for (const r of l.sniRoutes) {
      detection.set(r.cluster, l.detectionTimeoutMs);
      sni.set(r.cluster, r.serverNames);
    }
  }
  const addrs = plan.interception.serviceAddresses ?? {};
  for (const [name, cs] of byService) {
    const first = cs[0]!;
    const spec: Record<string, unknown> = {};
    if (addrs[name]) spec.addresses = addrs[name];
    spec.ports = cs.map((c) => {
      const p: Record<string, unknown> = { port: c.port, protocol: c.protocol };
      if (c.endpoints.type === 'dns') p.targetPort = c.endpoints.port;
      if (sni.has(c.name)) p.sni = sni.get(c.name);
      if ((c.protocol === 'tls' || c.protocol === 'auto') && detection.has(c.name)) p.detectionTimeout = ms(detection.get(c.name)!);
      return p;
    });
    const ep = first.endpoints;
    spec.endpoints =
      ep.type === 'dns'
        ? { dns: { name: ep.name, refreshInterval: ms(ep.refreshIntervalMs), family: ep.family } }
        : {
            // A host without a port follows each port's targetPort (= port here): keep it implicit
            // when every cluster agrees, else it was explicit.
            static: ep.hosts.map((h, i) => {
              const implicit = cs.every((c) => c.endpoints.type === 'static' && c.endpoints.hosts[i]!.port === c.port);
              return implicit ? { address: h.address, weight: h.weight } : { address: h.address, port: h.port, weight: h.weight };
            }),
          };
    spec.loadBalancer = { policy: first.loadBalancer.policy };
    spec.affinity = first.affinity.type === 'none' ? { type: 'none' } : { type: first.affinity.type, ttl: ms(first.affinity.ttlMs) };
    const hcs = cs.map((c) => c.healthCheck);
    const isDnsDefault = ep.type === 'dns' && cs.every((c) => (c.transport === 'udp' ? c.healthCheck.type === 'none' : c.healthCheck.type === 'tcp'));
    const allSame = hcs.every((h) => JSON.stringify(h) === JSON.stringify(hcs[0]));
    if (!(isDnsDefault && !allSame) && !(ep.type === 'static' && hcs[0]!.type === 'none')) {
      const h = hcs[0]!;
      const hc: Record<string, unknown> = { type: h.type };
      if (h.type !== 'none') {
        Object.assign(hc, { interval: ms(h.intervalMs!), timeout: ms(h.timeoutMs!), healthyThreshold: h.healthyThreshold, unhealthyThreshold: h.unhealthyThreshold });
        if (h.sendHex !== undefined) hc.send = { hex: h.sendHex };
        if (h.expectHex !== undefined) hc.expect = { hex: h.expectHex };
      }
      spec.healthCheck = hc;
    }
    const od = first.outlierDetection;
    if (od.enabled) spec.outlierDetection = { consecutiveFailures: od.consecutiveFailures, baseEjectionTime: ms(od.baseEjectionTimeMs), maxEjectionPercent: od.maxEjectionPercent };
    const conn: Record<string, unknown> = { connectTimeout: ms(first.connection.connectTimeoutMs), maxConnections: first.connection.maxConnections, connectAttempts: first.connection.connectAttempts };
    if (cs.every((c) => c.connection.idleTimeoutMs === first.connection.idleTimeoutMs)) conn.idleTimeout = ms(first.connection.idleTimeoutMs);
    spec.connection = conn;
    docs.push({ apiVersion: 'meshc.dev/v1alpha1', kind: 'Service', metadata: { name }, spec });
  }

  const clusters = new Map(plan.clusters.map((c) => [c.name, c]));
  const out = new Map<string, object>();
  const inbound: object[] = [];
  for (const l of plan.listeners) {
    const bind = hostPort(l.address, l.port);
    if (l.direction === 'inbound') {
      const c = clusters.get(l.cluster!)!;
      const h = c.endpoints.type === 'static' ? c.endpoints.hosts[0]! : undefined;
      const ib: Record<string, unknown> = { port: c.port, protocol: l.protocol, bind, forwardTo: hostPort(h!.address, h!.port) };
      if (l.protocol === 'tls' || l.protocol === 'auto') ib.detectionTimeout = ms(l.detectionTimeoutMs);
      inbound.push(ib);
      continue;
    }
    const targets = [...(l.cluster ? [l.cluster] : []), ...l.sniRoutes.map((r) => r.cluster)];
    for (const t of targets) {
      const c = clusters.get(t)!;
      out.set(`${c.service}|${c.port}|${bind}`, { service: c.service, port: c.port, bind });
    }
  }
  const ic = plan.interception;
  const spec: Record<string, unknown> = { admin: hostPort(plan.admin.address, plan.admin.port), outbound: [...out.values()], inbound };
  spec.interception =
    ic.mode === 'none'
      ? { mode: 'none' }
      : { mode: ic.mode, proxyUid: ic.proxyUid, proxyGid: ic.proxyGid, excludeOutboundPorts: ic.excludeOutboundPorts, excludeOutboundCidrs: ic.excludeOutboundCidrs, excludeInboundPorts: ic.excludeInboundPorts };
  docs.push({ apiVersion: 'meshc.dev/v1alpha1', kind: 'Sidecar', metadata: { name: plan.name }, spec });
  return docs;
}
