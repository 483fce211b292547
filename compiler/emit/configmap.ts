/**
 * Plan -> a Kubernetes ConfigMap carrying plan.json, so GitOps tools (Argo CD, Flux) can apply
 * compiled plans; `meshc run --plan` then reads the mounted file and follows kubelet updates.
 */
import { stringify } from 'yaml';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { emitPlan } from './plan.js';

/** ConfigMap YAML whose `data["plan.json"]` is exactly `emitPlan(plan)`. */
export function emitConfigMap(plan: Plan, opts: { namespace?: string } = {}): string {
  const metadata: Record<string, unknown> = { name: `meshc-${plan.name}-plan` };
  if (opts.namespace) metadata.namespace = opts.namespace;
  metadata.labels = { 'app.kubernetes.io/managed-by': 'meshc', 'app.kubernetes.io/component': 'sidecar-plan', 'meshc.dev/sidecar': plan.name };
  metadata.annotations = { 'meshc.dev/plan-hash': plan.hash };
  const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { 'plan.json': emitPlan(plan) } };
  return stringify(doc, { lineWidth: 0, blockQuote: 'literal', indent: 2 });
}
