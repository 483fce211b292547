import { renderLabels, type PromWriter } from '../metrics.js';
import type { SniffResult } from './sniffer.js';

/** Histogram bucket bounds (seconds): sub-millisecond verdicts up to a generous detection timeout. */
export const DETECTION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;
const BUCKET_LABELS = DETECTION_BUCKETS.map((b) => String(b));

const DETECTED = 'meshc_protocol_detected_total';
const DETECTED_HELP = 'Connections by the protocol detected from their first bytes (tcp includes detection timeouts).';
const SECONDS = 'meshc_protocol_detection_seconds';
const SECONDS_HELP = 'Time from accept to a protocol verdict (server-first clients take the full detection timeout).';
const TIMEOUTS = 'meshc_protocol_detection_timeouts_total';
const TIMEOUTS_HELP = 'Detections decided by the timeout because the client sent no (or too few) bytes.';

/**
 * Per-listener protocol-detection counters and duration histogram. `record` is on the per-connection
 * path, so it only bumps plain numbers; samples are rendered at scrape time.
 */
export class DetectionStats {
  tls = 0;
  http = 0;
  http2 = 0;
  tcp = 0;
  timeouts = 0;
  /** Non-cumulative bucket counts; the last slot is +Inf. */
  private readonly buckets = new Float64Array(DETECTION_BUCKETS.length + 1);
  private sumSeconds = 0;
  private count = 0;

  /** Record one detection outcome. */
  record(result: SniffResult): void {
    this[result.protocol]++;
    if (result.timedOut) this.timeouts++;
    const s = result.elapsedMs / 1000;
    let i = 0;
    while (i < DETECTION_BUCKETS.length && s > DETECTION_BUCKETS[i]!) i++;
    this.buckets[i]!++;
    this.sumSeconds += s;
    this.count++;
  }

  /** meshc_protocol_detected_total / meshc_protocol_detection_seconds for `listener`. */
  collect(w: PromWriter, listener: string): void {
    w.add(DETECTED, 'counter', DETECTED_HELP, { listener, protocol: 'http' }, this.http);
    w.add(DETECTED, 'counter', DETECTED_HELP, { listener, protocol: 'http2' }, this.http2);
    w.add(DETECTED, 'counter', DETECTED_HELP, { listener, protocol: 'tcp' }, this.tcp);
    w.add(DETECTED, 'counter', DETECTED_HELP, { listener, protocol: 'tls' }, this.tls);
    w.add(TIMEOUTS, 'counter', TIMEOUTS_HELP, { listener }, this.timeouts);
    let cumulative = 0;
    for (let i = 0; i < BUCKET_LABELS.length; i++) {
      cumulative += this.buckets[i]!;
      w.raw(SECONDS, 'histogram', SECONDS_HELP, `${SECONDS}_bucket${renderLabels({ listener, le: BUCKET_LABELS[i]! })} ${cumulative}`);
    }
    const lbl = renderLabels({ listener });
    w.raw(SECONDS, 'histogram', SECONDS_HELP, `${SECONDS}_bucket${renderLabels({ listener, le: '+Inf' })} ${this.count}`);
    w.raw(SECONDS, 'histogram', SECONDS_HELP, `${SECONDS}_sum${lbl} ${this.sumSeconds}`);
    w.raw(SECONDS, 'histogram', SECONDS_HELP, `${SECONDS}_count${lbl} ${this.count}`);
  }
}
