import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { startRuntime, tcpListener, proxyBuffered } from './tcp-helpers.js';
import type { TestContext } from 'node:test';

const C = 'data_9000_tcp';
const MiB = 1024 * 1024;

/** A TCP backend with a custom handler (allowHalfOpen, so half-close is observable), closed at test end. */
async function backend(t: TestContext, onConn: (s: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onConn(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return (server.address() as net.AddressInfo).port;
}

/** Write `total` bytes from a few random 1 MiB blocks, honouring backpressure; resolves with the sha256. */
async function pump(s: net.Socket, total: number): Promise<string> {
  const blocks = [randomBytes(MiB), randomBytes(MiB), randomBytes(MiB)];
  const h = createHash('sha256');
  for (let i = 0; i < total / MiB; i++) {
    const b = blocks[(i * 7) % 3]!;
    h.update(b);
    if (!s.write(b)) await once(s, 'drain');
  }
  s.end();
  return h.digest('hex');
}

/** sha256 and length of everything read until 'end'. */
function drainHash(s: net.Socket): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  s.on('data', (d: Buffer) => {
    bytes += d.length;
    h.update(d);
  });
  return once(s, 'end').then(() => ({ hash: h.digest('hex'), bytes }));
}

async function proxyTo(t: TestContext, backendPort: number, conn: Partial<{ idleTimeoutMs: number }> = {}): Promise<{ port: number; rt: Awaited<ReturnType<typeof startRuntime>> }> {
  const port = await freePort();
  const connection = { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 100, connectAttempts: 1, ...conn };
  const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: backendPort }], { connection })]));
  return { port, rt };
}

function connect(t: TestContext, port: number): net.Socket {
  const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  s.on('error', () => {});
  t.after(() => s.destroy());
  return s;
}

