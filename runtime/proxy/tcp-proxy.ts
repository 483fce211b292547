import net, { type Socket } from 'node:net';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { Logger } from '../logger.js';

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
}

/** What a connection needs from the listener that accepted it. */
export interface TcpConnectionOwner {
  readonly logger: Logger;
  readonly counters: TcpListenerCounters;
  /** Called exactly once per connection, when both sockets are closed and accounting is done. */
  connectionClosed(c: TcpConnection): void;
}

const noop = (): void => {};

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
 * - Backpressure: when `write()` returns false the source is paused until the destination
 *   emits 'drain', so at most a socket's highWaterMark is buffered per direction.
 * - Idle timeout: a timer on the client socket; every byte in either direction is read from or
 *   written to the client, so it measures "no bytes either way".
 * - Failure to reach any host, no host, overflow and no route close the client with a TCP RST
 *   (`resetAndDestroy`), so clients fail fast with ECONNRESET instead of seeing a clean EOF.
 *
 * The client socket arrives paused (`pauseOnConnect`), so nothing is read before an upstream is
 * connected; handlers are created once per connection, never per chunk.
 */
export class TcpConnection {
  readonly clientIp: string;
  cluster: Cluster | null = null;
  upstream: Socket | null = null;
  host: Host | null = null;
  /** Bytes read while sniffing that must reach the upstream first. */
  private head: Buffer | null = null;
  private attempts = 0;
  private tried: Host[] | null = null;
  private connected = false;
  private clientEnded = false;
  private upstreamEnded = false;
  private clientClosed = false;
  private upstreamClosed = true;
  private finished = false;

  constructor(
    readonly client: Socket,
    private readonly owner: TcpConnectionOwner,
  ) {
    this.clientIp = normalizeIp(client.remoteAddress);
    owner.counters.active++;
    client.on('error', this.onClientError);
    client.on('close', this.onClientClose);
  }

  /** Start proxying to `cluster` (after detection, if any); `head` goes upstream first. */
  dispatch(cluster: Cluster | undefined, head: Buffer | null): void {
    if (this.clientClosed) return;
    const c = this.owner.counters;
    if (cluster === undefined) {
      c.noRoute++;
      this.reset();
      return;
    }
    if (cluster.active >= cluster.maxConnections) {
      c.overflow++;
      cluster.overflows++;
      this.reset();
      return;
    }
    this.cluster = cluster;
    cluster.active++;
    if (head !== null && head.length > 0) this.head = head;
    this.connectNext();
  }

  /** Close both sides now (drain timeout, listener destroyed). */
  destroy(): void {
    if (!this.client.destroyed) this.client.destroy();
    if (this.upstream !== null && !this.upstream.destroyed) this.upstream.destroy();
  }

  /** Close the client with an RST (no upstream to give it). */
  private reset(): void {
    if (!this.client.destroyed) this.client.resetAndDestroy();
  }

  /** Pick a host not yet tried in this connection when another one exists. */
  private pickHost(cluster: Cluster): Host | undefined {
    let host = cluster.pick(this.clientIp);
    const tried = this.tried;
    if (host === undefined || tried === null || !tried.includes(host)) return host;
    // a retry: the balancer (or affinity, or the hash) gave a host that already failed
    for (let i = 0; i < cluster.hosts.length; i++) {
      const h = cluster.pick(this.clientIp);
      if (h !== undefined && !tried.includes(h)) return h;
    }
    for (const h of cluster.hosts) if (h.available && !tried.includes(h)) return h;
    return host;
  }

  private connectNext(): void {
    const cluster = this.cluster!;
    const host = this.pickHost(cluster);
    if (host === undefined) {
      cluster.noHost++;
      this.owner.counters.noHost++;
      this.reset();
      return;
    }
    this.attempts++;
    this.host = host;
    cluster.attach(host, this.clientIp);
    const up = net.connect({ host: host.address, port: host.port, allowHalfOpen: true, noDelay: true });
    this.upstream = up;
    this.upstreamClosed = false;
    up.setTimeout(cluster.connectTimeoutMs);
    up.on('timeout', this.onConnectTimeout);
    up.on('error', this.onUpstreamError);
    up.on('close', this.onUpstreamClose);
    up.once('connect', this.onConnect);
  }

