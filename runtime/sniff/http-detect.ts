/**
 * Incremental HTTP/1.x request-line and HTTP/2 prior-knowledge preface detection over the bytes a
 * client sent first. A request line is `token SP target SP HTTP/1.x CRLF` (RFC 9112 §3); we decide
 * `http` as soon as ` HTTP/1.` follows a token and a target, and `no` as soon as a byte is
 * impossible there. Waiting for the version (rather than trusting a `GET ` prefix) keeps text
 * protocols such as Redis inline commands (`GET key\r\n`) out of the HTTP bucket; real clients
 * write the whole request line in one segment, so it costs nothing in practice.
 */

/** `http` (HTTP/1.x), `http2` (preface), `no` (ruled out) or `more` (undecided, need bytes). */
export type HttpVerdict = 'http' | 'http2' | 'no' | 'more';

/** The HTTP/2 connection preface (RFC 9113 §3.4). */
export const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const VERSION = Buffer.from('HTTP/1.', 'latin1');
/** Longest method token we accept (the longest registered one is 17 chars). */
const MAX_METHOD = 32;
/** Longest request line we wait for; longer ones are treated as not HTTP. */
export const MAX_REQUEST_LINE = 8192;

/** tchar (RFC 9110 §5.6.2) lookup table. */
const TCHAR = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

/** True when `c` can start an HTTP request (a tchar): anything else rules HTTP out at byte one. */
export function isTokenChar(c: number): boolean {
  return TCHAR[c] === 1;
}

const METHOD = 0;
const TARGET = 1;
const VERSION_STATE = 2;

/** Scans the accumulated head incrementally: each call resumes where the previous one stopped. */
export class HttpDetector {
  private pos = 0;
  private state = METHOD;
  private versionStart = 0;
  private prefaceMismatch = false;

  /** Classify `head` (the whole buffer so far; it only ever grows). */
  feed(head: Buffer): HttpVerdict {
    if (!this.prefaceMismatch) {
      const n = Math.min(head.length, H2_PREFACE.length);
      if (head.compare(H2_PREFACE, 0, n, 0, n) === 0) {
        if (n === H2_PREFACE.length) return 'http2';
        // still a prefix of the preface; "PRI * HTTP/2.0" is never an HTTP/1 request, so wait
        return 'more';
      }
      this.prefaceMismatch = true;
    }
    const end = Math.min(head.length, MAX_REQUEST_LINE);
    for (let i = this.pos; i < end; i++) {
      const c = head[i]!;
      if (this.state === METHOD) {
        if (c === 0x20 && i > 0) this.state = TARGET;
        else if (TCHAR[c] !== 1 || i >= MAX_METHOD) return 'no';
      } else if (this.state === TARGET) {
        if (c === 0x20) {
          if (head[i - 1] === 0x20) return 'no'; // empty request-target
          this.state = VERSION_STATE;
          this.versionStart = i + 1;
        } else if (c < 0x21 || c === 0x7f) return 'no';
      } else {
        const k = i - this.versionStart;
        if (c !== VERSION[k]) return 'no';
        if (k === VERSION.length - 1) return 'http';
      }
    }
    this.pos = end;
    return head.length >= MAX_REQUEST_LINE ? 'no' : 'more';
  }
}
