import { formatIpv4, formatIpv6, writeIpv4, writeIpv6 } from './ip-bytes.js';

/**
 * A strict PROXY protocol decoder (haproxy.org/download/2.9/doc/proxy-protocol.txt), v1 and v2,
 * for listeners with `proxyProtocol` (Envoy: the proxy_protocol listener filter).
 *
 * Incremental without state: call it with every byte read so far; it answers `more` until the
 * header is complete or provably bad, and never looks at a byte past MAX_HEADER_BYTES (so with
 * that many bytes it never answers `more`). On `done`, `length` is the header's size: the bytes
 * after it belong to the application and are forwarded untouched.
 */

/** v1: the longest line the spec allows, CRLF included. */
export const V1_MAX_BYTES = 107;
/** v2: the largest address + TLV block accepted (the 16-bit length field allows 65535). */
export const V2_MAX_PAYLOAD = 4096;
/** The most bytes a header can take: the v2 fixed part plus V2_MAX_PAYLOAD. */
export const MAX_HEADER_BYTES = 16 + V2_MAX_PAYLOAD;

/** The v2 signature: \r\n\r\n\0\r\nQUIT\n. */
export const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const V1_PREFIX = Buffer.from('PROXY ', 'latin1');

/** Why a header was refused (the `reason` label of meshc_proxy_protocol_errors_total). */
export type ProxyHeaderError = 'not_proxy' | 'invalid' | 'too_large';

/** A complete header. `source`/`destination` are absent when it carries no usable address. */
export interface ProxyHeader {
  status: 'done';
  version: 1 | 2;
  /** Bytes the header took. */
  length: number;
  /**
   * `proxy`: the addresses are the original connection's. `local`: a connection the sender made
   * itself (v2 LOCAL, e.g. a health check), v1 UNKNOWN, or an address family with no IP (v2
   * AF_UNSPEC, AF_UNIX): the socket's own addresses stand, as HAProxy and Envoy do.
   */
  command: 'proxy' | 'local';
  sourceIp?: string;
  sourcePort?: number;
  destinationIp?: string;
  destinationPort?: number;
}

export type DecodeResult = ProxyHeader | { status: 'more' } | { status: 'error'; reason: ProxyHeaderError };

const MORE = { status: 'more' } as const;
const NOT_PROXY = { status: 'error', reason: 'not_proxy' } as const;
const INVALID = { status: 'error', reason: 'invalid' } as const;
const TOO_LARGE = { status: 'error', reason: 'too_large' } as const;

/** Decode the header at the start of `buf` (all bytes read so far). */
export function decodeProxyHeader(buf: Uint8Array): DecodeResult {
  const n = buf.length;
  if (n === 0) return MORE;
  if (buf[0] === 0x50) return decodeV1(buf);
  if (buf[0] === 0x0d) return decodeV2(buf);
  return NOT_PROXY;
}

/** True when the first min(n, sig.length) bytes of buf equal sig's. */
function startsLike(buf: Uint8Array, sig: Uint8Array): boolean {
  const m = Math.min(buf.length, sig.length);
  for (let i = 0; i < m; i++) if (buf[i] !== sig[i]) return false;
  return true;
}

// ---- v1: "PROXY TCP4|TCP6 SRC DST SPORT DPORT\r\n" or "PROXY UNKNOWN[ anything]\r\n" ----

