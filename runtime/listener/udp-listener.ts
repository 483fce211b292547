import dgram from 'node:dgram';
import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import type { Cluster } from '../cluster/cluster.js';
import type { PromWriter } from '../metrics.js';
import { MeshcError } from '../errors.js';
import { IdleWheel } from '../proxy/udp-idle-wheel.js';
import { UdpSession, literalLookup, type CloseReason, type UdpSessionOwner } from '../proxy/udp-session.js';
import { UdpStats, admitSession, udpTermination } from '../proxy/udp-stats.js';
import type { AccessLog } from '../access-log/access-log.js';
import { FLAG_DT, formatAddress } from '../access-log/record.js';
import { UdpTraffic } from './udp-traffic.js';
import { normalizeIp } from '../proxy/tcp-proxy.js';

/**
 * Socket buffers for the listener socket: every session's traffic shares it, so give it room for
 * bursts of maximum-size datagrams. The kernel silently caps these at net.core.[rw]mem_max.
 */
const RECV_BUFFER = 4 * 1024 * 1024;
const SEND_BUFFER = 4 * 1024 * 1024;

/**
 * UDP listener (Envoy's UDP proxy model): one socket on the plan address; a session per client
 * address+port, created by the first datagram (limit check, host pick with affinity, connected
 * upstream socket) and ended by the idle wheel. Replies leave from this socket, so clients see
 * the listener address as the source. A reload swaps the cluster for new sessions only.
 */
export class UdpListener implements Listener, UdpSessionOwner {
  name: string;
  private cluster: Cluster | null;
  /** Split, rate limit, max duration and idle override (SPEC 9). */
  private readonly traffic = new UdpTraffic();
  private sock: dgram.Socket | null = null;
  /** Live sessions keyed by `clientAddress:clientPort` (the last colon separates the port). */
  readonly sessions = new Map<string, UdpSession>();
  /**
   * The session of the latest datagram: clients usually send in bursts, so checking it first
   * spares most datagrams building the key string and hashing it. Cleared when it closes.
   */
  private last: UdpSession | null = null;
  readonly stats = new UdpStats();
  readonly wheel: IdleWheel<UdpSession>;
  private accepting = true;
  private drained: (() => void) | null = null;
  private readonly type: 'udp4' | 'udp6';
  /** `--access-log`, or null (decided at construction). */
  private readonly accessLog: AccessLog | null;

  constructor(
    public config: ListenerConfig,
    resolve: ClusterResolver,
    readonly ctx: ListenerContext,
  ) {
    this.name = config.name;
    this.type = config.address.includes(':') ? 'udp6' : 'udp4';
    this.accessLog = ctx.accessLog ?? null;
    this.cluster = config.cluster ? resolve(config.cluster) : null;
    this.traffic.configure(config, resolve);
    this.wheel = new IdleWheel<UdpSession>(IdleWheel.tickFor(this.traffic.shortestMs(this.cluster)), (s) => s.close(s.expiredBy(this.wheel.now)));
  }

  /** The bound socket (replies to clients are sent from it). */
  get socket(): dgram.Socket {
    return this.sock!;
  }

  /** Live sessions. */
  get active(): number {
    return this.sessions.size;
  }

