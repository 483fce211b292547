import net from 'node:net';
import dgram from 'node:dgram';
import http from 'node:http';
import { readFileSync } from 'node:fs';

/** The kernel's ephemeral port range (connect() and bind(0) take ports from it). */
function ephemeralRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo! > 0 && hi! >= lo!) return [lo!, hi!];
  } catch {
    // not Linux: assume the IANA range
  }
  return [49152, 65535];
}

const [EPHEMERAL_LO] = ephemeralRange();
const LO = Math.max(1024, Math.min(10_000, EPHEMERAL_LO - 2048));

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  }).then(
    (tcpFree) =>
      tcpFree &&
      new Promise<boolean>((resolve) => {
        const u = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
        u.once('error', () => resolve(false));
        u.bind(port, host, () => u.close(() => resolve(true)));
      }),
  );
}

/**
 * A port that was free on `host` a moment ago (TCP and UDP both checked), chosen at random
 * *below* the ephemeral range: the thousands of client sockets that tests running at the same
 * time open take ephemeral ports, and one of them could otherwise take this port between the
 * check and the bind of the listener it is meant for.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const port = LO + Math.floor(Math.random() * (EPHEMERAL_LO - LO));
    if (await bindable(port, host)) return port;
  }
}

/** A TCP server on 127.0.0.1 that replies to every connection with `name\n` then echoes. */
export interface TestServer {
  port: number;
  host: string;
  server: net.Server;
  connections: number;
  sockets: Set<net.Socket>;
  close(): Promise<void>;
}

/** Start a TCP backend: greets with `name\n` (if given) and echoes everything back. */
export async function startEchoServer(name: string | null, host = '127.0.0.1', port = 0): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const ts: TestServer = {
    port: 0,
    host,
    server: net.createServer((sock) => {
      ts.connections++;
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
      sock.on('error', () => {});
      if (name !== null) sock.write(`${name}\n`);
      sock.pipe(sock);
    }),
    connections: 0,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        ts.server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve, reject) => {
    ts.server.once('error', reject);
    ts.server.listen(port, host, () => resolve());
  });
  ts.port = (ts.server.address() as net.AddressInfo).port;
  return ts;
}

/** Connect, optionally from `localAddress`, and resolve with the first line the server sends. */
export function readGreeting(port: number, host = '127.0.0.1', localAddress?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host, ...(localAddress ? { localAddress } : {}) });
    let buf = '';
    s.setEncoding('utf8');
    s.on('data', (d) => {
      buf += d;
      const i = buf.indexOf('\n');
      if (i >= 0) {
        s.destroy();
        resolve(buf.slice(0, i));
      }
    });
    s.on('error', reject);
    s.on('close', () => reject(new Error(`closed before a greeting (got ${JSON.stringify(buf)})`)));
  });
}

/** GET a URL on loopback; resolves with status and body. */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** The value of one Prometheus sample (`name{labels}` exactly as rendered), or undefined. */
export function metricValue(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
