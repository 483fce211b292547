import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level and no whitespace: the bytes a plan hash covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}

/** `sha256:<hex>` of the canonical JSON of `plan` without its `hash` field. */
export function planHash(plan: object): string {
  const { hash: _ignored, ...rest } = plan as Record<string, unknown>;
  return 'sha256:' + createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
