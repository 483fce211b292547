/**
 * Semantic checks and plan values of mutual TLS and L4 authorization (SPEC 6): the workload
 * identity files, Service `tls`, inbound `tls` modes and `authorization` rules. resolve.ts calls
 * these where it walks the documents; problems carry the position of the offending key or value.
 */
import type { Authorization as PlanAuthorization, AuthorizationRule as PlanRule, Cluster } from '../schemas/types/plan.gen.js';
import type { AuthorizationRule, Inbound, ServiceSpec, SidecarSpec } from '../schemas/types/policy.gen.js';
import { canonicalCidr } from './cidr.js';
import { report, type CompileContext, type ServiceModel, type SourceDoc } from './context.js';
import type { PathSeg } from './locate.js';

/** The security settings of one inbound listener, as the plan carries them. */
export interface InboundSecurity {
  tls?: 'permissive' | 'strict';
  authorization?: PlanAuthorization;
}

/** True when the service originates mutual TLS to its endpoints. */
export function isMutual(spec: ServiceSpec): boolean {
  return spec.tls?.mode === 'mutual';
}

/** Why `p` is not an identity pattern (exact, or a prefix and one trailing `*`), or undefined. */
export function identityPatternProblem(p: string): string | undefined {
  const star = p.indexOf('*');
  if (star >= 0 && star !== p.length - 1) return `"*" is allowed only as the last character (exact identity or prefix*)`;
  if (/[\s\u0000-\u001f\u007f]/.test(p)) return `must not contain whitespace or control characters`;
  return undefined;
}

function checkIdentities(ctx: CompileContext, src: SourceDoc, at: PathSeg[], list: readonly string[], owner: string): void {
  list.forEach((p, i) => {
    const problem = identityPatternProblem(p);
    if (problem) report(ctx, src, [...at, i], 'E_BAD_IDENTITY_PATTERN', `${owner}: identity pattern "${p}": ${problem}`);
  });
}

/** Service.spec.tls: mutual needs serverIdentities; settings on `none` are mistakes; TCP ports only. */
export function checkServiceTls(ctx: CompileContext, svc: ServiceModel): void {
  const tls = svc.spec.tls;
  if (!tls) return;
  const owner = `service "${svc.name}"`;
  const at: PathSeg[] = ['spec', 'tls'];
  if (!isMutual(svc.spec)) {
    for (const f of ['serverIdentities', 'sni'] as const)
      if (tls[f] !== undefined)
        report(ctx, svc.src, [...at, f], 'E_TLS_FIELDS_ON_NONE', `${owner}: tls.${f} has no effect with tls mode none${tls.mode ? '' : ' (the default)'}; set mode: mutual`, { target: 'key' });
    return;
  }
  if (tls.serverIdentities === undefined)
    report(ctx, svc.src, [...at, 'mode'], 'E_TLS_NO_SERVER_IDENTITIES',
      `${owner}: tls mode mutual needs serverIdentities (the identities its endpoints present; ["*"] accepts any certificate that chains to the trusted CA)`);
  else checkIdentities(ctx, svc.src, [...at, 'serverIdentities'], tls.serverIdentities, owner);
  svc.spec.ports.forEach((p, i) => {
    if (p.protocol === 'udp')
      report(ctx, svc.src, ['spec', 'ports', i, 'protocol'], 'E_TLS_UDP', `${owner}: tls mode mutual applies to TCP ports only (port ${p.port} is udp)`);
  });
}

/** Sidecar.spec.tls: the identity files must be absolute paths (the sidecar's working directory is unknown). */
export function checkWorkloadTls(ctx: CompileContext, src: SourceDoc, name: string, spec: SidecarSpec): void {
  const tls = spec.tls;
  if (!tls) return;
  for (const f of ['certificate', 'privateKey', 'trustedCA'] as const)
    if (!tls[f].startsWith('/'))
      report(ctx, src, ['spec', 'tls', f], 'E_TLS_PATH_NOT_ABSOLUTE', `sidecar "${name}": tls.${f} must be an absolute path (got "${tls[f]}")`);
}

/** An outbound entry to a mutual service needs the sidecar's own identity. */
export function checkOutboundTls(ctx: CompileContext, src: SourceDoc, name: string, spec: SidecarSpec, svc: ServiceModel, at: PathSeg[]): void {
  if (isMutual(svc.spec) && !spec.tls)
    report(ctx, src, [...at, 'service'], 'E_TLS_NO_IDENTITY',
      `sidecar "${name}": service "${svc.name}" has tls mode mutual, which needs this sidecar's identity: add spec.tls (certificate, privateKey, trustedCA)`);
}

