/**
 * A strict checker for Envoy config (parsed YAML/JSON) against Envoy's own .proto files, with
 * the proto3 JSON mapping Envoy uses to load YAML: field names in original (snake_case) or
 * lowerCamel form, enums by name, well-known types in their JSON forms (Duration "1.5s",
 * wrappers as plain scalars, Struct as any object, Any with `@type`).
 *
 * Every problem is reported, never thrown: unknown fields, wrong types, undefined enum values,
 * unresolvable `@type`, two members of one oneof, deprecated fields (Envoy warns or rejects), and
 * the protoc-gen-validate `(validate.rules)` / `(validate.required)` options Envoy enforces at load.
 * A rule kind this walker does not implement is itself reported, so it never passes by ignoring.
 */
import protobuf from 'protobufjs';

/** One problem, with a JSON-path-like location. */
export interface WalkIssue {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
type Rules = Record<string, unknown>;

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const FLOATS = new Set(['double', 'float']);
/** Wrapper message -> the scalar type its JSON form is. */
const WRAPPERS: Record<string, string> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};
const DURATION_RE = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fullName(t: protobuf.ReflectionObject): string {
  return t.fullName.replace(/^\./, '');
}

/** Merge a field's/oneof's parsed options into one object keyed like `(validate.rules)`. */
function optionsOf(o: { parsedOptions?: unknown; options?: Obj }): Obj {
  const merged: Obj = {};
  const parsed = (o.parsedOptions ?? []) as Obj[];
  for (const entry of parsed) deepMerge(merged, entry);
  for (const [k, v] of Object.entries(o.options ?? {})) if (!(k in merged) && !k.includes(').')) merged[k] = v;
  return merged;
}

/** Merge `src` into `dst` recursively (an option may be set in several statements). */
function deepMerge(dst: Obj, src: Obj): void {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isObj(cur) && isObj(v)) deepMerge(cur, v);
    else dst[k] = isObj(v) ? structuredClone(v) : v;
  }
}

/** Duration string -> nanoseconds (bigint), or undefined when malformed. */
export function durationNanos(s: string): bigint | undefined {
  const m = DURATION_RE.exec(s);
  if (!m) return undefined;
  const nanos = BigInt(m[2]!) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  return m[1] ? -nanos : nanos;
}

/** A `{seconds, nanos}` rule operand -> nanoseconds. */
function ruleNanos(v: unknown): bigint {
  const o = isObj(v) ? v : {};
  return BigInt(Number(o.seconds ?? 0)) * 1_000_000_000n + BigInt(Number(o.nanos ?? 0));
}

/** The checker; construct once per Root. */
export class ProtoWalker {
  private readonly camel = new Map<protobuf.Type, Map<string, protobuf.Field>>();

  constructor(private readonly root: protobuf.Root) {}

  /** Check `value` as message `typeName` (e.g. `envoy.config.bootstrap.v3.Bootstrap`). */
  check(typeName: string, value: unknown): WalkIssue[] {
    const issues: WalkIssue[] = [];
    this.message(this.root.lookupType(typeName), value, '$', issues);
    return issues;
  }

  private fieldByJsonName(t: protobuf.Type, key: string): protobuf.Field | undefined {
    const direct = t.fields[key];
    if (direct) return direct;
    let m = this.camel.get(t);
    if (!m) {
      m = new Map(t.fieldsArray.map((f) => [protobuf.util.camelCase(f.name), f]));
      this.camel.set(t, m);
    }
    return m.get(key);
  }

