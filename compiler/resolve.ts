/**
 * Stage 3: cross-document semantic checks on the schema-valid documents, producing the models
 * normalize turns into plans: duplicate names, service references, per-service consistency,
 * durations, and each sidecar's listeners (see bindings.ts).
 */
import type { Inbound, Interception, ServicePort, ServiceSpec, SidecarSpec } from '../schemas/types/policy.gen.js';
import { parseSocketAddress, type SocketAddr } from './address.js';
import { buildListeners, type Binding } from './bindings.js';
import { report, where, type ClusterRef, type CompileContext, type InboundModel, type ServiceModel, type SidecarModel, type SourceDoc } from './context.js';
import { MAX_MS, parseDuration } from './duration.js';
import { checkInterceptShadowing } from './intercept-check.js';
import type { PathSeg } from './locate.js';
import { checkDefaultPlanTls, checkOutboundTls, checkServiceTls, checkWorkloadTls, resolveInboundSecurity } from './tls-check.js';
import { checkServiceTraffic, checkSplitTargets, inboundTraffic, outboundTraffic, splitTargetPortIndex } from './traffic.js';

/**
 * Ports where the server speaks first, so a client sends nothing until it has read the greeting
 * and `protocol: auto` can only add its detection timeout: FTP 21, SMTP 25, POP3 110, NNTP 119,
 * IMAP 143, SMTP submission 587, MySQL 3306, VNC/RFB 5900. (PostgreSQL, Redis, TLS ports are
 * client-first.)
 */
export const SERVER_FIRST_PORTS: ReadonlyMap<number, string> = new Map([
  [21, 'FTP'],
  [25, 'SMTP'],
  [110, 'POP3'],
  [119, 'NNTP'],
  [143, 'IMAP'],
  [587, 'SMTP submission'],
  [3306, 'MySQL'],
  [5900, 'VNC'],
]);

const DEFAULT_ADMIN: SocketAddr = { address: '127.0.0.1', port: 15000 };
const SNIFFED = new Set(['tls', 'auto']);

/** Transport of a protocol: udp for udp, tcp for everything else. */
export function transportOf(protocol: string): 'tcp' | 'udp' {
  return protocol === 'udp' ? 'udp' : 'tcp';
}

/** Default first-bytes wait for a listener of this protocol. */
export function defaultDetectionMs(protocol: string): number {
  return SNIFFED.has(protocol) ? 100 : 0;
}

/** Outbound cluster name: `<service>_<port>_<transport>`. */
export function outboundClusterName(service: string, port: number, protocol: string): string {
  return `${service}_${port}_${transportOf(protocol)}`;
}

