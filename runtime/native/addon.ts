import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The optional native TCP data path (runtime/native/src, built by `npm install` with node-gyp).
 * When it is absent, or MESHC_NATIVE=0, `native` is null and TCP listeners use the pure-JS path.
 * Also owns the byte counters both share with JS: a Float64Array of [up, down] per cluster slot.
 */
export interface NativeAddon {
  init(cb: (event: number, lid: number, slot: number, arg: number) => number): void;
  setCounters(bytes: Float64Array): void;
  addHost(address: string, port: number): number;
  listen(address: string, port: number, backlog: number, reusePort: boolean): number;
  configure(lid: number, mode: number, connectTimeoutMs: number, idleTimeoutMs: number, clusterSlot: number): number;
  closeListener(lid: number): number;
  /** Max connection/session duration for new connections of `lid` (0 = none), plus up to `jitterMs`. */
  setMaxDuration(lid: number, ms: number, jitterMs: number): number;
  /** During EV_ACCEPT: this connection's own byte-counter slot and timeouts (a split listener's target). */
  connSet(slot: number, clusterSlot: number, connectTimeoutMs: number, idleTimeoutMs: number): number;
  /** During EV_UDP_SESSION: this session's own byte-counter slot and idle timeout. */
  udpSessionSet(slot: number, clusterSlot: number, idleTimeoutMs: number): number;
  destroyConns(lid: number): number;
  peer(slot: number, withPort?: boolean): string | undefined;
  setInfo(info: Float64Array): void;
  connInfo(slot: number): number;
  udpSessionInfo(slot: number): number;
  stats(): [conns: number, listeners: number, pendingBytes: number];
  udpListen(address: string, port: number): number;
  udpCloseSessions(lid: number, reason: number): number;
  udpStats(lid: number): [dgUp: number, dgDown: number, bytesUp: number, bytesDown: number, sendErrors: number, upstreamErrors: number, sessions: number] | undefined;
  udpPeer(slot: number, withPort?: boolean): string | undefined;
}

/** Events from the addon (runtime/native/src/proxy.h, enum mc_event). */
export const EV_ACCEPT = 1;
export const EV_CONNECTED = 2;
export const EV_CONNECT_FAILED = 3;
export const EV_CLOSED = 4;
export const EV_HANDOFF = 5;
export const EV_ACCEPT_ERROR = 6;
export const EV_UDP_SESSION = 7;
export const EV_UDP_REPLIED = 8;
export const EV_UDP_CLOSED = 9;

/** Close reasons (enum mc_reason). */
export const CLOSE_IDLE = 1;
export const CLOSE_REFUSED = 2;
export const CLOSE_FAILED = 3;
export const CLOSE_RESET = 4;
export const CLOSE_DESTROYED = 5;
/** UDP sessions ended by a drain deadline (JS-chosen reason code). */
export const CLOSE_DRAIN = 6;
/** The listener's maxConnectionDuration was reached. */
export const CLOSE_MAX_DURATION = 7;

/** Listener modes (enum mc_mode). */
export const MODE_PROXY = 0;
export const MODE_HANDOFF = 1;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const sinks: (NativeEventSink | undefined)[] = [];

/** Every event of the addon, routed to the listener it belongs to. */
function dispatch(event: number, lid: number, slot: number, arg: number): number {
  const sink = sinks[lid];
  return sink === undefined ? -1 : sink.nativeEvent(event, slot, arg);
}

/** Every function of NativeAddon: the build must have them all. */
const REQUIRED = ['init', 'setCounters', 'addHost', 'listen', 'configure', 'closeListener', 'destroyConns', 'peer', 'setInfo', 'connInfo', 'udpSessionInfo', 'stats', 'udpListen', 'udpCloseSessions', 'udpStats', 'udpPeer', 'setMaxDuration', 'connSet', 'udpSessionSet'] as const satisfies ReadonlyArray<keyof NativeAddon>;

