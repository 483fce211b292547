import dgram from 'node:dgram';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { WheelEntry } from './udp-idle-wheel.js';
import type { UdpStats } from './udp-stats.js';

/** Datagrams held per session while its upstream socket is still connecting. */
export const MAX_PENDING = 16;

/** Why a session ended (label of meshc_udp_sessions_closed_total). */
export type CloseReason = 'idle' | 'error' | 'drain' | 'shutdown' | 'max_duration';

/** What a session needs from the listener that created it. */
export interface UdpSessionOwner {
  /** The listener's own socket: replies leave from it so their source is the listener address. */
  readonly socket: dgram.Socket;
  readonly stats: UdpStats;
  /** Coarse clock (ms) shared with the idle wheel, and its tick (the clock's resolution). */
  readonly wheel: { readonly now: number; readonly tick: number };
  /** Called exactly once when the session ends. */
  sessionClosed(session: UdpSession, reason: CloseReason): void;
}

/** ICMP-derived errors that mean the endpoint is unreachable: they count toward outlier detection. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ECONNRESET']);

/** Resolves nothing: hosts are IP literals, and this avoids dns.lookup's extra tick per send. */
export function literalLookup(address: string, family: unknown, cb: (err: Error | null, address: string, family: number) => void): void {
  cb(null, address, address.includes(':') ? 6 : 4);
}

/**
 * One client address+port <-> one host (Envoy's UDP session). The upstream socket is connected,
 * so the kernel filters replies to that host and reports ICMP port-unreachable as an error on
 * it; that ends the session and counts a failure for the host. Replies go back through the
 * listener's socket. Datagrams that arrive while the connect is in progress are queued (bounded).
 */
export class UdpSession implements WheelEntry {
  lastActive = 0;
  wheelSlot = -1;
  /** Epoch ms of the session's first datagram (duration metric, access log). */
  readonly start = Date.now();
  /** Payload bytes from the client / from the host. */
  bytesIn = 0;
  bytesOut = 0;
  /** The listener's idle timeout override (Listener.idleTimeoutMs), -1 = the cluster's. */
  idleOverrideMs = -1;
  /** Epoch ms of the listener's maxConnectionDuration for this session; 0 = none. */
  deadline = 0;
  /** Non-null while connecting: datagrams waiting for the connect to finish. */
  private pending: Buffer[] | null = [];
  private closed = false;
  private replied = false;
  /** Coarse time of the host's latest reply (see `forward`). */
  private replyAt = Number.NEGATIVE_INFINITY;
  /** Coarse time of the latest reply to the client sent with a completion callback (see `reply`). */
  private downCheckAt = Number.NEGATIVE_INFINITY;
  /** The latest checked reply to the client failed: check every one until one succeeds. */
  private downFailing = false;
  private readonly upstream: dgram.Socket;
  /** Completion of sends to the host (one closure per session, not per datagram). */
  private readonly sent: (err: Error | null) => void;
  /** Completion of checked replies to the client. */
  private readonly downSent: (err: Error | null) => void;

  constructor(
    private readonly owner: UdpSessionOwner,
    readonly key: string,
    readonly clientAddress: string,
    readonly clientPort: number,
    readonly cluster: Cluster,
    readonly host: Host,
  ) {
    const sock = dgram.createSocket({ type: host.address.includes(':') ? 'udp6' : 'udp4', lookup: literalLookup });
    this.upstream = sock;
    this.sent = (err) => {
      if (err === null) return;
      this.owner.stats.dropSendError++;
      // a pending ICMP error may surface on send instead of recv: same meaning
      if (UNREACHABLE.has((err as NodeJS.ErrnoException).code ?? '')) this.failed(err);
    };
    this.downSent = (err) => {
      this.downFailing = err !== null;
      if (err !== null) this.owner.stats.dropSendError++;
    };
    sock.on('message', (msg: Buffer) => this.reply(msg));
    sock.on('error', (err: NodeJS.ErrnoException) => this.failed(err));
    sock.connect(host.port, host.address, () => this.connected());
  }

