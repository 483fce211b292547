import type { Socket } from 'node:net';
import type { PromWriter } from '../metrics.js';
import { MAX_HEADER_BYTES, decodeProxyHeader, type ProxyHeader, type ProxyHeaderError } from './decoder.js';

/**
 * Why an inbound connection was refused before its header completed (the `reason` label):
 * the decoder's verdicts, `timeout` (no complete header within timeoutMs) and `truncated` (the
 * client closed or reset mid-header).
 */
export type ProxyReadError = ProxyHeaderError | 'timeout' | 'truncated';

/** Every reason, so each series exists (at 0) from the start, as Prometheus advises. */
export const PROXY_READ_ERRORS: readonly ProxyReadError[] = ['not_proxy', 'invalid', 'too_large', 'timeout', 'truncated'];

/**
 * What `readProxyHeader` reports: the header, a refusal reason, or `closed` (the client closed
 * without sending a byte: a load balancer's TCP health check looks like that, so it is no error).
 */
export type ProxyReadResult = ProxyHeader | ProxyReadError | 'closed';

const EMPTY = Buffer.alloc(0);

/**
 * Read one PROXY protocol header from a paused socket (Envoy: the proxy_protocol listener
 * filter), for at most `timeoutMs`. Calls `done` exactly once. On success the socket is left
 * paused and every byte read after the header is pushed back (`unshift`), so whatever runs next
 * (protocol detection, TLS, the proxy) reads the application's bytes from their first one. On
 * any other outcome the caller closes the socket; nothing read is kept.
 */
export function readProxyHeader(socket: Socket, timeoutMs: number, done: (r: ProxyReadResult) => void): void {
  if (socket.destroyed || socket.readableEnded) {
    done('closed');
    return;
  }
  let buf: Buffer = EMPTY;
  let finished = false;
  const finish = (r: ProxyReadResult): void => {
    if (finished) return;
    finished = true;
    // pause before removing the data listener so no chunk is emitted to nobody
    socket.pause();
    socket.off('data', onData);
    socket.off('end', onStop);
    socket.off('error', onStop);
    socket.off('close', onStop);
    clearTimeout(timer);
    if (typeof r === 'object' && buf.length > r.length) socket.unshift(buf.subarray(r.length));
    done(r);
  };
  const onData = (chunk: Buffer): void => {
    // the first chunk is used as is; later ones are appended up to what a header can take
    if (buf.length === 0) buf = chunk;
    else buf = Buffer.concat([buf, chunk]);
    const r = decodeProxyHeader(buf.length > MAX_HEADER_BYTES ? buf.subarray(0, MAX_HEADER_BYTES) : buf);
    if (r.status === 'done') finish(r);
    else if (r.status === 'error') finish(r.reason);
  };
  const onStop = (): void => finish(buf.length === 0 ? 'closed' : 'truncated');
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  socket.on('data', onData);
  socket.once('end', onStop);
  socket.once('error', onStop);
  socket.once('close', onStop);
  // an explicitly paused socket (pauseOnConnect) does not start flowing on a data listener
  socket.resume();
}

/** Per-listener counts of accepted headers and refusals (meshc_proxy_protocol_*). */
export class ProxyProtocolStats {
  /** Headers accepted, by version. */
  v1 = 0;
  v2 = 0;
  private readonly errors = new Map<ProxyReadError, number>(PROXY_READ_ERRORS.map((r) => [r, 0]));

  /** Count one result (`closed` is not an error and not a header). */
  record(r: ProxyReadResult): void {
    if (typeof r === 'object') {
      if (r.version === 1) this.v1++;
      else this.v2++;
    } else if (r !== 'closed') this.errors.set(r, this.errors.get(r)! + 1);
  }

  /** Refusals for one reason (tests, status). */
  errorCount(r: ProxyReadError): number {
    return this.errors.get(r)!;
  }

  collect(w: PromWriter, listener: string): void {
    for (const [reason, n] of this.errors) {
      w.add('meshc_proxy_protocol_errors_total', 'counter', 'Inbound connections closed because their PROXY protocol header was missing, malformed, too large, too slow or cut short.', { listener, reason }, n);
    }
    w.add('meshc_proxy_protocol_headers_total', 'counter', 'PROXY protocol headers accepted on inbound connections, by version.', { listener, version: 'v1' }, this.v1);
    w.add('meshc_proxy_protocol_headers_total', 'counter', 'PROXY protocol headers accepted on inbound connections, by version.', { listener, version: 'v2' }, this.v2);
  }
}
