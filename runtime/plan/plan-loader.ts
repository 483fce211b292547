import { readFile } from 'node:fs/promises';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { MeshcError } from '../errors.js';

/**
 * Read and validate a plan file: JSON, plan.schema.json, cross-references, hash.
 * Throws MeshcError (codes E_PLAN_*) with a message fit for a log line. STUB: JSON only.
 */
export async function loadPlanFile(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new MeshcError('E_PLAN_READ', `cannot read plan ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parsePlan(text, file);
}

/** Validate plan JSON text (see loadPlanFile). STUB: JSON only. */
export function parsePlan(text: string, file = '<plan>'): Plan {
  try {
    return JSON.parse(text) as Plan;
  } catch (err) {
    throw new MeshcError('E_PLAN_JSON', `${file}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
