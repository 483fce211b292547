import dgram from 'node:dgram';
import net from 'node:net';

/** What the server answers for one name. */
export interface DnsRecordSet {
  /** IPv4 addresses (A records). */
  a?: string[];
  /** IPv6 addresses (AAAA records). */
  aaaa?: string[];
  /** TTL of every record, seconds (default 30). */
  ttl?: number;
  /** Answer with this error code instead of records. */
  rcode?: 'NXDOMAIN' | 'SERVFAIL';
}

const TYPE_A = 1;
const TYPE_AAAA = 28;
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

/**
 * A tiny authoritative DNS server over UDP on loopback for tests: answers A/AAAA queries for the
 * configured names from a record set the test can change at any time, NXDOMAIN for unknown names,
 * SERVFAIL/NXDOMAIN on demand, and counts queries per name and type.
 */
export class TestDnsServer {
  private readonly zones = new Map<string, DnsRecordSet>();
  private readonly counts = new Map<string, number>();
  port = 0;

  private constructor(private readonly sock: dgram.Socket) {}

  /** Start on 127.0.0.1 at a random port. */
  static async start(): Promise<TestDnsServer> {
    const sock = dgram.createSocket('udp4');
    const s = new TestDnsServer(sock);
    sock.on('message', (msg, rinfo) => s.onQuery(msg, rinfo));
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(0, '127.0.0.1', () => resolve());
    });
    s.port = sock.address().port;
    return s;
  }

  /** `127.0.0.1:PORT`, as `setServers`/`--dns-resolvers` take it. */
  get server(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Replace the answer for `name` (case-insensitive, no trailing dot). */
  set(name: string, rs: DnsRecordSet): void {
    this.zones.set(name.toLowerCase(), rs);
  }

  /** Queries received for `name` and type (`A` | `AAAA`; omitted: both). */
  queries(name: string, type?: 'A' | 'AAAA'): number {
    const n = name.toLowerCase();
    if (type) return this.counts.get(`${n}/${type}`) ?? 0;
    return (this.counts.get(`${n}/A`) ?? 0) + (this.counts.get(`${n}/AAAA`) ?? 0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.sock.close(() => resolve()));
  }

  private onQuery(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return;
    // question: labels up to the zero byte, then type and class
    const labels: string[] = [];
    let off = 12;
    while (off < msg.length && msg[off]! !== 0) {
      const len = msg[off]!;
      labels.push(msg.toString('latin1', off + 1, off + 1 + len));
      off += 1 + len;
    }
    off += 1;
    if (off + 4 > msg.length) return;
    const qtype = msg.readUInt16BE(off);
    const qEnd = off + 4;
    const name = labels.join('.').toLowerCase();
    const typeName = qtype === TYPE_A ? 'A' : qtype === TYPE_AAAA ? 'AAAA' : String(qtype);
    this.counts.set(`${name}/${typeName}`, (this.counts.get(`${name}/${typeName}`) ?? 0) + 1);

    const rs = this.zones.get(name);
    let rcode: number = RCODE.NOERROR;
    const answers: Buffer[] = [];
    if (!rs || rs.rcode === 'NXDOMAIN') rcode = RCODE.NXDOMAIN;
    else if (rs.rcode === 'SERVFAIL') rcode = RCODE.SERVFAIL;
    else {
      const ttl = rs.ttl ?? 30;
      const addrs = qtype === TYPE_A ? (rs.a ?? []) : qtype === TYPE_AAAA ? (rs.aaaa ?? []) : [];
      for (const a of addrs) answers.push(record(qtype, ttl, a));
    }
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
    const rd = msg.readUInt16BE(2) & 0x0100;
    header.writeUInt16BE(0x8000 | 0x0400 | rd | rcode, 2); // QR, AA, RD copied, rcode
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const reply = Buffer.concat([header, msg.subarray(12, qEnd), ...answers]);
    this.sock.send(reply, rinfo.port, rinfo.address);
  }
}

/** One answer record whose owner name points back at the question (offset 12). */
function record(type: number, ttl: number, address: string): Buffer {
  const rdata = type === TYPE_A ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
  const b = Buffer.alloc(12);
  b.writeUInt16BE(0xc00c, 0);
  b.writeUInt16BE(type, 2);
  b.writeUInt16BE(1, 4); // class IN
  b.writeUInt32BE(ttl, 6);
  b.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([b, rdata]);
}

function ipv6Bytes(address: string): Buffer {
  if (!net.isIPv6(address)) throw new Error(`not an IPv6 address: ${address}`);
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}
