import dgram from 'node:dgram';
import { Runtime } from '../../runtime/runtime.js';
import { PromWriter } from '../../runtime/metrics.js';
import { silentLogger } from '../../runtime/logger.js';
import { metricValue } from '../helpers/net.js';

/** A UDP backend: replies `name port` to "who" (port = the sender's port), echoes anything else. */
export interface UdpBackend {
  name: string;
  port: number;
  sock: dgram.Socket;
  received: number;
  /** Distinct source ports seen (one per proxy session). */
  sources: Set<number>;
  close(): Promise<void>;
}

/** Start a UDP backend on 127.0.0.1 (ephemeral port). */
export async function startUdpBackend(name: string, host = '127.0.0.1'): Promise<UdpBackend> {
  const sock = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 1 << 22, sendBufferSize: 1 << 22 });
  const b: UdpBackend = {
    name,
    port: 0,
    sock,
    received: 0,
    sources: new Set(),
    close: () => new Promise((resolve) => sock.close(() => resolve())),
  };
  sock.on('message', (msg, rinfo) => {
    b.received++;
    b.sources.add(rinfo.port);
    const reply = msg.length === 3 && msg.toString() === 'who' ? Buffer.from(`${name} ${rinfo.port}`) : msg;
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, host, () => resolve()));
  b.port = sock.address().port;
  return b;
}

/** A client socket bound to `local` (default 127.0.0.1, ephemeral port). */
export async function udpClient(local = '127.0.0.1'): Promise<dgram.Socket> {
  const sock = dgram.createSocket(local.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => sock.bind(0, local, () => resolve()));
  return sock;
}

/** Close client sockets, ignoring ones already closed. */
export function closeAll(socks: Iterable<dgram.Socket>): void {
  for (const s of socks) {
    try {
      s.close();
    } catch {
      // already closed
    }
  }
}

/**
 * Send `payload` to `port` and resolve with the next datagram received; resend up to `tries`
 * times (loopback can drop under bursts when receive buffers fill), each waiting `everyMs`.
 */
export function request(sock: dgram.Socket, payload: Buffer | string, port: number, host = '127.0.0.1', tries = 5, everyMs = 1000): Promise<{ msg: Buffer; rinfo: dgram.RemoteInfo }> {
  return new Promise((resolve, reject) => {
    let left = tries;
    let timer: NodeJS.Timeout;
    const onMsg = (msg: Buffer, rinfo: dgram.RemoteInfo): void => {
      clearTimeout(timer);
      sock.removeListener('message', onMsg);
      resolve({ msg, rinfo });
    };
    const send = (): void => {
      if (left-- === 0) {
        sock.removeListener('message', onMsg);
        reject(new Error(`no reply from ${host}:${port} after ${tries} tries`));
        return;
      }
      sock.send(payload, port, host);
      timer = setTimeout(send, everyMs);
    };
    sock.on('message', onMsg);
    send();
  });
}

/** A runtime with a silent logger. */
export function newRuntime(): Runtime {
  return new Runtime({ logger: silentLogger(), drainTimeoutMs: 0 });
}

/** Read one sample of the runtime's metrics (undefined when absent). */
export function sample(rt: Runtime, series: string): number | undefined {
  const w = new PromWriter();
  rt.collect(w);
  return metricValue(w.render(), series);
}
