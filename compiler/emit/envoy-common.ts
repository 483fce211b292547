/**
 * Small shared pieces of the Envoy emitter: protobuf-JSON durations, socket addresses, the
 * typed-config `@type` URLs we use, and a collector for YAML comments that are attached once the
 * whole bootstrap object exists.
 */

/** A plain JSON-ish value as it will appear in the YAML. */
export type Json = string | number | boolean | Json[] | { [key: string]: Json };
/** A JSON object (keys keep insertion order, which is the emitted order). */
export type JsonObject = { [key: string]: Json };

/** `type.googleapis.com/<full message name>` for the Any-typed configs we emit. */
export const TYPE = {
  tcpProxy: 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  udpProxy: 'type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.UdpProxyConfig',
  udpRoute: 'type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.Route',
  tlsInspector: 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  stdoutLog: 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
  localRateLimit: 'type.googleapis.com/envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit',
  proxyProtocolListener: 'type.googleapis.com/envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol',
  upstreamProxyProtocol: 'type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport',
  rawBuffer: 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer',
  downstreamTls: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  upstreamTls: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  secret: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
  rbac: 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC',
} as const;

/** Milliseconds -> protobuf JSON Duration string: 5000 -> "5s", 250 -> "0.250s". */
export function duration(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = ms % 1000;
  return frac === 0 ? `${whole}s` : `${whole}.${String(frac).padStart(3, '0')}s`;
}

/** `{socket_address: {...}}`; `udp` adds `protocol: UDP` (listeners only: Envoy binds by it). */
export function socketAddress(address: string, port: number, udp = false): JsonObject {
  const sa: JsonObject = udp ? { protocol: 'UDP', address, port_value: port } : { address, port_value: port };
  // Node binds `::` dual-stack; Envoy only does with ipv4_compat.
  if (address === '::') sa.ipv4_compat = true;
  return { socket_address: sa };
}

/** Stat prefixes: Envoy splits stat names on `.`, so dots and colons of addresses become `_`. */
export function statPrefix(name: string): string {
  return name.replace(/[.:]/g, '_');
}

/** Stdout access log (Envoy's default format), attached to every proxy filter. */
export function stdoutAccessLog(): Json[] {
  return [{ name: 'envoy.access_loggers.stdout', typed_config: { '@type': TYPE.stdoutLog } }];
}

/** A comment to render before `key` of the map found at `path` in the finished document. */
export interface Note {
  path: Array<string | number>;
  key: string;
  text: string;
}

/** Collects comments while objects are built (their final path is known to the builder). */
export class Notes {
  readonly list: Note[] = [];

  /** Comment `text` (may contain newlines) before `key` of the map at `path`. */
  add(path: Array<string | number>, key: string, text: string): void {
    this.list.push({ path, key, text });
  }
}
