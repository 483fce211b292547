import util from 'node:util';
import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Host } from '../cluster/host.js';
import type { PromWriter } from '../metrics.js';
import { MeshcError } from '../errors.js';
import { normalizeIp } from '../proxy/tcp-proxy.js';
import { UdpStats, admitSession, udpTermination } from '../proxy/udp-stats.js';
import type { AccessLog } from '../access-log/access-log.js';
import { FLAG_DT } from '../access-log/record.js';
import { UdpTraffic } from './udp-traffic.js';
import {
  INFO_BYTES_DOWN,
  INFO_BYTES_UP,
  INFO_DURATION_MS,
  connInfo,
  formatPeer,
  CLOSE_DESTROYED,
  CLOSE_DRAIN,
  CLOSE_IDLE,
  CLOSE_MAX_DURATION,
  EV_UDP_CLOSED,
  EV_UDP_REPLIED,
  EV_UDP_SESSION,
  MODE_PROXY,
  allocCounterSlot,
  native,
  nativeHostId,
  registerSink,
  type NativeAddon,
  type NativeEventSink,
} from '../native/addon.js';

// Per-session state by the addon's session slot (a slot is reused only after its EV_UDP_CLOSED).
const slotCluster: (Cluster | null)[] = [];
const slotHost: (Host | null)[] = [];
const slotIp: string[] = [];
// Only with --access-log: when the session began and the client's ip:port.
const slotStart: number[] = [];
const slotPeer: string[] = [];

/**
 * A UDP listener whose socket and sessions live in the native addon (runtime/native/src/udp.c):
 * the same model as UdpListener (a session per client address+port, a connected upstream socket,
 * replies from the listener socket, idle timeout, ICMP errors feeding outlier detection), with the
 * datagrams never entering JS. JS admits each new session (drain, limit, host pick with
 * affinity) and accounts its end; the addon counts datagrams and bytes.
 */
export class NativeUdpListener implements Listener, NativeEventSink {
  name: string;
  readonly stats = new UdpStats();
  private cluster: Cluster | null = null;
  /** Split, rate limit, max duration and idle override (SPEC 9). */
  private readonly traffic = new UdpTraffic();
  private readonly addon: NativeAddon = native!;
  private lid = -1;
  private accepting = true;
  private live = 0;
  private drained: (() => void) | null = null;
  /** The addon's counters as last read (kept when its listener is gone). */
  private last: number[] = [0, 0, 0, 0, 0, 0, 0];
  /** `--access-log`, or null (decided at construction). */
  private readonly accessLog: AccessLog | null;
  /** Live session slots, kept only for periodic access-log lines. */
  private readonly liveSlots: Set<number> | null;

  constructor(
    public config: ListenerConfig,
    resolve: ClusterResolver,
    readonly ctx: ListenerContext,
  ) {
    this.name = config.name;
    this.accessLog = ctx.accessLog ?? null;
    this.liveSlots = this.accessLog !== null && this.accessLog.flushIntervalMs > 0 ? new Set() : null;
    this.configure(config, resolve);
  }

  get active(): number {
    return this.live;
  }

  private configure(config: ListenerConfig, resolve: ClusterResolver): void {
    this.config = config;
    this.name = config.name;
    const c = config.cluster ? resolve(config.cluster) : null;
    this.cluster = c;
    this.traffic.configure(config, resolve);
    if (this.lid >= 0) this.push();
  }

  /** Hands the addon the settings new sessions get. */
  private push(): void {
    const c = this.cluster;
    const t = this.traffic;
    if (c !== null && c.nativeSlot < 0) c.nativeSlot = allocCounterSlot();
    if (t.split === null) this.addon.configure(this.lid, MODE_PROXY, 0, c !== null ? t.idleFor(c) : 60_000, c?.nativeSlot ?? -1);
    else {
      // a split: each session gets its target's slot and idle timeout when it opens (udpSessionSet)
      for (const tc of t.split.clusters) if (tc.nativeSlot < 0) tc.nativeSlot = allocCounterSlot();
      this.addon.configure(this.lid, MODE_PROXY, 0, t.shortestMs(null), -1);
    }
    this.addon.setMaxDuration(this.lid, t.maxDuration?.ms ?? 0, t.maxDuration?.jitterMs ?? 0);
  }

  listen(): Promise<void> {
    const { address, port } = this.config;
    const r = this.addon.udpListen(address, port);
    if (r < 0) return Promise.reject(new MeshcError('E_BIND', `listener ${this.name}: cannot bind udp ${address}:${port}: ${util.getSystemErrorName(r)}`));
    this.lid = r;
    registerSink(r, this);
    this.push();
    this.ctx.logger.info({ listener: this.name, address, port, cluster: this.config.cluster, dataPath: 'native' }, 'listening');
    return Promise.resolve();
  }

  update(config: ListenerConfig, resolve: ClusterResolver): void {
    this.configure(config, resolve);
  }

  nativeEvent(event: number, slot: number, arg: number): number {
    switch (event) {
      case EV_UDP_SESSION:
        return this.open(slot);
      case EV_UDP_REPLIED:
        slotCluster[slot]!.reportSuccess(slotHost[slot]!);
        return 0;
      case EV_UDP_CLOSED:
        this.closed(slot, arg & 15, (arg & 16) !== 0, (arg & 32) !== 0);
        return 0;
    }
    return -1;
  }

