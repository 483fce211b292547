import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { ClusterResolver } from '../listener/listener.js';

/**
 * Chooses a cluster by TLS SNI (Envoy: filter_chain_match.server_names; Traefik: HostSNI). Built
 * once per plan apply from the listener's sniRoutes, so routing a connection is one Map lookup for
 * the exact name plus at most one lookup per label for wildcards. Precedence: exact name, then the
 * longest matching `*.suffix` (which matches any depth of subdomain but not the bare suffix, as in
 * Envoy), then the listener's default cluster, else undefined (the caller closes the connection).
 */
export class SniRouter {
  private readonly fallback: Cluster | undefined;
  private readonly exact = new Map<string, Cluster>();
  /** `.example.com` -> cluster for the route `*.example.com`. */
  private readonly wildcard = new Map<string, Cluster>();

  constructor(config: ListenerConfig, resolve: ClusterResolver) {
    this.fallback = config.cluster ? resolve(config.cluster) : undefined;
    for (const route of config.sniRoutes) {
      const cluster = resolve(route.cluster);
      for (const raw of route.serverNames) {
        let name = raw.toLowerCase();
        if (name.endsWith('.')) name = name.slice(0, -1);
        // first route wins for a name listed twice, as the plan's "first match wins" says
        if (name.startsWith('*.')) {
          const suffix = name.slice(1);
          if (!this.wildcard.has(suffix)) this.wildcard.set(suffix, cluster);
        } else if (!this.exact.has(name)) this.exact.set(name, cluster);
      }
    }
  }

  /** The cluster for `sni` (undefined SNI = none sent); undefined when nothing matches and there is no default. */
  route(sni: string | undefined): Cluster | undefined {
    if (sni === undefined || sni.length === 0) return this.fallback;
    const hit = this.exact.get(sni);
    if (hit !== undefined) return hit;
    if (this.wildcard.size > 0) {
      // the leftmost dot gives the longest suffix, so the first hit is the longest match
      for (let i = sni.indexOf('.', 1); i > 0; i = sni.indexOf('.', i + 1)) {
        const w = this.wildcard.get(sni.slice(i));
        if (w !== undefined) return w;
      }
    }
    return this.fallback;
  }
}
