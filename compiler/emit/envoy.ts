import type { Plan } from '../../schemas/types/plan.gen.js';

/** Plan -> Envoy v3 bootstrap YAML (deterministic bytes). STUB. */
export function emitEnvoy(plan: Plan): string {
  void plan;
  throw new Error('envoy target not implemented');
}
