import type { PromWriter } from '../metrics.js';

/**
 * `meshc_tls_handshakes_total{listener,result}`: handshake outcomes as small integers, counted in
 * a fixed array per listener (no map lookup per connection). Inbound outcomes are the
 * downstream handshakes a listener terminates; outbound ones the upstream handshakes its
 * connections originate to `mode: mutual` clusters (same listener label: the listener is where
 * the connection entered the sidecar).
 */
export const HS_SUCCESS = 0;
/** Strict listener, the client did not start with a TLS ClientHello. */
export const HS_NOT_TLS = 1;
/** The client sent no certificate. */
export const HS_NO_CLIENT_CERTIFICATE = 2;
/** The peer's chain does not lead to trustedCA (foreign CA, self-signed, missing intermediate). */
export const HS_UNKNOWN_CA = 3;
/** The peer's certificate (or one in its chain) is outside its validity period. */
export const HS_CERTIFICATE_EXPIRED = 4;
/** Any other verification failure (bad signature, wrong key usage, …). */
export const HS_BAD_CERTIFICATE = 5;
/** Upstream: the server's identity matches none of the cluster's serverIdentities. */
export const HS_SERVER_IDENTITY_MISMATCH = 6;
/** The handshake did not finish in time. */
export const HS_TIMEOUT = 7;
/** Protocol errors, alerts from the peer, a peer that closed mid-handshake. */
export const HS_HANDSHAKE_ERROR = 8;

const RESULT_NAMES = ['success', 'not_tls', 'no_client_certificate', 'unknown_ca', 'certificate_expired', 'bad_certificate', 'server_identity_mismatch', 'timeout', 'handshake_error'] as const;

/** OpenSSL verify codes (as Node reports them) -> result. */
const VERIFY_RESULTS: Record<string, number> = {
  UNABLE_TO_GET_ISSUER_CERT: HS_UNKNOWN_CA,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: HS_UNKNOWN_CA,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: HS_UNKNOWN_CA,
  SELF_SIGNED_CERT_IN_CHAIN: HS_UNKNOWN_CA,
  DEPTH_ZERO_SELF_SIGNED_CERT: HS_UNKNOWN_CA,
  CERT_UNTRUSTED: HS_UNKNOWN_CA,
  CERT_HAS_EXPIRED: HS_CERTIFICATE_EXPIRED,
  CERT_NOT_YET_VALID: HS_CERTIFICATE_EXPIRED,
  ERR_TLS_HANDSHAKE_TIMEOUT: HS_TIMEOUT,
};

/** The result for a verification error code or a handshake error's `code`. */
export function handshakeResult(code: string | null | undefined): number {
  if (code === null || code === undefined) return HS_HANDSHAKE_ERROR;
  const r = VERIFY_RESULTS[code];
  if (r !== undefined) return r;
  if (code.startsWith('ERR_SSL_') || code.startsWith('E') || code.startsWith('ERR_')) return HS_HANDSHAKE_ERROR;
  // any other X509_V_ERR_* name
  return HS_BAD_CERTIFICATE;
}

/** The metric label of a result. */
export function handshakeResultName(r: number): string {
  return RESULT_NAMES[r] ?? 'handshake_error';
}

/** One listener's handshake counters, by result. */
export class HandshakeStats {
  readonly counts = new Float64Array(RESULT_NAMES.length);
  /** Connections refused by authorization (meshc_authz_denied_total). */
  denied = 0;

  record(result: number): void {
    this.counts[result]!++;
  }

  /** Samples for results seen so far (success always, so the series exists from the start). */
  collect(w: PromWriter, listener: string, tls: boolean, authz: boolean): void {
    if (tls) {
      for (let r = 0; r < RESULT_NAMES.length; r++) {
        if (r !== HS_SUCCESS && this.counts[r] === 0) continue;
        w.add('meshc_tls_handshakes_total', 'counter', 'TLS handshakes by listener and result (success or the failure reason).', { listener, result: RESULT_NAMES[r]! }, this.counts[r]!);
      }
    }
    if (authz) w.add('meshc_authz_denied_total', 'counter', 'Connections closed by the listener authorization rules.', { listener }, this.denied);
  }
}