  private message(t: protobuf.Type, value: unknown, path: string, issues: WalkIssue[]): void {
    const name = fullName(t);
    if (this.wellKnown(name, value, path, issues)) return;
    if (!isObj(value)) {
      issues.push({ path, message: `expected an object for ${name}, got ${describe(value)}` });
      return;
    }
    const seen = new Map<protobuf.Field, string>();
    for (const [key, v] of Object.entries(value)) {
      const f = this.fieldByJsonName(t, key);
      const p = `${path}.${key}`;
      if (!f) {
        issues.push({ path: p, message: `unknown field "${key}" in ${name}` });
        continue;
      }
      if (seen.has(f)) {
        issues.push({ path: p, message: `field ${f.name} given twice (as "${seen.get(f)}" and "${key}")` });
        continue;
      }
      seen.set(f, key);
      if (v === null) {
        issues.push({ path: p, message: 'null value' });
        continue;
      }
      const opts = optionsOf(f);
      if (opts.deprecated === true) issues.push({ path: p, message: `deprecated field ${name}.${f.name}` });
      this.field(f, v, p, issues);
    }
    // Oneofs: at most one member; `(validate.required)` oneofs exactly one.
    for (const oneof of t.oneofsArray) {
      const set = oneof.fieldsArray.filter((f) => seen.has(f));
      if (set.length > 1) issues.push({ path, message: `oneof ${name}.${oneof.name}: ${set.map((f) => f.name).join(' and ')} both set` });
      if (set.length === 0 && optionsOf(oneof)['(validate.required)'] === true) {
        issues.push({ path, message: `oneof ${name}.${oneof.name} is required: set one of ${oneof.fieldsArray.map((f) => f.name).join(', ')}` });
      }
    }
    // Rules on absent fields: `required`, and PGV's rules on the zero value of plain scalars.
    for (const f of t.fieldsArray) {
      if (seen.has(f)) continue;
      const rules = optionsOf(f)['(validate.rules)'];
      if (!isObj(rules)) continue;
      // PGV checks a oneof member's rules (even `required`) only when that member is the one set.
      if (f.partOf) continue;
      const p = `${path}.${f.name}`;
      if ((isObj(rules.message) && rules.message.required === true) || (isObj(rules.duration) && rules.duration.required === true) || (isObj(rules.any) && rules.any.required === true)) {
        issues.push({ path: p, message: `required field ${name}.${f.name} is missing` });
        continue;
      }
      if (f.repeated || f.map) {
        if (f.repeated) this.rules(f, [], rules, p, issues);
        continue;
      }
      f.resolve();
      if (f.resolvedType instanceof protobuf.Type) continue; // absent message: only `required` applies
      const zero = f.resolvedType instanceof protobuf.Enum ? 0 : f.type === 'string' || f.type === 'bytes' ? '' : f.type === 'bool' ? false : 0;
      this.rules(f, zero, rules, p, issues);
    }
  }

  private field(f: protobuf.Field, v: unknown, path: string, issues: WalkIssue[]): void {
    f.resolve();
    const rules = optionsOf(f)['(validate.rules)'];
    if (f.map) {
      if (!isObj(v)) {
        issues.push({ path, message: `expected a map object, got ${describe(v)}` });
        return;
      }
      for (const [k, item] of Object.entries(v)) this.single(f, item, `${path}.${k}`, issues, undefined);
      if (isObj(rules)) this.rules(f, v, rules, path, issues);
      return;
    }
    if (f.repeated) {
      if (!Array.isArray(v)) {
        issues.push({ path, message: `expected a list, got ${describe(v)}` });
        return;
      }
      const itemRules = isObj(rules) && isObj(rules.repeated) && isObj(rules.repeated.items) ? rules.repeated.items : undefined;
      v.forEach((item, i) => this.single(f, item, `${path}[${i}]`, issues, itemRules));
      if (isObj(rules)) this.rules(f, v, rules, path, issues);
      return;
    }
    this.single(f, v, path, issues, isObj(rules) ? rules : undefined);
  }

  /** One value of a field's element type, plus that element's rules. */
  private single(f: protobuf.Field, v: unknown, path: string, issues: WalkIssue[], rules: Rules | undefined): void {
    if (v === null) {
      issues.push({ path, message: 'null value' });
      return;
    }
    const rt = f.resolvedType;
    if (rt instanceof protobuf.Type) {
      this.message(rt, v, path, issues);
    } else if (rt instanceof protobuf.Enum) {
      this.enumValue(rt, v, path, issues);
    } else if (!this.scalar(f.type, v, path, issues)) {
      return;
    }
    if (rules) this.rules(f, v, rules, path, issues);
  }

