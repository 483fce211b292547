/**
 * Checks emitted Envoy files the way Envoy would load them: the bootstrap (envoy.yaml) against
 * envoy.config.bootstrap.v3.Bootstrap and every LDS/CDS file it references against
 * envoy.service.discovery.v3.DiscoveryResponse, typed resources included (strict proto walker),
 * plus what Envoy resolves at startup or on a reload: each `path_config_source` names a file of
 * the set inside its `watched_directory`, resources carry the type the subscription decodes,
 * unique names, every proxy filter's cluster exists, no duplicate filter-chain matches.
 */
import path from 'node:path';
import YAML from 'yaml';
import { envoyApiRoot } from './proto-root.js';
import { ProtoWalker } from './proto-walker.js';

let walker: ProtoWalker | undefined;

const LISTENER_URL = 'type.googleapis.com/envoy.config.listener.v3.Listener';
const CLUSTER_URL = 'type.googleapis.com/envoy.config.cluster.v3.Cluster';
const SECRET_URL = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret';

function parse(text: string, label: string, issues: string[]): any {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    issues.push(...doc.errors.map((e) => `${label}: yaml: ${e.message}`));
    return undefined;
  }
  return doc.toJS();
}

function walk(typeName: string, value: unknown, label: string): string[] {
  walker ??= new ProtoWalker(envoyApiRoot());
  return walker.check(typeName, value).map((i) => `${label}${i.path.slice(1)}: ${i.message}`);
}

/** Every problem with `text` as a self-contained Envoy v3 bootstrap (empty when Envoy would accept it). */
export function envoyYamlIssues(text: string): string[] {
  const issues: string[] = [];
  const value = parse(text, '$', issues);
  if (value === undefined) return issues;
  issues.push(...walk('envoy.config.bootstrap.v3.Bootstrap', value, '$'));
  extensionTypes(value, '$', issues);
  issues.push(...crossReferences(value?.static_resources?.listeners ?? [], value?.static_resources?.clusters ?? []));
  return issues;
}

/** Problems of one DiscoveryResponse file whose resources must all be of `typeUrl`. */
function discoveryResponseIssues(value: any, typeUrl: string, label: string): string[] {
  const issues = walk('envoy.service.discovery.v3.DiscoveryResponse', value, label);
  if (value?.type_url !== undefined && value.type_url !== typeUrl) issues.push(`${label}.type_url: ${value.type_url}, expected ${typeUrl}`);
  (value?.resources ?? []).forEach((r: any, i: number) => {
    // Envoy's subscription unpacks every Any as the subscribed type: another type is a rejected update.
    if (r?.['@type'] !== typeUrl) issues.push(`${label}.resources[${i}]: @type ${r?.['@type']}, the subscription decodes ${typeUrl}`);
  });
  extensionTypes(value, label, issues);
  return issues;
}

/**
 * Every problem with a set of Envoy files (name -> text) meant to be mounted together: `envoy.yaml`
 * plus the files its `dynamic_resources` read. Also checks that each `path_config_source` is a
 * file of the set inside its `watched_directory`, and that no file of the set goes unread.
 */
export function envoyFilesIssues(files: ReadonlyMap<string, string>): string[] {
  const issues: string[] = [];
  const bootText = files.get('envoy.yaml');
  if (bootText === undefined) return ['no envoy.yaml in the file set'];
  const boot = parse(bootText, 'envoy.yaml', issues);
  if (boot === undefined) return issues;
  issues.push(...walk('envoy.config.bootstrap.v3.Bootstrap', boot, 'envoy.yaml'));
  extensionTypes(boot, 'envoy.yaml', issues);
  const listeners: any[] = [...(boot?.static_resources?.listeners ?? [])];
  const clusters: any[] = [...(boot?.static_resources?.clusters ?? [])];
  const read = new Set<string>(['envoy.yaml']);
  for (const [key, typeUrl, into] of [
    ['lds_config', LISTENER_URL, listeners],
    ['cds_config', CLUSTER_URL, clusters],
  ] as const) {
    const src = boot?.dynamic_resources?.[key];
    if (src === undefined) continue;
    const label = `envoy.yaml.dynamic_resources.${key}`;
    const pcs = src.path_config_source;
    if (pcs === undefined) {
      issues.push(`${label}: not a path_config_source`);
      continue;
    }
    const dir = pcs.watched_directory?.path;
    if (typeof dir !== 'string') issues.push(`${label}: no watched_directory (a ConfigMap's ..data swap would be missed)`);
    else if (path.posix.dirname(pcs.path) !== dir) issues.push(`${label}: ${pcs.path} is not directly in the watched directory ${dir}`);
    const name = path.posix.basename(pcs.path);
    const text = files.get(name);
    if (text === undefined) {
      issues.push(`${label}: ${pcs.path} reads ${name}, which is not in the file set`);
      continue;
    }
    read.add(name);
    const value = parse(text, name, issues);
    if (value === undefined) continue;
    issues.push(...discoveryResponseIssues(value, typeUrl, name));
    into.push(...(value.resources ?? []));
  }
  issues.push(...sdsIssues(files, [...listeners, ...clusters], read));
  for (const name of files.keys()) if (!read.has(name)) issues.push(`${name}: not read by envoy.yaml`);
  issues.push(...crossReferences(listeners, clusters));
  return issues;
}

