import type { PromWriter } from '../metrics.js';
import type { SniffResult } from './sniffer.js';

/** Per-listener protocol-detection counters and duration histogram. STUB. */
export class DetectionStats {
  /** Record one detection outcome. */
  record(result: SniffResult): void {
    void result;
  }

  /** meshc_protocol_detected_total / meshc_protocol_detection_seconds for `listener`. */
  collect(w: PromWriter, listener: string): void {
    void w;
    void listener;
  }
}
