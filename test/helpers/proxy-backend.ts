import net from 'node:net';
import type { TestContext } from 'node:test';

/**
 * A TCP backend that expects a PROXY protocol header (v1 or v2) on every connection and parses it
 * strictly with its own code (independent of runtime/proxy-protocol), then echoes every byte
 * after the header. IPv6 addresses are reported fully expanded (`0:0:0:0:0:0:0:1`) so that the
 * comparison does not depend on anyone's text formatting.
 */
export interface ProxyHeaderSeen {
  version: 1 | 2;
  family: 'TCP4' | 'TCP6';
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
}

export interface BackendConn {
  header: ProxyHeaderSeen | null;
  /** Why the header did not parse, if it did not. */
  error: string | null;
  /** Bytes after the header. */
  payload: Buffer[];
  ended: boolean;
}

export interface ProxyBackend {
  port: number;
  conns: BackendConn[];
  close(): Promise<void>;
}

const SIG = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');

/** Full-form IPv6 text of 16 bytes. */
function v6(b: Buffer, off: number): string {
  const g: string[] = [];
  for (let i = 0; i < 8; i++) g.push(b.readUInt16BE(off + 2 * i).toString(16));
  return g.join(':');
}

/** Full-form text of an IPv6 address string (test expectations, e.g. `::1`). */
export function expand6(ip: string): string {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((x) => parseInt(x, 16).toString(16)).join(':');
}

/** The header at the start of `b`: [header, its length], 'more', or an error string. */
export function parseStrict(b: Buffer): [ProxyHeaderSeen, number] | 'more' | string {
  if (b.length >= 1 && b[0] === 0x50) {
    const lf = b.indexOf(0x0a);
    if (lf < 0) return b.length >= 107 ? 'v1 too long' : 'more';
    if (lf + 1 > 107) return 'v1 too long';
    const line = b.subarray(0, lf + 1).toString('latin1');
    const m = /^PROXY (TCP4|TCP6) ([0-9a-f.:]+) ([0-9a-f.:]+) (0|[1-9][0-9]{0,4}) (0|[1-9][0-9]{0,4})\r\n$/.exec(line);
    if (!m) return `v1 bad line ${JSON.stringify(line)}`;
    const fam = m[1] as 'TCP4' | 'TCP6';
    const ok = fam === 'TCP4' ? net.isIPv4 : net.isIPv6;
    if (!ok(m[2]!) || !ok(m[3]!) || +m[4]! > 65535 || +m[5]! > 65535) return `v1 bad fields ${JSON.stringify(line)}`;
    const norm = (ip: string): string => (fam === 'TCP6' ? expand6(ip) : ip);
    return [{ version: 1, family: fam, srcIp: norm(m[2]!), dstIp: norm(m[3]!), srcPort: +m[4]!, dstPort: +m[5]! }, lf + 1];
  }
  if (b.length < 16) return SIG.subarray(0, b.length).equals(b.subarray(0, Math.min(b.length, 12))) ? 'more' : 'not a header';
  if (!b.subarray(0, 12).equals(SIG)) return 'bad v2 signature';
  if (b[12] !== 0x21) return `v2 ver/cmd ${b[12]}`;
  const len = b.readUInt16BE(14);
  if (b.length < 16 + len) return 'more';
  if (b[13] === 0x11 && len === 12) {
    const ip = (o: number): string => [...b.subarray(o, o + 4)].join('.');
    return [{ version: 2, family: 'TCP4', srcIp: ip(16), dstIp: ip(20), srcPort: b.readUInt16BE(24), dstPort: b.readUInt16BE(26) }, 28];
  }
  if (b[13] === 0x21 && len === 36) {
    return [{ version: 2, family: 'TCP6', srcIp: v6(b, 16), dstIp: v6(b, 32), srcPort: b.readUInt16BE(48), dstPort: b.readUInt16BE(50) }, 52];
  }
  return `v2 family ${b[13]} length ${len}`;
}

/** Start the backend on `host`; `banner` is sent at once on accept (a server-first protocol). */
export async function startProxyBackend(t: TestContext, host = '127.0.0.1', banner: string | null = null): Promise<ProxyBackend> {
  const conns: BackendConn[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    const c: BackendConn = { header: null, error: null, payload: [], ended: false };
    conns.push(c);
    if (banner !== null) s.write(banner);
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      if (c.header === null) {
        buf = Buffer.concat([buf, d]);
        const r = parseStrict(buf);
        if (r === 'more') return;
        if (typeof r === 'string') {
          c.error = r;
          s.destroy();
          return;
        }
        c.header = r[0];
        d = buf.subarray(r[1]);
        if (d.length === 0) return;
      }
      c.payload.push(Buffer.from(d));
      s.write(d);
    });
    s.on('end', () => {
      c.ended = true;
      s.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const b: ProxyBackend = {
    port: (server.address() as net.AddressInfo).port,
    conns,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  t.after(() => b.close());
  return b;
}

/** Whether this host has a usable ::1. */
export async function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}
