/**
 * `meshc diff` without the command line: compare two sets of plans and render the result.
 * compare.ts pairs objects by identity, consequences.ts says what hot reload does, the
 * render-*.ts files print the model (model.ts).
 */
import type { Plan } from '../../schemas/types/plan.gen.js';
import { comparePlans } from './compare.js';
import { envoyUsesDynamicResources } from './consequences.js';
import type { PlanSetDiff } from './model.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export { hasDifferences, DIFF_FORMAT_VERSION, type PlanSetDiff } from './model.js';

/** Output formats of `meshc diff --format`. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Compare base's plans with head's; labels name the sides in the output. */
export function diffPlans(base: readonly Plan[], head: readonly Plan[], opts: { base: string; head: string; drainTimeoutMs: number }): PlanSetDiff {
  return comparePlans(base, head, { ...opts, envoyDynamic: envoyUsesDynamicResources(head[0] ?? base[0]) });
}

/** Render a diff in one of DIFF_FORMATS. */
export function renderDiff(d: PlanSetDiff, format: DiffFormat): string {
  if (format === 'json') return renderJson(d);
  if (format === 'markdown') return renderMarkdown(d);
  return renderText(d);
}