  /** Bind the socket; E_BIND when the address is unusable (in use, not local, …). */
  listen(): Promise<void> {
    const { address, port } = this.config;
    return new Promise((resolve, reject) => {
      const sock = dgram.createSocket({ type: this.type, lookup: literalLookup, recvBufferSize: RECV_BUFFER, sendBufferSize: SEND_BUFFER });
      const onError = (err: NodeJS.ErrnoException): void => {
        sock.close();
        reject(new MeshcError('E_BIND', `listener ${this.name}: cannot bind udp ${address}:${port}: ${err.code ?? err.message}`, { cause: err }));
      };
      sock.once('error', onError);
      sock.bind({ address, port, exclusive: true }, () => {
        sock.removeListener('error', onError);
        // an unconnected socket sees no ICMP errors; anything else here is logged, never fatal
        sock.on('error', (err) => this.ctx.logger.warn({ listener: this.name, err: err.message }, 'udp listener socket error'));
        sock.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo));
        this.sock = sock;
        resolve();
      });
    });
  }

  /** The data path: route one client datagram to its session, creating the session if needed. */
  private onDatagram(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const last = this.last;
    if (last !== null && last.clientPort === rinfo.port && last.clientAddress === rinfo.address) {
      last.forward(msg);
      return;
    }
    const key = rinfo.address + ':' + rinfo.port;
    let s = this.sessions.get(key);
    if (s === undefined) {
      s = this.open(key, rinfo.address, rinfo.port);
      if (s === undefined) return;
    }
    this.last = s;
    s.forward(msg);
  }

  /** Admit a new client address+port: limits, host choice, accounting. Undefined = dropped. */
  private open(key: string, ip: string, port: number): UdpSession | undefined {
    const t = this.traffic;
    if (!t.admitRate(this.accepting, this.stats)) return undefined;
    const c = t.split === null ? this.cluster : (t.split.pick() ?? null);
    const host = admitSession(c, this.accepting, this.stats, ip);
    if (host === undefined || c === null) return undefined;
    let s: UdpSession;
    try {
      s = new UdpSession(this, key, ip, port, c, host);
    } catch (err) {
      // e.g. EMFILE: out of descriptors; treat like a send failure rather than crash
      this.stats.dropSendError++;
      this.ctx.logger.warn({ listener: this.name, err: (err as Error).message }, 'cannot open udp upstream socket');
      return undefined;
    }
    s.idleOverrideMs = t.idleTimeoutMs;
    if (t.maxDuration !== null) s.deadline = t.maxDuration.deadline(s.start);
    c.attach(host, ip);
    c.active++;
    this.sessions.set(key, s);
    this.stats.sessionsTotal++;
    this.wheel.add(s);
    return s;
  }

  /** UdpSessionOwner: account the end of a session. */
  sessionClosed(s: UdpSession, reason: CloseReason): void {
    if (this.sessions.get(s.key) === s) this.sessions.delete(s.key);
    if (this.last === s) this.last = null;
    this.wheel.remove(s);
    s.cluster.detach(s.host, s.clientAddress);
    s.cluster.active--;
    this.stats.sessionEnded(reason);
    const now = Date.now();
    this.stats.durations.observe(now - s.start);
    if (this.accessLog !== null) this.logSession(this.accessLog, s, now, udpTermination(reason), false);
    if (this.drained !== null && this.sessions.size === 0) this.drained();
  }

  /** One access-log line for a session (ended, or still open when `periodic`). */
  private logSession(log: AccessLog, s: UdpSession, now: number, termination: number, periodic: boolean): void {
    const r = log.begin();
    r.periodic = periodic;
    r.transport = 'udp';
    r.startMs = s.start;
    r.durationMs = now - s.start;
    r.listener = this.name;
    r.cluster = s.cluster.name;
    r.downstream = formatAddress(normalizeIp(s.clientAddress), s.clientPort);
    r.upstream = s.host.key;
    r.bytesReceived = s.bytesIn;
    r.bytesSent = s.bytesOut;
    r.attempts = 1;
    r.termination = termination;
    if (termination === udpTermination('max_duration')) r.flags = FLAG_DT;
    log.write(r);
  }

  /** `periodic` lines for live sessions (--access-log-flush-interval). */
  logOpen(log: AccessLog, now: number): void {
    for (const s of this.sessions.values()) this.logSession(log, s, now, 0, true);
  }

  /** New sessions use the new cluster; live sessions keep their cluster and host. */
  update(config: ListenerConfig, resolve: ClusterResolver): void {
    this.config = config;
    this.name = config.name;
    this.cluster = config.cluster ? resolve(config.cluster) : null;
    this.traffic.configure(config, resolve);
    this.wheel.retime(Math.min(this.wheel.tick, IdleWheel.tickFor(this.traffic.shortestMs(this.cluster))));
  }

  /** New clients' datagrams are dropped (reason draining); live sessions go on. */
  async stopAccepting(): Promise<void> {
    this.accepting = false;
  }

  /** Wait for live sessions to idle out, at most `timeoutMs`; then close everything. */
  async drain(timeoutMs: number): Promise<void> {
    this.accepting = false;
    if (this.sessions.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.drained = done;
      });
      this.drained = null;
    }
    this.closeAll('drain');
  }

  /** Close the socket and every live session now. */
  destroy(): void {
    this.accepting = false;
    this.closeAll('shutdown');
  }

  private closeAll(reason: CloseReason): void {
    for (const s of [...this.sessions.values()]) s.close(reason);
    this.wheel.clear();
    if (this.sock !== null) {
      this.sock.close();
      this.sock = null;
    }
  }

  /** Prometheus samples: sessions, datagrams, bytes, drops. */
  collect(w: PromWriter): void {
    this.stats.collect(w, this.name, this.sessions.size);
    this.traffic.collect(w, this.name, this.stats);
  }
}
