import cluster from 'node:cluster';
import net from 'node:net';
import util from 'node:util';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import { MeshcError } from '../errors.js';
import { normalizeIp } from '../proxy/tcp-proxy.js';
import {
  CLOSE_DESTROYED,
  CLOSE_FAILED,
  CLOSE_IDLE,
  CLOSE_MAX_DURATION,
  CLOSE_REFUSED,
  CLOSE_RESET,
  INFO_BYTES_DOWN,
  INFO_BYTES_UP,
  INFO_DURATION_MS,
  INFO_FIRST_EOF,
  connInfo,
  formatPeer,
  EV_ACCEPT,
  EV_CLOSED,
  EV_CONNECT_FAILED,
  EV_CONNECTED,
  EV_HANDOFF,
  EV_ACCEPT_ERROR,
  MODE_HANDOFF,
  MODE_PROXY,
  allocCounterSlot,
  native,
  nativeHostId,
  registerSink,
  type NativeAddon,
  type NativeEventSink,
} from '../native/addon.js';
import { TcpListener } from './tcp-listener.js';
import type { ClusterResolver } from './listener.js';
import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { AccessLog } from '../access-log/access-log.js';
import {
  FLAG_DT,
  FLAG_NR,
  FLAG_RL,
  FLAG_UF,
  FLAG_UH,
  FLAG_UO,
  FLAG_URX,
  TERM_DENIED,
  TERM_DOWNSTREAM_CLOSE,
  TERM_DRAIN_TIMEOUT,
  TERM_IDLE_TIMEOUT,
  TERM_MAX_DURATION,
  TERM_RESET,
  TERM_UPSTREAM_CLOSE,
} from '../access-log/record.js';

/** Node's default listen backlog, as net.Server uses. */
const BACKLOG = 511;

// Per-connection state by the addon's connection slot: parallel arrays instead of an object per
// connection (a slot is reused only after its EV_CLOSED).
const slotCluster: (Cluster | null)[] = [];
const slotHost: (Host | null)[] = [];
const slotIp: string[] = [];
const slotAttempts: number[] = [];
const slotTried: (Host[] | null)[] = [];
// Only with --access-log: the routed cluster, last host tried, flags, accept time and client address.
const slotRouted: (Cluster | null)[] = [];
const slotLast: (Host | null)[] = [];
const slotFlags: number[] = [];
const slotStart: number[] = [];
const slotPeer: string[] = [];
/** Only with --access-log: TERM_DENIED for a connection authorization refused, else 0. */
const slotTerm: number[] = [];

/**
 * A TCP listener whose sockets live in the native addon (runtime/native/src). Plain `tcp`
 * listeners are proxied there entirely: accept, connect, copy, half-close, idle and connect
 * timeouts. JS keeps every decision and all accounting, with three calls per connection
 * (accepted -> host, connected or connect failed -> next host, closed). Listeners that detect
 * the protocol (auto, tls SNI routing) get each accepted socket handed over as a descriptor and
 * run the JS TcpConnection path, as TcpListener does.
 */
export class NativeTcpListener extends TcpListener implements NativeEventSink {
  private lid = -1;
  private readonly addon: NativeAddon = native!;
  /** Live connections proxied by the addon. */
  private nativeLive = 0;
  private lastAcceptErrorLog = 0;
  /** Live native slots of this listener, kept only for periodic access-log lines. */
  private readonly liveSlots: Set<number> | null = this.accessLog !== null && this.accessLog.flushIntervalMs > 0 ? new Set() : null;

  protected override configure(config: ListenerConfig, resolve: ClusterResolver): void {
    super.configure(config, resolve);
    // called by the base constructor before this class's fields exist: lid is undefined then
    if (this.lid >= 0) this.push();
  }

