import net from 'node:net';
import tls from 'node:tls';
import { sniff, type SniffResult } from '../../runtime/sniff/sniffer.js';
import { parseClientHello } from '../../runtime/sniff/tls-client-hello.js';

/** One accepted connection after `sniff` ran on it. */
export interface Sniffed {
  r: SniffResult;
  sock: net.Socket;
  /** Chunks the socket emitted while sniffing (seen by an extra observer). */
  chunks: number;
}

/** A TCP server on 127.0.0.1 that runs `sniff` on every accepted socket (as a listener would). */
export interface SniffServer {
  port: number;
  /** The next sniffed connection. */
  next(): Promise<Sniffed>;
  /** Optional per-connection hook run right after accept, before sniffing starts. */
  onAccept?: (sock: net.Socket) => void;
  close(): Promise<void>;
}

/** Start a server whose accepted sockets go through `sniff(sock, timeoutMs)`. */
export async function startSniffServer(timeoutMs: number, opts: { ackChunks?: boolean } = {}): Promise<SniffServer> {
  const done: Sniffed[] = [];
  const waiting: Array<(s: Sniffed) => void> = [];
  const sockets = new Set<net.Socket>();
  const srv: SniffServer = {
    port: 0,
    next: () => new Promise((resolve) => (done.length > 0 ? resolve(done.shift()!) : waiting.push(resolve))),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer({ pauseOnConnect: true }, (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    srv.onAccept?.(sock);
    let chunks = 0;
    // an observer next to sniff's own data listener: counts segments and, when asked, acks each
    // one so a lock-step client knows its byte arrived alone
    const observe = (): void => {
      chunks++;
      if (opts.ackChunks) sock.write('.');
    };
    sock.on('data', observe);
    void sniff(sock, timeoutMs).then((r) => {
      sock.off('data', observe);
      const s = { r, sock, chunks };
      const w = waiting.shift();
      if (w) w(s);
      else done.push(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  srv.port = (server.address() as net.AddressInfo).port;
  return srv;
}

/** Capture the exact ClientHello bytes a real node:tls client sends for `servername`. */
export async function captureClientHello(servername: string): Promise<Buffer> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      server.once('connection', (sock) => {
        let buf = Buffer.alloc(0);
        sock.on('error', () => {});
        sock.on('data', (d: Buffer) => {
          buf = Buffer.concat([buf, d]);
          const p = parseClientHello(buf, 1 << 20);
          if (p.status === 'done') {
            sock.destroy();
            resolve(buf);
          } else if (p.status === 'invalid') reject(new Error('captured bytes are not a ClientHello'));
        });
      });
      const c = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false });
      c.on('error', () => {});
    });
  } finally {
    server.close();
  }
}

/** Read everything until the peer ends; resolves with the bytes. */
export function readAll(sock: net.Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    sock.on('data', (d: Buffer) => parts.push(d));
    sock.once('end', () => resolve(Buffer.concat(parts)));
    sock.once('error', reject);
    sock.resume();
  });
}

/** Connect a plain TCP client to 127.0.0.1:port. */
export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const c = net.connect({ host: '127.0.0.1', port }, () => resolve(c));
    c.once('error', reject);
  });
}

/** Re-frame a single-record ClientHello into records whose payloads have the given sizes (rest last). */
export function splitRecords(hello: Buffer, sizes: number[]): Buffer {
  const payload = hello.subarray(5, 5 + hello.readUInt16BE(3));
  const out: Buffer[] = [];
  let off = 0;
  for (const n of [...sizes, payload.length]) {
    if (off >= payload.length) break;
    const part = payload.subarray(off, Math.min(off + n, payload.length));
    const hdr = Buffer.from([0x16, 0x03, 0x01, 0, 0]);
    hdr.writeUInt16BE(part.length, 3);
    out.push(hdr, part);
    off += part.length;
  }
  return Buffer.concat(out);
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { spawnCli } from '../helpers/cli.js';
import { freePort, httpGet } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { writePlan } from '../helpers/plan.js';

/** A `meshc run` child on a plan, ready to serve. */
export interface Sidecar {
  adminPort: number;
  metrics(): Promise<string>;
  stderr(): string;
}

/** Write `p`, start the real CLI on it, wait for /ready; cleaned up with `t.after`. */
export async function startSidecar(t: { after(fn: () => Promise<void> | void): void }, p: Plan): Promise<Sidecar> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-sniff-'));
  const file = path.join(dir, 'plan.json');
  await writePlan(file, p);
  const adminPort = await freePort();
  const cli = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`, '--log-level', 'warn']);
  t.after(async () => {
    cli.kill();
    await cli.exited;
    await rm(dir, { recursive: true, force: true });
  });
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`)).status === 200, 15_000, `meshc ready (stderr: ${cli.stderr()})`);
  return {
    adminPort,
    metrics: async () => (await httpGet(`http://127.0.0.1:${adminPort}/metrics`)).body,
    stderr: cli.stderr,
  };
}
