import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';

/**
 * `maxConnectionDuration` (Envoy: max_downstream_connection_duration): each connection (UDP:
 * session) gets a deadline of `ms` plus a uniform random extra in [0, ms*jitterPercent/100] after
 * it was accepted, so connections opened together (a deploy, a reconnect storm) do not all close
 * together either. The deadline is checked by the listener's existing coarse sweep (JS) or the
 * addon's (native), never by a timer per connection.
 */
export class MaxDuration {
  private constructor(
    readonly ms: number,
    /** The largest random extra, in ms. */
    readonly jitterMs: number,
  ) {}

  /** The plan's setting, or null when the listener has none. */
  static of(c: ListenerConfig['maxConnectionDuration']): MaxDuration | null {
    return c === undefined ? null : new MaxDuration(c.ms, (c.ms * c.jitterPercent) / 100);
  }

  /** The epoch-ms deadline of a connection accepted at `start`. */
  deadline(start: number): number {
    return this.jitterMs > 0 ? start + this.ms + Math.random() * this.jitterMs : start + this.ms;
  }
}
