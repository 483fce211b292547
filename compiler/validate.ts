/**
 * Stage 2: every document against schemas/policy.schema.json with ajv (allErrors). The validator
 * is ajv standalone code generated at build time (policy-validator.gen.ts, scripts/
 * gen-plan-validator.mjs): compiling the schema at run time cost ~200 ms of every command's
 * start-up. Each ajv error becomes a diagnostic at the offending key (unknown or missing field)
 * or value (wrong type, enum, range, pattern, format).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { report, type CompileContext } from './context.js';
import { formatPath, type PathSeg } from './locate.js';
import formats from './policy-formats.js';
import * as generated from './policy-validator.gen.js';

const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'policy.schema.json');

let compiled: ValidateFunction | undefined;

/** The parsed policy schema (also used by the docs generator). */
export function policySchema(): Record<string, any> {
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
}

/**
 * The generated validator, or — when the schema changed since it was generated (build not re-run)
 * — the schema compiled with ajv here, with the same options and formats, so a stale build never
 * validates against an old schema.
 */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const text = readFileSync(SCHEMA_FILE, 'utf8');
  if (createHash('sha256').update(text).digest('hex') === generated.SCHEMA_SHA256) {
    compiled = generated.validate as unknown as ValidateFunction;
    return compiled;
  }
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
  for (const [name, fn] of Object.entries(formats)) ajv.addFormat(name, fn);
  compiled = ajv.compile(JSON.parse(text));
  return compiled;
}

/** Validate every loaded document; sets `valid` on the ones that pass. */
export function validate(ctx: CompileContext): void {
  const check = validator();
  for (const src of ctx.docs) {
    if (check(src.value)) {
      src.valid = true;
      continue;
    }
    for (const e of check.errors ?? []) {
      const d = describe(e);
      if (d) report(ctx, src, d.path, d.code, d.message, { target: d.target });
    }
  }
}

interface Described {
  path: PathSeg[];
  target: 'key' | 'value';
  code: string;
  message: string;
}

/** Which schema definition an error came from (ajv reports refs at their definition). */
function definitionOf(e: ErrorObject): string | undefined {
  const m = /^#\/definitions\/([A-Za-z]+)\//.exec(e.schemaPath);
  return m?.[1];
}

function describe(e: ErrorObject): Described | null {
  const segs = pointerToPath(e.instancePath);
  const where = formatPath(segs) || 'document';
  const def = definitionOf(e);
  const got = e.data === undefined ? '' : ` (got ${show(e.data)})`;
  switch (e.keyword) {
    case 'if':
      return null; // the failing `then` branch reports its own errors
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = suggest(key, allowed);
      return {
        path: [...segs, key],
        target: 'key',
        code: 'E_UNKNOWN_FIELD',
        message: `${where === 'document' ? '' : where + ': '}unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      };
    }
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return {
        path: segs,
        target: 'key',
        code: 'E_MISSING_FIELD',
        message: `${where === 'document' ? '' : where + ': '}missing required field "${field}"`,
      };
    }
    case 'const':
      if (segs.length === 1 && segs[0] === 'apiVersion')
        return { path: segs, target: 'value', code: 'E_BAD_API_VERSION', message: `apiVersion must be ${(e.params as { allowedValue: string }).allowedValue}${got}` };
      return { path: segs, target: 'value', code: 'E_BAD_VALUE', message: `${where}: must be ${show((e.params as { allowedValue: unknown }).allowedValue)}${got}` };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof e.data === 'string' ? suggest(e.data, allowed) : undefined;
      const code = segs.length === 1 && segs[0] === 'kind' ? 'E_UNKNOWN_KIND' : 'E_BAD_VALUE';
      return {
        path: segs,
        target: 'value',
        code,
        message: `${where}: must be one of ${allowed.join(', ')}${got}${hint ? ` (did you mean "${hint}"?)` : ''}`,
      };
    }
    case 'type':
      return { path: segs, target: 'value', code: 'E_BAD_TYPE', message: `${where}: must be ${article(String((e.params as { type: string }).type))}${got}` };
    case 'format':
      if ((e.params as { format: string }).format === 'cidr')
        return { path: segs, target: 'value', code: 'E_BAD_CIDR', message: `${where}: not a CIDR such as 10.0.0.0/8 or fd00::/8${got}` };
      if ((e.params as { format: string }).format === 'host-port')
        return { path: segs, target: 'value', code: 'E_BAD_ADDRESS', message: `${where}: not an IP:PORT address such as 127.0.0.1:15306 or [::1]:15306${got}` };
      return { path: segs, target: 'value', code: 'E_BAD_ADDRESS', message: `${where}: not an IPv4 or IPv6 address${got}` };
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      if (def === 'Duration')
        return { path: segs, target: 'value', code: 'E_BAD_DURATION', message: `${where}: not a duration such as 250ms, 5s, 1m, 1h or 1m30s${got}` };
      if (def === 'Name')
        return { path: segs, target: 'value', code: 'E_BAD_NAME', message: `${where}: must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)${got}` };
      if (def === 'Zone')
        return { path: segs, target: 'value', code: 'E_BAD_VALUE', message: `${where}: not a zone name (letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters)${got}` };
      if (segs.length === 3 && segs[0] === 'spec' && segs[1] === 'tls' && segs[2] === 'sni')
        return { path: segs, target: 'value', code: 'E_BAD_SNI', message: `${where}: not a lower-case server name such as orders.shop.svc${got}` };
      if (def === 'ServerName')
        return { path: segs, target: 'value', code: 'E_BAD_SNI', message: `${where}: not a lower-case server name or *.suffix wildcard${got}` };
      if (segs[segs.length - 1] === 'hex')
        return { path: segs, target: 'value', code: 'E_BAD_HEX', message: `${where}: must be pairs of hexadecimal digits${got}` };
      return { path: segs, target: 'value', code: 'E_BAD_VALUE', message: `${where}: ${e.message ?? 'invalid'}${got}` };
    case 'uniqueItems': {
      const i = (e.params as { i: number }).i;
      return { path: [...segs, i], target: 'value', code: 'E_DUPLICATE_ITEM', message: `${where}[${i}]: duplicate item${typeof e.data === 'object' && Array.isArray(e.data) ? ` ${show(e.data[i])}` : ''}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
      return { path: segs, target: 'value', code: 'E_OUT_OF_RANGE', message: `${where}: ${e.message}${got}` };
    default:
      return { path: segs, target: 'value', code: 'E_SCHEMA', message: `${where}: ${e.message}` };
  }
}

function pointerToPath(pointer: string): PathSeg[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const u = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(u) ? Number(u) : u;
    });
}

function show(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function article(type: string): string {
  return type
    .split(',')
    .map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ');
}

/** The allowed word closest to `word` (edit distance <= 2), for "did you mean" hints. */
function suggest(word: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = distance(word.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
