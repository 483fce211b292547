import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Logger } from '../logger.js';
import type { PromWriter } from '../metrics.js';
import type { AccessLog } from '../access-log/access-log.js';
import type { WorkloadTls } from '../tls/workload-tls.js';

/** Finds a cluster by name; only called when a plan is applied, never per connection. */
export type ClusterResolver = (name: string) => Cluster;

/** What every listener gets from the runtime. */
export interface ListenerContext {
  logger: Logger;
  /** `meshc run --access-log`; absent or null when off. */
  accessLog?: AccessLog | null;
  /** The share of a TCP listener's maxConnectionRate this process enforces (1/N with `--workers N`); default 1. */
  connectionRateShare?: number;
  /** The plan's TLS identity (Plan.tls), set by the runtime before listeners are built or updated; null when the plan has none. */
  tls?: WorkloadTls | null;
}

/**
 * A bound socket that accepts connections (TCP) or sessions (UDP) and hands them to a cluster
 * (Envoy: Listener). The runtime keys listeners by transport+address+port, so a reload that keeps
 * the address keeps the socket and only calls `update`.
 */
export interface Listener {
  name: string;
  config: ListenerConfig;
  /** Bind the socket; rejects with a MeshcError (code E_BIND) when the address is unusable. */
  listen(): Promise<void>;
  /** Swap config and cluster references in place; live connections keep their current host. */
  update(config: ListenerConfig, resolve: ClusterResolver): void;
  /** Stop accepting new connections/sessions; live ones continue. */
  stopAccepting(): Promise<void>;
  /** Wait until live connections/sessions end, at most `timeoutMs`, then destroy the rest. */
  drain(timeoutMs: number): Promise<void>;
  /** Close the socket and every live connection/session now. */
  destroy(): void;
  /** Live connections (TCP) or sessions (UDP). */
  readonly active: number;
  /** Prometheus samples for this listener. */
  collect(w: PromWriter): void;
  /** Access-log `periodic` lines for open connections/sessions (--access-log-flush-interval). */
  logOpen?(log: AccessLog, now: number): void;
}

/** The runtime's identity of a listener across reloads: same key, same socket. */
export function listenerKey(c: Pick<ListenerConfig, 'transport' | 'address' | 'port'>): string {
  return `${c.transport}:${c.address}:${c.port}`;
}
