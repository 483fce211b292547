/**
 * Which Node.js release lines meshc runs on (package.json `engines`; CI tests 20 and 24).
 *
 * bin/meshc.js imports this module before anything else, so that an old Node gets a clear
 * message instead of a syntax or module error from the code it cannot run. Keep it plain:
 * no imports, and nothing a much older Node could not parse.
 */

/** A release line meshc supports: from `min` on, maintained by the Node.js project until `endOfLife`. */
interface Line {
  major: number;
  min: [minor: number, patch: number];
  /** The Node.js project's end of life for the line (nodejs/Release schedule), UTC. */
  endOfLife: string;
}

// Floors: the first releases with require(esm) unflagged (20.19 / 22.12), the oldest CI has run.
// Lines later than the last listed (25, 26, ...) are accepted without an end-of-life date.
const LINES: readonly Line[] = [
  { major: 20, min: [19, 0], endOfLife: '2026-04-30' },
  { major: 22, min: [12, 0], endOfLife: '2027-04-30' },
  { major: 24, min: [0, 0], endOfLife: '2028-04-30' },
];

/** What the user is told about the recommended lines (README "Requirements"). */
export const SUPPORTED_TEXT = 'Node.js 24 (LTS) or 22.12+; 20.19+ still runs but reached its end of life on 2026-04-30';

export type NodeSupport =
  | { status: 'supported' }
  | { status: 'eol'; endOfLife: string; message: string }
  | { status: 'unsupported'; message: string };

/**
 * Whether meshc supports Node.js `version` ("v24.21.0" or "24.21.0") on date `now`: supported,
 * end of life (runs, with a warning), or unsupported (meshc refuses to start).
 */
export function nodeSupport(version: string, now: Date = new Date()): NodeSupport {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (m === null) return { status: 'unsupported', message: `cannot tell the Node.js version from ${JSON.stringify(version)}; meshc needs ${SUPPORTED_TEXT}` };
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const v = `v${major}.${minor}.${patch}`;
  const last = LINES[LINES.length - 1]!;
  if (major > last.major) return { status: 'supported' };
  const line = LINES.find((l) => l.major === major);
  if (line === undefined || minor < line.min[0] || (minor === line.min[0] && patch < line.min[1])) {
    return { status: 'unsupported', message: `Node.js ${v} is not supported; meshc needs ${SUPPORTED_TEXT}` };
  }
  if (now.getTime() >= Date.parse(`${line.endOfLife}T00:00:00Z`)) {
    return {
      status: 'eol',
      endOfLife: line.endOfLife,
      message: `Node.js ${v} reached its end of life on ${line.endOfLife} and gets no security fixes; run meshc on a maintained line: Node.js ${maintained(now)}`,
    };
  }
  return { status: 'supported' };
}

/** The `engines.node` range of package.json that matches the lines above. */
export function enginesRange(): string {
  return LINES.map((l, i) => (i === LINES.length - 1 ? `>=${l.major}.${l.min[0]}.${l.min[1]}` : `^${l.major}.${l.min[0]}.${l.min[1]}`)).join(' || ');
}

/** The listed lines still maintained on `now`, newest first ("24 or 22"). */
function maintained(now: Date): string {
  const live = LINES.filter((l) => now.getTime() < Date.parse(`${l.endOfLife}T00:00:00Z`)).map((l) => l.major);
  return live.length > 0 ? live.reverse().join(' or ') : `${LINES[LINES.length - 1]!.major + 2} or later`;
}
