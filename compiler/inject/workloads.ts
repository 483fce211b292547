/**
 * Which Kubernetes objects carry a pod template and where it is: the object itself for a Pod,
 * `spec.template` for the controllers, `spec.jobTemplate.spec.template` for a CronJob. Kinds are
 * matched with their API group, so a custom resource that happens to be called `Job` is left alone.
 * `kind: List` (and typed `*List` kinds) are searched item by item.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

/** kind -> API groups it belongs to ('' is the core group). */
const WORKLOAD_GROUPS: Record<string, readonly string[]> = {
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
};

/** The kinds inject adds the sidecar to. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(WORKLOAD_GROUPS);

/** An object found in a manifest document (top level or a List item). */
export interface ManifestObject {
  node: YAMLMap;
  kind: string | undefined;
  apiVersion: string | undefined;
  name: string | undefined;
  /** `deployment.apps/web`, as kubectl prints it. */
  label: string;
  /** Path of the pod template map from `node`, when this is a workload. */
  templatePath: string[] | undefined;
}

/** The pair of a block or flow map whose key is the string `key`. */
export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<Node, Node | null>).items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** The value of `key` in `map`, or undefined. */
export function valueOf(map: unknown, key: string): Node | null | undefined {
  return pairOf(map, key)?.value;
}

/** The string value of a scalar, or undefined. */
export function stringOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Describe one object: its kind, name, kubectl label and pod template path. */
export function describe(node: YAMLMap): ManifestObject {
  const kind = stringOf(valueOf(node, 'kind'));
  const apiVersion = stringOf(valueOf(node, 'apiVersion'));
  const meta = valueOf(node, 'metadata');
  const name = stringOf(valueOf(meta, 'name')) ?? stringOf(valueOf(meta, 'generateName'));
  const group = apiVersion !== undefined ? groupOf(apiVersion) : undefined;
  const resource = kind ? kind.toLowerCase() + (group ? `.${group}` : '') : 'object';
  const label = `${resource}/${name ?? '<unnamed>'}`;
  let templatePath: string[] | undefined;
  if (kind && group !== undefined && WORKLOAD_GROUPS[kind]?.includes(group))
    templatePath = kind === 'Pod' ? [] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
  return { node, kind, apiVersion, name, label, templatePath };
}

/** A List's items node when `node` is a `kind: List` (or `*List`) with an `items` sequence. */
export function listItems(obj: ManifestObject): unknown[] | undefined {
  if (!obj.kind || !/List$/.test(obj.kind)) return undefined;
  const items = valueOf(obj.node, 'items');
  return isSeq(items) ? items.items : undefined;
}