/** Every `{name, sds_config}` (SdsSecretConfig) anywhere below `v`. */
function sdsConfigs(v: unknown, out: Array<{ name: unknown; sds_config: any }>): typeof out {
  if (Array.isArray(v)) v.forEach((x) => sdsConfigs(x, out));
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, any>;
    if (o.sds_config !== undefined) out.push({ name: o.name, sds_config: o.sds_config });
    for (const x of Object.values(o)) sdsConfigs(x, out);
  }
  return out;
}

/**
 * File-based SDS, as Envoy resolves it when a TLS context is built: each sds_config is a
 * path_config_source on a file of the set inside its watched_directory, holding exactly one
 * Secret of the requested name (strict-checked), whose own files are watched by directory.
 */
function sdsIssues(files: ReadonlyMap<string, string>, resources: unknown[], read: Set<string>): string[] {
  const issues: string[] = [];
  const checked = new Set<string>();
  for (const ref of sdsConfigs(resources, [])) {
    const pcs = ref.sds_config?.path_config_source;
    const label = `sds_config of secret ${String(ref.name)}`;
    if (pcs === undefined) {
      issues.push(`${label}: not a path_config_source`);
      continue;
    }
    if (ref.sds_config.resource_api_version !== 'V3') issues.push(`${label}: resource_api_version is not V3`);
    const dir = pcs.watched_directory?.path;
    if (typeof dir !== 'string') issues.push(`${label}: no watched_directory (a ConfigMap's ..data swap would be missed)`);
    else if (path.posix.dirname(pcs.path) !== dir) issues.push(`${label}: ${pcs.path} is not directly in the watched directory ${dir}`);
    const name = path.posix.basename(pcs.path);
    const text = files.get(name);
    if (text === undefined) {
      issues.push(`${label}: ${pcs.path} reads ${name}, which is not in the file set`);
      continue;
    }
    read.add(name);
    const value = parse(text, name, issues);
    if (value === undefined) continue;
    if (!checked.has(name)) {
      checked.add(name);
      issues.push(...discoveryResponseIssues(value, SECRET_URL, name));
    }
    const secrets = (value.resources ?? []) as any[];
    if (secrets.length !== 1 || secrets[0]?.name !== ref.name) issues.push(`${name}: must hold exactly the secret ${String(ref.name)}`);
    const s = secrets[0] ?? {};
    const body = s.tls_certificate ?? s.validation_context;
    if (!body) issues.push(`${name}: secret ${String(ref.name)} has neither tls_certificate nor validation_context`);
    else if (typeof body.watched_directory?.path !== 'string') issues.push(`${name}: secret ${String(ref.name)} has no watched_directory (rotation would be missed)`);
  }
  return issues;
}

/** Extension names we emit -> the config type Envoy's factory for that name expects. */
const EXTENSION_TYPES: Record<string, string> = {
  'envoy.filters.network.tcp_proxy': 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  'envoy.filters.udp_listener.udp_proxy': 'envoy.extensions.filters.udp.udp_proxy.v3.UdpProxyConfig',
  'envoy.filters.listener.tls_inspector': 'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  'envoy.access_loggers.stdout': 'envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
  'envoy.filters.network.local_ratelimit': 'envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit',
  'envoy.filters.listener.proxy_protocol': 'envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol',
  'envoy.transport_sockets.upstream_proxy_protocol': 'envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport',
  'envoy.transport_sockets.raw_buffer': 'envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer',
  'envoy.filters.network.rbac': 'envoy.extensions.filters.network.rbac.v3.RBAC',
};

/** Every `{name, typed_config}` extension: a name we know must carry its own config type. */
function extensionTypes(v: unknown, path: string, out: string[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => extensionTypes(x, `${path}[${i}]`, out));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
  const o = v as Record<string, any>;
  const want = typeof o.name === 'string' ? EXTENSION_TYPES[o.name] : undefined;
  if (want && typeof o.typed_config?.['@type'] === 'string' && !o.typed_config['@type'].endsWith(`/${want}`)) {
    out.push(`${path}: extension ${o.name} needs a ${want} config, got ${o.typed_config['@type']}`);
  }
  for (const [k, x] of Object.entries(o)) extensionTypes(x, `${path}.${k}`, out);
}

