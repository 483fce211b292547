import net, { type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { isTlsSocket, nodeTls } from '../tls/node-tls.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { Logger } from '../logger.js';
import { BULK_READ, giveBuffer, takeBuffer, useReadBuffer } from './read-buffers.js';
import { DurationHistogram } from '../duration-histogram.js';
import { encodeProxyHeader } from '../proxy-protocol/encoder.js';
import {
  FLAG_DT,
  FLAG_NR,
  FLAG_UF,
  FLAG_UH,
  FLAG_UO,
  FLAG_URX,
  TERM_DOWNSTREAM_CLOSE,
  TERM_DRAIN_TIMEOUT,
  TERM_IDLE_TIMEOUT,
  TERM_MAX_DURATION,
  TERM_RESET,
  TERM_UPSTREAM_CLOSE,
  raiseTermination,
} from '../access-log/record.js';
import type { InboundTls } from '../tls/inbound-tls.js';
import { skipHostnameCheck } from '../tls/upstream-tls.js';
import { identityOf } from '../tls/identity.js';
import { HS_SERVER_IDENTITY_MISMATCH, HS_SUCCESS, HS_TIMEOUT, handshakeResult, handshakeResultName } from '../tls/handshake-stats.js';

/** Per-listener counters the connections update (plain fields, rendered at scrape time). */
export class TcpListenerCounters {
  /** Accepted client connections (including ones closed at once). */
  accepted = 0;
  /** Live client connections (sniffing, connecting or piping). */
  active = 0;
  /** Closed at once because the cluster was at maxConnections. */
  overflow = 0;
  /** Closed because the cluster had no host. */
  noHost = 0;
  /** Closed because no cluster matched (SNI routing without a default). */
  noRoute = 0;
  /** Closed because every connect attempt failed. */
  connectFailed = 0;
  /** Closed by the idle timeout. */
  idleTimeouts = 0;
  /** Connections that reached an upstream. */
  established = 0;
  /** accept() failures for lack of descriptors or memory (native data path). */
  acceptErrors = 0;
  /** Closed at once by the listener's maxConnectionRate (flag RL). */
  rateLimited = 0;
  /** Closed on reaching the listener's maxConnectionDuration (flag DT). */
  maxDuration = 0;
  /** How long closed connections lasted (meshc_listener_connection_duration_seconds). */
  readonly durations = new DurationHistogram();
}

/** What a connection needs from the listener that accepted it. */
export interface TcpConnectionOwner {
  readonly logger: Logger;
  readonly counters: TcpListenerCounters;
  /** The listener's idle timeout override (Listener.idleTimeoutMs) in ms; -1 = the cluster's. */
  readonly idleTimeoutMs: number;
  /** Handshake counters and the rate-limited refusal log (also for upstream handshakes). */
  readonly security: InboundTls;
  /** Called exactly once per connection, when both sockets are closed and accounting is done. */
  connectionClosed(c: TcpConnection): void;
}

const noop = (): void => {};

/** The TcpConnection a socket belongs to: lets handlers be shared functions instead of per-connection closures. */
const kConn = Symbol('meshc.conn');
type ConnSocket = Socket & { [kConn]: TcpConnection };
const connOf = (s: Socket): TcpConnection => (s as ConnSocket)[kConn];

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) -> `10.0.0.1`. */
export function normalizeIp(ip: string | undefined): string {
  if (ip === undefined) return '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

/**
 * One proxied TCP connection (Envoy: tcp_proxy filter instance): picks a host, connects with
 * connectTimeout and connectAttempts, then copies bytes both ways.
 *
 * - Half-close: both sockets are `allowHalfOpen`; a FIN read from one side is forwarded with
 *   `end()` on the other, and the opposite direction keeps flowing until it ends too. Sockets
 *   close (autoDestroy) once both directions are done; an error on either resets the other.
 * - Backpressure: both sockets have a writable highWaterMark of 1, so `write()` returns false
 *   exactly when the kernel did not take the whole chunk; the source then stops reading until
 *   the destination's 'drain'. At most one chunk per direction waits in user space.
 * - Bulk flows switch to a reused read buffer (read-buffers.ts); the rule above is what makes the
 *   reuse safe: no read happens while a write from that buffer is pending.
 * - Idle timeout: every chunk stamps `lastActive`; the listener sweeps its connections on a
 *   coarse timer (no per-chunk timer refresh, which Node's socket.setTimeout costs).
 * - Failure to reach any host, no host, overflow and no route close the client with a TCP RST
 *   (`resetAndDestroy`), so clients fail fast with ECONNRESET instead of seeing a clean EOF.
 *
 * The client socket arrives paused (`pauseOnConnect`), so nothing is read before an upstream is
 * connected. Socket handlers are shared module functions that find the connection through a
 * symbol on the socket: nothing is allocated per connection beyond this object and the sockets.
 */
export class TcpConnection {
  /** The client's address once asked for (getpeername is a syscall; most clusters never need it). */
  private ip: string | null = null;
  /** The client's port once asked for, -1 before. */
  private port = -1;
  cluster: Cluster | null = null;
  upstream: Socket | null = null;
  host: Host | null = null;
  /** Epoch ms of the last byte read from either side (idle timeout). */
  lastActive = 0;
  /** Idle timeout in force for this connection (ms, 0 = none); set once connected. */
  idleMs = 0;
  /** Epoch ms at which the listener's maxConnectionDuration closes it; 0 = never. */
  deadline = 0;
  /** Bytes read while sniffing that must reach the upstream first. */
  private head: Buffer | null = null;
  /** Connect attempts made. */
  attempts = 0;
  /** Epoch ms of accept (duration metric, access log). */
  readonly start = Date.now();
  /** Bytes read from the client / from the upstream. */
  bytesIn = 0;
  bytesOut = 0;
  /** Access-log response flags (FLAG_*) and termination (TERM_*), see access-log/record.ts. */
  flags = 0;
  term = 0;
  /** The cluster the connection was routed to (also when it was refused), and the last host tried. */
  routed: Cluster | null = null;
  lastTried: Host | null = null;
  /** The client's `ip:port`, taken at accept when the access log is on. */
  peer = '';
  /** What protocol detection found (listeners that detect), for the access log. */
  protocol: string | null = null;
  sni: string | null = null;
  /** The peer's TLS identity once a terminated handshake verified it (access log). */
  identity: string | null = null;
  /** While the inbound handshake runs: the key InboundTls finds this connection by. */
  tlsKey: string | null = null;
  /** A side speaks TLS: no user read buffers (TLS sockets read through their own wrap). */
  private secure = false;
  private tried: Host[] | null = null;
  connected = false;
  private clientEnded = false;
  private upstreamEnded = false;
  private clientClosed = false;
  private upstreamClosed = true;
  private finished = false;
  /** Reading the client's first chunk while the upstream connects (Cluster.proxyProtocol, see dispatch). */
  private earlyRead = false;
  /** Reused read buffers (client->upstream, upstream->client), taken when the flow turns bulk. */
  private upBuf: Buffer | null = null;
  private downBuf: Buffer | null = null;

  constructor(
    public client: Socket,
    private readonly owner: TcpConnectionOwner,
  ) {
    owner.counters.active++;
    (client as ConnSocket)[kConn] = this;
    client.on('error', onClientError);
    client.on('close', onClientClose);
  }

  /**
   * The client's IP (IPv4-mapped addresses unwrapped): the source address of an accepted PROXY
   * protocol header (`setClientAddress`), else the socket's peer, read on first use. Everything
   * that judges the client reads this: affinity and hash balancers, authorization `sources`.
   */
  get clientIp(): string {
    return (this.ip ??= normalizeIp(this.client.remoteAddress));
  }

  /** The client's port, from the same source as `clientIp`. */
  get clientPort(): number {
    if (this.port < 0) this.port = this.client.remotePort ?? 0;
    return this.port;
  }

  /** The original client's address, as an inbound PROXY protocol header carried it (before dispatch). */
  setClientAddress(ip: string, port: number): void {
    this.ip = normalizeIp(ip);
    this.port = port;
  }

  /** The IP a cluster decision needs: the client's for affinity and hash balancers, else none. */
  private ipFor(cluster: Cluster): string {
    if (this.ip !== null) return this.ip;
    return cluster.needsClientIp ? this.clientIp : '';
  }

  /** Start proxying to `cluster` (after detection, if any); `head` goes upstream first. */
  dispatch(cluster: Cluster | undefined, head: Buffer | null): void {
    if (this.clientClosed) return;
    const c = this.owner.counters;
    if (cluster === undefined) {
      c.noRoute++;
      this.flags |= FLAG_NR;
      this.reset();
      return;
    }
    this.routed = cluster;
    if (cluster.active >= cluster.maxConnections) {
      c.overflow++;
      this.flags |= FLAG_UO;
      cluster.overflows++;
      this.reset();
      return;
    }
    this.cluster = cluster;
    cluster.active++;
    if (head !== null && head.length > 0) this.head = head;
    else if (cluster.config.proxyProtocol !== undefined) {
      // read one chunk (usually already in the kernel) while connecting, so that it can share the
      // PROXY header's segment; at most one chunk waits, and nothing more is read until connected
      this.earlyRead = true;
      this.client.on('data', onEarlyData);
      this.client.resume();
    }
    this.connectNext();
  }

  /** Close the client at once with an RST, before any upstream is tried, with access-log `flag` (e.g. rate limited). */
  refuseWithFlag(flag: number): void {
    this.flags |= flag;
    this.reset();
  }

  /** Close both sides now (drain timeout, listener destroyed; `why` for the access log). */
  destroy(why = TERM_DRAIN_TIMEOUT): void {
    this.term = raiseTermination(this.term, why);
    if (!this.client.destroyed) this.client.destroy();
    if (this.upstream !== null && !this.upstream.destroyed) this.upstream.destroy();
  }

  /**
   * Continue on the TLS socket that wraps the accepted one (inbound termination): its events
   * replace the raw socket's, which closes when the TLS socket does.
   */
  upgrade(s: TLSSocket): void {
    const raw = this.client;
    raw.off('error', onClientError);
    raw.off('close', onClientClose);
    raw.on('error', noop);
    (s as unknown as ConnSocket)[kConn] = this;
    s.on('error', onClientError);
    s.on('close', onClientClose);
    this.client = s;
    this.secure = true;
  }

  /** Close the client before anything was connected upstream (TLS failure, authorization). */
  refuse(why: number): void {
    this.term = raiseTermination(this.term, why);
    if (!this.client.destroyed) this.client.destroy();
  }

  /**
   * Called by the listener's sweep: fail a connect attempt older than the cluster's
   * connectTimeout, close the connection if no byte moved for `idleMs`. A coarse sweep instead of
   * a timer per connect attempt (arming and clearing one costs more than the check).
   */
  checkIdle(now: number): void {
    if (this.deadline > 0 && now >= this.deadline) {
      this.deadline = 0;
      this.owner.counters.maxDuration++;
      this.flags |= FLAG_DT;
      this.destroy(TERM_MAX_DURATION);
      return;
    }
    if (!this.connected) {
      const cluster = this.cluster;
      if (this.upstream !== null && cluster !== null && now - this.lastActive >= cluster.connectTimeoutMs) this.connectFailed(null);
      return;
    }
    if (this.idleMs > 0 && this.connected && !this.finished && !this.clientClosed && now - this.lastActive >= this.idleMs) {
      this.owner.counters.idleTimeouts++;
      if (this.owner.logger.isLevelEnabled('debug')) this.owner.logger.debug({ cluster: this.cluster!.name, client: this.clientIp }, 'idle timeout');
      this.destroy(TERM_IDLE_TIMEOUT);
    }
  }

  /** Close the client with an RST (no upstream to give it). */
  private reset(): void {
    this.term = raiseTermination(this.term, TERM_RESET);
    if (!this.client.destroyed) resetSocket(this.client);
  }

  private connectNext(): void {
    const cluster = this.cluster!;
    const host = cluster.pickUntried(this.ipFor(cluster), this.tried);
    if (host === undefined) {
      cluster.noHost++;
      this.owner.counters.noHost++;
      this.flags |= this.attempts === 0 ? FLAG_UH : FLAG_UF;
      this.reset();
      return;
    }
    this.attempts++;
    this.host = host;
    this.lastTried = host;
    cluster.attach(host, this.ipFor(cluster));
    const origin = cluster.origin;
    let up: Socket;
    if (origin === null) {
      up = net.connect({ host: host.address, port: host.port, allowHalfOpen: true, noDelay: true, writableHighWaterMark: 1 } as net.NetConnectOpts);
      // 'connect' fires once per socket; on() spares the wrapper once() allocates
      up.on('connect', onConnect);
    } else {
      // mutual TLS origination: the chain is verified by OpenSSL (rejectUnauthorized), the
      // server's identity by secureConnected() on every connection; never a resumed session
      this.secure = true;
      up = nodeTls().connect({
        host: host.address,
        port: host.port,
        secureContext: origin.workload.material.clientContext,
        rejectUnauthorized: true,
        checkServerIdentity: skipHostnameCheck,
        allowHalfOpen: true,
        noDelay: true,
        ...(origin.servername !== undefined ? { servername: origin.servername } : {}),
      } as ConnectionOptions);
      up.on('secureConnect', onSecureConnect);
    }
    (up as ConnSocket)[kConn] = this;
    this.upstream = up;
    this.upstreamClosed = false;
    // the connect timeout (TCP connect and, for TLS, the handshake): the listener's sweep
    // compares this with cluster.connectTimeoutMs
    this.lastActive = Date.now();
    up.on('error', onUpstreamError);
    up.on('close', onUpstreamClose);
  }

  /**
   * The upstream TLS handshake finished with a chain that verifies: check the server's identity
   * against serverIdentities. A mismatch is a failed connect attempt (Envoy: a TLS failure is an
   * upstream connect failure, UF): the next endpoint is tried while attempts remain, and nothing
   * of the client's has been forwarded.
   */
  secureConnected(): void {
    const up = this.upstream as TLSSocket;
    const cluster = this.cluster!;
    const identity = identityOf(up.getPeerX509Certificate());
    if (cluster.origin === null || !cluster.origin.serverIdentities.matches(identity)) {
      this.owner.security.stats.record(HS_SERVER_IDENTITY_MISMATCH);
      this.owner.security.denials.note('server_identity_mismatch', { cluster: cluster.name, endpoint: this.host!.key, peer: identity }, 'upstream tls: server identity not allowed');
      this.connectFailed(new Error(`server identity ${identity ?? '(none)'} is not allowed`), true);
      return;
    }
    this.owner.security.stats.record(HS_SUCCESS);
    this.onConnected();
  }

  /** A connect attempt failed: account it, then try another host or give up. */
  connectFailed(err: Error | null, counted = false): void {
    const cluster = this.cluster!;
    const host = this.host!;
    const up = this.upstream!;
    // a TLS upstream whose TCP connect succeeded failed in its handshake: count why
    if (!counted && cluster.origin !== null && !up.connecting && (err as NodeJS.ErrnoException | null)?.syscall !== 'connect') {
      const result = err === null ? HS_TIMEOUT : handshakeResult((err as NodeJS.ErrnoException).code);
      this.owner.security.stats.record(result);
      this.owner.security.denials.note(handshakeResultName(result), { cluster: cluster.name, endpoint: host.key, error: err?.message ?? 'handshake timeout' }, 'upstream tls handshake failed');
    }
    up.removeAllListeners();
    up.on('error', noop);
    up.destroy();
    this.upstream = null;
    this.upstreamClosed = true;
    this.host = null;
    cluster.detach(host, this.ipFor(cluster));
    cluster.reportFailure(host);
    if (this.owner.logger.isLevelEnabled('debug')) {
      this.owner.logger.debug({ cluster: cluster.name, endpoint: host.key, attempt: this.attempts, err: err?.message ?? 'connect timeout' }, 'upstream connect failed');
    }
    if (this.clientClosed) {
      this.maybeFinish();
      return;
    }
    if (this.attempts < cluster.connectAttempts) {
      (this.tried ??= []).push(host);
      this.connectNext();
      return;
    }
    this.owner.counters.connectFailed++;
    this.flags |= cluster.connectAttempts > 1 ? FLAG_UF | FLAG_URX : FLAG_UF;
    this.reset();
  }

  /** The upstream is connected: flush the sniffed head, then let bytes flow both ways. */
  onConnected(): void {
    const up = this.upstream!;
    const client = this.client;
    const cluster = this.cluster!;
    this.connected = true;
    this.owner.counters.established++;
    cluster.reportSuccess(this.host!);
    if (this.clientClosed) {
      up.destroy();
      return;
    }
    const idle = this.owner.idleTimeoutMs;
    this.idleMs = idle >= 0 ? idle : cluster.idleTimeoutMs;
    this.lastActive = Date.now();
    up.on('data', onUpstreamData);
    up.on('end', onUpstreamEnd);
    up.on('drain', onUpstreamDrain);
    client.on('data', onClientData);
    client.on('end', onClientEnd);
    client.on('drain', onClientDrain);
    // Cluster.proxyProtocol: the header goes first, now, even if the client has sent nothing
    // (server-first protocols). It is not the client's (no byte counter sees it), and at most 107
    // bytes on a fresh socket need no backpressure. The client's first chunk, read while
    // connecting (dispatch), leaves in the same write.
    const pp = cluster.config.proxyProtocol;
    if (pp !== undefined) {
      if (this.earlyRead) {
        this.earlyRead = false;
        client.pause();
        client.off('data', onEarlyData);
      }
      if (this.head !== null) up.cork();
      up.write(encodeProxyHeader(pp, this.clientIp, this.clientPort, normalizeIp(client.localAddress), client.localPort ?? 0));
    }
    if (this.head !== null) {
      cluster.bytesUp += this.head.length;
      this.bytesIn += this.head.length;
      const more = up.write(this.head);
      if (pp !== undefined) up.uncork();
      this.head = null;
      // the client stays paused until the head is in the kernel ('drain' resumes it)
      if (!more) {
        if (client.readableEnded) this.endUpstream();
        return;
      }
    }
    // a FIN that arrived during protocol detection was emitted then; pass it on now
    if (client.readableEnded) this.endUpstream();
    else client.resume();
  }

  /** The client's first chunk arrived before the upstream connected: it becomes the head. */
  earlyChunk(chunk: Buffer): void {
    this.earlyRead = false;
    this.client.pause();
    this.client.off('data', onEarlyData);
    this.head = chunk;
  }

  // ---- data path: shared handlers (this = the socket), nothing allocated per chunk ----

  /** Client -> upstream, default ('data') mode. */
  forwardUp(chunk: Buffer): void {
    this.lastActive = Date.now();
    this.cluster!.bytesUp += chunk.length;
    this.bytesIn += chunk.length;
    const client = this.client;
    if (!this.upstream!.write(chunk)) client.pause();
    else if (chunk.length >= BULK_READ && this.upBuf === null && !this.secure) {
      const b = takeBuffer();
      if (useReadBuffer(client, b, onClientChunk)) this.upBuf = b;
      else giveBuffer(b);
    }
  }

  /** Upstream -> client, default ('data') mode. */
  forwardDown(chunk: Buffer): void {
    this.lastActive = Date.now();
    this.cluster!.bytesDown += chunk.length;
    this.bytesOut += chunk.length;
    const up = this.upstream!;
    if (!this.client.write(chunk)) up.pause();
    else if (chunk.length >= BULK_READ && this.downBuf === null && !this.secure) {
      const b = takeBuffer();
      if (useReadBuffer(up, b, onUpstreamChunk)) this.downBuf = b;
      else giveBuffer(b);
    }
  }

  endUpstream(): void {
    this.clientEnded = true;
    this.term = raiseTermination(this.term, TERM_DOWNSTREAM_CLOSE);
    const up = this.upstream!;
    // the upstream's FIN was already read and every byte for it is in the kernel: close() sends
    // our FIN after those bytes, as shutdown() would, without the shutdown round trip
    if (this.upstreamEnded && up.writableLength === 0) up.destroy();
    else up.end();
  }

  endClient(): void {
    this.upstreamEnded = true;
    this.term = raiseTermination(this.term, TERM_UPSTREAM_CLOSE);
    const client = this.client;
    if (this.clientEnded && client.writableLength === 0) client.destroy();
    else client.end();
  }

  resumeClient(): void {
    if (!this.clientEnded) this.client.resume();
  }

  resumeUpstream(): void {
    if (!this.upstreamEnded) this.upstream!.resume();
  }

  // ---- teardown ----

  clientError(): void {
    this.term = raiseTermination(this.term, TERM_RESET);
    // an RST from the client is passed on as an RST to the upstream
    const up = this.upstream;
    if (up !== null && this.connected && !up.destroyed) resetSocket(up);
  }

  upstreamError(err: Error): void {
    if (!this.connected) {
      this.connectFailed(err);
      return;
    }
    this.term = raiseTermination(this.term, TERM_RESET);
    if (!this.client.destroyed) resetSocket(this.client);
  }

  clientClose(): void {
    this.clientClosed = true;
    this.term = raiseTermination(this.term, TERM_DOWNSTREAM_CLOSE);
    const up = this.upstream;
    if (up !== null && !up.destroyed) {
      if (!this.connected || !(this.clientEnded && this.upstreamEnded)) up.destroy();
      else if (this.idleMs > 0) {
        // both directions ended; the upstream only flushes its last bytes. Keep a deadline on it.
        up.setTimeout(this.idleMs);
        up.on('timeout', onFlushTimeout);
      }
    }
    this.maybeFinish();
  }

  upstreamClose(): void {
    this.upstreamClosed = true;
    this.term = raiseTermination(this.term, TERM_UPSTREAM_CLOSE);
    if (!this.clientClosed && !(this.clientEnded && this.upstreamEnded)) this.client.destroy();
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.finished || !this.clientClosed || !this.upstreamClosed) return;
    this.finished = true;
    // both handles are closed, so no read into and no pending write from these buffers remains
    if (this.upBuf !== null) giveBuffer(this.upBuf);
    if (this.downBuf !== null) giveBuffer(this.downBuf);
    this.upBuf = this.downBuf = null;
    const cluster = this.cluster;
    if (cluster !== null) {
      cluster.active--;
      if (this.host !== null) {
        cluster.detach(this.host, this.ipFor(cluster));
        this.host = null;
      }
    }
    this.owner.counters.active--;
    this.owner.connectionClosed(this);
  }
}

