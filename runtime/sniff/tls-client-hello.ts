/**
 * Incremental TLS ClientHello reader (RFC 8446 §4.1.2, RFC 6066 §3 server_name), enough to find the
 * SNI of a passthrough connection the way Envoy's tls_inspector does. It never throws: anything
 * malformed is reported as `invalid` and the caller treats the connection as TLS without SNI.
 *
 * The handshake message may be split across several TCP segments and even several TLS records
 * (large ClientHellos with post-quantum key shares often are), so the reader first reassembles the
 * handshake bytes from consecutive handshake records, then parses the message.
 */

/** Outcome of one parse attempt over the bytes buffered so far. */
export type ClientHelloParse =
  /** Not enough bytes yet; do not try again before `need` bytes are buffered. */
  | { status: 'more'; need: number }
  /** A complete, well-formed ClientHello; `sni` is the lower-cased host_name, if sent. */
  | { status: 'done'; sni: string | undefined }
  /** Not a (well-formed) ClientHello. */
  | { status: 'invalid' };

const RECORD_HEADER = 5;
const CONTENT_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const NAME_TYPE_HOST = 0x00;
/** TLSPlaintext.length must not exceed 2^14 (RFC 8446 §5.1). */
const MAX_RECORD = 16384;

const INVALID: ClientHelloParse = { status: 'invalid' };

/** True when `b` starts like a TLS handshake record (type 0x16, major version 3). Needs 2 bytes. */
export function looksLikeTlsRecord(b: Buffer): boolean {
  return b.length >= 2 && b[0] === CONTENT_HANDSHAKE && b[1] === 0x03;
}

/**
 * Parse the ClientHello at the start of `buf` (the client's first bytes). `limit` bounds how many
 * bytes the caller is willing to buffer: a ClientHello needing more is reported `invalid`.
 */
export function parseClientHello(buf: Buffer, limit: number): ClientHelloParse {
  // Pass 1: walk the records to learn how many handshake bytes are available and how long the
  // message is, without copying anything.
  let off = 0;
  let hsAvail = 0;
  let hsLen = -1; // handshake body length once the 4-byte handshake header is known
  const firstBody = RECORD_HEADER;
  for (;;) {
    if (buf.length < off + RECORD_HEADER) return more(off + RECORD_HEADER, limit);
    if (buf[off] !== CONTENT_HANDSHAKE || buf[off + 1] !== 0x03) return INVALID;
    const recLen = buf.readUInt16BE(off + 3);
    if (recLen === 0 || recLen > MAX_RECORD) return INVALID;
    const recEnd = off + RECORD_HEADER + recLen;
    if (buf.length < recEnd) {
      // we could read part of this record, but the message is parsed only once it is complete
      return more(recEnd, limit);
    }
    hsAvail += recLen;
    if (hsLen < 0 && hsAvail >= 4) {
      // the handshake header may itself straddle records: read its 4 bytes through the records
      const h = readAcross(buf, firstBody, 4);
      if (h === null || h[0] !== HANDSHAKE_CLIENT_HELLO) return INVALID;
      hsLen = (h[1]! << 16) | (h[2]! << 8) | h[3]!;
      if (hsLen < 38) return INVALID; // version + random + session id length at the very least
    }
    off = recEnd;
    if (hsLen >= 0 && hsAvail >= hsLen + 4) break;
  }

  // Pass 2: the whole message is here. One record (the common case) needs no copy.
  const body =
    off === firstBody + hsAvail && hsAvail === buf.readUInt16BE(3)
      ? buf.subarray(firstBody + 4, firstBody + 4 + hsLen)
      : gather(buf, off).subarray(4, 4 + hsLen);
  return parseBody(body);
}

function more(need: number, limit: number): ClientHelloParse {
  return need > limit ? INVALID : { status: 'more', need };
}

/** The first `n` handshake bytes, reading through record headers; null if not available. */
function readAcross(buf: Buffer, start: number, n: number): number[] | null {
  const out: number[] = [];
  let off = start - RECORD_HEADER;
  while (out.length < n && off + RECORD_HEADER <= buf.length) {
    const len = buf.readUInt16BE(off + 3);
    const end = Math.min(off + RECORD_HEADER + len, buf.length);
    for (let i = off + RECORD_HEADER; i < end && out.length < n; i++) out.push(buf[i]!);
    off += RECORD_HEADER + len;
  }
  return out.length === n ? out : null;
}

/** Concatenate the payloads of the records in buf[0, end). */
function gather(buf: Buffer, end: number): Buffer {
  const parts: Buffer[] = [];
  let off = 0;
  while (off < end) {
    const len = buf.readUInt16BE(off + 3);
    parts.push(buf.subarray(off + RECORD_HEADER, off + RECORD_HEADER + len));
    off += RECORD_HEADER + len;
  }
  return Buffer.concat(parts);
}

/** ClientHello body: version, random, session_id, cipher_suites, compression, extensions. */
function parseBody(b: Buffer): ClientHelloParse {
  let p = 2 + 32; // legacy_version + random
  if (b.length < p + 1) return INVALID;
  const sid = b[p]!;
  if (sid > 32) return INVALID;
  p += 1 + sid;
  if (b.length < p + 2) return INVALID;
  const cs = b.readUInt16BE(p);
  if (cs < 2 || cs % 2 !== 0) return INVALID;
  p += 2 + cs;
  if (b.length < p + 1) return INVALID;
  const comp = b[p]!;
  if (comp < 1) return INVALID;
  p += 1 + comp;
  if (p > b.length) return INVALID;
  if (p === b.length) return { status: 'done', sni: undefined }; // no extensions (SSLv3-style hello)
  if (b.length < p + 2) return INVALID;
  const extEnd = p + 2 + b.readUInt16BE(p);
  if (extEnd !== b.length) return INVALID;
  p += 2;
  let sni: string | undefined;
  let seenSni = false;
  while (p < extEnd) {
    if (extEnd - p < 4) return INVALID;
    const type = b.readUInt16BE(p);
    const len = b.readUInt16BE(p + 2);
    p += 4;
    if (p + len > extEnd) return INVALID;
    if (type === EXT_SERVER_NAME) {
      if (seenSni) return INVALID; // an extension type may appear once (RFC 8446 §4.2)
      seenSni = true;
      const r = parseServerName(b.subarray(p, p + len));
      if (r === null) return INVALID;
      sni = r;
    }
    p += len;
  }
  return { status: 'done', sni };
}

/** ServerNameList -> the host_name, lower-cased, without a trailing dot; null when malformed. */
function parseServerName(e: Buffer): string | undefined | null {
  if (e.length < 2 || e.readUInt16BE(0) !== e.length - 2) return null;
  let p = 2;
  let host: string | undefined;
  while (p < e.length) {
    if (e.length - p < 3) return null;
    const type = e[p]!;
    const len = e.readUInt16BE(p + 1);
    p += 3;
    if (p + len > e.length) return null;
    if (type === NAME_TYPE_HOST && host === undefined) {
      host = hostName(e, p, p + len);
      if (host === undefined) return null;
    }
    p += len;
  }
  return host;
}

/** A DNS host name from bytes (letters, digits, '-', '_', '.'), lower-cased; undefined if not one. */
function hostName(b: Buffer, start: number, end: number): string | undefined {
  if (end > start && b[end - 1] === 0x2e) end--; // "example.com." names the same host
  if (end <= start || end - start > 253) return undefined;
  let s = '';
  for (let i = start; i < end; i++) {
    let c = b[i]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f;
    if (!ok) return undefined;
    s += String.fromCharCode(c);
  }
  return s;
}
