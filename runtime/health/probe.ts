import type { Host } from '../cluster/host.js';

/** Why a check failed; the `reason` label of meshc_health_check_failures_total. */
export type FailureReason = 'timeout' | 'refused' | 'mismatch' | 'error';

/** Outcome of one probe: null on success, else the failure reason. */
export type ProbeResult = FailureReason | null;

/** What one probe needs, precomputed from the plan once per checker (not per check). */
export interface ProbeSpec {
  timeoutMs: number;
  /** Bytes to send after connecting (empty: send nothing for TCP, an empty datagram for UDP). */
  send: Buffer;
  /** The reply must start with these bytes (empty: any reply / a bare connect is enough). */
  expect: Buffer;
}

/**
 * One check of one host. Resolves (never rejects) with the outcome; `signal` aborts it when the
 * checker stops or the host is removed, in which case the result is ignored.
 */
export type Probe = (host: Host, spec: ProbeSpec, signal: AbortSignal) => Promise<ProbeResult>;

/** Map a socket error to a failure reason. */
export function reasonOf(err: unknown): FailureReason {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'error';
}

/**
 * Compare what arrived so far with `expect`: 'ok' once the prefix matches, 'mismatch' as soon as
 * a byte differs, 'more' while the reply is still shorter than `expect` and matches so far.
 */
export function matchPrefix(got: Buffer, expect: Buffer): 'ok' | 'mismatch' | 'more' {
  const n = Math.min(got.length, expect.length);
  if (got.compare(expect, 0, n, 0, n) !== 0) return 'mismatch';
  return got.length >= expect.length ? 'ok' : 'more';
}
