/**
 * Field-level comparison of two plan objects: every leaf that differs, by dotted path. Objects are
 * compared key by key (so key order never matters); arrays and scalars as whole values, since a
 * plan's arrays (SNI routes, excluded ports) are already in canonical order. Fields the plan
 * schema gains later show up here without any change to the diff.
 */
import type { FieldChange } from './model.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    // no key arrays: this runs for every listener and cluster of a changed plan
    let n = 0;
    for (const k in a) {
      n++;
      if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
    }
    for (const _ in b) n--;
    return n === 0;
  }
  return false;
}

/**
 * Append to `out` every field that differs between `a` and `b`, skipping the dotted paths in
 * `skip` (identity fields, and what is compared elsewhere, e.g. `endpoints.hosts`).
 */
export function diffFields(a: unknown, b: unknown, out: FieldChange[], skip: ReadonlySet<string> = new Set(), prefix = ''): FieldChange[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (skip.has(p)) continue;
      diffFields(a[k], b[k], out, skip, p);
    }
    return out;
  }
  if (jsonEqual(a, b)) return out;
  const change: FieldChange = { path: prefix };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  out.push(change);
  return out;
}

/** The change of `path` in `fields`, if any. */
export function field(fields: readonly FieldChange[], path: string): FieldChange | undefined {
  return fields.find((f) => f.path === path);
}

/** True when some changed field is `prefix` or lies under it. */
export function touches(fields: readonly FieldChange[], prefix: string): boolean {
  return fields.some((f) => f.path === prefix || f.path.startsWith(`${prefix}.`));
}
