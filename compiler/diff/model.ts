/**
 * The model of a plan diff: what `meshc diff` found between two sets of plans, as plain data.
 * The JSON renderer prints it as is (shape documented in docs/diff.md), so every field here is
 * part of a stable contract: add fields, never rename or remove them without bumping VERSION.
 */

/** Version of the JSON shape (`version` in `meshc diff --format json`). */
export const DIFF_FORMAT_VERSION = 1;

/** How an object (sidecar, listener, cluster, endpoint) differs between base and head. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** Added/changed/removed counts of one kind of object. */
export interface Counts {
  added: number;
  changed: number;
  removed: number;
}

/** One changed field, by its dotted path inside the object (e.g. `connection.idleTimeoutMs`). */
export interface FieldChange {
  path: string;
  /** Absent when the field is new in head. */
  old?: unknown;
  /** Absent when the field is gone in head. */
  new?: unknown;
}

/**
 * What applying head where base is in force does to a running sidecar, and where. `runtime` is
 * meshc's hot reload (`meshc run`), `envoy` the Envoy target, `pod` the Kubernetes pod (init
 * container rules, pod template).
 */
export interface Consequence {
  /** Stable identifier, e.g. `listener-drain` (see docs/diff.md for the list). */
  code: string;
  target: 'runtime' | 'envoy' | 'pod';
  /** `info`: applied in place; `disruptive`: live traffic is affected; `restart`: not applied until a restart; `rejected`: the reload will fail. */
  severity: 'info' | 'disruptive' | 'restart' | 'rejected';
  message: string;
}

/** A static endpoint of a cluster, identified by address and port. */
export interface EndpointDiff {
  /** `address:port` (IPv6 in brackets). */
  key: string;
  address: string;
  port: number;
  change: ChangeKind;
  /** Changed: the fields that differ (`weight`). */
  fields: FieldChange[];
  /** Added: the endpoint in head; removed: in base. */
  new?: unknown;
  old?: unknown;
}

/** A listener or cluster, identified by its plan name. */
export interface ObjectDiff {
  name: string;
  change: ChangeKind;
  /** Changed: the fields that differ (endpoint hosts are in `endpoints` instead). */
  fields: FieldChange[];
  /** Added: the object in head. */
  new?: unknown;
  /** Removed: the object in base. */
  old?: unknown;
  consequences: Consequence[];
}

/** A listener; `replaces`/`replacedBy` pair a removed and an added listener that serve the same thing at another address. */
export interface ListenerDiff extends ObjectDiff {
  replaces?: string;
  replacedBy?: string;
  /** Added: a removed listener whose socket overlaps this one's (same port and transport); the reload is rejected. */
  conflictsWith?: string;
}

/** A cluster with its static endpoints compared one by one. */
export interface ClusterDiff extends ObjectDiff {
  endpoints: EndpointDiff[];
}

/** One sidecar (one plan). */
export interface SidecarDiff {
  name: string;
  change: ChangeKind;
  /** Plan-level fields that differ: `admin.*`, `interception.*`. */
  fields: FieldChange[];
  /** Consequences of the plan-level fields (admin, interception). */
  consequences: Consequence[];
  listeners: ListenerDiff[];
  clusters: ClusterDiff[];
  /** `hash` of the plan in base / head (absent on the side where the sidecar does not exist). */
  baseHash?: string;
  headHash?: string;
}

/** The whole comparison. */
export interface PlanSetDiff {
  version: typeof DIFF_FORMAT_VERSION;
  /** Labels of the two sides as given (paths, or `REV:PATH` with --git). */
  base: string;
  head: string;
  /** The drain timeout the live-traffic consequences assume (`--drain-timeout`), in ms. */
  drainTimeoutMs: number;
  summary: { sidecars: Counts; listeners: Counts; clusters: Counts; endpoints: Counts };
  /** Only sidecars with differences, sorted by name. */
  sidecars: SidecarDiff[];
}

/** Zeroed counts. */
export function emptyCounts(): Counts {
  return { added: 0, changed: 0, removed: 0 };
}

/** True when the two sides differ in anything. */
export function hasDifferences(d: PlanSetDiff): boolean {
  return d.sidecars.length > 0;
}