  private enumValue(e: protobuf.Enum, v: unknown, path: string, issues: WalkIssue[]): void {
    if (typeof v === 'string') {
      if (!(v in e.values)) issues.push({ path, message: `"${v}" is not a value of enum ${fullName(e)}` });
    } else if (typeof v === 'number') {
      if (!Object.values(e.values).includes(v)) issues.push({ path, message: `${v} is not a value of enum ${fullName(e)}` });
    } else {
      issues.push({ path, message: `expected an enum name of ${fullName(e)}, got ${describe(v)}` });
    }
  }

  /** Scalar JSON forms; returns false when the value has the wrong type. */
  private scalar(type: string, v: unknown, path: string, issues: WalkIssue[]): boolean {
    const bad = (what: string) => {
      issues.push({ path, message: `expected ${what} (${type}), got ${describe(v)}` });
      return false;
    };
    if (type === 'string') return typeof v === 'string' || bad('a string');
    if (type === 'bool') return typeof v === 'boolean' || bad('a boolean');
    if (type === 'bytes') return (typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) || bad('base64 text');
    if (FLOATS.has(type)) return typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity' || bad('a number');
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return bad('an integer');
    if (INT32.has(type) && (n < -(2 ** 31) || n > 2 ** 31 - 1)) return bad('a 32-bit integer');
    if (UINT32.has(type) && (n < 0 || n > 2 ** 32 - 1)) return bad('an unsigned 32-bit integer');
    if (UINT64.has(type) && n < 0) return bad('an unsigned integer');
    if (!INT32.has(type) && !UINT32.has(type) && !INT64.has(type) && !UINT64.has(type)) return bad('a known scalar');
    return true;
  }

