import type { Cluster as ClusterConfig } from '../../schemas/types/plan.gen.js';
import type { UpstreamTls } from '../tls/upstream-tls.js';
import type { Logger } from '../logger.js';
import type { LoadBalancer } from '../lb/load-balancer.js';
import { createLoadBalancer } from '../lb/index.js';
import { withLocality } from '../lb/locality-aware.js';
import { Host, hostKey } from './host.js';
import { AffinityTable } from './affinity-table.js';
import { DnsResolver, DnsStats } from './dns-resolver.js';
import { createHealthChecker, type HealthChecker } from '../health/health-checker.js';
import { HealthStats } from '../health/health-stats.js';
import { OutlierDetector } from '../outlier/outlier-detector.js';
import type { PromWriter } from '../metrics.js';
import { nativeBytes } from '../native/addon.js';

/** One endpoint as static config or a DNS answer gives it. */
export interface Member {
  address: string;
  port: number;
  weight: number;
  /** The endpoint's zone (static endpoints only). */
  zone?: string;
}

/** A host's membership and active-check verdict, as one process tells another. */
export interface HostState extends Member {
  healthy: boolean;
  healthFailure: string | null;
}

/**
 * A named group of hosts behind one load balancer (Envoy: Cluster). Owns membership (static or
 * DNS), health and outlier state, the affinity table and the connection limit. Listeners hold a
 * direct reference to their cluster; a reload updates the cluster in place so live connections
 * keep their host while new ones see the new settings.
 */
export class Cluster {
  readonly name: string;
  config: ClusterConfig;
  /** Current members (not removed), in config/DNS order. */
  hosts: Host[] = [];
  private readonly byKey = new Map<string, Host>();
  private lb: LoadBalancer;
  affinity: AffinityTable | null = null;
  private dns: DnsResolver | null = null;
  private health: HealthChecker | null = null;
  readonly outlier: OutlierDetector;
  /** Active-check counters (kept across checker swaps on reload). */
  readonly healthStats = new HealthStats();
  /** DNS resolution counters (kept across resolver swaps on reload). */
  readonly dnsStats = new DnsStats();
  /** True while no host is available and traffic is spread over all hosts (Envoy's panic mode). */
  panic = false;
  /**
   * Membership and health are decided elsewhere (a `--workers` primary runs checks and DNS once and
   * pushes the result with `applyHostStates`); no checker or resolver runs here.
   */
  external = false;
  /**
   * Called after every membership, health or ejection change (never per connection). The
   * `--workers` primary uses it to push a changed verdict to the workers at once.
   */
  onChange: (() => void) | null = null;

  // ---- limits and stats, plain fields for the hot path ----
  /** Active connections (TCP) or sessions (UDP) across all listeners using this cluster. */
  active = 0;
  maxConnections: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  connectAttempts: number;
  bytesUp = 0;
  bytesDown = 0;
  connectFailures = 0;
  overflows = 0;
  noHost = 0;
  panicsTotal = 0;
  /** Slot of this cluster's byte counters in the native addon (runtime/native), -1 = none yet. */
  nativeSlot = -1;
  /** Mutual TLS origination (`tls.mode: mutual`), set by the runtime when a plan is applied; null = plaintext. */
  origin: UpstreamTls | null = null;

  constructor(
    config: ClusterConfig,
    readonly logger: Logger,
    /** The plan's zone (Sidecar.spec.zone), for `loadBalancer.localityAware`; null when unset. */
    private zone: string | null = null,
  ) {
    this.name = config.name;
    this.config = config;
    this.maxConnections = config.connection.maxConnections;
    this.connectTimeoutMs = config.connection.connectTimeoutMs;
    this.idleTimeoutMs = config.connection.idleTimeoutMs;
    this.connectAttempts = config.connection.connectAttempts;
    this.lb = withLocality(createLoadBalancer(config.loadBalancer.policy), config.loadBalancer.localityAware, zone);
    this.outlier = new OutlierDetector(this, config.outlierDetection);
    if (config.affinity.type === 'source-ip') this.affinity = new AffinityTable(config.affinity.ttlMs);
    if (config.endpoints.type === 'static') this.setMembers(config.endpoints.hosts);
    else this.refresh();
  }

