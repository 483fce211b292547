/**
 * Client networks of authorization `sources`: an IPv4/IPv6 CIDR or a bare address, in the
 * canonical form the plan carries (host bits cleared, IPv6 compressed as RFC 5952, a bare
 * address as /32 or /128), so equal networks always compile to equal bytes.
 */
import { isIP } from 'node:net';
import { canonicalIp } from './address.js';

/** The 4 or 16 bytes of a valid IP literal (IPv6 may embed a dotted IPv4 tail). */
function ipBytes(ip: string): number[] {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  const words = (half: string): number[] => {
    if (half === '') return [];
    const out: number[] = [];
    for (const part of half.split(':')) {
      if (part.includes('.')) {
        const b = part.split('.').map(Number);
        out.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      } else out.push(parseInt(part, 16));
    }
    return out;
  };
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = words(head!);
  const t = tail === undefined ? [] : words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

function bytesToIp(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return canonicalIp(words.join(':'))!;
}

/** `10.1.2.3/8` -> `10.0.0.0/8`, `10.1.2.3` -> `10.1.2.3/32`, `FD00::1` -> `fd00::1/128`; null when invalid. */
export function canonicalCidr(s: string): string | null {
  const slash = s.indexOf('/');
  const ip = slash < 0 ? s : s.slice(0, slash);
  const v = isIP(ip);
  if (v === 0 || ip.includes('%')) return null;
  const max = v === 4 ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const lenText = s.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > max) return null;
    len = Number(lenText);
  }
  const bytes = ipBytes(ip);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, len - i * 8));
    bytes[i] = bytes[i]! & ((0xff << (8 - keep)) & 0xff);
  }
  return `${bytesToIp(bytes)}/${len}`;
}
