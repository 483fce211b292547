/**
 * One upstream endpoint of a cluster (Envoy: Host). Mutable state lives in plain fields so the
 * data path can update it without allocation or lookups; load balancers read it directly.
 */
export class Host {
  /** `address:port` (IPv6 as `[addr]:port`): the endpoint label in metrics and /clusters. */
  readonly key: string;
  /** Active connections (TCP) or sessions (UDP) currently assigned to this host. */
  active = 0;
  /** Connections/sessions ever assigned. */
  total = 0;
  /** Active health check verdict; true when the cluster has no active checks. */
  healthy: boolean;
  /** Ejected by passive outlier detection until `ejectedUntil` (epoch ms). */
  ejected = false;
  ejectedUntil = 0;
  /** How many times this host was ejected (drives the ejection-time multiplier). */
  ejections = 0;
  /** Consecutive connect failures / ICMP errors since the last success. */
  consecutiveFailures = 0;
  connectFailures = 0;
  /** Reason of the last failed active check (null after a success or without checks). */
  healthFailure: string | null = null;
  /** Removed from the cluster (plan change or DNS): no new traffic; live connections continue. */
  removed = false;
  /** The native addon's id for this address (runtime/native), -1 until a native listener needs it. */
  nativeId = -1;
  /** The endpoint's zone (locality-aware balancing), null when unknown. */
  zone: string | null = null;

  constructor(
    readonly address: string,
    readonly port: number,
    public weight: number,
    healthy = true,
  ) {
    this.key = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    this.healthy = healthy;
  }

  /** May receive new connections: healthy, not ejected, not removed. */
  get available(): boolean {
    return this.healthy && !this.ejected && !this.removed;
  }
}

/** The identity of a host across plan reloads and DNS refreshes. */
export function hostKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
