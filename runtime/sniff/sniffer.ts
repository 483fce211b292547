import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseClientHello, looksLikeTlsRecord } from './tls-client-hello.js';
import { HttpDetector, isTokenChar } from './http-detect.js';

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
  /** True when the detection timeout decided (server-first client, or a client that stalled). */
  timedOut?: boolean;
}

/**
 * How many bytes detection buffers before giving up on a verdict. A ClientHello needing more is
 * reported as TLS without SNI (Envoy's tls_inspector has the same 16 KiB bound).
 */
export const MAX_SNIFF_BYTES = 16 * 1024;

const EMPTY = Buffer.alloc(0);

/** One connection's detection state: the buffered head and the incremental detectors. */
class Detection {
  head: Buffer = EMPTY;
  private store: Buffer | null = null;
  private readonly http = new HttpDetector();
  private tlsNeed = 0;
  protocol: SniffResult['protocol'] = 'tcp';
  sni: string | undefined;

  /** Append a chunk (copying only from the second chunk on: most clients need one). */
  append(chunk: Buffer): void {
    const len = this.head.length;
    if (len === 0) {
      this.head = chunk;
      return;
    }
    const total = len + chunk.length;
    if (this.store === null || this.store.length < total) {
      const grown = Buffer.allocUnsafe(Math.max(total, Math.min(2 * total, MAX_SNIFF_BYTES), 1024));
      this.head.copy(grown, 0, 0, len);
      this.store = grown;
    }
    chunk.copy(this.store, len);
    this.head = this.store.subarray(0, total);
  }

  /** Decide from the head so far; true when `protocol`/`sni` are final. */
  decide(): boolean {
    const h = this.head;
    const b0 = h[0]!;
    if (b0 === 0x16) {
      if (h.length < 2) return false;
      if (h[1] !== 0x03) return this.set('tcp'); // 0x16 is no tchar, so not HTTP either
      if (h.length < this.tlsNeed) return false;
      const r = parseClientHello(h, MAX_SNIFF_BYTES);
      if (r.status === 'more') {
        this.tlsNeed = r.need;
        return false;
      }
      this.sni = r.status === 'done' ? r.sni : undefined;
      return this.set('tls');
    }
    if (!isTokenChar(b0)) return this.set('tcp');
    const v = this.http.feed(h);
    if (v === 'more') return h.length >= MAX_SNIFF_BYTES ? this.set('tcp') : false;
    return this.set(v === 'no' ? 'tcp' : v);
  }

  /** Best verdict with the bytes we have when the client stops (timeout, FIN, error). */
  settle(): void {
    this.protocol = looksLikeTlsRecord(this.head) ? 'tls' : 'tcp';
    this.sni = undefined;
  }

  private set(p: SniffResult['protocol']): true {
    this.protocol = p;
    return true;
  }
}

/**
 * Read the client's first bytes for up to `timeoutMs` without losing any: resolves as soon as the
 * protocol is known, or at the timeout (server-first protocols) with what was read so far. The
 * socket is left paused; every byte consumed is in `head`, which the caller must forward first.
 * A client FIN or error while sniffing resolves early with what was read: check
 * `socket.readableEnded` / `socket.destroyed` afterwards (Readable.pipe handles an ended source).
 */
export function sniff(socket: Socket, timeoutMs: number): Promise<SniffResult> {
  const start = performance.now();
  const d = new Detection();
  if (timeoutMs <= 0 || socket.destroyed || socket.readableEnded) {
    return Promise.resolve({ protocol: 'tcp', head: EMPTY, elapsedMs: 0 });
  }
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (timedOut: boolean): void => {
      // pause before removing the data listener so no chunk can be emitted to nobody
      socket.pause();
      socket.off('data', onData);
      socket.off('end', onStop);
      socket.off('error', onStop);
      socket.off('close', onStop);
      clearTimeout(timer);
      const r: SniffResult = { protocol: d.protocol, head: d.head, elapsedMs: performance.now() - start };
      if (d.sni !== undefined) r.sni = d.sni;
      if (timedOut) r.timedOut = true;
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      d.append(chunk);
      if (d.decide()) finish(false);
    };
    const onStop = (): void => {
      d.settle();
      finish(false);
    };
    timer = setTimeout(() => {
      d.settle();
      finish(true);
    }, timeoutMs);
    socket.on('data', onData);
    socket.once('end', onStop);
    socket.once('error', onStop);
    socket.once('close', onStop);
    // an explicitly paused socket (pauseOnConnect) does not start flowing on a data listener
    socket.resume();
  });
}