describe('tcp streams through the proxy', () => {
  it('carries 64 MiB each way at once, byte-exact (sha256)', async (t) => {
    const SIZE = 64 * MiB;
    let serverGot: Promise<{ hash: string; bytes: number }> | null = null;
    let serverSent: Promise<string> | null = null;
    const bport = await backend(t, (s) => {
      serverGot = drainHash(s);
      serverSent = pump(s, SIZE);
    });
    const { port, rt } = await proxyTo(t, bport);
    const c = connect(t, port);
    await once(c, 'connect');
    const clientGot = drainHash(c);
    const clientSent = await pump(c, SIZE);
    const down = await clientGot;
    await waitFor(() => serverGot, 5000, 'backend saw the connection');
    const up = await serverGot!;
    assert.equal(up.bytes, SIZE);
    assert.equal(up.hash, clientSent);
    assert.equal(down.bytes, SIZE);
    assert.equal(down.hash, await serverSent!);
    const cl = rt.clusters.get(C)!;
    assert.equal(cl.totalBytesUp, SIZE);
    assert.equal(cl.totalBytesDown, SIZE);
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection closed after both FINs');
  });

  it('half-close, client first: the client FIN is forwarded and the reply still arrives', async (t) => {
    const bport = await backend(t, (s) => {
      let n = 0;
      s.on('data', (d: Buffer) => (n += d.length));
      s.on('end', () => s.end(`got ${n} bytes\n`));
    });
    const { port, rt } = await proxyTo(t, bport);
    const c = connect(t, port);
    await once(c, 'connect');
    let text = '';
    c.setEncoding('utf8');
    c.on('data', (d: string) => (text += d));
    c.write('hello ');
    c.end('world');
    await once(c, 'end');
    // the backend only answers after it saw our FIN: the reply proves the other direction stayed open
    assert.equal(text, 'got 11 bytes\n');
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection closed after both FINs');
  });

  it('half-close, server first: after the backend FIN the client can still send', async (t) => {
    let received = '';
    let done!: () => void;
    const backendDone = new Promise<void>((r) => (done = r));
    const bport = await backend(t, (s) => {
      s.end('bye\n');
      s.setEncoding('utf8');
      s.on('data', (d: string) => (received += d));
      s.on('end', () => done());
    });
    const { port, rt } = await proxyTo(t, bport);
    const c = connect(t, port);
    let text = '';
    c.setEncoding('utf8');
    c.on('data', (d: string) => (text += d));
    await once(c, 'end');
    assert.equal(text, 'bye\n');
    c.write('late data 1\n');
    c.end('late data 2\n');
    await backendDone;
    assert.equal(received, 'late data 1\nlate data 2\n');
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection closed after both FINs');
  });

  it('a slow reader gets backpressure: the backend blocks and proxy buffers stay bounded', async (t) => {
    let written = 0;
    let blocked = false;
    let stop = false;
    const block = Buffer.alloc(256 * 1024, 7);
    const bport = await backend(t, (s) => {
      void (async () => {
        while (!stop && !s.destroyed && written < 512 * MiB) {
          written += block.length;
          if (!s.write(block)) {
            blocked = true;
            await new Promise<void>((resolve) => {
              const done = (): void => {
                s.off('drain', done);
                s.off('close', done);
                resolve();
              };
              s.on('drain', done);
              s.on('close', done);
            });
            blocked = false;
          }
        }
      })();
    });
    t.after(() => {
      stop = true;
    });
    const { port, rt } = await proxyTo(t, bport);
    const c = connect(t, port);
    c.pause(); // the client never reads
    // wait until the backend stays blocked with no progress between two polls
    let last = -1;
    await waitFor(
      () => {
        const still = blocked && written === last;
        last = written;
        return still;
      },
      20_000,
      'backend blocked by backpressure',
      250,
    );
    // loopback socket buffers hold a few MiB per hop; without backpressure this would reach 512 MiB
    assert.ok(written < 64 * MiB, `backend wrote ${written} bytes into a paused client`);
    const buffered = proxyBuffered(rt);
    assert.ok(buffered <= 2 * MiB, `proxy buffers ${buffered} bytes`);
    // once the reader resumes everything flows again
    c.resume();
    await waitFor(() => written > last + 8 * MiB, 20_000, 'flow resumes');
  });

  it('idle timeout closes both sides when no byte moves either way; traffic keeps it open', async (t) => {
    const IDLE = 1000;
    let backendClosed = false;
    // when the backend wrote its last echo: the proxy reads (and forwards) that byte only after
    // this, so its idle clock starts no earlier. Taken where the byte is written, it stays a lower
    // bound however late this process's timers and callbacks run under load.
    let lastEchoAt = 0;
    const bport = await backend(t, (s) => {
      s.on('data', (d) => {
        lastEchoAt = Date.now();
        s.write(d);
      });
      // half-open sockets: the proxy's FIN shows up as 'end'
      s.on('end', () => (backendClosed = true));
    });
    const { port, rt } = await proxyTo(t, bport, { idleTimeoutMs: IDLE });
    const c = connect(t, port);
    await once(c, 'connect');
    let closedAt = 0;
    const ended = once(c, 'end').then(() => (closedAt = Date.now()));
    const ping = async (): Promise<void> => {
      c.write('k');
      await Promise.race([once(c, 'data'), ended]);
      assert.equal(closedAt, 0, 'closed while traffic was flowing');
    };
    // a ping every ~50 ms (a gap 20x shorter than the timeout) until the pings span 1.5x the
    // timeout: the connection outlives its idle timeout because bytes keep moving
    await ping();
    const firstEchoAt = lastEchoAt;
    while (lastEchoAt - firstEchoAt < 1.5 * IDLE) {
      await new Promise((r) => setTimeout(r, 50));
      await ping();
    }
    assert.equal(tcpListener(rt).counters.idleTimeouts, 0);
    await ended;
    // not before the timeout counted from the last byte moved; the native path stamps bytes with
    // the loop's cached clock, which can lag Date.now() by a few ms when the loop is busy (slack)
    assert.ok(closedAt - lastEchoAt >= IDLE - 50, `closed ${closedAt - lastEchoAt} ms after the last byte moved`);
    await waitFor(() => backendClosed, 5000, 'backend side closed too');
    assert.equal(tcpListener(rt).counters.idleTimeouts, 1);
  });

  it('an RST from the client reaches the backend as an RST, and one from the backend reaches the client', async (t) => {
    // client -> backend
    let backendErr: string | null = null;
    let backendSock: net.Socket | null = null;
    const bport = await backend(t, (s) => {
      backendSock = s;
      s.removeAllListeners('error');
      s.on('error', (e: NodeJS.ErrnoException) => (backendErr = e.code ?? e.message));
      s.on('data', () => {});
    });
    const { port, rt } = await proxyTo(t, bport);
    const c1 = connect(t, port);
    await once(c1, 'connect');
    c1.write('hello');
    await waitFor(() => backendSock, 5000, 'backend got the connection');
    c1.resetAndDestroy();
    await waitFor(() => backendErr, 5000, 'backend saw an error');
    assert.equal(backendErr, 'ECONNRESET');
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection gone');

    // backend -> client
    backendSock = null;
    const c2 = net.connect({ port, host: '127.0.0.1' });
    t.after(() => c2.destroy());
    const clientErr = new Promise<string>((resolve) => {
      c2.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      c2.on('close', () => resolve('close without error'));
    });
    await once(c2, 'connect');
    c2.write('hello');
    await waitFor(() => backendSock, 5000, 'backend got the second connection');
    (backendSock as unknown as net.Socket).resetAndDestroy();
    assert.equal(await clientErr, 'ECONNRESET');
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection gone');
  });
});