  /** A connect attempt failed: account it, then try another host or give up. */
  private connectFailed(err: Error | null): void {
    const cluster = this.cluster!;
    const host = this.host!;
    const up = this.upstream!;
    up.removeAllListeners();
    up.on('error', noop);
    up.destroy();
    this.upstream = null;
    this.upstreamClosed = true;
    this.host = null;
    cluster.detach(host, this.clientIp);
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
    this.reset();
  }

  private readonly onConnectTimeout = (): void => {
    if (!this.connected) this.connectFailed(null);
  };

  private readonly onConnect = (): void => {
    const up = this.upstream!;
    const client = this.client;
    const cluster = this.cluster!;
    this.connected = true;
    this.owner.counters.established++;
    cluster.reportSuccess(this.host!);
    up.setTimeout(0);
    up.off('timeout', this.onConnectTimeout);
    if (this.clientClosed) {
      up.destroy();
      return;
    }
    if (this.head !== null) {
      cluster.bytesUp += this.head.length;
      up.write(this.head);
      this.head = null;
    }
    up.on('data', this.onUpstreamData);
    up.on('end', this.onUpstreamEnd);
    up.on('drain', this.onUpstreamDrain);
    client.on('data', this.onClientData);
    client.on('end', this.onClientEnd);
    // a FIN that arrived during protocol detection was emitted then; pass it on now
    if (client.readableEnded) this.onClientEnd();
    client.on('drain', this.onClientDrain);
    client.setNoDelay(true);
    if (cluster.idleTimeoutMs > 0) {
      client.setTimeout(cluster.idleTimeoutMs);
      client.on('timeout', this.onIdle);
    }
    client.resume();
  };

  // ---- data path: one handler per event per connection, nothing allocated per chunk ----

  private readonly onClientData = (chunk: Buffer): void => {
    this.cluster!.bytesUp += chunk.length;
    if (!this.upstream!.write(chunk)) this.client.pause();
  };

  private readonly onUpstreamData = (chunk: Buffer): void => {
    this.cluster!.bytesDown += chunk.length;
    if (!this.client.write(chunk)) this.upstream!.pause();
  };

  private readonly onUpstreamDrain = (): void => {
    if (!this.clientEnded) this.client.resume();
  };

  private readonly onClientDrain = (): void => {
    if (!this.upstreamEnded) this.upstream!.resume();
  };

  private readonly onClientEnd = (): void => {
    this.clientEnded = true;
    this.upstream!.end();
  };

  private readonly onUpstreamEnd = (): void => {
    this.upstreamEnded = true;
    this.client.end();
  };

  private readonly onIdle = (): void => {
    this.owner.counters.idleTimeouts++;
    if (this.owner.logger.isLevelEnabled('debug')) this.owner.logger.debug({ cluster: this.cluster!.name, client: this.clientIp }, 'idle timeout');
    this.destroy();
  };

  // ---- teardown ----

  private readonly onClientError = (): void => {
    // an RST from the client is passed on as an RST to the upstream
    const up = this.upstream;
    if (up !== null && this.connected && !up.destroyed) up.resetAndDestroy();
  };

  private readonly onUpstreamError = (err: Error): void => {
    if (!this.connected) {
      this.connectFailed(err);
      return;
    }
    if (!this.client.destroyed) this.client.resetAndDestroy();
  };

  private readonly onClientClose = (): void => {
    this.clientClosed = true;
    const up = this.upstream;
    if (up !== null && !up.destroyed) {
      if (!this.connected || !(this.clientEnded && this.upstreamEnded)) up.destroy();
      else if (this.cluster!.idleTimeoutMs > 0) {
        // both directions ended; the upstream only flushes its last bytes. Keep a deadline on it.
        up.setTimeout(this.cluster!.idleTimeoutMs);
        up.on('timeout', () => up.destroy());
      }
    }
    this.maybeFinish();
  };

  private readonly onUpstreamClose = (): void => {
    this.upstreamClosed = true;
    if (!this.clientClosed && !(this.clientEnded && this.upstreamEnded)) this.client.destroy();
    this.maybeFinish();
  };

  private maybeFinish(): void {
    if (this.finished || !this.clientClosed || !this.upstreamClosed) return;
    this.finished = true;
    const cluster = this.cluster;
    if (cluster !== null) {
      cluster.active--;
      if (this.host !== null) {
        cluster.detach(this.host, this.clientIp);
        this.host = null;
      }
    }
    this.owner.counters.active--;
    this.owner.connectionClosed(this);
  }
}
