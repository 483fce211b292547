/**
 * IP address text <-> network-order bytes for the PROXY protocol (v2 carries raw addresses, v1
 * carries text that must be checked strictly). Hand-written instead of node:net's isIP family:
 * these run per connection, must not allocate, and must reject what the protocol does not allow
 * (zone ids, leading zeros in IPv4 octets).
 */

/** `a.b.c.d` into out[off..off+4); false when not a strict dotted quad (no leading zeros, each 0-255). */
export function writeIpv4(ip: string, out: Uint8Array, off: number): boolean {
  return parseIpv4(ip, 0, ip.length, out, off);
}

/** Parses ip[start..end) as a dotted quad into out[off..off+4). */
function parseIpv4(ip: string, start: number, end: number, out: Uint8Array, off: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const ch = i < end ? ip.charCodeAt(i) : 0x2e; // a virtual '.' closes the last octet
    if (ch === 0x2e) {
      if (digits === 0 || part > 3) return false;
      out[off + part++] = value;
      value = 0;
      digits = 0;
      continue;
    }
    if (ch < 0x30 || ch > 0x39) return false;
    // "0" is fine, "01" is not (canonical form, as the PROXY protocol asks for)
    if (digits === 1 && value === 0) return false;
    value = value * 10 + (ch - 0x30);
    if (value > 255) return false;
    digits++;
  }
  return part === 4;
}

function hexValue(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (ch >= 0x61 && ch <= 0x66) return ch - 0x57;
  if (ch >= 0x41 && ch <= 0x46) return ch - 0x37;
  return -1;
}

/**
 * An IPv6 address (RFC 4291 text: groups of 1-4 hex digits, one `::`, an optional trailing dotted
 * quad) into out[off..off+16); false when malformed. No zone ids.
 */
export function writeIpv6(ip: string, out: Uint8Array, off: number): boolean {
  const len = ip.length;
  if (len < 2 || len > 45) return false;
  let group = 0; // 16-bit groups written so far
  let gap = -1; // group index where `::` stands
  let i = 0;
  if (ip.charCodeAt(0) === 0x3a) {
    if (ip.charCodeAt(1) !== 0x3a) return false;
    gap = 0;
    i = 2;
    if (i === len) {
      out.fill(0, off, off + 16);
      return true;
    }
  }
  while (i < len) {
    if (group >= 8) return false;
    // a group, or the trailing dotted quad
    let j = i;
    let value = 0;
    while (j < len && j - i < 5) {
      const h = hexValue(ip.charCodeAt(j));
      if (h < 0) break;
      value = (value << 4) | h;
      j++;
    }
    if (j < len && ip.charCodeAt(j) === 0x2e) {
      // IPv4 tail: needs room for two groups and must end the address
      if (group > 6 || !parseIpv4(ip, i, len, out, off + 2 * group)) return false;
      group += 2;
      i = len;
      break;
    }
    if (j === i || j - i > 4) return false;
    out[off + 2 * group] = value >> 8;
    out[off + 2 * group + 1] = value & 0xff;
    group++;
    i = j;
    if (i === len) break;
    if (ip.charCodeAt(i) !== 0x3a) return false;
    i++;
    if (i < len && ip.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = group;
      i++;
    } else if (i === len) return false; // a trailing single ':'
  }
  if (gap < 0) return group === 8;
  if (group > 7) return false;
  // move the groups after `::` to the end and zero the gap
  const tail = group - gap;
  const from = off + 2 * gap;
  out.copyWithin(off + 16 - 2 * tail, from, from + 2 * tail);
  out.fill(0, from, off + 16 - 2 * tail);
  return true;
}

/** Dotted quad from 4 bytes. */
export function formatIpv4(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** RFC 5952 text of 16 bytes (longest zero run as `::`, IPv4-mapped as `::ffff:a.b.c.d`), as Node prints addresses. */
export function formatIpv6(b: Uint8Array, off: number): string {
  let mapped = true;
  for (let i = 0; i < 10; i++) if (b[off + i] !== 0) mapped = false;
  if (mapped && b[off + 10] === 0xff && b[off + 11] === 0xff) return `::ffff:${formatIpv4(b, off + 12)}`;
  let bestStart = -1;
  let bestLen = 1; // a single zero group is not compressed
  for (let g = 0; g < 8; ) {
    if (b[off + 2 * g] === 0 && b[off + 2 * g + 1] === 0) {
      let e = g;
      while (e < 8 && b[off + 2 * e] === 0 && b[off + 2 * e + 1] === 0) e++;
      if (e - g > bestLen) {
        bestStart = g;
        bestLen = e - g;
      }
      g = e;
    } else g++;
  }
  let s = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      s += '::';
      g += bestLen - 1;
      continue;
    }
    if (s.length > 0 && !s.endsWith(':')) s += ':';
    s += ((b[off + 2 * g]! << 8) | b[off + 2 * g + 1]!).toString(16);
  }
  return s;
}