  /** Admit a new client address+port: drain, limit, host choice, accounting. -1 = dropped. */
  private open(slot: number): number {
    const ip = normalizeIp(this.addon.udpPeer(slot));
    const t = this.traffic;
    if (!t.admitRate(this.accepting, this.stats)) return -1;
    const c = t.split === null ? this.cluster : (t.split.pick() ?? null);
    const host = admitSession(c, this.accepting, this.stats, ip);
    if (host === undefined || c === null) return -1;
    if (t.split !== null) this.addon.udpSessionSet(slot, c.nativeSlot, t.idleFor(c));
    if (host.nativeId < 0) host.nativeId = nativeHostId(host.address, host.port);
    c.attach(host, ip);
    c.active++;
    slotCluster[slot] = c;
    slotHost[slot] = host;
    slotIp[slot] = ip;
    if (this.accessLog !== null) {
      slotStart[slot] = Date.now();
      slotPeer[slot] = formatPeer(this.addon.udpPeer(slot, true));
      this.liveSlots?.add(slot);
    }
    this.stats.sessionsTotal++;
    this.live++;
    return host.nativeId;
  }

  private closed(slot: number, reason: number, replied: boolean, unreachable: boolean): void {
    const c = slotCluster[slot]!;
    const host = slotHost[slot]!;
    // a session that idled out without an ICMP error reached a live port: one-way protocols
    // (syslog, statsd) never reply, so this is their only success signal for outlier detection
    if (reason === CLOSE_IDLE && !replied) c.reportSuccess(host);
    if (unreachable) c.reportFailure(host);
    c.detach(host, slotIp[slot]!);
    c.active--;
    slotCluster[slot] = null;
    slotHost[slot] = null;
    const why = reason === CLOSE_IDLE ? 'idle' : reason === CLOSE_DRAIN ? 'drain' : reason === CLOSE_DESTROYED ? 'shutdown' : reason === CLOSE_MAX_DURATION ? 'max_duration' : 'error';
    this.stats.sessionEnded(why);
    // the addon put the session's bytes and duration into connInfo just before the event
    this.stats.durations.observe(connInfo[INFO_DURATION_MS]!);
    if (this.accessLog !== null) {
      this.liveSlots?.delete(slot);
      this.logSlot(this.accessLog, slot, c, host, udpTermination(why), false);
    }
    this.live--;
    if (this.drained !== null && this.live === 0) this.drained();
  }

  /** One access-log line for a native session from its slot state and connInfo. */
  private logSlot(log: AccessLog, slot: number, c: Cluster, host: Host, termination: number, periodic: boolean): void {
    const r = log.begin();
    r.periodic = periodic;
    r.transport = 'udp';
    r.startMs = slotStart[slot]!;
    r.durationMs = connInfo[INFO_DURATION_MS]!;
    r.listener = this.name;
    r.cluster = c.name;
    r.downstream = slotPeer[slot]!;
    r.upstream = host.key;
    r.bytesReceived = connInfo[INFO_BYTES_UP]!;
    r.bytesSent = connInfo[INFO_BYTES_DOWN]!;
    r.attempts = 1;
    r.termination = termination;
    if (termination === udpTermination('max_duration')) r.flags = FLAG_DT;
    log.write(r);
  }

  /** `periodic` lines for live sessions (--access-log-flush-interval). */
  logOpen(log: AccessLog): void {
    if (this.liveSlots === null) return;
    for (const slot of this.liveSlots) {
      if (this.addon.udpSessionInfo(slot) === 0) this.logSlot(log, slot, slotCluster[slot]!, slotHost[slot]!, 0, true);
    }
  }

  /** New clients' datagrams are dropped (reason draining); live sessions go on. */
  async stopAccepting(): Promise<void> {
    this.accepting = false;
  }

  /** Wait for live sessions to idle out, at most `timeoutMs`; then close everything. */
  async drain(timeoutMs: number): Promise<void> {
    this.accepting = false;
    if (this.live > 0) {
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
    this.closeAll(CLOSE_DRAIN);
  }

  destroy(): void {
    this.accepting = false;
    this.closeAll(CLOSE_DESTROYED);
  }

  private closeAll(reason: number): void {
    if (this.lid < 0) return;
    this.readStats();
    this.addon.udpCloseSessions(this.lid, reason);
    this.addon.closeListener(this.lid);
    this.lid = -1;
  }

  /** Sessions in the addon's table (tests: it must match `active`). */
  addonSessions(): number {
    return this.lid < 0 ? 0 : (this.addon.udpStats(this.lid)?.[6] ?? 0);
  }

  private readStats(): void {
    if (this.lid < 0) return;
    const s = this.addon.udpStats(this.lid);
    if (s !== undefined) this.last = s;
  }

  /** Prometheus samples: sessions, datagrams, bytes, drops (the addon's counters merged in). */
  collect(w: PromWriter): void {
    this.readStats();
    const st = this.stats;
    const [dgUp, dgDown, bytesUp, bytesDown, sendErrors, upstreamErrors] = this.last;
    st.datagramsUp = dgUp!;
    st.datagramsDown = dgDown!;
    st.bytesUp = bytesUp!;
    st.bytesDown = bytesDown!;
    st.dropSendError = sendErrors!;
    st.upstreamErrors = upstreamErrors!;
    st.collect(w, this.name, this.live);
    this.traffic.collect(w, this.name, st);
  }
}