/** The implicit `default` plan has no identity, so it cannot reach a mutual service. */
export function checkDefaultPlanTls(ctx: CompileContext, services: readonly ServiceModel[]): void {
  for (const svc of services)
    if (svc.ok && isMutual(svc.spec))
      report(ctx, svc.src, ['spec', 'tls', 'mode'], 'E_TLS_NO_IDENTITY',
        `service "${svc.name}": tls mode mutual needs a sidecar identity, but the policy has no Sidecar document (the implicit default plan has none): add a Sidecar with spec.tls whose outbound lists "${svc.name}"`);
}

/**
 * Inbound entry `i`: its tls mode and authorization checked against the sidecar, returned in
 * plan form (sources canonical, lists sorted and de-duplicated; rule order kept).
 */
export function resolveInboundSecurity(
  ctx: CompileContext,
  src: SourceDoc,
  name: string,
  spec: SidecarSpec,
  ib: Inbound,
  i: number,
): InboundSecurity {
  const at: PathSeg[] = ['spec', 'inbound', i];
  const owner = `sidecar "${name}"`;
  const mode = ib.tls ?? 'disabled';
  const udp = (ib.protocol ?? 'tcp') === 'udp';
  const out: InboundSecurity = {};
  if (mode !== 'disabled') {
    if (udp) report(ctx, src, [...at, 'tls'], 'E_TLS_UDP', `${owner}: inbound port ${ib.port} is udp; tls ${mode} applies to TCP only`);
    else if (!spec.tls)
      report(ctx, src, [...at, 'tls'], 'E_TLS_NO_IDENTITY', `${owner}: inbound tls ${mode} needs this sidecar's identity: add spec.tls (certificate, privateKey, trustedCA)`);
    out.tls = mode;
  }
  const authz = ib.authorization;
  if (!authz) return out;
  if (udp) {
    report(ctx, src, [...at, 'authorization'], 'E_AUTHZ_UDP', `${owner}: inbound port ${ib.port} is udp; authorization applies to TCP only`, { target: 'key' });
    return out;
  }
  const rules = (kind: 'deny' | 'allow', list: readonly AuthorizationRule[]): PlanRule[] =>
    list.map((r, j) => resolveRule(ctx, src, owner, [...at, 'authorization', kind, j], r, mode, ib.port));
  const plan: PlanAuthorization = { deny: rules('deny', authz.deny ?? []) };
  if (authz.allow !== undefined) plan.allow = rules('allow', authz.allow);
  out.authorization = plan;
  return out;
}

function resolveRule(ctx: CompileContext, src: SourceDoc, owner: string, at: PathSeg[], r: AuthorizationRule, mode: string, port: number): PlanRule {
  const out: PlanRule = {};
  if (r.identities) {
    if (mode === 'disabled')
      report(ctx, src, [...at, 'identities'], 'E_AUTHZ_IDENTITIES_PLAINTEXT',
        `${owner}: a rule naming identities needs tls strict or permissive on inbound port ${port} (plaintext connections have no identity)`, { target: 'key' });
    checkIdentities(ctx, src, [...at, 'identities'], r.identities, owner);
    out.identities = [...new Set(r.identities)].sort();
  }
  if (r.sources) {
    const nets: string[] = [];
    r.sources.forEach((s, k) => {
      const c = canonicalCidr(s);
      if (c === null) report(ctx, src, [...at, 'sources', k], 'E_BAD_CIDR', `${owner}: source "${s}" is not an IPv4/IPv6 address or CIDR such as 10.0.0.0/8 or fd00::/8`);
      else nets.push(c);
    });
    out.sources = [...new Set(nets)].sort();
  }
  if (r.ports) {
    if (!r.ports.includes(port))
      report(ctx, src, [...at, 'ports'], 'W_AUTHZ_PORT_UNMATCHED',
        `${owner}: this rule's ports (${r.ports.join(', ')}) never include inbound port ${port}, so it never matches`, { target: 'key', severity: 'warning' });
    out.ports = [...new Set(r.ports)].sort((a, b) => a - b);
  }
  return out;
}

/** Cluster.tls of a mutual service's cluster (undefined for `mode: none`). */
export function clusterTls(spec: ServiceSpec): Cluster['tls'] {
  const tls = spec.tls;
  if (!tls || tls.mode !== 'mutual') return undefined;
  const out: NonNullable<Cluster['tls']> = { mode: 'mutual', serverIdentities: [...new Set(tls.serverIdentities ?? [])].sort() };
  if (tls.sni !== undefined) out.sni = tls.sni;
  return out;
}
