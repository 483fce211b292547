/** IP literals, `IP:PORT` socket addresses and CIDRs: parsing, canonical form, overlap. */
import { isIP, isIPv4 } from 'node:net';

export interface SocketAddr {
  address: string;
  port: number;
}

/** Canonical text of an IP literal (IPv6 compressed, lower case), or null when invalid. */
export function canonicalIp(s: string): string | null {
  const v = isIP(s);
  if (v === 4) return s;
  if (v !== 6 || s.includes('%')) return null;
  // The WHATWG URL parser prints IPv6 hosts in RFC 5952 form.
  return new URL(`http://[${s}]/`).hostname.slice(1, -1);
}

/** Parse `1.2.3.4:80` / `[::1]:80` into a canonical address and port, or null. */
export function parseSocketAddress(s: string): SocketAddr | null {
  let host: string;
  let portText: string;
  if (s.startsWith('[')) {
    const end = s.indexOf(']:');
    if (end < 0) return null;
    host = s.slice(1, end);
    if (isIP(host) !== 6) return null;
    portText = s.slice(end + 2);
  } else {
    const i = s.lastIndexOf(':');
    if (i < 0) return null;
    host = s.slice(0, i);
    if (!isIPv4(host)) return null;
    portText = s.slice(i + 1);
  }
  if (!/^[0-9]{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  const address = canonicalIp(host);
  return address === null ? null : { address, port };
}

/** True when `s` is an IPv4/IPv6 CIDR with a valid prefix length. */
export function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const ip = s.slice(0, slash);
  const len = s.slice(slash + 1);
  const v = isIP(ip);
  if (v === 0 || !/^[0-9]{1,3}$/.test(len)) return false;
  return Number(len) <= (v === 4 ? 32 : 128);
}

/** `addr:port` with IPv6 bracketed, as users write it. */
export function formatSocketAddress(a: SocketAddr): string {
  return a.address.includes(':') ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}

/**
 * Would two listeners on these addresses (same port and transport) collide? Equal addresses do;
 * `0.0.0.0` covers every IPv4 address; `::` is dual-stack on Linux and covers everything.
 */
export function addressesOverlap(a: string, b: string): boolean {
  if (a === b || a === '::' || b === '::') return true;
  if (a === '0.0.0.0') return isIPv4(b);
  if (b === '0.0.0.0') return isIPv4(a);
  return false;
}
