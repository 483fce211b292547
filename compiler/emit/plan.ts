import type { Plan } from '../../schemas/types/plan.gen.js';

/** Plan -> plan.json bytes: 2-space JSON in the plan's fixed key order, trailing newline. */
export function emitPlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}
