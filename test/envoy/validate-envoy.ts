/**
 * Checks an emitted envoy.yaml the way Envoy would load it: YAML -> Bootstrap against the v3
 * protos (strict walker), plus the cross-references Envoy resolves at startup (unique names,
 * every proxy filter's cluster exists, no duplicate filter-chain matches on a listener).
 */
import YAML from 'yaml';
import { envoyApiRoot } from './proto-root.js';
import { ProtoWalker } from './proto-walker.js';

let walker: ProtoWalker | undefined;

/** Every problem with `text` as an Envoy v3 bootstrap (empty when Envoy would accept it). */
export function envoyYamlIssues(text: string): string[] {
  walker ??= new ProtoWalker(envoyApiRoot());
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return doc.errors.map((e) => `yaml: ${e.message}`);
  const value = doc.toJS() as any;
  const issues = walker.check('envoy.config.bootstrap.v3.Bootstrap', value).map((i) => `${i.path}: ${i.message}`);
  issues.push(...crossReferences(value));
  return issues;
}

/** Extension names we emit -> the config type Envoy's factory for that name expects. */
const EXTENSION_TYPES: Record<string, string> = {
  'envoy.filters.network.tcp_proxy': 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  'envoy.filters.udp_listener.udp_proxy': 'envoy.extensions.filters.udp.udp_proxy.v3.UdpProxyConfig',
  'envoy.filters.listener.tls_inspector': 'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  'envoy.access_loggers.stdout': 'envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
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

function crossReferences(b: any): string[] {
  const out: string[] = [];
  extensionTypes(b, '$', out);
  const listeners: any[] = b?.static_resources?.listeners ?? [];
  const clusters: any[] = b?.static_resources?.clusters ?? [];
  const clusterNames = new Set<string>();
  for (const c of clusters) {
    if (clusterNames.has(c.name)) out.push(`duplicate cluster ${c.name}`);
    clusterNames.add(c.name);
    if (c.load_assignment && c.load_assignment.cluster_name !== c.name) out.push(`cluster ${c.name}: load_assignment.cluster_name differs`);
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
      for (const f of fc.filters ?? []) {
        const cl = f.typed_config?.cluster;
        if (cl !== undefined && !clusterNames.has(cl)) out.push(`listener ${l.name}: unknown cluster ${cl}`);
      }
    }
    for (const lf of l.listener_filters ?? []) {
      const cl = lf.typed_config?.matcher?.on_no_match?.action?.typed_config?.cluster;
      if (lf.name === 'envoy.filters.udp_listener.udp_proxy' && !clusterNames.has(cl)) out.push(`listener ${l.name}: unknown cluster ${cl}`);
    }
    if (l.udp_listener_config && (l.filter_chains ?? []).length > 0) out.push(`UDP listener ${l.name} must not have filter_chains`);
    if (l.udp_listener_config && sa.protocol !== 'UDP') out.push(`UDP listener ${l.name} must bind protocol UDP`);
  }
  return out;
}