  /**
   * What the idle wheel waits for after the last activity: the idle timeout (the listener's
   * override, else the cluster's, which a reload may change; 0 = none), cut short by the max
   * duration deadline, so one wheel serves both (`expiredBy` tells them apart).
   */
  get idleMs(): number {
    const o = this.idleOverrideMs;
    const idle = o >= 0 ? o : this.cluster.idleTimeoutMs;
    const limit = idle > 0 ? idle : Infinity;
    return this.deadline === 0 ? limit : Math.min(limit, this.deadline - this.lastActive);
  }

  /** Why the idle wheel expired this session at `now`. */
  expiredBy(now: number): CloseReason {
    return this.deadline !== 0 && now >= this.deadline ? 'max_duration' : 'idle';
  }

  /**
   * Forward one client datagram to the host. A completion callback costs a nextTick and an extra
   * JS entry per datagram, so it is left out while the host is answering (a reply within the last
   * tick or so): its path is proven, and an ICMP error still ends the session through the
   * socket's 'error' event. New, one-way and silent sessions keep the callback, so an error that
   * the kernel reports on send (a pending ICMP error, EPERM, ENOBUFS) is counted and acted on.
   */
  forward(msg: Buffer): void {
    const wheel = this.owner.wheel;
    const now = wheel.now;
    this.lastActive = now;
    const stats = this.owner.stats;
    if (this.pending === null) {
      if (now - this.replyAt <= wheel.tick) this.upstream.send(msg);
      else this.upstream.send(msg, this.sent);
    } else if (this.pending.length < MAX_PENDING) this.pending.push(msg);
    else {
      stats.dropQueueFull++;
      return;
    }
    stats.datagramsUp++;
    stats.bytesUp += msg.length;
    this.bytesIn += msg.length;
    this.cluster.bytesUp += msg.length;
  }

  /** End the session now: close the upstream socket and tell the owner. Idempotent. */
  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    // a session that idled out without an ICMP error reached a live port: one-way protocols
    // (syslog, statsd) never reply, so this is their only success signal for outlier detection
    if (reason === 'idle' && !this.replied) this.cluster.reportSuccess(this.host);
    try {
      this.upstream.close();
    } catch {
      // already closed by Node after a fatal error
    }
    this.owner.sessionClosed(this, reason);
  }

  private connected(): void {
    if (this.closed) return;
    const q = this.pending!;
    this.pending = null;
    for (const msg of q) this.upstream.send(msg, this.sent);
  }

  private reply(msg: Buffer): void {
    if (this.closed) return;
    const now = this.owner.wheel.now;
    this.lastActive = now;
    this.replyAt = now;
    if (!this.replied) {
      this.replied = true;
      this.cluster.reportSuccess(this.host);
    }
    // Node reports a failed send only to a completion callback, and that costs a nextTick and an
    // extra JS entry per datagram. The listener socket is unconnected, so no ICMP error reaches
    // it; what the kernel can refuse (a netfilter EPERM, no route) persists. So one reply per
    // session and clock tick is checked, and every reply while checks fail: a persistent error
    // is counted from at most a tick after it starts, and a busy session pays one tick per tick.
    const o = this.owner;
    if (this.downFailing || now !== this.downCheckAt) {
      this.downCheckAt = now;
      o.socket.send(msg, this.clientPort, this.clientAddress, this.downSent);
    } else o.socket.send(msg, this.clientPort, this.clientAddress);
    o.stats.datagramsDown++;
    o.stats.bytesDown += msg.length;
    this.bytesOut += msg.length;
    this.cluster.bytesDown += msg.length;
  }

  private failed(err: NodeJS.ErrnoException): void {
    if (this.closed) return;
    this.owner.stats.upstreamErrors++;
    // ICMP unreachable (or a failed connect) says the endpoint is not there: outlier detection
    if (err.syscall === 'connect' || (err.code !== undefined && UNREACHABLE.has(err.code))) this.cluster.reportFailure(this.host);
    this.close('error');
  }
}
