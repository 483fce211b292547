import dgram from 'node:dgram';
import net from 'node:net';
import type { Host } from '../cluster/host.js';
import { matchPrefix, reasonOf, type ProbeResult, type ProbeSpec } from './probe.js';

/**
 * UDP check: from a fresh socket connected to the host, send the payload (an empty datagram when
 * none is configured) and wait for a reply within the timeout; with `expect` the reply must start
 * with it. Connecting the socket makes the kernel report an ICMP port-unreachable as ECONNREFUSED
 * (reason `refused`); a silent peer is a `timeout`. Non-matching datagrams are a `mismatch`.
 */
export function udpProbe(host: Host, spec: ProbeSpec, signal: AbortSignal): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket(net.isIPv6(host.address) ? 'udp6' : 'udp4');
    sock.unref();
    let done = false;
    const finish = (r: ProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      try {
        sock.close();
      } catch {
        // already closed
      }
      resolve(r);
    };
    const onAbort = (): void => finish('error');
    const timer = setTimeout(() => finish('timeout'), spec.timeoutMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (err) => finish(reasonOf(err)));
    sock.on('message', (msg) => {
      if (spec.expect.length === 0) return finish(null);
      finish(matchPrefix(msg, spec.expect) === 'ok' ? null : 'mismatch');
    });
    sock.connect(host.port, host.address, () => {
      if (done) return;
      sock.send(spec.send, (err) => {
        if (err) finish(reasonOf(err));
      });
    });
  });
}
