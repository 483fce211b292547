/**
 * Mutual TLS and L4 authorization in Envoy (SPEC 6): DownstreamTlsContext on inbound listeners,
 * UpstreamTlsContext on clusters of `mode: mutual` services, the RBAC network filter, and the
 * two file-based SDS secrets they share.
 *
 * Why SDS and not inline file names: Envoy reads an inline `certificate_chain.filename` once, when
 * the listener or cluster is built, and never again. A secret from a `path_config_source` SDS file
 * carries its own `watched_directory`: Envoy re-reads the certificate, key and CA whenever an entry
 * is moved into that directory, which is exactly the kubelet's `..data` swap when a Secret or CSI
 * volume is rotated. The SDS files sit beside lds.yaml/cds.yaml (and in the same ConfigMap).
 */
import path from 'node:path';
import type { AuthorizationRule, Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { statPrefix, TYPE, type Json, type JsonObject, type Notes } from './envoy-common.js';

/** SDS file names inside the Envoy directory (also ConfigMap data keys). */
export const SDS_FILES = { certificate: 'sds-certificate.yaml', trustedCa: 'sds-trusted-ca.yaml' } as const;
/** Names of the two secrets the TLS contexts refer to. */
export const SECRET_NAMES = { certificate: 'meshc-identity', trustedCa: 'meshc-trusted-ca' } as const;

/** True when some listener or cluster of the plan speaks TLS with the plan's identity. */
export function usesTls(plan: Plan): boolean {
  return plan.tls !== undefined && (plan.listeners.some((l) => l.tls !== undefined) || plan.clusters.some((c) => c.tls !== undefined));
}

function sdsConfig(dir: string, file: string, secret: string): JsonObject {
  return {
    name: secret,
    sds_config: { path_config_source: { path: path.posix.join(dir, file), watched_directory: { path: dir } }, resource_api_version: 'V3' },
  };
}

/** The two Secret resources (for the SDS files): the identity pair and the trusted CA bundle. */
export function secrets(plan: Plan): { certificate: JsonObject; trustedCa: JsonObject } {
  const tls = plan.tls!;
  return {
    certificate: {
      name: SECRET_NAMES.certificate,
      tls_certificate: {
        certificate_chain: { filename: tls.certificate },
        private_key: { filename: tls.privateKey },
        // Re-read the pair together on every move into the directory (the kubelet's ..data swap).
        watched_directory: { path: path.posix.dirname(tls.certificate) },
      },
    },
    trustedCa: {
      name: SECRET_NAMES.trustedCa,
      validation_context: {
        trusted_ca: { filename: tls.trustedCA },
        watched_directory: { path: path.posix.dirname(tls.trustedCA) },
      },
    },
  };
}

/** Notes on the secrets where Envoy's watch would miss a change (key outside the certificate's directory). */
export function secretNotes(plan: Plan): string[] {
  const tls = plan.tls!;
  return path.posix.dirname(tls.privateKey) !== path.posix.dirname(tls.certificate)
    ? [` privateKey is not in the certificate's directory: Envoy re-reads the pair only on moves into ${path.posix.dirname(tls.certificate)}.`]
    : [];
}

function commonTlsContext(dir: string): JsonObject {
  return {
    tls_certificate_sds_secret_configs: [sdsConfig(dir, SDS_FILES.certificate, SECRET_NAMES.certificate)],
    validation_context_sds_secret_config: sdsConfig(dir, SDS_FILES.trustedCa, SECRET_NAMES.trustedCa),
  };
}

/** transport_socket of an inbound chain: terminate TLS, require a client certificate chaining to the CA. */
export function downstreamTransportSocket(dir: string): JsonObject {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: { '@type': TYPE.downstreamTls, common_tls_context: commonTlsContext(dir), require_client_certificate: true },
  };
}

/** A pattern with a URI scheme (spiffe://...) names a URI SAN; anything else a DNS SAN. */
function sanType(pattern: string): 'URI' | 'DNS' {
  return /^[a-z][a-z0-9+.-]*:/i.test(pattern) ? 'URI' : 'DNS';
}

