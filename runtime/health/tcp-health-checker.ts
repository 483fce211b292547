import net from 'node:net';
import type { Host } from '../cluster/host.js';
import { matchPrefix, reasonOf, type ProbeResult, type ProbeSpec } from './probe.js';

/**
 * TCP check (Envoy: TcpHealthCheck): connect within the timeout; with `send`, write it; with
 * `expect`, accumulate the reply until it is long enough to compare its start (or differs early).
 * The timeout covers the whole check. Without `expect` a completed connect (and write) passes.
 * The socket is always destroyed at the end; it never holds the process open.
 */
export function tcpProbe(host: Host, spec: ProbeSpec, signal: AbortSignal): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let got: Buffer = Buffer.alloc(0);
    let done = false;
    const sock = net.connect({ host: host.address, port: host.port });
    sock.unref();
    sock.setNoDelay(true);
    const finish = (r: ProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.destroy();
      resolve(r);
    };
    const onAbort = (): void => finish('error');
    const timer = setTimeout(() => finish('timeout'), spec.timeoutMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (err) => finish(reasonOf(err)));
    // the peer closed before the expected bytes arrived
    sock.on('close', () => finish('mismatch'));
    sock.on('connect', () => {
      if (spec.expect.length === 0) {
        if (spec.send.length === 0) finish(null);
        else sock.write(spec.send, (err) => finish(err ? reasonOf(err) : null));
        return;
      }
      if (spec.send.length > 0) sock.write(spec.send);
    });
    sock.on('data', (chunk: Buffer) => {
      if (spec.expect.length === 0) return;
      got = got.length === 0 ? chunk : Buffer.concat([got, chunk]);
      const m = matchPrefix(got, spec.expect);
      if (m === 'ok') finish(null);
      else if (m === 'mismatch') finish('mismatch');
    });
  });
}
