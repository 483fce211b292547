/** `meshc diff --format text`: the summary line, what needs a restart, then every sidecar's changes. */
import { attention, sidecarLines, summaryLine } from './describe.js';
import type { PlanSetDiff } from './model.js';

/** At most this many attention lines; the details below list every consequence anyway. */
const ATTENTION_MAX = 20;

/** Render the diff for a terminal or a CI log. */
export function renderText(d: PlanSetDiff): string {
  const out: string[] = [summaryLine(d)];
  const att = attention(d);
  if (att.length) {
    out.push('', `Needs more than a hot reload (${att.length}):`);
    for (const a of att.slice(0, ATTENTION_MAX)) out.push(`  ${a.where}: ${a.c.severity} (${a.c.target}): ${a.c.message}`);
    if (att.length > ATTENTION_MAX) out.push(`  … and ${att.length - ATTENTION_MAX} more below`);
  }
  for (const s of d.sidecars) out.push('', ...sidecarLines(s));
  return `${out.join('\n')}\n`;
}
