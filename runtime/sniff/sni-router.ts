import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { ClusterResolver } from '../listener/listener.js';

/**
 * Chooses a cluster by TLS SNI (Envoy: filter_chain_match.server_names). Built once per plan
 * apply from the listener's sniRoutes. STUB: always the default cluster.
 */
export class SniRouter {
  private readonly fallback: Cluster | undefined;

  constructor(config: ListenerConfig, resolve: ClusterResolver) {
    this.fallback = config.cluster ? resolve(config.cluster) : undefined;
  }

  /** The cluster for `sni` (undefined SNI = none sent); undefined when nothing matches and there is no default. */
  route(sni: string | undefined): Cluster | undefined {
    void sni;
    return this.fallback;
  }
}
