import { native } from '../../runtime/native/addon.js';
import net from 'node:net';
import type { TestContext } from 'node:test';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import { PromWriter } from '../../runtime/metrics.js';
import type { Plan } from '../../schemas/types/plan.gen.js';
import type { TcpListener } from '../../runtime/listener/tcp-listener.js';
import { startEchoServer, type TestServer } from '../helpers/net.js';

/** A Runtime with `plan` applied, stopped when the test ends. */
export async function startRuntime(t: TestContext, plan: Plan): Promise<Runtime> {
  const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs: 1000 });
  t.after(() => rt.stop(0));
  await rt.apply(plan);
  return rt;
}

/** Named echo backends on 127.0.0.1, closed when the test ends. */
export async function startBackends(t: TestContext, names: string[]): Promise<TestServer[]> {
  const out: TestServer[] = [];
  for (const n of names) out.push(await startEchoServer(n));
  t.after(() => Promise.all(out.map((s) => s.close())));
  return out;
}

/** The runtime's metrics text. */
export function scrape(rt: Runtime): string {
  const w = new PromWriter();
  rt.collect(w);
  return w.render();
}

/** The only TCP listener of the runtime. */
export function tcpListener(rt: Runtime): TcpListener {
  return [...rt.listeners.values()][0] as TcpListener;
}

/**
 * Bytes the proxy holds in user space for its live connections: the JS path's socket buffers,
 * or the native data path's pending buffers (runtime/native).
 */
export function proxyBuffered(rt: Runtime): number {
  let n = 0;
  for (const c of tcpListener(rt).connections) n += c.client.writableLength + (c.upstream?.readableLength ?? 0) + (c.upstream?.writableLength ?? 0) + c.client.readableLength;
  return n + (native?.stats()[2] ?? 0);
}

/** An open client connection that has read the backend's greeting line. */
export interface Held {
  socket: net.Socket;
  greeting: string;
}

/** Connect (optionally from `localAddress`), read the greeting line, keep the connection open. */
export function hold(t: TestContext, port: number, localAddress?: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
    t.after(() => socket.destroy());
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8');
      const i = buf.indexOf('\n');
      if (i >= 0) {
        socket.off('data', onData);
        socket.off('close', onClose);
        resolve({ socket, greeting: buf.slice(0, i) });
      }
    };
    const onClose = (): void => reject(new Error(`closed before a greeting (got ${JSON.stringify(buf)})`));
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', () => {});
  });
}

/** Connect and resolve how the proxy ended the connection without sending anything. */
export function expectClosed(port: number): Promise<{ data: string; error: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let data = '';
    let error: string | null = null;
    socket.on('data', (d) => (data += d.toString('utf8')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ data, error }));
  });
}