/** An identity pattern as a StringMatcher: exact, or prefix for a trailing `*`. */
function stringMatcher(pattern: string): JsonObject {
  return pattern.endsWith('*') ? { prefix: pattern.slice(0, -1) } : { exact: pattern };
}

/** transport_socket of a mutual cluster: present the identity, verify the server's SANs. */
export function upstreamTransportSocket(c: Cluster, dir: string): JsonObject {
  const tls = c.tls!;
  const common = commonTlsContext(dir);
  const ca = common.validation_context_sds_secret_config as JsonObject;
  delete common.validation_context_sds_secret_config;
  // `*` alone accepts any server certificate that chains to the CA: no SAN matcher at all.
  const matchers: Json[] = tls.serverIdentities.includes('*')
    ? []
    : tls.serverIdentities.map((p) => ({ san_type: sanType(p), matcher: stringMatcher(p) }));
  const validation: JsonObject = {};
  if (matchers.length > 0) validation.match_typed_subject_alt_names = matchers;
  common.combined_validation_context = { default_validation_context: validation, validation_context_sds_secret_config: ca };
  const cfg: JsonObject = { '@type': TYPE.upstreamTls, common_tls_context: common };
  if (tls.sni !== undefined) cfg.sni = tls.sni;
  return { name: 'envoy.transport_sockets.tls', typed_config: cfg };
}

function anyOf(ids: Json[]): Json {
  return ids.length === 1 ? ids[0]! : { or_ids: { ids } };
}

/** One authorization rule as an RBAC principal (every given field must match). */
function principal(r: AuthorizationRule): Json {
  const parts: Json[] = [];
  if (r.identities) {
    parts.push(anyOf(r.identities.map((p): Json => ({ authenticated: p === '*' ? ({} as JsonObject) : { principal_name: stringMatcher(p) } }))));
  }
  if (r.sources) {
    parts.push(anyOf(r.sources.map((s) => {
      const [address, len] = s.split('/');
      // remote_ip: the client address, also when a PROXY protocol header carried it.
      return { remote_ip: { address_prefix: address!, prefix_len: Number(len) } };
    })));
  }
  // `ports` match the listener's constant workload port, so they are decided here: a rule whose
  // ports include it loses the condition, one whose ports do not is dropped by the caller.
  if (parts.length === 0) return { any: true };
  return parts.length === 1 ? parts[0]! : { and_ids: { ids: parts } };
}

function rbacFilter(l: Listener, action: 'DENY' | 'ALLOW', kind: 'deny' | 'allow', rules: AuthorizationRule[]): JsonObject {
  const policies: JsonObject = {};
  rules.forEach((r, i) => {
    if (r.ports && !r.ports.includes(l.workloadPort!)) return;
    policies[`${kind}-${i}`] = { permissions: [{ any: true }], principals: [principal(r)] };
  });
  return {
    name: 'envoy.filters.network.rbac',
    typed_config: { '@type': TYPE.rbac, stat_prefix: `${statPrefix(l.name)}.authz_${kind}.`, rules: { action, policies } },
  };
}

/**
 * The RBAC filters of an inbound listener, to run before tcp_proxy: `deny` rules first (action
 * DENY), then, when `allow` is given, the allow rules (action ALLOW: no match, or no rules, closes
 * the connection). Empty when the listener has no authorization or nothing to deny or allow.
 */
export function rbacFilters(l: Listener, at: Array<string | number>, notes: Notes): Json[] {
  const a = l.authorization;
  if (!a) return [];
  const out: Json[] = [];
  if (a.deny.length > 0) out.push(rbacFilter(l, 'DENY', 'deny', a.deny));
  if (a.allow !== undefined) out.push(rbacFilter(l, 'ALLOW', 'allow', a.allow));
  if (out.length > 0)
    notes.add(at, 'filters', [
      ' RBAC decides on the first byte, after tcp_proxy has connected upstream (envoyproxy/envoy#9023): a denied',
      ' connection reaches the application\'s accept but no byte; meshc run decides before connecting.',
    ].join('\n'));
  return out;
}
