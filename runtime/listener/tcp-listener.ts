import net, { type Socket } from 'node:net';
import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Logger } from '../logger.js';
import type { PromWriter } from '../metrics.js';
import { MeshcError } from '../errors.js';
import { TcpConnection, TcpListenerCounters, normalizeIp, type TcpConnectionOwner } from '../proxy/tcp-proxy.js';
import { sniff, type SniffResult } from '../sniff/sniffer.js';
import { SniRouter } from '../sniff/sni-router.js';
import { DetectionStats } from '../sniff/detection-stats.js';
import type { AccessLog, PeriodicSource } from '../access-log/access-log.js';
import { FLAG_RL, TERM_DOWNSTREAM_CLOSE, formatAddress } from '../access-log/record.js';
import { WeightedClusters, listenerClusterNames } from '../lb/weighted-clusters.js';
import { rateLimitFor, type ConnectionRateLimit } from './connection-rate-limit.js';
import { MaxDuration } from './max-duration.js';
import { InboundTls, type SecureOwner } from '../tls/inbound-tls.js';

/**
 * A TCP listener (Envoy: Listener + tcp_proxy): accepts connections on the plan's address and
 * hands each to a TcpConnection bound to this listener's cluster. Cluster references and the SNI
 * router are resolved when a plan is applied (constructor/update), never per connection.
 */
export class TcpListener implements Listener, TcpConnectionOwner, PeriodicSource, SecureOwner {
  name: string;
  /** `--access-log`, or null: decided at construction, so a listener without it pays nothing. */
  protected readonly accessLog: AccessLog | null;
  readonly counters = new TcpListenerCounters();
  /** Live connections, so drain/destroy can reach them. */
  readonly connections = new Set<TcpConnection>();
  readonly logger: Logger;
  /** TLS termination and authorization (SPEC 6); inactive when the listener has neither. */
  readonly security: InboundTls;
  /** Whether handshake metrics apply: inbound tls, or a cluster this listener originates mTLS to. */
  private tlsMetrics = false;
  protected cluster: Cluster | undefined;
  /** A split listener's target choice (Listener.weightedClusters), else null. */
  protected split: WeightedClusters | null = null;
  /** maxConnectionRate's bucket, or null. */
  protected rateLimit: ConnectionRateLimit | null = null;
  /** maxConnectionDuration, or null. */
  protected maxDuration: MaxDuration | null = null;
  /** Listener.idleTimeoutMs, or -1: the cluster's (TcpConnectionOwner). */
  idleTimeoutMs = -1;
  private router: SniRouter | null = null;
  private readonly stats = new DetectionStats();
  protected detectionTimeoutMs = 0;
  private server: net.Server | null = null;
  private drainWaiter: (() => void) | null = null;
  /** Idle sweep: runs while connections exist, every `sweepMs` (a fraction of the smallest idle timeout). */
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweepMs = 1000;

  constructor(
    public config: ListenerConfig,
    resolve: ClusterResolver,
    readonly ctx: ListenerContext,
  ) {
    this.name = config.name;
    this.logger = ctx.logger.child({ listener: config.name });
    this.accessLog = ctx.accessLog ?? null;
    this.security = new InboundTls(this);
    this.configure(config, resolve);
  }

  get active(): number {
    return this.counters.active;
  }

