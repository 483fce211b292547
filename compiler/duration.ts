/** Duration strings (`250ms`, `5s`, `1m30s`) <-> milliseconds. */

/** Largest value a plan's millisecond fields accept (int32, like Node timers). */
export const MAX_MS = 2_147_483_647;

const PART = /([0-9]+)(ms|h|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds of a duration that already matched the schema pattern; may exceed MAX_MS. */
export function parseDuration(s: string): number {
  let total = 0;
  for (const m of s.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/** The shortest canonical string for `ms` (`90000` -> `1m30s`); `0` -> `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  if (rest > 0) out += `${rest}ms`;
  return out;
}
