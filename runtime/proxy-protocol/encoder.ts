import { V2_SIGNATURE } from './decoder.js';
import { writeIpv4, writeIpv6 } from './ip-bytes.js';

/**
 * PROXY protocol header encoder for clusters with `proxyProtocol` (Envoy: the
 * upstream_proxy_protocol transport socket). Source = the client, destination = the listener.
 *
 * Addresses are the runtime's normalized text (IPv4 without `::ffff:`). When the two families
 * differ (a PROXY-accepted IPv6 client on an IPv4 listener, or the reverse) the IPv4 one is sent
 * IPv4-mapped in a TCP6 / AF_INET6 header, as HAProxy does. An address that does not parse (never
 * from a socket) gives a v1 UNKNOWN / v2 LOCAL header: the endpoint then uses the connection's
 * own addresses instead of guessing.
 */

/** Cluster.proxyProtocol as the encoder takes it. */
export type ProxyProtocolVersion = 'v1' | 'v2';

/** Bytes `writeProxyHeader` may write: the longest v1 line (TCP6 with two full IPv6 addresses) fits in 107. */
export const MAX_ENCODED_BYTES = 108;

// v2 fixed parts: signature, version 2 + PROXY, family + STREAM, address block length
const V2_INET = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x11, 0x00, 12])]);
const V2_INET6 = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x21, 0x00, 36])]);
const V2_LOCAL = Buffer.concat([V2_SIGNATURE, Buffer.from([0x20, 0x00, 0x00, 0x00])]);
const V1_UNKNOWN = 'PROXY UNKNOWN\r\n';

/**
 * Write the header into `out` (at least MAX_ENCODED_BYTES long) and return its length. Allocates
 * nothing for v2; v1 builds its one line of text.
 */
export function writeProxyHeader(out: Buffer, version: ProxyProtocolVersion, srcIp: string, srcPort: number, dstIp: string, dstPort: number): number {
  const v6 = srcIp.includes(':') || dstIp.includes(':');
  if (version === 'v1') {
    const s = v6 ? mapped(srcIp) : srcIp;
    const d = v6 ? mapped(dstIp) : dstIp;
    const line = `PROXY ${v6 ? 'TCP6' : 'TCP4'} ${s} ${d} ${srcPort} ${dstPort}\r\n`;
    // only addresses the decoder would accept go out; anything else is UNKNOWN
    if (line.length > MAX_ENCODED_BYTES - 1 || !validAddr(s, v6) || !validAddr(d, v6)) return out.write(V1_UNKNOWN, 0, 'latin1');
    return out.write(line, 0, 'latin1');
  }
  if (!v6) {
    V2_INET.copy(out, 0);
    if (!writeIpv4(srcIp, out, 16) || !writeIpv4(dstIp, out, 20)) return V2_LOCAL.copy(out, 0);
    out.writeUInt16BE(srcPort, 24);
    out.writeUInt16BE(dstPort, 26);
    return 28;
  }
  V2_INET6.copy(out, 0);
  if (!writeAddr6(srcIp, out, 16) || !writeAddr6(dstIp, out, 32)) return V2_LOCAL.copy(out, 0);
  out.writeUInt16BE(srcPort, 48);
  out.writeUInt16BE(dstPort, 50);
  return 52;
}

const scratch = Buffer.alloc(MAX_ENCODED_BYTES);

/** The header as its own Buffer (the JS data path writes it to a socket, which may keep it). */
export function encodeProxyHeader(version: ProxyProtocolVersion, srcIp: string, srcPort: number, dstIp: string, dstPort: number): Buffer {
  const n = writeProxyHeader(scratch, version, srcIp, srcPort, dstIp, dstPort);
  const b = Buffer.allocUnsafe(n);
  scratch.copy(b, 0, 0, n);
  return b;
}

/** An IPv6 address, or an IPv4 one as ::ffff:a.b.c.d, into 16 bytes. */
function writeAddr6(ip: string, out: Uint8Array, off: number): boolean {
  if (ip.includes(':')) return writeIpv6(ip, out, off);
  out.fill(0, off, off + 10);
  out[off + 10] = out[off + 11] = 0xff;
  return writeIpv4(ip, out, off + 12);
}

function mapped(ip: string): string {
  return ip.includes(':') ? ip : `::ffff:${ip}`;
}

const check = new Uint8Array(16);

function validAddr(ip: string, v6: boolean): boolean {
  return v6 ? writeIpv6(ip, check, 0) : writeIpv4(ip, check, 0);
}
