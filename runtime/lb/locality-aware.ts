import type { Host } from '../cluster/host.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * Locality-aware routing as a layer above any load-balancing policy (Envoy: zone-aware routing,
 * reduced to "prefer the local zone"). It only decides which hosts the wrapped policy sees: the
 * available hosts in `zone` while at least one of them exists, else every host it was given. The
 * cluster hands it available hosts normally and every host in panic mode (where none is
 * available), so panic spreads over all zones as SPEC 3 requires. A host without a zone counts as
 * another zone. Decided on every host-set change (health, ejection, membership), never per pick.
 */
export class LocalityAware implements LoadBalancer {
  /** True while the wrapped policy sees only the local zone (for /clusters and tests). */
  local = false;

  constructor(
    private readonly inner: LoadBalancer,
    readonly zone: string,
  ) {}

  setHosts(hosts: readonly Host[]): void {
    const local = hosts.filter((h) => h.available && h.zone === this.zone);
    this.local = local.length > 0;
    this.inner.setHosts(this.local ? local : hosts);
  }

  pick(clientIp: string): Host | undefined {
    return this.inner.pick(clientIp);
  }
}

/** `lb` wrapped in the locality layer when the cluster asks for it and the sidecar has a zone. */
export function withLocality(lb: LoadBalancer, localityAware: boolean | undefined, zone: string | null): LoadBalancer {
  return localityAware === true && zone !== null ? new LocalityAware(lb, zone) : lb;
}