  /** Hands the addon the settings new connections get. */
  private push(): void {
    const c = this.cluster;
    const split = this.split;
    // TLS termination and origination run on the JS path (node:tls); authorization alone stays
    // here, decided at accept on the client address (no identity without TLS)
    const handoff =
      this.detectionTimeoutMs > 0 ||
      (c === undefined && split === null) ||
      this.security.mode !== null ||
      (c !== undefined && c.config.tls !== undefined) ||
      (split !== null && split.clusters.some((t) => t.config.tls !== undefined));
    if (c !== undefined && c.nativeSlot < 0) c.nativeSlot = allocCounterSlot();
    const idle = this.idleTimeoutMs;
    if (split === null) this.addon.configure(this.lid, handoff ? MODE_HANDOFF : MODE_PROXY, c?.connectTimeoutMs ?? 0, idle >= 0 ? idle : (c?.idleTimeoutMs ?? 0), c?.nativeSlot ?? -1);
    else {
      // a split: each connection gets its target's settings at accept (connSet); the listener's
      // are the shortest, so the addon's sweep runs often enough for every target
      let connectMs = 0;
      let idleMs = 0;
      for (const t of split.clusters) {
        if (t.nativeSlot < 0) t.nativeSlot = allocCounterSlot();
        const ti = idle >= 0 ? idle : t.idleTimeoutMs;
        if (t.connectTimeoutMs > 0 && (connectMs === 0 || t.connectTimeoutMs < connectMs)) connectMs = t.connectTimeoutMs;
        if (ti > 0 && (idleMs === 0 || ti < idleMs)) idleMs = ti;
      }
      this.addon.configure(this.lid, handoff ? MODE_HANDOFF : MODE_PROXY, connectMs, idleMs, -1);
    }
    const d = this.maxDuration;
    this.addon.setMaxDuration(this.lid, d?.ms ?? 0, d?.jitterMs ?? 0);
  }

  override listen(): Promise<void> {
    const { address, port } = this.config;
    // --workers: each worker binds its own SO_REUSEPORT socket (node:cluster cannot share the
    // addon's sockets); the kernel spreads new connections over the workers
    const r = this.addon.listen(address, port, BACKLOG, cluster.isWorker);
    if (r < 0) {
      const code = util.getSystemErrorName(r);
      return Promise.reject(new MeshcError('E_BIND', `listener ${this.name}: cannot bind tcp ${address.includes(':') ? `[${address}]` : address}:${port}: ${code}`));
    }
    this.lid = r;
    registerSink(r, this);
    this.push();
    this.logger.info({ address, port, cluster: this.config.cluster, dataPath: 'native' }, 'listening');
    return Promise.resolve();
  }

  override async stopAccepting(): Promise<void> {
    this.security.close();
    if (this.lid < 0) return;
    this.addon.closeListener(this.lid);
    this.lid = -1 - this.lid; // keep the id (negative) for destroyConns, mark closed
  }

  private get id(): number {
    return this.lid >= 0 ? this.lid : -1 - this.lid;
  }

  protected override liveConnections(): number {
    return super.liveConnections() + this.nativeLive;
  }

  protected override destroyConnections(): void {
    super.destroyConnections();
    if (this.nativeLive > 0) this.addon.destroyConns(this.id);
  }

  override destroy(): void {
    if (this.lid >= 0) void this.stopAccepting();
    super.destroy();
  }

  // ---- events from the addon ----

  nativeEvent(event: number, slot: number, arg: number): number {
    switch (event) {
      case EV_ACCEPT:
        return this.accepted(slot);
      case EV_CONNECTED:
        this.connected(slot);
        return 0;
      case EV_CONNECT_FAILED:
        return this.connectFailed(slot, arg);
      case EV_CLOSED:
        this.closed(slot, arg);
        return 0;
      case EV_HANDOFF:
        this.handoff(slot);
        return 0;
      case EV_ACCEPT_ERROR:
        this.acceptError(arg);
        return 0;
    }
    return -1;
  }