function onConnect(this: Socket): void {
  connOf(this).onConnected();
}

function onSecureConnect(this: Socket): void {
  connOf(this).secureConnected();
}

/** Close with an RST; a TLS socket (whose handle is no TCP handle) just closes. */
function resetSocket(s: Socket): void {
  if (isTlsSocket(s)) s.destroy();
  else s.resetAndDestroy();
}

function onClientData(this: Socket, chunk: Buffer): void {
  connOf(this).forwardUp(chunk);
}

function onEarlyData(this: Socket, chunk: Buffer): void {
  connOf(this).earlyChunk(chunk);
}

function onUpstreamData(this: Socket, chunk: Buffer): void {
  connOf(this).forwardDown(chunk);
}

/** Client -> upstream in user-buffer mode; false stops reading until the upstream drains. */
function onClientChunk(this: Socket, n: number, buf: Buffer): boolean {
  const c = connOf(this);
  c.lastActive = Date.now();
  c.cluster!.bytesUp += n;
  c.bytesIn += n;
  return c.upstream!.write(buf.subarray(0, n));
}

/** Upstream -> client in user-buffer mode. */
function onUpstreamChunk(this: Socket, n: number, buf: Buffer): boolean {
  const c = connOf(this);
  c.lastActive = Date.now();
  c.cluster!.bytesDown += n;
  c.bytesOut += n;
  return c.client.write(buf.subarray(0, n));
}

function onUpstreamDrain(this: Socket): void {
  connOf(this).resumeClient();
}

function onClientDrain(this: Socket): void {
  connOf(this).resumeUpstream();
}

function onClientEnd(this: Socket): void {
  connOf(this).endUpstream();
}

function onUpstreamEnd(this: Socket): void {
  connOf(this).endClient();
}

function onClientError(this: Socket): void {
  connOf(this).clientError();
}

function onUpstreamError(this: Socket, err: Error): void {
  const c = connOf(this);
  // a failed attempt's socket was detached (its listeners removed) before a retry replaced it
  if (c.upstream === this) c.upstreamError(err);
}

function onClientClose(this: Socket): void {
  connOf(this).clientClose();
}

function onUpstreamClose(this: Socket): void {
  const c = connOf(this);
  if (c.upstream === this) c.upstreamClose();
}

function onFlushTimeout(this: Socket): void {
  this.destroy();
}