  /** Bytes forwarded client->endpoint, by the JS and the native data paths together. */
  get totalBytesUp(): number {
    return this.bytesUp + nativeBytes(this.nativeSlot, 0);
  }

  /** Bytes forwarded endpoint->client, by the JS and the native data paths together. */
  get totalBytesDown(): number {
    return this.bytesDown + nativeBytes(this.nativeSlot, 1);
  }

  /** A connection's balancing decision needs the client's IP (affinity, hash balancers). */
  get needsClientIp(): boolean {
    const p = this.config.loadBalancer.policy;
    return this.affinity !== null || p === 'ring-hash' || p === 'maglev';
  }

  /** Begin background work: DNS resolution, active health checks, affinity sweeping. */
  start(): void {
    this.affinity?.start();
    if (this.external) return;
    if (this.config.endpoints.type === 'dns' && !this.dns) {
      this.dns = new DnsResolver(this.config.endpoints, (m) => this.setMembers(m), this.logger.child({ cluster: this.name }), this.dnsStats);
      this.dns.start();
    }
    if (!this.health) {
      this.health = createHealthChecker(this);
      this.health?.start();
    }
  }

  /** Stop all background work (cluster removed or runtime stopping). Live connections are untouched. */
  stop(): void {
    this.affinity?.stop();
    this.dns?.stop();
    this.dns = null;
    this.health?.stop();
    this.health = null;
    this.outlier.stop();
  }

  /** Apply a changed config (and plan zone) from a reload in place: hosts, LB, affinity, health, limits. */
  update(config: ClusterConfig, zone: string | null = this.zone): void {
    const old = this.config;
    const oldZone = this.zone;
    this.zone = zone;
    this.config = config;
    this.maxConnections = config.connection.maxConnections;
    this.connectTimeoutMs = config.connection.connectTimeoutMs;
    this.idleTimeoutMs = config.connection.idleTimeoutMs;
    this.connectAttempts = config.connection.connectAttempts;
    if (old.loadBalancer.policy !== config.loadBalancer.policy || old.loadBalancer.localityAware !== config.loadBalancer.localityAware || oldZone !== zone) {
      this.lb = withLocality(createLoadBalancer(config.loadBalancer.policy), config.loadBalancer.localityAware, zone);
    }
    if (config.affinity.type === 'source-ip') {
      if (this.affinity) this.affinity.ttlMs = config.affinity.ttlMs;
      else {
        this.affinity = new AffinityTable(config.affinity.ttlMs);
        this.affinity.start();
      }
    } else if (this.affinity) {
      this.affinity.stop();
      this.affinity = null;
    }
    this.outlier.update(config.outlierDetection);
    const endpointsChanged = JSON.stringify(old.endpoints) !== JSON.stringify(config.endpoints);
    if (endpointsChanged) {
      this.dns?.stop();
      this.dns = null;
      if (config.endpoints.type === 'static') this.setMembers(config.endpoints.hosts);
      else if (!this.external) {
        this.dns = new DnsResolver(config.endpoints, (m) => this.setMembers(m), this.logger.child({ cluster: this.name }), this.dnsStats);
        this.dns.start();
      }
    }
    if (JSON.stringify(old.healthCheck) !== JSON.stringify(config.healthCheck)) {
      this.health?.stop();
      if (config.healthCheck.type === 'none') {
        for (const h of this.hosts) {
          h.healthy = true;
          h.healthFailure = null;
        }
      }
      this.health = this.external ? null : createHealthChecker(this);
      this.health?.start();
    }
    this.refresh();
  }

  /** Adopt membership and active-check health decided by another process (see `external`). */
  applyHostStates(states: readonly HostState[]): void {
    this.setMembers(states);
    for (const s of states) {
      const h = this.byKey.get(hostKey(s.address, s.port));
      if (h === undefined) continue;
      h.healthy = s.healthy;
      h.healthFailure = s.healthFailure;
    }
    this.refresh();
  }

  /** Membership and active-check health, for `applyHostStates` in another process. */
  hostStates(): HostState[] {
    return this.hosts.map((h) => ({ address: h.address, port: h.port, weight: h.weight, ...(h.zone !== null ? { zone: h.zone } : {}), healthy: h.healthy, healthFailure: h.healthFailure }));
  }

