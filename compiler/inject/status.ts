/**
 * The annotations inject reads and writes. `meshc.dev/injected` records, as Istio's
 * `sidecar.istio.io/status` does, exactly what was added, so a later run can take it out again
 * (re-injection with another image or sidecar, idempotency) without guessing.
 */

/** Opt-out: `"false"` on the workload or its pod template leaves it unchanged. */
export const INJECT_ANNOTATION = 'meshc.dev/inject';
/** Which Sidecar (plan) a workload gets. */
export const SIDECAR_ANNOTATION = 'meshc.dev/sidecar';
/** Written on the pod template: what inject added. */
export const INJECTED_ANNOTATION = 'meshc.dev/injected';
/** The workload's certificate volume for Sidecar.spec.tls: a Secret name, or cert-manager csi-driver-spiffe. */
export const TLS_SECRET_ANNOTATION = 'meshc.dev/tls-secret';
export const TLS_CSI_ANNOTATION = 'meshc.dev/tls-csi';
/** kubectl's default container for logs/exec; set with classic sidecars, whose proxy comes first. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** What one injection added to a pod template. */
export interface InjectionStatus {
  /** meshc version that injected. */
  version: string;
  sidecar: string;
  initContainers: string[];
  containers: string[];
  volumes: string[];
  /** Annotation keys added besides meshc.dev/injected. */
  annotations: string[];
  /** Keys that did not exist before, relative to the pod template (e.g. `spec.volumes`). */
  created: string[];
}

/** Paths of keys inject may create, parents first. */
export const CREATABLE = ['metadata', 'metadata.annotations', 'spec.initContainers', 'spec.volumes'] as const;

/** The annotation value: compact JSON, fixed key order, empty lists left out. */
export function formatStatus(s: InjectionStatus): string {
  const out: Record<string, unknown> = { version: s.version, sidecar: s.sidecar };
  for (const k of ['initContainers', 'containers', 'volumes', 'annotations', 'created'] as const) if (s[k].length) out[k] = s[k];
  return JSON.stringify(out);
}

const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Parse an annotation value; a string result is the reason it is not one of ours. */
export function parseStatus(value: unknown): InjectionStatus | string {
  if (typeof value !== 'string') return 'must be a string';
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return 'is not the JSON that meshc inject writes';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'is not a JSON object';
  if (typeof v.sidecar !== 'string' || typeof v.version !== 'string') return 'lacks "version" or "sidecar"';
  for (const k of ['initContainers', 'containers', 'volumes', 'annotations', 'created'] as const)
    if (v[k] !== undefined && !stringList(v[k])) return `"${k}" must be a list of strings`;
  const list = (k: string) => (v[k] as string[] | undefined) ?? [];
  const created = list('created');
  const bad = created.find((c) => !(CREATABLE as readonly string[]).includes(c));
  if (bad) return `"created" names an unknown key "${bad}"`;
  return {
    version: v.version,
    sidecar: v.sidecar,
    initContainers: list('initContainers'),
    containers: list('containers'),
    volumes: list('volumes'),
    annotations: list('annotations'),
    created,
  };
}