function decodeV1(buf: Uint8Array): DecodeResult {
  if (!startsLike(buf, V1_PREFIX)) return NOT_PROXY;
  const limit = Math.min(buf.length, V1_MAX_BYTES);
  let lf = -1;
  for (let i = V1_PREFIX.length; i < limit; i++) {
    const ch = buf[i]!;
    if (ch === 0x0a) {
      lf = i;
      break;
    }
    // a CR only just before LF; no other control bytes in the line
    if (ch === 0x0d && i + 1 < limit && buf[i + 1] !== 0x0a) return INVALID;
    if (ch < 0x20 && ch !== 0x0d) return INVALID;
    if (ch > 0x7e) return INVALID;
  }
  if (lf < 0) return buf.length >= V1_MAX_BYTES ? TOO_LARGE : MORE;
  if (buf[lf - 1] !== 0x0d) return INVALID;
  const line = Buffer.from(buf.buffer, buf.byteOffset + V1_PREFIX.length, lf - 1 - V1_PREFIX.length).toString('latin1');
  const length = lf + 1;
  if (line === 'UNKNOWN' || line.startsWith('UNKNOWN ')) return { status: 'done', version: 1, length, command: 'local' };
  const f = line.split(' ');
  if (f.length !== 5 || (f[0] !== 'TCP4' && f[0] !== 'TCP6')) return INVALID;
  const v6 = f[0] === 'TCP6';
  const src = canonicalIp(f[1]!, v6);
  const dst = canonicalIp(f[2]!, v6);
  const sport = parsePort(f[3]!);
  const dport = parsePort(f[4]!);
  if (src === null || dst === null || sport < 0 || dport < 0) return INVALID;
  return { status: 'done', version: 1, length, command: 'proxy', sourceIp: src, sourcePort: sport, destinationIp: dst, destinationPort: dport };
}

const scratch = new Uint8Array(16);

/** The address in canonical text (as Node prints it), or null when it is not one of its family. */
function canonicalIp(s: string, v6: boolean): string | null {
  if (!v6) return writeIpv4(s, scratch, 0) ? s : null;
  return writeIpv6(s, scratch, 0) ? formatIpv6(scratch, 0) : null;
}

/** 0-65535 in decimal without leading zeros, else -1. */
function parsePort(s: string): number {
  if (s.length === 0 || s.length > 5 || (s.length > 1 && s.charCodeAt(0) === 0x30)) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= 65535 ? v : -1;
}

// ---- v2: signature, ver|cmd, fam|proto, length (big-endian), addresses, TLVs ----

const AF_UNSPEC = 0;
const AF_INET = 1;
const AF_UNIX = 3;
/** Address block sizes by family (src + dst addresses and ports). */
const ADDR_LEN = [0, 12, 36, 216];

function decodeV2(buf: Uint8Array): DecodeResult {
  if (!startsLike(buf, V2_SIGNATURE)) return NOT_PROXY;
  if (buf.length < 16) {
    // judge version and command as soon as they arrive
    if (buf.length > 12 && !validVerCmd(buf[12]!)) return INVALID;
    if (buf.length > 13 && !validFamProto(buf[13]!)) return INVALID;
    return MORE;
  }
  const verCmd = buf[12]!;
  const famProto = buf[13]!;
  if (!validVerCmd(verCmd) || !validFamProto(famProto)) return INVALID;
  const payload = (buf[14]! << 8) | buf[15]!;
  if (payload > V2_MAX_PAYLOAD) return TOO_LARGE;
  const length = 16 + payload;
  if (buf.length < length) return MORE;
  // LOCAL: the sender's own connection (health checks); addresses, if any, are ignored
  if ((verCmd & 0x0f) === 0) return { status: 'done', version: 2, length, command: 'local' };
  const family = famProto >> 4;
  if (payload < ADDR_LEN[family]!) return INVALID;
  if (family === AF_UNSPEC || family === AF_UNIX) return { status: 'done', version: 2, length, command: 'local' };
  if (family === AF_INET) {
    return {
      status: 'done',
      version: 2,
      length,
      command: 'proxy',
      sourceIp: formatIpv4(buf, 16),
      destinationIp: formatIpv4(buf, 20),
      sourcePort: (buf[24]! << 8) | buf[25]!,
      destinationPort: (buf[26]! << 8) | buf[27]!,
    };
  }
  // AF_INET6 (validFamProto allows nothing else)
  return {
    status: 'done',
    version: 2,
    length,
    command: 'proxy',
    sourceIp: formatIpv6(buf, 16),
    destinationIp: formatIpv6(buf, 32),
    sourcePort: (buf[48]! << 8) | buf[49]!,
    destinationPort: (buf[50]! << 8) | buf[51]!,
  };
}

/** Version 2, command LOCAL (0) or PROXY (1). */
function validVerCmd(b: number): boolean {
  return b >> 4 === 2 && (b & 0x0f) <= 1;
}

/** Family UNSPEC/INET/INET6/UNIX, transport UNSPEC/STREAM/DGRAM. */
function validFamProto(b: number): boolean {
  return b >> 4 <= AF_UNIX && (b & 0x0f) <= 2;
}
