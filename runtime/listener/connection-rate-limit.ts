/**
 * `maxConnectionRate`: a token bucket per listener (Envoy: the local_ratelimit network filter)
 * holding at most one second of tokens. It is refilled by the time elapsed since the last accept,
 * computed at accept: no timer, nothing runs while no connection arrives.
 *
 * With `--workers N` every worker has its own bucket with `share` = 1/N of the rate (TCP; UDP
 * listeners run in worker 0 alone and keep the whole rate). The capacity never drops below one
 * token, so a rate below N still admits connections (at most N in the first second, then the
 * configured rate on average).
 */
export class ConnectionRateLimit {
  /** Tokens per millisecond. */
  private readonly perMs: number;
  private readonly capacity: number;
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    share = 1,
    now = Date.now(),
  ) {
    const perSecond = rate * share;
    this.perMs = perSecond / 1000;
    this.capacity = Math.max(1, perSecond);
    // a fresh bucket is full: a new listener (or a reload that changes the rate) starts with a second's worth
    this.tokens = this.capacity;
    this.last = now;
  }

  /** Take a token for a new connection at `now` (epoch ms); false when the bucket is empty. */
  take(now: number): boolean {
    let t = this.tokens;
    if (now > this.last) {
      t += (now - this.last) * this.perMs;
      if (t > this.capacity) t = this.capacity;
      this.last = now;
    }
    if (t < 1) {
      this.tokens = t;
      return false;
    }
    this.tokens = t - 1;
    return true;
  }
}

/** The listener's limiter for a plan: kept when the rate is unchanged (its tokens carry over), else a fresh one. */
export function rateLimitFor(rate: number | undefined, share: number, current: ConnectionRateLimit | null): ConnectionRateLimit | null {
  if (rate === undefined) return null;
  if (current !== null && current.rate === rate) return current;
  return new ConnectionRateLimit(rate, share);
}
