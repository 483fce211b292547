/** `meshc diff --format json`: the model as is (its shape is documented in docs/diff.md). */
import type { PlanSetDiff } from './model.js';

/** Render the diff for tools: stable field names, `version` first. */
export function renderJson(d: PlanSetDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
