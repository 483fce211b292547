import type { Logger } from '../logger.js';

/**
 * Log lines for refused connections without floods: at most one line per second per reason per
 * listener; the lines in between are counted and reported (`suppressed`) with the next one.
 * Counters are exact regardless (meshc_authz_denied_total, meshc_tls_handshakes_total).
 */
export class DenialLog {
  private readonly last = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  /** Log (or count) one refusal for `reason` with `fields`. */
  note(reason: string, fields: Record<string, unknown>, msg: string): void {
    const now = Date.now();
    const prev = this.last.get(reason) ?? 0;
    if (now - prev < 1000) {
      this.suppressed.set(reason, (this.suppressed.get(reason) ?? 0) + 1);
      return;
    }
    this.last.set(reason, now);
    const n = this.suppressed.get(reason) ?? 0;
    this.suppressed.set(reason, 0);
    this.logger.warn({ ...fields, reason, suppressed: n }, msg);
  }
}