  /** Well-known types with special JSON forms; true when `name` is one (and was checked). */
  private wellKnown(name: string, v: unknown, path: string, issues: WalkIssue[]): boolean {
    const wrapped = WRAPPERS[name];
    if (wrapped) {
      this.scalar(wrapped, v, path, issues);
      return true;
    }
    switch (name) {
      case 'google.protobuf.Duration':
        if (typeof v !== 'string' || durationNanos(v) === undefined) issues.push({ path, message: `expected a Duration string like "1.5s", got ${describe(v)}` });
        return true;
      case 'google.protobuf.Timestamp':
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) issues.push({ path, message: `expected an RFC 3339 timestamp, got ${describe(v)}` });
        return true;
      case 'google.protobuf.Struct':
        if (!isObj(v)) issues.push({ path, message: `expected an object (Struct), got ${describe(v)}` });
        return true;
      case 'google.protobuf.ListValue':
        if (!Array.isArray(v)) issues.push({ path, message: `expected a list (ListValue), got ${describe(v)}` });
        return true;
      case 'google.protobuf.Value':
        return true;
      case 'google.protobuf.FieldMask':
        if (typeof v !== 'string') issues.push({ path, message: `expected a FieldMask string, got ${describe(v)}` });
        return true;
      case 'google.protobuf.Empty':
        if (!isObj(v) || Object.keys(v).length > 0) issues.push({ path, message: `expected {} (Empty), got ${describe(v)}` });
        return true;
      case 'google.protobuf.Any':
        this.any(v, path, issues);
        return true;
      default:
        return false;
    }
  }

  private any(v: unknown, path: string, issues: WalkIssue[]): void {
    if (!isObj(v)) {
      issues.push({ path, message: `expected an Any object with "@type", got ${describe(v)}` });
      return;
    }
    const url = v['@type'];
    if (typeof url !== 'string' || !url.includes('/')) {
      issues.push({ path, message: 'Any without a "@type" URL' });
      return;
    }
    const typeName = url.slice(url.lastIndexOf('/') + 1);
    let t: protobuf.Type;
    try {
      t = this.root.lookupType(typeName);
    } catch {
      issues.push({ path: `${path}.@type`, message: `unresolvable @type ${url}` });
      return;
    }
    const { '@type': _url, ...rest } = v;
    const special = WRAPPERS[typeName] !== undefined || typeName.startsWith('google.protobuf.');
    if (special && typeName !== 'google.protobuf.Any' && fullName(t).startsWith('google.protobuf.')) {
      // Well-known types inside Any carry their JSON form in "value".
      const keys = Object.keys(rest);
      if (keys.length !== 1 || keys[0] !== 'value') issues.push({ path, message: `Any of ${typeName} needs exactly a "value" field` });
      else this.message(t, rest.value, `${path}.value`, issues);
      return;
    }
    this.message(t, rest, path, issues);
  }

  /** Apply protoc-gen-validate rules of one field to a present (or zero) value. */
  private rules(f: protobuf.Field, v: unknown, rules: Rules, path: string, issues: WalkIssue[]): void {
    for (const [kind, spec] of Object.entries(rules)) {
      if (!isObj(spec)) {
        if (kind === 'skipped' || kind === 'required') continue;
        issues.push({ path, message: `unsupported validate rule ${kind}` });
        continue;
      }
      if (spec.ignore_empty === true && (v === '' || v === 0 || (Array.isArray(v) && v.length === 0))) continue;
      const fail = (what: string) => issues.push({ path, message: `${f.name}: ${what} (validate.rules ${kind})` });
      switch (kind) {
        case 'string':
          if (typeof v === 'string') stringRules(v, spec, fail);
          break;
        case 'uint32': case 'uint64': case 'int32': case 'int64': case 'sint32': case 'sint64':
        case 'fixed32': case 'fixed64': case 'sfixed32': case 'sfixed64': case 'double': case 'float':
          numberRules(typeof v === 'string' ? Number(v) : (v as number), spec, fail);
          break;
        case 'bool':
          if (spec.const !== undefined && v !== spec.const) fail(`must be ${String(spec.const)}`);
          unsupported(spec, ['const'], fail);
          break;
        case 'duration':
          if (typeof v === 'string') durationRules(durationNanos(v) ?? 0n, spec, fail);
          break;
        case 'enum':
          enumRules(f, v, spec, fail);
          break;
        case 'repeated':
          if (Array.isArray(v)) {
            if (typeof spec.min_items === 'number' || typeof spec.min_items === 'string') if (v.length < Number(spec.min_items)) fail(`needs at least ${spec.min_items} items`);
            if (typeof spec.max_items === 'number' || typeof spec.max_items === 'string') if (v.length > Number(spec.max_items)) fail(`allows at most ${spec.max_items} items`);
            if (spec.unique === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) fail('items must be unique');
            unsupported(spec, ['min_items', 'max_items', 'unique', 'items', 'ignore_empty'], fail);
          }
          break;
        case 'map':
          if (isObj(v)) {
            if (spec.min_pairs !== undefined && Object.keys(v).length < Number(spec.min_pairs)) fail(`needs at least ${spec.min_pairs} entries`);
            unsupported(spec, ['min_pairs', 'max_pairs', 'keys', 'values', 'ignore_empty'], fail);
          }
          break;
        case 'message':
          unsupported(spec, ['required', 'skip'], fail);
          break;
        case 'any':
          if (isObj(v) && Array.isArray(spec.in) && !spec.in.includes(v['@type'])) fail(`@type must be one of ${spec.in.join(', ')}`);
          unsupported(spec, ['required', 'in'], fail);
          break;
        default:
          fail('unsupported rule kind');
      }
    }
  }
}

