import { BlockList, isIPv6 } from 'node:net';
import type { Authorization, AuthorizationRule } from '../../schemas/types/plan.gen.js';
import { MeshcError } from '../errors.js';
import { IdentityMatcher } from '../tls/identity.js';

/** One precompiled rule: each present condition must hold; null = not given (always holds). */
class Rule {
  constructor(
    private readonly identities: IdentityMatcher | null,
    private readonly sources: BlockList | null,
  ) {}

  matches(identity: string | null, ip: string): boolean {
    if (this.identities !== null && !this.identities.matches(identity)) return false;
    if (this.sources !== null && !this.sources.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4')) return false;
    return true;
  }
}

/**
 * A listener's L4 authorization (SPEC 6), compiled when the plan is applied: a connection matching
 * any `deny` rule is refused; when `allow` is present (even empty) it must match one of its
 * rules. A rule matches when all of its given fields match. `ports` is decided here, once: it is
 * matched against the listener's workloadPort, which is the same for every connection, so a rule
 * whose ports do not include it can never match and is dropped, and one whose ports do has no
 * port condition left. Identities never match a plaintext connection (identity null).
 */
export class Authorizer {
  private readonly deny: Rule[];
  private readonly allow: Rule[] | null;

  constructor(a: Authorization, workloadPort: number | undefined, listener: string) {
    this.deny = compileRules(a.deny, workloadPort, listener);
    this.allow = a.allow === undefined ? null : compileRules(a.allow, workloadPort, listener);
  }

  /** True when the connection from `ip` (IPv4-mapped already unwrapped) with `identity` may proceed. */
  allows(identity: string | null, ip: string): boolean {
    for (const r of this.deny) if (r.matches(identity, ip)) return false;
    if (this.allow === null) return true;
    for (const r of this.allow) if (r.matches(identity, ip)) return true;
    return false;
  }
}

function compileRules(rules: readonly AuthorizationRule[], workloadPort: number | undefined, listener: string): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.ports !== undefined && (workloadPort === undefined || !r.ports.includes(workloadPort))) continue;
    out.push(new Rule(r.identities !== undefined ? new IdentityMatcher(r.identities) : null, r.sources !== undefined ? compileSources(r.sources, listener) : null));
  }
  return out;
}

/** Canonical CIDRs (`10.0.0.0/8`, `fd00::/8`, a bare address = /32 or /128) as one BlockList. */
function compileSources(sources: readonly string[], listener: string): BlockList {
  const list = new BlockList();
  for (const s of sources) {
    const slash = s.indexOf('/');
    const addr = slash < 0 ? s : s.slice(0, slash);
    const family = isIPv6(addr) ? 'ipv6' : 'ipv4';
    const prefix = slash < 0 ? (family === 'ipv6' ? 128 : 32) : Number(s.slice(slash + 1));
    try {
      list.addSubnet(addr, prefix, family);
    } catch (err) {
      throw new MeshcError('E_PLAN_AUTHZ', `listener ${listener}: authorization source ${JSON.stringify(s)} is not a CIDR`, { cause: err });
    }
  }
  return list;
}