/**
 * A cluster's transport_socket: an UpstreamTlsContext, or the upstream PROXY protocol socket
 * wrapping raw bytes or an UpstreamTlsContext (the header goes out before the TLS handshake).
 */
function upstreamSocketIssues(c: any): string[] {
  let ts = c.transport_socket;
  if (ts === undefined) return [];
  const type = (x: any) => String(x?.typed_config?.['@type']);
  if (type(ts).endsWith('.ProxyProtocolUpstreamTransport')) {
    ts = ts.typed_config.transport_socket;
    if (ts === undefined) return [`cluster ${c.name}: upstream_proxy_protocol has no inner transport_socket`];
    if (type(ts).endsWith('.RawBuffer')) return [];
  }
  return type(ts).endsWith('.UpstreamTlsContext') ? [] : [`cluster ${c.name}: transport_socket is ${type(ts)}, not an UpstreamTlsContext (or PROXY protocol around one or raw bytes)`];
}

function crossReferences(listeners: any[], clusters: any[]): string[] {
  const out: string[] = [];
  const clusterNames = new Set<string>();
  for (const c of clusters) {
    if (clusterNames.has(c.name)) out.push(`duplicate cluster ${c.name}`);
    clusterNames.add(c.name);
    if (c.load_assignment && c.load_assignment.cluster_name !== c.name) out.push(`cluster ${c.name}: load_assignment.cluster_name differs`);
    out.push(...upstreamSocketIssues(c));
  }
  const listenerNames = new Set<string>();
  const binds = new Set<string>();
  for (const l of listeners) {
    if (listenerNames.has(l.name)) out.push(`duplicate listener ${l.name}`);
    listenerNames.add(l.name);
    const sa = l.address?.socket_address ?? {};
    const bind = `${sa.address}:${sa.port_value}/${sa.protocol ?? 'TCP'}`;
    if (binds.has(bind)) out.push(`two listeners bind ${bind}`);
    binds.add(bind);
    const matches = new Set<string>();
    for (const fc of l.filter_chains ?? []) {
      const key = JSON.stringify(fc.filter_chain_match ?? {});
      for (const name of fc.filter_chain_match?.server_names ?? [undefined]) {
        const k = name === undefined ? key : `sni:${name}`;
        if (matches.has(k)) out.push(`listener ${l.name}: two filter chains match ${k}`);
        matches.add(k);
      }
      const ts = fc.transport_socket?.typed_config?.['@type'];
      if (ts !== undefined && !String(ts).endsWith('.DownstreamTlsContext')) out.push(`listener ${l.name}: transport_socket is ${ts}, not a DownstreamTlsContext`);
      // tcp_proxy is terminal: a filter after it (an RBAC check) would never run.
      const filters: any[] = fc.filters ?? [];
      const terminal = filters.findIndex((f) => f.name === 'envoy.filters.network.tcp_proxy');
      if (terminal >= 0 && terminal !== filters.length - 1) out.push(`listener ${l.name}: tcp_proxy is not the last filter`);
      for (const f of fc.filters ?? []) {
        const cl = f.typed_config?.cluster;
        if (cl !== undefined && !clusterNames.has(cl)) out.push(`listener ${l.name}: unknown cluster ${cl}`);
        for (const w of f.typed_config?.weighted_clusters?.clusters ?? [])
          if (!clusterNames.has(w.name)) out.push(`listener ${l.name}: unknown weighted cluster ${w.name}`);
      }
    }
    // The PROXY header precedes the ClientHello: the tls_inspector after it would see the header.
    const lfNames: string[] = (l.listener_filters ?? []).map((f: any) => f.name);
    const pp = lfNames.indexOf('envoy.filters.listener.proxy_protocol');
    const inspector = lfNames.indexOf('envoy.filters.listener.tls_inspector');
    if (pp >= 0 && inspector >= 0 && pp > inspector) out.push(`listener ${l.name}: proxy_protocol runs after tls_inspector`);
    for (const lf of l.listener_filters ?? []) {
      const cl = lf.typed_config?.matcher?.on_no_match?.action?.typed_config?.cluster;
      if (lf.name === 'envoy.filters.udp_listener.udp_proxy' && !clusterNames.has(cl)) out.push(`listener ${l.name}: unknown cluster ${cl}`);
    }
    if (l.udp_listener_config && (l.filter_chains ?? []).length > 0) out.push(`UDP listener ${l.name} must not have filter_chains`);
    if (l.udp_listener_config && sa.protocol !== 'UDP') out.push(`UDP listener ${l.name} must bind protocol UDP`);
  }
  return out;
}