  accepted(slot: number): number {
    const counters = this.counters;
    counters.accepted++;
    counters.active++;
    this.nativeLive++;
    slotCluster[slot] = null;
    slotHost[slot] = null;
    slotIp[slot] = '';
    slotAttempts[slot] = 0;
    slotTried[slot] = null;
    if (this.rateLimit !== null && !this.rateLimit.take(Date.now())) {
      counters.rateLimited++;
      if (this.accessLog !== null) this.refusedSlot(slot, FLAG_RL);
      return -1;
    }
    const split = this.split;
    const cluster = split === null ? this.cluster : split.pick();
    if (this.accessLog !== null) {
      slotRouted[slot] = cluster ?? null;
      slotLast[slot] = null;
      slotFlags[slot] = 0;
      slotStart[slot] = Date.now();
      slotPeer[slot] = formatPeer(this.addon.peer(slot, true));
      slotTerm[slot] = 0;
      this.liveSlots?.add(slot);
    }
    const authz = this.security.authz;
    if (authz !== null) {
      const ip = normalizeIp(this.addon.peer(slot));
      if (!authz.allows(null, ip)) {
        this.security.deniedAtAccept(ip);
        if (this.accessLog !== null) {
          slotTerm[slot] = TERM_DENIED;
          slotRouted[slot] = null;
        }
        return -1;
      }
      slotIp[slot] = ip;
    }
    if (cluster === undefined) {
      counters.noRoute++;
      if (this.accessLog !== null) slotFlags[slot] = FLAG_NR;
      return -1;
    }
    if (cluster.active >= cluster.maxConnections) {
      counters.overflow++;
      cluster.overflows++;
      if (this.accessLog !== null) slotFlags[slot] = FLAG_UO;
      return -1;
    }
    cluster.active++;
    slotCluster[slot] = cluster;
    if (split !== null) this.addon.connSet(slot, cluster.nativeSlot, cluster.connectTimeoutMs, this.idleTimeoutMs >= 0 ? this.idleTimeoutMs : cluster.idleTimeoutMs);
    if (cluster.needsClientIp && slotIp[slot] === '') slotIp[slot] = normalizeIp(this.addon.peer(slot));
    return this.nextHost(slot, cluster);
  }

  /** Access-log state of a connection refused before any cluster was chosen. */
  private refusedSlot(slot: number, flag: number): void {
    slotRouted[slot] = null;
    slotLast[slot] = null;
    slotFlags[slot] = flag;
    slotStart[slot] = Date.now();
    slotPeer[slot] = formatPeer(this.addon.peer(slot, true));
    this.liveSlots?.add(slot);
  }

  /** Pick a host (one not yet tried in this connection when another exists) and attach it; its addon id, or -1. */
  private nextHost(slot: number, cluster: Cluster): number {
    const ip = slotIp[slot]!;
    const host = cluster.pickUntried(ip, slotTried[slot]!);
    if (host === undefined) {
      cluster.noHost++;
      this.counters.noHost++;
      if (this.accessLog !== null) slotFlags[slot]! |= slotAttempts[slot] === 0 ? FLAG_UH : FLAG_UF;
      return -1;
    }
    if (host.nativeId < 0) host.nativeId = nativeHostId(host.address, host.port);
    slotAttempts[slot]!++;
    slotHost[slot] = host;
    if (this.accessLog !== null) slotLast[slot] = host;
    cluster.attach(host, ip);
    return host.nativeId;
  }

  connected(slot: number): void {
    this.counters.established++;
    slotCluster[slot]!.reportSuccess(slotHost[slot]!);
  }

  connectFailed(slot: number, err: number): number {
    const cluster = slotCluster[slot]!;
    const host = slotHost[slot]!;
    slotHost[slot] = null;
    cluster.detach(host, slotIp[slot]!);
    cluster.reportFailure(host);
    if (this.logger.isLevelEnabled('debug')) {
      this.logger.debug({ cluster: cluster.name, endpoint: host.key, attempt: slotAttempts[slot], err: util.getSystemErrorName(err) }, 'upstream connect failed');
    }
    if (slotAttempts[slot]! < cluster.connectAttempts) {
      (slotTried[slot] ??= []).push(host);
      return this.nextHost(slot, cluster);
    }
    this.counters.connectFailed++;
    if (this.accessLog !== null) slotFlags[slot]! |= cluster.connectAttempts > 1 ? FLAG_UF | FLAG_URX : FLAG_UF;
    return -1;
  }