function load(): { addon: NativeAddon | null; why: string } {
  if (process.env.MESHC_NATIVE === '0') return { addon: null, why: 'MESHC_NATIVE=0' };
  // MESHC_NATIVE_ADDON: another build of the addon (npm run test:sanitize loads the sanitizer one)
  const file = process.env.MESHC_NATIVE_ADDON || path.join(root, 'build/Release/meshc_native.node');
  let addon: NativeAddon;
  try {
    const req = createRequire(import.meta.url);
    addon = req(file) as NativeAddon;
  } catch (err) {
    if (process.env.MESHC_NATIVE === '1') throw err;
    return { addon: null, why: `not built (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); run npm install with a C compiler` };
  }
  // a build older than this JS (e.g. `git pull` + `tsc` without `npm install`) lacks functions
  // the JS calls: say so instead of failing later with "x is not a function"
  const missing = REQUIRED.filter((f) => typeof (addon as unknown as Record<string, unknown>)[f] !== 'function');
  if (missing.length > 0) {
    const why = `stale build at ${file} (no ${missing.join(', ')}); run npm install to rebuild it`;
    if (process.env.MESHC_NATIVE === '1') throw new Error(`native data path: ${why}`);
    return { addon: null, why };
  }
  try {
    addon.init(dispatch);
  } catch (err) {
    // one instance per process: a second JS environment (a worker_thread) runs the JS path
    if (process.env.MESHC_NATIVE === '1') throw err;
    return { addon: null, why: `not usable here (${(err as Error).message})` };
  }
  return { addon, why: path.relative(root, file) };
}

const loaded = load();

/** What a native listener answers to its events (the addon's callbacks, by listener id). */
export interface NativeEventSink {
  nativeEvent(event: number, slot: number, arg: number): number;
}

/** Route the addon's events for listener `lid` to `sink` (ids are reused only after the addon freed the old one). */
export function registerSink(lid: number, sink: NativeEventSink): void {
  sinks[lid] = sink;
}

/** The addon, or null when TCP and UDP run on the pure-JS path. */
export const native: NativeAddon | null = loaded.addon;

/** Which data path this process runs, and why (logged at startup). */
export const dataPath = { kind: native !== null ? 'native' : 'js', detail: loaded.why } as const;

// ---- byte counters shared with the addon ----

let bytes = new Float64Array(2 * 64);
let slots = 0;
native?.setCounters(bytes);

/** A fresh counter slot (one per cluster that a native listener forwards to). */
export function allocCounterSlot(): number {
  if (2 * (slots + 1) > bytes.length) {
    const bigger = new Float64Array(bytes.length * 2);
    bigger.set(bytes);
    bytes = bigger;
    native?.setCounters(bytes);
  }
  return slots++;
}

/** Bytes the addon forwarded for a counter slot: dir 0 = client->upstream, 1 = upstream->client. */
export function nativeBytes(slot: number, dir: 0 | 1): number {
  return slot < 0 ? 0 : bytes[2 * slot + dir]!;
}

// ---- per-connection figures, put here by the addon at close (access log, duration metric) ----

/**
 * [bytes from the client, bytes from the upstream, ms since accept, first FIN: 1 client, 2
 * upstream]: filled just before EV_CLOSED / EV_UDP_CLOSED, and by connInfo / udpSessionInfo.
 */
export const connInfo = new Float64Array(4);
native?.setInfo(connInfo);
export const INFO_BYTES_UP = 0;
export const INFO_BYTES_DOWN = 1;
export const INFO_DURATION_MS = 2;
export const INFO_FIRST_EOF = 3;

/** `IP:PORT` (last colon) -> `ip:port` with an IPv4-mapped IP unwrapped, IPv6 bracketed. */
export function formatPeer(p: string | undefined): string {
  if (p === undefined) return '';
  const i = p.lastIndexOf(':');
  let ip = p.slice(0, i);
  if (ip.startsWith('::ffff:') && ip.includes('.')) ip = ip.slice(7);
  return ip.includes(':') ? `[${ip}]${p.slice(i)}` : ip + p.slice(i);
}

// ---- host addresses, parsed once in the addon ----

const hostIds = new Map<string, number>();

/** The addon's id for an endpoint address (parsed once per distinct address), or -1. */
export function nativeHostId(address: string, port: number): number {
  const key = `${address}|${port}`;
  let id = hostIds.get(key);
  if (id === undefined) {
    id = native!.addHost(address, port);
    if (id < 0) return -1;
    hostIds.set(key, id);
  }
  return id;
}