  /**
   * Replace the member set (static config or a DNS answer). Hosts that stay keep their state and
   * connections; new hosts start unhealthy when active checks are on (Envoy's rule); hosts that go
   * are marked removed: no new traffic, live connections continue, affinity released.
   */
  setMembers(members: readonly Member[]): void {
    const checked = this.config.healthCheck.type !== 'none';
    const next: Host[] = [];
    const seen = new Set<string>();
    for (const m of members) {
      const key = hostKey(m.address, m.port);
      if (seen.has(key)) continue;
      seen.add(key);
      let h = this.byKey.get(key);
      if (h) h.weight = m.weight;
      else {
        h = new Host(m.address, m.port, m.weight, !checked);
        this.byKey.set(key, h);
        this.health?.addHost(h);
      }
      h.zone = m.zone ?? null;
      next.push(h);
    }
    for (const [key, h] of this.byKey) {
      if (!seen.has(key)) {
        h.removed = true;
        this.byKey.delete(key);
        this.affinity?.forget(h);
        this.health?.removeHost(h);
        this.outlier.forget(h);
      }
    }
    this.hosts = next;
    this.refresh();
  }

  /**
   * Recompute the set eligible for new traffic and hand it to the load balancer. Called on every
   * membership, health or ejection change, never per connection.
   */
  refresh(): void {
    const available = this.hosts.filter((h) => h.available);
    const panic = available.length === 0 && this.hosts.length > 0;
    if (panic !== this.panic) {
      this.panic = panic;
      if (panic) {
        this.panicsTotal++;
        let unhealthy = 0;
        let ejected = 0;
        let pending = 0;
        for (const h of this.hosts) {
          if (!h.healthy) unhealthy++;
          if (h.ejected) ejected++;
          if (!h.healthy && !h.ejected && h.healthFailure === null) pending++;
        }
        const fields = { cluster: this.name, hosts: this.hosts.length, unhealthy, ejected };
        // with active checks on, new hosts start unhealthy until their first check passes (as in
        // Envoy), so every checked cluster starts in panic mode: that is expected, not an alarm
        if (pending === this.hosts.length) this.logger.info(fields, 'no host has passed a health check yet: panic mode, spreading over all hosts');
        else this.logger.warn(fields, 'no healthy host: panic mode, spreading over all hosts');
      } else {
        this.logger.info({ cluster: this.name, healthy: available.length }, 'panic mode over');
      }
    }
    this.lb.setHosts(panic ? this.hosts.filter((h) => !h.removed) : available);
    this.onChange?.();
  }

  /** Choose a host for a new connection/session from `clientIp`. */
  pick(clientIp: string): Host | undefined {
    if (this.affinity !== null) {
      const sticky = this.affinity.lookup(clientIp, Date.now());
      if (sticky !== undefined) return sticky;
    }
    return this.lb.pick(clientIp);
  }

  /**
   * Like `pick`, but for a retry: a host not in `tried` when another one exists (the balancer,
   * affinity or the hash may keep naming the host that just failed).
   */
  pickUntried(clientIp: string, tried: readonly Host[] | null): Host | undefined {
    const host = this.pick(clientIp);
    if (host === undefined || tried === null || !tried.includes(host)) return host;
    for (let i = 0; i < this.hosts.length; i++) {
      const h = this.pick(clientIp);
      if (h !== undefined && !tried.includes(h)) return h;
    }
    for (const h of this.hosts) if (h.available && !tried.includes(h)) return h;
    return host;
  }

  /** Account a new connection/session of `clientIp` on `host`. */
  attach(host: Host, clientIp: string): void {
    host.active++;
    host.total++;
    if (this.affinity !== null) this.affinity.acquire(clientIp, host, Date.now());
  }

  /** Account the end of a connection/session started with `attach`. */
  detach(host: Host, clientIp: string): void {
    host.active--;
    if (this.affinity !== null) this.affinity.release(clientIp, host, Date.now());
  }

  /** A connect attempt to `host` failed (or an ICMP error ended a UDP session). */
  reportFailure(host: Host): void {
    host.connectFailures++;
    this.connectFailures++;
    this.outlier.onFailure(host);
  }

  /** A connect attempt to `host` succeeded. */
  reportSuccess(host: Host): void {
    if (host.consecutiveFailures !== 0) this.outlier.onSuccess(host);
  }