  closed(slot: number, reason: number): void {
    const cluster = slotCluster[slot];
    if (cluster !== null && cluster !== undefined) {
      cluster.active--;
      const host = slotHost[slot];
      if (host !== null && host !== undefined) cluster.detach(host, slotIp[slot]!);
    }
    slotCluster[slot] = null;
    slotHost[slot] = null;
    slotTried[slot] = null;
    if (reason === CLOSE_IDLE) this.counters.idleTimeouts++;
    else if (reason === CLOSE_MAX_DURATION) {
      this.counters.maxDuration++;
      if (this.accessLog !== null) slotFlags[slot]! |= FLAG_DT;
    }
    this.counters.active--;
    this.nativeLive--;
    // the addon put this connection's bytes and duration into connInfo just before the event
    this.counters.durations.observe(connInfo[INFO_DURATION_MS]!);
    if (this.accessLog !== null) {
      this.liveSlots?.delete(slot);
      this.logSlot(this.accessLog, slot, reason, false);
      slotRouted[slot] = null;
      slotLast[slot] = null;
    }
    this.checkDrained();
  }

  /** One access-log line for a native connection from its slot state and connInfo. */
  private logSlot(log: AccessLog, slot: number, reason: number, periodic: boolean): void {
    const r = log.begin();
    r.periodic = periodic;
    r.startMs = slotStart[slot]!;
    r.durationMs = connInfo[INFO_DURATION_MS]!;
    r.listener = this.name;
    r.cluster = slotRouted[slot]?.name ?? null;
    r.downstream = slotPeer[slot]!;
    r.upstream = slotLast[slot]?.key ?? null;
    r.bytesReceived = connInfo[INFO_BYTES_UP]!;
    r.bytesSent = connInfo[INFO_BYTES_DOWN]!;
    r.attempts = slotAttempts[slot]!;
    r.flags = slotFlags[slot]!;
    r.termination = slotTerm[slot] || terminationOf(reason, connInfo[INFO_FIRST_EOF]!);
    log.write(r);
  }

  /** `periodic` lines for open connections: handed-off (JS) ones and native ones. */
  override logOpen(log: AccessLog, now: number): void {
    super.logOpen(log, now);
    if (this.liveSlots === null) return;
    for (const slot of this.liveSlots) if (this.addon.connInfo(slot) === 0) this.logSlot(log, slot, 0, true);
  }

  /** accept() failed for lack of descriptors or memory; the addon pauses accepting for 100 ms. */
  acceptError(err: number): void {
    this.counters.acceptErrors++;
    const now = Date.now();
    // at most one log line per second per listener: this repeats while the condition lasts
    if (now - this.lastAcceptErrorLog >= 1000) {
      this.lastAcceptErrorLog = now;
      this.logger.warn({ err: util.getSystemErrorName(err), acceptErrors: this.counters.acceptErrors }, 'cannot accept connections: pausing accepts for 100 ms');
    }
  }

  /** An accepted socket for the JS path (protocol detection): wrap the descriptor. */
  handoff(fd: number): void {
    const socket = new net.Socket({ fd, allowHalfOpen: true, readable: true, writable: true, pauseOnCreate: true, readableHighWaterMark: 1, writableHighWaterMark: 1 } as net.SocketConstructorOpts);
    socket.setNoDelay(true);
    this.onConnection(socket);
  }
}

/** The access log's termination for the addon's close reason (and which side sent FIN first). */
function terminationOf(reason: number, firstEof: number): number {
  switch (reason) {
    case CLOSE_IDLE:
      return TERM_IDLE_TIMEOUT;
    case CLOSE_MAX_DURATION:
      return TERM_MAX_DURATION;
    case CLOSE_REFUSED:
    case CLOSE_FAILED:
    case CLOSE_RESET:
      return TERM_RESET;
    case CLOSE_DESTROYED:
      return TERM_DRAIN_TIMEOUT;
  }
  return firstEof === 2 ? TERM_UPSTREAM_CLOSE : TERM_DOWNSTREAM_CLOSE;
}
