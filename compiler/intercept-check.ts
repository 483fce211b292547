/**
 * Interception checks that need the final listener layout: iptables captures per service port,
 * and a rule without a destination address (the service lists no `addresses`) takes every
 * connection on that port. Two such listeners on one port and transport cannot both be captured;
 * the rules keep the first (by listener name) and only note the other in a comment. Said here as
 * a warning, at the shadowed outbound entry, because the fix is in the policy.
 */
import type { Binding } from './bindings.js';
import { report, type ClusterRef, type CompileContext, type ListenerModel } from './context.js';

/** W_INTERCEPT_SHADOWED for every outbound listener another any-destination capture hides. */
export function checkInterceptShadowing(
  ctx: CompileContext,
  sidecar: string,
  listeners: readonly ListenerModel[],
  bindings: readonly Binding[],
  clusters: ReadonlyMap<string, ClusterRef>,
): void {
  const named = listeners
    .filter((l) => l.direction === 'outbound')
    .map((l) => ({ l, name: `${l.direction}_${l.address}_${l.port}_${l.transport}` }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const warned = new Set<ListenerModel>();
  // Each family's rules file sees its own listeners (iptables.rules also REDIRECTs to `::`).
  for (const family of [4, 6] as const) {
    const first = new Map<string, { name: string; services: string[] }>();
    for (const { l, name } of named) {
      const v6 = l.address.includes(':');
      if (family === 4 ? v6 && l.address !== '::' : !v6) continue;
      const split = l.traffic?.weightedClusters && l.service !== undefined ? ctx.services.get(l.service) : undefined;
      const refs = split
        ? [{ name: '', service: split, portIndex: split.spec.ports.findIndex((p) => p.port === l.servicePort) }]
        : [l.cluster, ...l.sniRoutes.map((r) => r.cluster)].flatMap((c) => (c && clusters.get(c)) || []);
      const services = [...new Set(refs.map((r) => r.service.name))].sort();
      const anyDestination = refs.some((r) => !r.service.spec.addresses || r.service.spec.addresses.length === 0);
      const port = l.servicePort ?? refs[0]?.service.spec.ports[refs[0].portIndex]?.port;
      if (!anyDestination || port === undefined) continue;
      const key = `${port}/${l.transport}`;
      const prev = first.get(key);
      if (!prev) {
        first.set(key, { name, services });
        continue;
      }
      if (warned.has(l)) continue;
      warned.add(l);
      const b = bindings.find((x) => x.direction === 'outbound' && x.cluster === l.cluster && x.address === l.address && x.port === l.port && x.transport === l.transport)
        ?? bindings.find((x) => x.direction === 'outbound' && x.address === l.address && x.port === l.port && x.transport === l.transport);
      if (!b) continue;
      const at = b.path[0] === 'spec' && b.path[1] === 'outbound' ? [...b.path.slice(0, 3), 'service'] : b.path;
      report(
        ctx,
        b.src,
        at,
        'W_INTERCEPT_SHADOWED',
        `sidecar "${sidecar}": ${services.map((s) => `service "${s}"`).join(', ')} port ${key} is not captured by the interception rules: ` +
          `${prev.services.map((s) => `service "${s}"`).join(', ')} (listener ${prev.name}) already captures every destination on port ${key}; ` +
          'list the services\' `addresses` so capture can tell them apart',
        { severity: 'warning' },
      );
    }
  }
}
