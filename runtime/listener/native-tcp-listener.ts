import cluster from 'node:cluster';
import net from 'node:net';
import util from 'node:util';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import { MeshcError } from '../errors.js';
import { normalizeIp } from '../proxy/tcp-proxy.js';
import {
  CLOSE_IDLE,
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

/** Node's default listen backlog, as net.Server uses. */
const BACKLOG = 511;

// Per-connection state by the addon's connection slot: parallel arrays instead of an object per
// connection (a slot is reused only after its EV_CLOSED).
const slotCluster: (Cluster | null)[] = [];
const slotHost: (Host | null)[] = [];
const slotIp: string[] = [];
const slotAttempts: number[] = [];
const slotTried: (Host[] | null)[] = [];

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

  protected override configure(config: ListenerConfig, resolve: ClusterResolver): void {
    super.configure(config, resolve);
    // called by the base constructor before this class's fields exist: lid is undefined then
    if (this.lid >= 0) this.push();
  }

  /** Hands the addon the settings new connections get. */
  private push(): void {
    const c = this.cluster;
    const handoff = this.detectionTimeoutMs > 0 || c === undefined;
    if (c !== undefined && c.nativeSlot < 0) c.nativeSlot = allocCounterSlot();
    this.addon.configure(this.lid, handoff ? MODE_HANDOFF : MODE_PROXY, c?.connectTimeoutMs ?? 0, c?.idleTimeoutMs ?? 0, c?.nativeSlot ?? -1);
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
    const cluster = this.cluster;
    if (cluster === undefined) {
      counters.noRoute++;
      return -1;
    }
    if (cluster.active >= cluster.maxConnections) {
      counters.overflow++;
      cluster.overflows++;
      return -1;
    }
    cluster.active++;
    slotCluster[slot] = cluster;
    if (cluster.needsClientIp) slotIp[slot] = normalizeIp(this.addon.peer(slot));
    return this.nextHost(slot, cluster);
  }

  /** Pick a host (one not yet tried in this connection when another exists) and attach it; its addon id, or -1. */
  private nextHost(slot: number, cluster: Cluster): number {
    const ip = slotIp[slot]!;
    const host = cluster.pickUntried(ip, slotTried[slot]!);
    if (host === undefined) {
      cluster.noHost++;
      this.counters.noHost++;
      return -1;
    }
    if (host.nativeId < 0) host.nativeId = nativeHostId(host.address, host.port);
    slotAttempts[slot]!++;
    slotHost[slot] = host;
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
    this.counters.active--;
    this.nativeLive--;
    this.checkDrained();
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