function stringRules(v: string, spec: Obj, fail: (what: string) => void): void {
  const len = [...v].length;
  const bytes = Buffer.byteLength(v);
  if (spec.min_len !== undefined && len < Number(spec.min_len)) fail(`at least ${spec.min_len} characters`);
  if (spec.max_len !== undefined && len > Number(spec.max_len)) fail(`at most ${spec.max_len} characters`);
  if (spec.min_bytes !== undefined && bytes < Number(spec.min_bytes)) fail(`at least ${spec.min_bytes} bytes`);
  if (spec.max_bytes !== undefined && bytes > Number(spec.max_bytes)) fail(`at most ${spec.max_bytes} bytes`);
  if (typeof spec.prefix === 'string' && !v.startsWith(spec.prefix)) fail(`must start with ${spec.prefix}`);
  if (typeof spec.pattern === 'string' && !new RegExp(spec.pattern, 'u').test(v)) fail(`must match ${spec.pattern}`);
  if (Array.isArray(spec.in) && !spec.in.includes(v)) fail(`must be one of ${spec.in.join(', ')}`);
  if (Array.isArray(spec.not_in) && spec.not_in.includes(v)) fail(`must not be ${v}`);
  if (spec.well_known_regex !== undefined && v !== '') {
    // HTTP_HEADER_NAME / HTTP_HEADER_VALUE: no control characters (strict=false form).
    if (/[\0\r\n]/.test(v)) fail(`must be a valid ${spec.well_known_regex}`);
  }
  unsupported(spec, ['min_len', 'max_len', 'min_bytes', 'max_bytes', 'prefix', 'pattern', 'in', 'not_in', 'well_known_regex', 'strict', 'ignore_empty'], fail);
}

function numberRules(n: number, spec: Obj, fail: (what: string) => void): void {
  if (spec.const !== undefined && n !== Number(spec.const)) fail(`must be ${spec.const}`);
  if (spec.gt !== undefined && !(n > Number(spec.gt))) fail(`must be > ${spec.gt}`);
  if (spec.gte !== undefined && !(n >= Number(spec.gte))) fail(`must be >= ${spec.gte}`);
  if (spec.lt !== undefined && !(n < Number(spec.lt))) fail(`must be < ${spec.lt}`);
  if (spec.lte !== undefined && !(n <= Number(spec.lte))) fail(`must be <= ${spec.lte}`);
  if (Array.isArray(spec.in) && !spec.in.map(Number).includes(n)) fail(`must be one of ${spec.in.join(', ')}`);
  if (Array.isArray(spec.not_in) && spec.not_in.map(Number).includes(n)) fail(`must not be ${n}`);
  unsupported(spec, ['const', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'ignore_empty'], fail);
}

function durationRules(n: bigint, spec: Obj, fail: (what: string) => void): void {
  if (spec.gt !== undefined && !(n > ruleNanos(spec.gt))) fail(`must be > ${ruleNanos(spec.gt)}ns`);
  if (spec.gte !== undefined && !(n >= ruleNanos(spec.gte))) fail(`must be >= ${ruleNanos(spec.gte)}ns`);
  if (spec.lt !== undefined && !(n < ruleNanos(spec.lt))) fail(`must be < ${ruleNanos(spec.lt)}ns`);
  if (spec.lte !== undefined && !(n <= ruleNanos(spec.lte))) fail(`must be <= ${ruleNanos(spec.lte)}ns`);
  if (spec.const !== undefined && n !== ruleNanos(spec.const)) fail(`must be ${ruleNanos(spec.const)}ns`);
  unsupported(spec, ['required', 'gt', 'gte', 'lt', 'lte', 'const'], fail);
}

function enumRules(f: protobuf.Field, v: unknown, spec: Obj, fail: (what: string) => void): void {
  const e = f.resolvedType;
  if (!(e instanceof protobuf.Enum)) return;
  const num = typeof v === 'string' ? e.values[v] : (v as number);
  if (spec.defined_only === true && (num === undefined || !Object.values(e.values).includes(num))) fail('must be a defined enum value');
  if (Array.isArray(spec.in) && !spec.in.map(Number).includes(num as number)) fail(`must be one of ${spec.in.join(', ')}`);
  if (Array.isArray(spec.not_in) && spec.not_in.map(Number).includes(num as number)) fail(`must not be ${String(v)}`);
  if (spec.const !== undefined && num !== Number(spec.const)) fail(`must be ${spec.const}`);
  unsupported(spec, ['defined_only', 'in', 'not_in', 'const'], fail);
}

/** Report rule keys this walker does not implement (so nothing passes by being ignored). */
function unsupported(spec: Obj, known: string[], fail: (what: string) => void): void {
  for (const k of Object.keys(spec)) if (!known.includes(k)) fail(`unsupported rule key ${k}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
