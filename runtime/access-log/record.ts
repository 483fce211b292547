/**
 * The access-log record (SPEC §7): one shape for every data path (JS TCP, native TCP, both UDP
 * paths). A logger owns one scratch record that a path fills and hands to AccessLog.write, which
 * serializes it at once, so logging allocates the line and nothing else.
 */

/** Envoy response flags that apply to L4, as bits (rendered by `formatFlags`). */
export const FLAG_UH = 1; // no healthy endpoint: the cluster had none at all
export const FLAG_UF = 2; // upstream connect failure
export const FLAG_URX = 4; // connect attempts exhausted (with UF, when the cluster allows retries)
export const FLAG_UO = 8; // overflow: the cluster was at maxConnections
export const FLAG_NR = 16; // no route (no SNI match and no default)
export const FLAG_DT = 32; // max connection duration reached
export const FLAG_RL = 64; // rate limited

const FLAG_NAMES: ReadonlyArray<[number, string]> = [
  [FLAG_UH, 'UH'],
  [FLAG_UF, 'UF'],
  [FLAG_URX, 'URX'],
  [FLAG_UO, 'UO'],
  [FLAG_NR, 'NR'],
  [FLAG_DT, 'DT'],
  [FLAG_RL, 'RL'],
];

/** Envoy's comma-separated flag string (`UF,URX`), `-` for none. */
export function formatFlags(mask: number): string {
  if (mask === 0) return '-';
  let s = '';
  for (const [bit, name] of FLAG_NAMES) if ((mask & bit) !== 0) s += s === '' ? name : ',' + name;
  return s;
}

/**
 * Why a connection ended, as small numbers a data path can keep in a field. Closes by a peer
 * (FIN) rank lowest, a reset above them, decisions of meshc's own highest: `raiseTermination`
 * keeps the most telling one, and the first of equal rank.
 */
export const TERM_NONE = 0;
export const TERM_DOWNSTREAM_CLOSE = 1;
export const TERM_UPSTREAM_CLOSE = 2;
export const TERM_RESET = 3;
export const TERM_IDLE_TIMEOUT = 4;
export const TERM_DRAIN_TIMEOUT = 5;
export const TERM_DENIED = 6;
export const TERM_MAX_DURATION = 7;

const TERM_NAMES = ['downstream_close', 'downstream_close', 'upstream_close', 'reset', 'idle_timeout', 'drain_timeout', 'denied', 'max_duration'] as const;
const TERM_RANK = [0, 1, 1, 2, 3, 3, 3, 3];

/** The termination to keep when `next` happens after `current`. */
export function raiseTermination(current: number, next: number): number {
  return TERM_RANK[next]! > TERM_RANK[current]! ? next : current;
}

/** The SPEC's name of a termination code (an unset one reads as a downstream close). */
export function terminationName(t: number): string {
  return TERM_NAMES[t] ?? 'downstream_close';
}

/** `ip:port`, IPv6 as `[ip]:port` (Envoy's address format). */
export function formatAddress(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

// Formatting caches: most lines share the second of their start time and their names, and
// Date#toISOString and JSON.stringify are the bulk of a line's cost.
let isoSecond = -1;
let isoPrefix = '';
const quoted = new Map<string, string>();

/** `ms` as ISO-8601 UTC with milliseconds (toISOString's format), the date part cached per second. */
export function isoTime(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== isoSecond) {
    isoSecond = sec;
    isoPrefix = new Date(sec * 1000).toISOString().slice(0, 20);
  }
  const m = ms - sec * 1000;
  return isoPrefix + (m < 10 ? '00' : m < 100 ? '0' : '') + Math.floor(m) + 'Z';
}

/** JSON string literal of a name, cached (listener and cluster names repeat on every line). */
function q(s: string): string {
  let r = quoted.get(s);
  if (r === undefined) {
    if (quoted.size > 1024) quoted.clear();
    r = JSON.stringify(s);
    quoted.set(s, r);
  }
  return r;
}

/** One connection's (or UDP session's) access-log entry. */
export class AccessRecord {
  /** `end` when the connection closed, `periodic` for a still-open one (--access-log-flush-interval). */
  periodic = false;
  transport: 'tcp' | 'udp' = 'tcp';
  /** Epoch ms when the connection was accepted (UDP: the session's first datagram). */
  startMs = 0;
  durationMs = 0;
  listener = '';
  cluster: string | null = null;
  downstream = '';
  upstream: string | null = null;
  /** Bytes from the client. */
  bytesReceived = 0;
  /** Bytes to the client. */
  bytesSent = 0;
  attempts = 0;
  flags = 0;
  termination = TERM_NONE;
  protocol: string | null = null;
  sni: string | null = null;
  identity: string | null = null;

  /** Back to a blank record (the scratch record is reused for every line). */
  reset(): this {
    this.periodic = false;
    this.transport = 'tcp';
    this.startMs = this.durationMs = this.bytesReceived = this.bytesSent = this.attempts = this.flags = 0;
    this.termination = TERM_NONE;
    this.listener = this.downstream = '';
    this.cluster = this.upstream = this.protocol = this.sni = this.identity = null;
    return this;
  }

  /** The JSON line (with its newline); fields in a fixed order, optional ones only when known. */
  toLine(): string {
    let s =
      `{"type":"${this.periodic ? 'periodic' : 'end'}","start":"${isoTime(this.startMs)}","durationMs":${Math.max(0, Math.round(this.durationMs))}` +
      `,"transport":"${this.transport}","listener":${q(this.listener)},"cluster":${this.cluster === null ? 'null' : q(this.cluster)}` +
      // addresses are IP literals and digits: nothing to escape
      `,"downstream":"${this.downstream}","upstream":${this.upstream === null ? 'null' : q(this.upstream)}` +
      `,"bytesReceived":${this.bytesReceived},"bytesSent":${this.bytesSent},"attempts":${this.attempts},"flags":"${formatFlags(this.flags)}"`;
    if (!this.periodic) s += `,"termination":"${terminationName(this.termination)}"`;
    if (this.protocol !== null) s += `,"protocol":${JSON.stringify(this.protocol)}`;
    if (this.sni !== null) s += `,"sni":${JSON.stringify(this.sni)}`;
    if (this.identity !== null) s += `,"identity":${JSON.stringify(this.identity)}`;
    return s + '}\n';
  }
}
