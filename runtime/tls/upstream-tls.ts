import type { Cluster as ClusterConfig } from '../../schemas/types/plan.gen.js';
import { IdentityMatcher } from './identity.js';
import type { WorkloadTls } from './workload-tls.js';

/** `checkServerIdentity` replacement: meshc checks the server's identity itself, see UpstreamTls. */
export function skipHostnameCheck(): undefined {
  return undefined;
}

/**
 * Mutual TLS origination to a `tls.mode: mutual` cluster, built when the plan is applied. The
 * connection presents the sidecar's certificate (the WorkloadTls's current client context, so
 * rotation applies to the next connect), verifies the chain against trustedCA
 * (rejectUnauthorized), and then checks the server's identity — URI SAN, else first DNS SAN —
 * against serverIdentities in 'secureConnect' on every connection. Node's own
 * checkServerIdentity is switched off: it ignores URI SANs and is skipped on resumed sessions.
 * meshc never offers a session for resumption (no `session` option), and the check would hold
 * for a resumed one anyway, because it runs on every 'secureConnect'.
 */
export class UpstreamTls {
  readonly serverIdentities: IdentityMatcher;
  /** SNI to send (`tls.sni`), or undefined: no SNI for IP endpoints. */
  readonly servername: string | undefined;

  constructor(
    config: NonNullable<ClusterConfig['tls']>,
    readonly workload: WorkloadTls,
  ) {
    this.serverIdentities = new IdentityMatcher(config.serverIdentities);
    this.servername = config.sni;
  }
}
