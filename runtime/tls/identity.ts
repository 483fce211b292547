import type { X509Certificate } from 'node:crypto';

/**
 * Workload identities (SPEC 6): a certificate's URI SAN (a SPIFFE ID) when it has one, else its
 * first DNS SAN. Node renders subjectAltName as `DNS:a, URI:spiffe://…`, and quotes a value as a
 * JSON string when it contains a separator or quote (since the CVE-2021-44532 fix), which
 * `sanEntries` undoes.
 */

/** The `TYPE:value` entries of an X509Certificate#subjectAltName string, in order. */
export function sanEntries(san: string | undefined): Array<{ type: string; value: string }> {
  const out: Array<{ type: string; value: string }> = [];
  if (san === undefined || san === '') return out;
  let i = 0;
  while (i < san.length) {
    const colon = san.indexOf(':', i);
    if (colon < 0) break;
    const type = san.slice(i, colon);
    let value: string;
    let next: number;
    if (san[colon + 1] === '"') {
      // a JSON string literal: find its closing quote (skipping escapes)
      let j = colon + 2;
      while (j < san.length && san[j] !== '"') j += san[j] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(san.slice(colon + 1, j + 1)) as string;
      } catch {
        value = san.slice(colon + 2, j);
      }
      next = san.indexOf(', ', j + 1);
    } else {
      next = san.indexOf(', ', colon + 1);
      value = san.slice(colon + 1, next < 0 ? san.length : next);
    }
    out.push({ type, value });
    if (next < 0) break;
    i = next + 2;
  }
  return out;
}

/** The identity of a certificate: its first URI SAN, else its first DNS SAN, else null. */
export function identityOf(cert: X509Certificate | undefined): string | null {
  if (cert === undefined) return null;
  const entries = sanEntries(cert.subjectAltName);
  let dns: string | null = null;
  for (const e of entries) {
    if (e.type === 'URI') return e.value;
    if (e.type === 'DNS' && dns === null) dns = e.value;
  }
  return dns;
}

/**
 * A compiled list of identity patterns (exact, or a prefix followed by a trailing `*`), built
 * once when a plan is applied: an exact set and a short prefix list, no per-match parsing.
 */
export class IdentityMatcher {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];

  constructor(patterns: readonly string[]) {
    for (const p of patterns) {
      if (p.endsWith('*')) this.prefixes.push(p.slice(0, -1));
      else this.exact.add(p);
    }
  }

  /** True when `identity` matches a pattern; a null identity (plaintext, no SAN) never does. */
  matches(identity: string | null): boolean {
    if (identity === null) return false;
    if (this.exact.has(identity)) return true;
    for (const p of this.prefixes) if (identity.startsWith(p)) return true;
    return false;
  }
}
