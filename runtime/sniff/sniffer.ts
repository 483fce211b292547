import type { Socket } from 'node:net';

/** What protocol detection learned from a connection's first bytes. */
export interface SniffResult {
  /** `tls`, `http` (HTTP/1.x), `http2` (prior-knowledge preface) or `tcp` (anything else / timeout). */
  protocol: 'tls' | 'http' | 'http2' | 'tcp';
  /** The TLS ClientHello's server_name, lower-cased, when present. */
  sni?: string;
  /** Every byte read while sniffing; the proxy must send these upstream first, untouched. */
  head: Buffer;
  /** How long detection took (ms). */
  elapsedMs: number;
}

/**
 * Read the client's first bytes for up to `timeoutMs` without losing any: resolves as soon as the
 * protocol is known, or at the timeout (server-first protocols) with protocol `tcp`. STUB.
 */
export async function sniff(socket: Socket, timeoutMs: number): Promise<SniffResult> {
  void socket;
  void timeoutMs;
  return { protocol: 'tcp', head: Buffer.alloc(0), elapsedMs: 0 };
}