/** Run every semantic check; fills ctx.services and ctx.sidecars. */
export function resolve(ctx: CompileContext): void {
  const knownServices = new Set<string>();
  const sidecarDocs: Array<{ name: string; src: SourceDoc; spec: SidecarSpec }> = [];
  const firstByName = new Map<string, SourceDoc>();
  for (const src of ctx.docs) {
    const v = src.value as { kind?: unknown; metadata?: { name?: unknown }; spec?: unknown } | null;
    const kind = typeof v?.kind === 'string' ? v.kind : undefined;
    const name = typeof v?.metadata?.name === 'string' ? v.metadata.name : undefined;
    if (!kind || !name) continue;
    const key = `${kind}/${name}`;
    const first = firstByName.get(key);
    if (first) {
      report(ctx, src, ['metadata', 'name'], 'E_DUPLICATE_NAME', `duplicate ${kind} "${name}" (first defined at ${where(first, ['metadata', 'name'])})`);
      continue;
    }
    firstByName.set(key, src);
    // Names of invalid Services still count, so a typo in a Service does not also flag every
    // sidecar that refers to it.
    if (kind === 'Service') knownServices.add(name);
    if (!src.valid) continue;
    if (kind === 'Service') {
      const svc: ServiceModel = { name, src, spec: v!.spec as ServiceSpec, ok: true };
      checkService(ctx, svc);
      ctx.services.set(name, svc);
    } else sidecarDocs.push({ name, src, spec: v!.spec as SidecarSpec });
  }
  checkSplitTargets(ctx, knownServices);
  if (firstByName.size === 0) return;
  if ([...firstByName.keys()].some((k) => k.startsWith('Sidecar/'))) {
    for (const sc of sidecarDocs) {
      const model = resolveSidecar(ctx, sc.name, sc.src, sc.spec, knownServices);
      if (model) ctx.sidecars.push(model);
    }
  } else {
    const model = resolveDefault(ctx);
    if (model) ctx.sidecars.push(model);
  }
  ctx.sidecars.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function checkService(ctx: CompileContext, svc: ServiceModel): void {
  const { spec, src } = svc;
  const n0 = ctx.diagnostics.length;
  const err = (path: PathSeg[], code: string, msg: string, target: 'key' | 'value' = 'value') =>
    report(ctx, src, ['spec', ...path], code, `service "${svc.name}": ${msg}`, { target });

  // Ports: names unique, port+transport unique (the cluster name would collide).
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  spec.ports.forEach((p, i) => {
    if (p.name !== undefined) {
      const prev = names.get(p.name);
      if (prev !== undefined) err(['ports', i, 'name'], 'E_DUPLICATE_PORT_NAME', `port name "${p.name}" is already used by ports[${prev}]`);
      else names.set(p.name, i);
    }
    const key = `${p.port}/${transportOf(p.protocol)}`;
    const prev = numbers.get(key);
    if (prev !== undefined) err(['ports', i, 'port'], 'E_DUPLICATE_PORT', `port ${p.port}/${transportOf(p.protocol)} is already declared by ports[${prev}]`);
    else numbers.set(key, i);
    if (p.sni && !SNIFFED.has(p.protocol)) err(['ports', i, 'sni'], 'E_SNI_NOT_TLS', `sni needs protocol tls or auto (port ${p.port} is ${p.protocol})`, 'key');
    if (p.detectionTimeout !== undefined && !SNIFFED.has(p.protocol))
      err(['ports', i, 'detectionTimeout'], 'E_NOT_APPLICABLE', `detectionTimeout applies to protocol tls or auto only (port ${p.port} is ${p.protocol})`, 'key');
    checkDuration(ctx, src, ['spec', 'ports', i, 'detectionTimeout'], p.detectionTimeout, false);
    if (p.protocol === 'auto') {
      for (const port of new Set([p.port, p.targetPort ?? p.port])) {
        const what = SERVER_FIRST_PORTS.get(port);
        if (what)
          report(ctx, src, ['spec', 'ports', i, 'protocol'], 'W_AUTO_SERVER_FIRST',
            `service "${svc.name}": protocol auto on port ${port} (${what}): the server speaks first, so sniffing only adds the detection timeout; declare the protocol explicitly (e.g. tcp)`,
            { severity: 'warning' });
      }
    }
  });

  // Endpoints: exactly one of static | dns (exactly one of endpoints | split: traffic.ts).
  const ep = spec.endpoints ?? {};
  if (ep.static && ep.dns) err(['endpoints', 'dns'], 'E_ENDPOINTS_BOTH', 'endpoints must have exactly one of static or dns, not both', 'key');
  else if (spec.endpoints && !ep.static && !ep.dns) err(['endpoints'], 'E_ENDPOINTS_NONE', 'endpoints must have exactly one of static or dns', 'key');
  checkDuration(ctx, src, ['spec', 'endpoints', 'dns', 'refreshInterval'], ep.dns?.refreshInterval, true);

  // Affinity: ttl only with source-ip.
  const aff = spec.affinity;
  if (aff?.ttl !== undefined && (aff.type ?? 'none') === 'none')
    err(['affinity', 'ttl'], 'E_TTL_WITHOUT_AFFINITY', 'affinity.ttl needs affinity.type: source-ip', 'key');
  checkDuration(ctx, src, ['spec', 'affinity', 'ttl'], aff?.ttl, true);

  // Health checks: no settings on `none`; udp needs a probe payload.
  const hc = spec.healthCheck;
  if (hc) {
    const effective = hc.type ?? (ep.dns && !ep.static ? 'tcp' : 'none');
    if (effective === 'none') {
      for (const f of ['interval', 'timeout', 'healthyThreshold', 'unhealthyThreshold', 'send', 'expect'] as const)
        if (hc[f] !== undefined)
          err(['healthCheck', f], 'E_HEALTHCHECK_FIELDS_ON_NONE', `healthCheck.${f} has no effect with healthCheck type none${hc.type ? '' : ' (the default for static endpoints)'}`, 'key');
    }
    if (effective === 'udp' && hc.send === undefined)
      err(['healthCheck', 'type'], 'E_UDP_HEALTHCHECK_NO_SEND', 'a udp health check needs `send` (the probe datagram)');
    checkDuration(ctx, src, ['spec', 'healthCheck', 'interval'], hc.interval, true);
    checkDuration(ctx, src, ['spec', 'healthCheck', 'timeout'], hc.timeout, true);
  }
  checkDuration(ctx, src, ['spec', 'outlierDetection', 'baseEjectionTime'], spec.outlierDetection?.baseEjectionTime, true);
  checkDuration(ctx, src, ['spec', 'connection', 'connectTimeout'], spec.connection?.connectTimeout, true);
  checkDuration(ctx, src, ['spec', 'connection', 'idleTimeout'], spec.connection?.idleTimeout, false);
  checkServiceTraffic(ctx, svc);
  // tls on a split service is already E_NOT_APPLICABLE (checkServiceTraffic): no cascade of TLS errors.
  if (!spec.split) checkServiceTls(ctx, svc);
  if (ctx.diagnostics.slice(n0).some((d) => d.severity === 'error')) svc.ok = false;
}

function checkDuration(ctx: CompileContext, src: SourceDoc, path: PathSeg[], value: string | undefined, positive: boolean): void {
  if (value === undefined) return;
  const ms = parseDuration(value);
  if (ms > MAX_MS) report(ctx, src, path, 'E_BAD_DURATION', `duration ${value} is too long (at most 596h31m23s647ms)`);
  else if (positive && ms === 0) report(ctx, src, path, 'E_BAD_DURATION', `duration must be greater than 0 (got ${value})`);
}

function resolveSidecar(ctx: CompileContext, name: string, src: SourceDoc, spec: SidecarSpec, known: ReadonlySet<string>): SidecarModel | null {
  const n0 = ctx.diagnostics.length;
  const bindings: Binding[] = [];
  const clusters = new Map<string, ClusterRef>();
  const services = new Map<string, ServiceModel>();
  const blame = new Map<string, PathSeg[]>(); // service -> the outbound entry that brought its clusters in
  (spec.outbound ?? []).forEach((o, i) => {
    const at: PathSeg[] = ['spec', 'outbound', i];
    const svc = ctx.services.get(o.service);
    if (!svc) {
      if (!known.has(o.service)) {
        const names = [...known].sort();
        report(ctx, src, [...at, 'service'], 'E_UNKNOWN_SERVICE', `sidecar "${name}": unknown service "${o.service}"${names.length ? ` (known: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''})` : ' (no Service documents)'}`);
      }
      return;
    }
    // A broken service already has its own errors; binding it would only add cascades.
    if (!svc.ok) return;
    const selected = svc.spec.ports.map((p, idx) => ({ p, idx })).filter(({ p }) => o.port === undefined || p.port === o.port);
    if (selected.length === 0) {
      report(ctx, src, [...at, 'port'], 'E_UNKNOWN_PORT', `sidecar "${name}": service "${o.service}" has no port ${o.port} (ports: ${[...new Set(svc.spec.ports.map((p) => p.port))].join(', ')})`);
      return;
    }
    const bind = o.bind === undefined ? undefined : parseSocketAddress(o.bind)!;
    if (bind && new Set(selected.map(({ p }) => p.port)).size > 1) {
      report(ctx, src, [...at, 'bind'], 'E_BIND_NEEDS_PORT', `sidecar "${name}": bind needs \`port\` because service "${o.service}" has several ports`);
      return;
    }
    checkOutboundTls(ctx, src, name, spec, svc, at);
    // A split's targets originate their own TLS (their clusters carry it), so a mutual target
    // needs this sidecar's identity just as a listed mutual service does.
    for (const t of svc.spec.split ?? []) {
      const target = ctx.services.get(t.service);
      if (target?.ok) checkOutboundTls(ctx, src, name, spec, target, at);
    }
    services.set(svc.name, svc);
    const path: PathSeg[] = o.bind !== undefined ? [...at, 'bind'] : o.port !== undefined ? [...at, 'port'] : [...at, 'service'];
    for (const { p, idx } of selected) {
      const b = outboundBinding(ctx, svc, p, bind ?? { address: '127.0.0.1', port: p.port }, src, path);
      for (const ref of bindingClusters(ctx, svc, idx, b)) {
        clusters.set(ref.name, ref);
        if (!blame.has(ref.service.name)) blame.set(ref.service.name, [...at, 'service']);
      }
      bindings.push(b);
    }
  });

  const inbound: InboundModel[] = [];
  const inboundSeen = new Map<string, number>();
  (spec.inbound ?? []).forEach((ib: Inbound, i) => {
    const at: PathSeg[] = ['spec', 'inbound', i];
    const protocol = ib.protocol ?? 'tcp';
    const transport = transportOf(protocol);
    const cluster = `inbound_${ib.port}_${transport}`;
    const prev = inboundSeen.get(cluster);
    if (prev !== undefined) {
      report(ctx, src, [...at, 'port'], 'E_DUPLICATE_INBOUND', `sidecar "${name}": inbound port ${ib.port}/${transport} is already declared by inbound[${prev}]`);
      return;
    }
    inboundSeen.set(cluster, i);
    if (ib.detectionTimeout !== undefined && !SNIFFED.has(protocol))
      report(ctx, src, [...at, 'detectionTimeout'], 'E_NOT_APPLICABLE', `sidecar "${name}": detectionTimeout applies to protocol tls or auto only`, { target: 'key' });
    checkDuration(ctx, src, [...at, 'detectionTimeout'], ib.detectionTimeout, false);
    if (protocol === 'auto' && SERVER_FIRST_PORTS.has(ib.port))
      report(ctx, src, [...at, 'protocol'], 'W_AUTO_SERVER_FIRST', `sidecar "${name}": protocol auto on port ${ib.port} (${SERVER_FIRST_PORTS.get(ib.port)}): the server speaks first, so sniffing only adds the detection timeout`, { severity: 'warning' });
    const bind = ib.bind ? parseSocketAddress(ib.bind)! : { address: '0.0.0.0', port: ib.port };
    const forwardTo = ib.forwardTo ? parseSocketAddress(ib.forwardTo)! : { address: '127.0.0.1', port: ib.port };
    const security = resolveInboundSecurity(ctx, src, name, spec, ib, i);
    inbound.push({ cluster, port: ib.port, protocol, transport, forwardTo });
    const traffic = inboundTraffic(ctx, name, src, at, ib);
    bindings.push({
      direction: 'inbound',
      address: bind.address,
      port: bind.port,
      transport,
      protocol,
      cluster,
      sni: [],
      detectionTimeoutMs: ib.detectionTimeout !== undefined ? parseDuration(ib.detectionTimeout) : defaultDetectionMs(protocol),
      src,
      path: ib.bind !== undefined ? [...at, 'bind'] : [...at, 'port'],
      forwardTo,
      forwardPath: ib.forwardTo !== undefined ? [...at, 'forwardTo'] : [...at, 'port'],
      ...(traffic.proxyProtocol ? { traffic } : {}),
      security,
      workloadPort: ib.port,
    });
  });

  const interception = spec.interception ?? {};
  checkInterception(ctx, src, name, interception);
  checkWorkloadTls(ctx, src, name, spec);
  const admin = spec.admin ? parseSocketAddress(spec.admin)! : DEFAULT_ADMIN;
  const listeners = buildListeners(ctx, `sidecar "${name}"`, bindings, admin, spec.admin !== undefined ? { src, path: ['spec', 'admin'] } : undefined);
  if (ctx.diagnostics.slice(n0).some((d) => d.severity === 'error')) return null;
  if (spec.zone === undefined)
    for (const [svcName, at] of [...blame].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
      if (ctx.services.get(svcName)?.spec.loadBalancer?.localityAware)
        report(ctx, src, at, 'W_LOCALITY_NO_ZONE',
          `sidecar "${name}" has no spec.zone: service "${svcName}" has loadBalancer.localityAware, so its connections are spread over every zone; set the sidecar's zone`,
          { severity: 'warning' });
  if (interception.mode === 'iptables') checkInterceptShadowing(ctx, name, listeners, bindings, clusters);
  return {
    name,
    admin,
    listeners,
    clusters: [...clusters.values()],
    inbound,
    interception,
    services: [...services.values()],
    spec,
  };
}

/**
 * The clusters a binding of port `idx` of `svc` needs: its own, or for a split the targets' (in
 * policy order), which it also records on the binding as weightedClusters.
 */
function bindingClusters(ctx: CompileContext, svc: ServiceModel, idx: number, b: Binding): ClusterRef[] {
  const p = svc.spec.ports[idx]!;
  if (!svc.spec.split) return [{ name: b.cluster, service: svc, portIndex: idx }];
  const refs: ClusterRef[] = [];
  const weighted: Array<{ cluster: string; weight: number }> = [];
  for (const t of svc.spec.split) {
    const target = ctx.services.get(t.service)!;
    const ti = splitTargetPortIndex(target, p.port, p.protocol);
    const name = outboundClusterName(target.name, p.port, p.protocol);
    refs.push({ name, service: target, portIndex: ti });
    weighted.push({ cluster: name, weight: t.weight });
  }
  b.traffic = { ...b.traffic, weightedClusters: weighted };
  return refs;
}

/** The binding of an outbound listener at `at` for one service port (cluster `<service>_<port>_<transport>`). */
function outboundBinding(_ctx: CompileContext, svc: ServiceModel, p: ServicePort, at: SocketAddr, src: SourceDoc, path: PathSeg[]): Binding {
  const traffic = outboundTraffic(svc.spec);
  return {
    direction: 'outbound',
    address: at.address,
    port: at.port,
    transport: transportOf(p.protocol),
    protocol: p.protocol,
    cluster: outboundClusterName(svc.name, p.port, p.protocol),
    sni: p.sni ?? [],
    service: svc.name,
    servicePort: p.port,
    detectionTimeoutMs: p.detectionTimeout !== undefined ? parseDuration(p.detectionTimeout) : defaultDetectionMs(p.protocol),
    src,
    path,
    ...(Object.keys(traffic).length ? { traffic } : {}),
  };
}

function checkInterception(ctx: CompileContext, src: SourceDoc, name: string, ic: Interception): void {
  if ((ic.mode ?? 'none') !== 'none') return;
  for (const f of ['proxyUid', 'proxyGid', 'excludeOutboundPorts', 'excludeOutboundCidrs', 'excludeInboundPorts'] as const)
    if (ic[f] !== undefined)
      report(ctx, src, ['spec', 'interception', f], 'E_INTERCEPTION_FIELDS_ON_NONE', `sidecar "${name}": interception.${f} has no effect with interception mode none`, { target: 'key' });
}

/** No Sidecar document: one plan `default` listening on 127.0.0.1:<port> for every service port. */
function resolveDefault(ctx: CompileContext): SidecarModel | null {
  const n0 = ctx.diagnostics.length;
  const services = [...ctx.services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const bindings: Binding[] = [];
  const clusters: ClusterRef[] = [];
  for (const svc of services) {
    if (!svc.ok) continue;
    svc.spec.ports.forEach((p, idx) => {
      const b = outboundBinding(ctx, svc, p, { address: '127.0.0.1', port: p.port }, svc.src, ['spec', 'ports', idx, 'port']);
      for (const ref of bindingClusters(ctx, svc, idx, b)) if (!clusters.some((c) => c.name === ref.name)) clusters.push(ref);
      bindings.push(b);
    });
    // No Sidecar, so no zone: a localityAware service cannot prefer anything.
    if (svc.spec.loadBalancer?.localityAware)
      report(ctx, svc.src, ['spec', 'loadBalancer', 'localityAware'], 'W_LOCALITY_NO_ZONE',
        `service "${svc.name}": localityAware has no effect in the default plan (no Sidecar document, so no sidecar zone); connections are spread over every zone`,
        { severity: 'warning' });
  }
  checkDefaultPlanTls(ctx, services);
  const listeners = buildListeners(ctx, 'default plan (no Sidecar documents)', bindings, DEFAULT_ADMIN, undefined);
  if (ctx.diagnostics.slice(n0).some((d) => d.severity === 'error')) return null;
  return { name: 'default', admin: DEFAULT_ADMIN, listeners, clusters, inbound: [], interception: {}, services };
}
