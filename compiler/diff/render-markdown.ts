/**
 * `meshc diff --format markdown`: a pull-request comment. Summary first (a line and a table), then
 * what needs more than a hot reload, then one folded `<details>` section per sidecar with its
 * changes in a ```diff block. GitHub rejects comments over 65,536 characters, so the renderer
 * stops adding lines before that and says so explicitly.
 */
import { formatDuration } from '../duration.js';
import { attention, sidecarCounts, sidecarLines, summaryLine } from './describe.js';
import type { PlanSetDiff } from './model.js';

/** GitHub's limit on an issue / pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
const ATTENTION_MAX = 20;
/** Room kept for the truncation note and the closing of an open section. */
const RESERVE = 600;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that stays inline whatever the text holds. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** A line safe inside a ``` block. */
function fenced(line: string): string {
  return line.replace(/```/g, "'''");
}

/** Render the diff as a pull-request comment of at most `limit` characters. */
export function renderMarkdown(d: PlanSetDiff, limit = GITHUB_COMMENT_LIMIT): string {
  const head: string[] = [`### meshc diff: ${code(d.base)} → ${code(d.head)}`, '', `**${summaryLine(d)}**`, ''];
  if (d.sidecars.length) {
    head.push('| | added | changed | removed |', '|---|---:|---:|---:|');
    for (const k of ['sidecars', 'listeners', 'clusters', 'endpoints'] as const) {
      const c = d.summary[k];
      head.push(`| ${k} | ${c.added} | ${c.changed} | ${c.removed} |`);
    }
    head.push('');
  }
  const att = attention(d);
  if (att.length) {
    head.push('> [!WARNING]', `> **Needs more than a hot reload** (${att.length}):`);
    for (const a of att.slice(0, ATTENTION_MAX)) head.push(`> - ${code(a.where)} — **${a.c.severity}** (${a.c.target}): ${esc(a.c.message)}`);
    if (att.length > ATTENTION_MAX) head.push(`> - … and ${att.length - ATTENTION_MAX} more in the details`);
    head.push('');
  }
  if (d.sidecars.length)
    head.push(`Hot reload as \`meshc run\` applies it (drain timeout ${formatDuration(d.drainTimeoutMs)}); lines starting with \`=>\` say what happens to live traffic.`, '');

  let body = `${head.join('\n')}\n`;
  const total = d.sidecars.length;
  let shownSidecars = 0;
  let omittedLines = 0;
  let truncated = false;
  for (const s of d.sidecars) {
    const lines = sidecarLines(s).map(fenced);
    const open = `<details><summary>${esc(`${s.change} sidecar `)}<code>${esc(s.name)}</code>${esc(sidecarCounts(s) ? ` — ${sidecarCounts(s)}` : '')}</summary>\n\n\`\`\`diff\n`;
    const close = '```\n\n</details>\n\n';
    if (truncated || body.length + open.length + close.length + RESERVE > limit) {
      truncated = true;
      omittedLines += lines.length;
      continue;
    }
    let section = open;
    let i = 0;
    for (; i < lines.length; i++) {
      const line = `${lines[i]}\n`;
      if (body.length + section.length + line.length + close.length + RESERVE > limit) break;
      section += line;
    }
    if (i < lines.length) {
      truncated = true;
      omittedLines += lines.length - i;
      section += `… ${lines.length - i} more lines of this sidecar not shown\n`;
    }
    body += section + close;
    shownSidecars++;
  }
  if (truncated) {
    body +=
      `> [!NOTE]\n> **Truncated:** ${omittedLines} lines` +
      (shownSidecars < total ? ` and ${total - shownSidecars} of ${total} sidecars` : '') +
      ` are not shown, to stay within GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit. ` +
      'Run `meshc diff` locally or read the job log (`--format text`) for the whole diff.\n';
  }
  return body;
}