  protected configure(config: ListenerConfig, resolve: ClusterResolver): void {
    this.config = config;
    this.name = config.name;
    this.cluster = config.cluster !== undefined ? resolve(config.cluster) : undefined;
    this.split = config.weightedClusters !== undefined ? new WeightedClusters(config.weightedClusters, resolve) : null;
    this.rateLimit = rateLimitFor(config.maxConnectionRate, this.ctx.connectionRateShare ?? 1, this.rateLimit ?? null);
    this.maxDuration = MaxDuration.of(config.maxConnectionDuration);
    this.idleTimeoutMs = config.idleTimeoutMs ?? -1;
    this.detectionTimeoutMs = config.detectionTimeoutMs;
    this.router = config.detectionTimeoutMs > 0 ? new SniRouter(config, resolve) : null;
    this.security.configure(config, this.ctx.tls ?? null);
    this.tlsMetrics = config.tls !== undefined;
    // a connection closes between idleTimeout and idleTimeout + sweepMs after its last byte; a
    // connect attempt fails between connectTimeout and connectTimeout + sweepMs after it began
    // (and a connection reaches its maxConnectionDuration up to sweepMs late)
    let minIdle = Infinity;
    for (const name of listenerClusterNames(config)) {
      const c = resolve(name);
      if (c.config.tls !== undefined) this.tlsMetrics = true;
      for (const ms of [this.idleTimeoutMs >= 0 ? this.idleTimeoutMs : c.idleTimeoutMs, c.connectTimeoutMs]) if (ms > 0 && ms < minIdle) minIdle = ms;
    }
    if (this.maxDuration !== null && this.maxDuration.ms < minIdle) minIdle = this.maxDuration.ms;
    const sweepMs = Number.isFinite(minIdle) ? Math.min(1000, Math.max(10, Math.floor(minIdle / 8))) : 1000;
    if (sweepMs !== this.sweepMs && this.sweepTimer !== null) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = null;
    }
    this.sweepMs = sweepMs;
    if (this.connections.size > 0) this.startSweep();
  }

  private startSweep(): void {
    if (this.sweepTimer !== null) return;
    this.sweepTimer = setInterval(this.sweep, this.sweepMs);
    this.sweepTimer.unref();
  }

  private readonly sweep = (): void => {
    if (this.connections.size === 0) {
      clearInterval(this.sweepTimer!);
      this.sweepTimer = null;
      return;
    }
    const now = Date.now();
    for (const c of this.connections) c.checkIdle(now);
  };

  /** Bind; rejects with E_BIND (address in use, not local, no permission). */
  listen(): Promise<void> {
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true, highWaterMark: 1 }, this.onConnection);
    this.server = server;
    const { address, port } = this.config;
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        this.server = null;
        reject(new MeshcError('E_BIND', `listener ${this.name}: cannot bind tcp ${address.includes(':') ? `[${address}]` : address}:${port}: ${err.code ?? err.message}`, { cause: err }));
      };
      server.once('error', onError);
      // `::` is dual-stack, as Node's UDP listener, the compiler's conflict check, the iptables
      // emitter and Envoy (ipv4_compat) all treat it: IPv4 clients arrive as ::ffff:a.b.c.d
      server.listen({ host: address, port }, () => {
        server.off('error', onError);
        server.on('error', (err) => this.logger.error({ err }, 'listener error'));
        this.logger.info({ address, port, cluster: this.config.cluster }, 'listening');
        resolve();
      });
    });
  }

  update(config: ListenerConfig, resolve: ClusterResolver): void {
    this.configure(config, resolve);
  }

  protected readonly onConnection = (socket: Socket): void => {
    this.counters.accepted++;
    const conn = new TcpConnection(socket, this);
    if (this.accessLog !== null) conn.peer = formatAddress(normalizeIp(socket.remoteAddress), socket.remotePort ?? 0);
    this.connections.add(conn);
    if (this.sweepTimer === null) this.startSweep();
    if (this.rateLimit !== null && !this.rateLimit.take(conn.start)) {
      this.counters.rateLimited++;
      conn.refuseWithFlag(FLAG_RL);
      return;
    }
    if (this.maxDuration !== null) conn.deadline = this.maxDuration.deadline(conn.start);
    if (this.security.active) this.security.accept(conn);
    else if (this.detectionTimeoutMs > 0) this.detect(conn, this.router!, this.detectionTimeoutMs);
    else conn.dispatch(this.split === null ? this.cluster : this.split.pick(), null);
  };

  /** A connection that passed TLS and authorization: route it (by what detection found, if it ran) and proxy. */
  proceed(conn: TcpConnection, head: Buffer | null, r: SniffResult | null): void {
    const router = this.router;
    if (router === null) conn.dispatch(this.split === null ? this.cluster : this.split.pick(), head);
    else if (r !== null) {
      this.stats.record(r);
      conn.dispatch(router.route(r.sni), head);
    } else this.detect(conn, router, this.detectionTimeoutMs); // after TLS termination or a plaintext authorization: detect on the (plaintext) stream
  }

  /** Protocol detection: read the first bytes, route by SNI, then proxy (head first). */
  private detect(conn: TcpConnection, router: SniRouter, timeoutMs: number): void {
    sniff(conn.client, timeoutMs).then(
      (r: SniffResult) => {
        this.stats.record(r);
        conn.protocol = r.protocol;
        if (r.sni !== undefined) conn.sni = r.sni;
        const routed = router.route(r.sni);
        conn.dispatch(routed === undefined && this.split !== null ? this.split.pick() : routed, r.head);
      },
      (err: unknown) => {
        if (this.logger.isLevelEnabled('debug')) this.logger.debug({ err }, 'protocol detection failed');
        conn.destroy(TERM_DOWNSTREAM_CLOSE);
      },
    );
  }

  connectionClosed(c: TcpConnection): void {
    this.connections.delete(c);
    if (c.tlsKey !== null) this.security.forget(c);
    const now = Date.now();
    this.counters.durations.observe(now - c.start);
    if (this.accessLog !== null) this.logConnection(this.accessLog, c, now, false);
    this.checkDrained();
  }

  /** One access-log line for a JS-path connection (closed, or still open when `periodic`). */
  private logConnection(log: AccessLog, c: TcpConnection, now: number, periodic: boolean): void {
    const r = log.begin();
    r.periodic = periodic;
    r.startMs = c.start;
    r.durationMs = now - c.start;
    r.listener = this.name;
    r.cluster = c.routed?.name ?? null;
    r.downstream = c.peer;
    r.upstream = c.lastTried?.key ?? null;
    r.bytesReceived = c.bytesIn;
    r.bytesSent = c.bytesOut;
    r.attempts = c.attempts;
    r.flags = c.flags;
    r.termination = c.term;
    r.protocol = c.protocol;
    r.sni = c.sni;
    r.identity = c.identity;
    log.write(r);
  }

  /** `periodic` lines for every open connection (--access-log-flush-interval). */
  logOpen(log: AccessLog, now: number): void {
    for (const c of this.connections) this.logConnection(log, c, now, true);
  }

  /** Live connections that a drain waits for. */
  protected liveConnections(): number {
    return this.connections.size;
  }

  /** Ends a drain once the last live connection is gone. */
  protected checkDrained(): void {
    if (this.drainWaiter !== null && this.liveConnections() === 0) this.drainWaiter();
  }

  /** Close every live connection now. */
  protected destroyConnections(): void {
    for (const c of [...this.connections]) c.destroy();
  }

  async stopAccepting(): Promise<void> {
    // a removed listener takes no new handshakes: stop following certificate rotations
    this.security.close();
    const s = this.server;
    if (s === null) return;
    this.server = null;
    // close() stops listening at once; its callback would wait for live connections, so don't
    s.close();
  }

  drain(timeoutMs: number): Promise<void> {
    if (this.liveConnections() === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.drainWaiter = null;
        const live = this.liveConnections();
        if (live > 0) this.logger.warn({ connections: live }, 'drain timeout: closing remaining connections');
        this.destroyConnections();
        resolve();
      }, timeoutMs);
      this.drainWaiter = () => {
        clearTimeout(timer);
        this.drainWaiter = null;
        resolve();
      };
    });
  }

  destroy(): void {
    if (this.sweepTimer !== null) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.server?.close();
    this.server = null;
    this.security.close();
    this.destroyConnections();
  }

  collect(w: PromWriter): void {
    const l = { listener: this.name };
    const c = this.counters;
    w.add('meshc_listener_connections_total', 'counter', 'Connections accepted (UDP: sessions created) per listener.', l, c.accepted);
    w.add('meshc_listener_connections_active', 'gauge', 'Live connections (UDP: sessions) per listener.', l, c.active);
    w.add('meshc_listener_overflow_total', 'counter', 'Connections closed at once because the cluster was at maxConnections.', l, c.overflow);
    w.add('meshc_listener_no_host_total', 'counter', 'Connections closed because the cluster had no host.', l, c.noHost);
    w.add('meshc_listener_no_route_total', 'counter', 'Connections closed because no cluster matched (SNI routing without a default).', l, c.noRoute);
    w.add('meshc_listener_connect_failed_total', 'counter', 'Connections closed because every connect attempt failed.', l, c.connectFailed);
    w.add('meshc_listener_idle_timeouts_total', 'counter', 'Connections closed by the idle timeout.', l, c.idleTimeouts);
    w.add('meshc_listener_upstream_established_total', 'counter', 'Connections that reached an endpoint.', l, c.established);
    if (this.rateLimit !== null || c.rateLimited > 0) w.add('meshc_listener_connections_rate_limited_total', 'counter', 'Connections closed at once by maxConnectionRate (flag RL).', l, c.rateLimited);
    if (this.maxDuration !== null || c.maxDuration > 0) w.add('meshc_listener_connections_max_duration_total', 'counter', 'Connections closed on reaching maxConnectionDuration (flag DT; Envoy: downstream_cx_max_duration_reached).', l, c.maxDuration);
    w.add('meshc_listener_accept_errors_total', 'counter', 'accept() failures for lack of file descriptors or memory (accepting pauses 100 ms each time).', l, c.acceptErrors);
    c.durations.collect(w, this.name);
    if (this.detectionTimeoutMs > 0) this.stats.collect(w, this.name);
    if (this.tlsMetrics || this.security.authz !== null) this.security.stats.collect(w, this.name, this.tlsMetrics, this.security.authz !== null);
  }
}
