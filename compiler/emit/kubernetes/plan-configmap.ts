/**
 * Plan -> the ConfigMap `meshc-<sidecar>-plan` (`meshc compile --target configmap`), so GitOps
 * tools (Argo CD, Flux, `kubectl apply -k`) deliver compiled plans; `meshc run --plan` reads the
 * mounted file and follows the kubelet's updates.
 *
 * Keys: `plan.json`, plus `iptables.rules` / `ip6tables.rules` when the sidecar's interception is
 * on (meshc-init applies them). The size rule (SPEC section 5): plan.json as text when the
 * ConfigMap fits in 1 MiB; else gzip-compressed under `binaryData` (the kubelet writes the
 * decoded bytes to the file, `meshc run` recognises gzip by its magic bytes); else an error.
 */
import { stringify } from 'yaml';
import type { Plan } from '../../../schemas/types/plan.gen.js';
import { emitPlan } from '../plan.js';
import { emitIptables } from '../iptables.js';
import { emitIp6tables } from '../ip6tables.js';
import {
  CLIENT_APPLY_LIMIT,
  CONFIGMAP_LIMIT,
  clientApplyAnnotationSize,
  configMapSize,
  gzipDeterministic,
  toWire,
  type ConfigMapObject,
} from './configmap-size.js';

/** A problem with the ConfigMap, as data; the CLI attaches the Sidecar's FILE:LINE:COL. */
export interface ConfigMapProblem {
  code: 'E_CONFIGMAP_TOO_LARGE' | 'W_CONFIGMAP_CLIENT_APPLY';
  severity: 'error' | 'warning';
  message: string;
}

export interface PlanConfigMap {
  /** The manifest (YAML), or null when the plan does not fit even compressed. */
  manifest: string | null;
  /** How plan.json is carried. */
  encoding: 'text' | 'gzip';
  /** Bytes counted against the 1 MiB limit (see configmap-size.ts). */
  size: number;
  problems: ConfigMapProblem[];
}

export interface PlanConfigMapInput {
  /** Sidecar name: the ConfigMap is `meshc-<name>-plan`. */
  name: string;
  hash: string;
  /** plan.json text, exactly as `--target runtime` writes it. */
  planJson: string;
  /** Extra text keys (iptables.rules, ip6tables.rules). */
  extra?: Record<string, string>;
  namespace?: string;
}

/** The plan ConfigMap of `plan`, with the size rule applied. */
export function emitPlanConfigMap(plan: Plan, opts: { namespace?: string } = {}): PlanConfigMap {
  const extra: Record<string, string> = {};
  const v4 = emitIptables(plan);
  if (v4 !== null) extra['iptables.rules'] = v4;
  const v6 = emitIp6tables(plan);
  if (v6 !== null) extra['ip6tables.rules'] = v6;
  return buildPlanConfigMap({ name: plan.name, hash: plan.hash, planJson: emitPlan(plan), extra, ...opts });
}

/** The size rule on already-rendered content (exposed for tests at the exact boundaries). */
export function buildPlanConfigMap(input: PlanConfigMapInput): PlanConfigMap {
  const metadata: ConfigMapObject['metadata'] = { name: `meshc-${input.name}-plan` };
  if (input.namespace) metadata.namespace = input.namespace;
  metadata.labels = { 'app.kubernetes.io/managed-by': 'meshc', 'app.kubernetes.io/component': 'sidecar-plan', 'meshc.dev/sidecar': input.name };
  metadata.annotations = { 'meshc.dev/plan-hash': input.hash };
  const extra = input.extra ?? {};

  const asText: ConfigMapObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: sortKeys({ ...extra, 'plan.json': input.planJson }) };
  const textSize = configMapSize(asText);
  if (textSize <= CONFIGMAP_LIMIT) return done(asText, 'text', textSize, input.name);

  const gz: ConfigMapObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata, binaryData: { 'plan.json': gzipDeterministic(input.planJson) } };
  if (Object.keys(extra).length > 0) gz.data = sortKeys(extra);
  const gzSize = configMapSize(gz);
  if (gzSize <= CONFIGMAP_LIMIT) return done(gz, 'gzip', gzSize, input.name);

  const hint =
    input.name === 'default'
      ? 'add a Sidecar document per workload whose outbound lists only the services it calls'
      : `scope the sidecar's outbound to the services its workload calls`;
  return {
    manifest: null,
    encoding: 'gzip',
    size: gzSize,
    problems: [
      {
        code: 'E_CONFIGMAP_TOO_LARGE',
        severity: 'error',
        message:
          `sidecar "${input.name}": ConfigMap ${metadata.name} is ${fmt(gzSize)} bytes even with plan.json gzip-compressed ` +
          `(${fmt(textSize)} bytes as text); Kubernetes accepts at most ${fmt(CONFIGMAP_LIMIT)} bytes. Hint: ${hint}`,
      },
    ],
  };
}

function done(cm: ConfigMapObject, encoding: 'text' | 'gzip', size: number, name: string): PlanConfigMap {
  const problems: ConfigMapProblem[] = [];
  const applySize = clientApplyAnnotationSize(cm);
  if (applySize > CLIENT_APPLY_LIMIT) {
    problems.push({
      code: 'W_CONFIGMAP_CLIENT_APPLY',
      severity: 'warning',
      message:
        `sidecar "${name}": ConfigMap ${cm.metadata.name} is too large for client-side kubectl apply ` +
        `(its last-applied-configuration annotation would be ${fmt(applySize)} bytes, the limit is ${fmt(CLIENT_APPLY_LIMIT)}); ` +
        `apply with server-side apply: kubectl apply --server-side -k DIR, or Argo CD's ServerSideApply=true`,
    });
  }
  const header = `# Generated by meshc compile (sidecar "${name}"); do not edit, re-run meshc compile --target configmap.\n`;
  const manifest = header + stringify(toWire(cm), { lineWidth: 0, blockQuote: 'literal', indent: 2 });
  return { manifest, encoding, size, problems };
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