  /** The host with this key, if it is a current member. */
  host(key: string): Host | undefined {
    return this.byKey.get(key);
  }

  /** JSON for GET /clusters. */
  toJSON(): object {
    return {
      name: this.name,
      service: this.config.service,
      port: this.config.port,
      transport: this.config.transport,
      loadBalancer: this.config.loadBalancer.policy,
      ...(this.config.loadBalancer.localityAware === true ? { localityAware: true, zone: this.zone } : {}),
      affinity: this.config.affinity,
      panic: this.panic,
      healthCheck: this.config.healthCheck.type,
      outlierDetection: this.config.outlierDetection.enabled,
      ...(this.config.endpoints.type === 'dns' ? { dns: { name: this.config.endpoints.name, family: this.config.endpoints.family } } : {}),
      activeConnections: this.active,
      maxConnections: this.maxConnections,
      endpoints: this.hosts.map((h) => ({
        address: h.address,
        port: h.port,
        weight: h.weight,
        ...(h.zone !== null ? { zone: h.zone } : {}),
        healthy: h.healthy,
        ejected: h.ejected,
        available: h.available,
        activeConnections: h.active,
        totalConnections: h.total,
        connectFailures: h.connectFailures,
        ejections: h.ejections,
        ...(h.ejected ? { ejectedUntil: new Date(h.ejectedUntil).toISOString() } : {}),
        ...(h.healthFailure !== null ? { lastHealthCheckFailure: h.healthFailure } : {}),
      })),
    };
  }

  /** Prometheus samples for this cluster. */
  collect(w: PromWriter): void {
    const c = this.name;
    w.add('meshc_upstream_bytes_total', 'counter', 'Bytes forwarded per cluster; direction="upstream" is client->endpoint, "downstream" is endpoint->client.', { cluster: c, direction: 'upstream' }, this.totalBytesUp);
    w.add('meshc_upstream_bytes_total', 'counter', 'Bytes forwarded per cluster; direction="upstream" is client->endpoint, "downstream" is endpoint->client.', { cluster: c, direction: 'downstream' }, this.totalBytesDown);
    w.add('meshc_upstream_connect_failures_total', 'counter', 'Failed connect attempts to endpoints.', { cluster: c }, this.connectFailures);
    w.add('meshc_upstream_overflow_total', 'counter', 'Connections/sessions refused because maxConnections was reached.', { cluster: c }, this.overflows);
    w.add('meshc_upstream_no_host_total', 'counter', 'Connections/sessions refused because the cluster had no host.', { cluster: c }, this.noHost);
    w.add('meshc_upstream_connections_active', 'gauge', 'Active connections (UDP: sessions) per cluster.', { cluster: c }, this.active);
    w.add('meshc_cluster_panic', 'gauge', '1 while the cluster is in panic mode (no healthy host).', { cluster: c }, this.panic ? 1 : 0);
    w.add('meshc_cluster_panic_total', 'counter', 'Times the cluster entered panic mode.', { cluster: c }, this.panicsTotal);
    for (const h of this.hosts) {
      const l = { cluster: c, endpoint: h.key };
      w.add('meshc_endpoint_healthy', 'gauge', '1 when the endpoint may receive new traffic (healthy and not ejected).', l, h.available ? 1 : 0);
      w.add('meshc_endpoint_connections_active', 'gauge', 'Active connections (UDP: sessions) per endpoint.', l, h.active);
      w.add('meshc_endpoint_connections_total', 'counter', 'Connections (UDP: sessions) per endpoint.', l, h.total);
      w.add('meshc_endpoint_ejections_total', 'counter', 'Outlier ejections per endpoint.', l, h.ejections);
    }
    this.health?.collect?.(w);
    if (this.config.healthCheck.type !== 'none') this.healthStats.collect(w, c);
    this.outlier.collect(w);
    if (this.config.endpoints.type === 'dns') {
      w.add('meshc_dns_resolutions_total', 'counter', 'Successful DNS resolutions of a dns-endpoints cluster.', { cluster: c }, this.dnsStats.resolutions);
      w.add('meshc_dns_resolution_failures_total', 'counter', 'Failed DNS resolutions (the last good answer was kept).', { cluster: c }, this.dnsStats.failures);
    }
  }
}
