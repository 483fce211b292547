import type { PromWriter } from './metrics.js';
import { renderLabels } from './metrics.js';

/** Upper bounds (seconds) of meshc_listener_connection_duration_seconds: 5 ms to 1 h. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600, 1800, 3600] as const;

const NAME = 'meshc_listener_connection_duration_seconds';
const HELP = 'How long connections (UDP: sessions) lasted, from accept to close, per listener.';

/**
 * A fixed-bucket Prometheus histogram of connection lifetimes: `observe` is a short scan over a
 * preallocated array, and a scrape renders one line per bucket, whatever the connection count.
 */
export class DurationHistogram {
  /** Non-cumulative counts per bucket; the last slot is +Inf. */
  private readonly counts = new Float64Array(DURATION_BUCKETS.length + 1);
  private sum = 0;
  private count = 0;

  /** Record one connection that lasted `ms` milliseconds. */
  observe(ms: number): void {
    const s = ms > 0 ? ms / 1000 : 0;
    let i = 0;
    while (i < DURATION_BUCKETS.length && s > DURATION_BUCKETS[i]!) i++;
    this.counts[i]!++;
    this.sum += s;
    this.count++;
  }

  /** Render the histogram for `listener`. */
  collect(w: PromWriter, listener: string): void {
    let cum = 0;
    for (let i = 0; i <= DURATION_BUCKETS.length; i++) {
      cum += this.counts[i]!;
      const le = i < DURATION_BUCKETS.length ? String(DURATION_BUCKETS[i]) : '+Inf';
      w.raw(NAME, 'histogram', HELP, `${NAME}_bucket${renderLabels({ listener, le })} ${cum}`);
    }
    w.raw(NAME, 'histogram', HELP, `${NAME}_sum${renderLabels({ listener })} ${this.sum}`);
    w.raw(NAME, 'histogram', HELP, `${NAME}_count${renderLabels({ listener })} ${this.count}`);
  }
}

/** Declare the family so it is exposed before any listener exists. */
export function declareDurationHistogram(w: PromWriter): void {
  w.declare(NAME, 'histogram', HELP);
}
