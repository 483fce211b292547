/**
 * Strict validation of Kubernetes documents against the Kubernetes API schemas, for tests.
 *
 * Two checks, both from the `kubernetes-models` package (the Kubernetes 1.33 OpenAPI, generated):
 *  1. its ajv validators: required fields, types, enums, formats (e.g. base64 `binaryData`);
 *  2. unknown fields: those validators accept any extra key (the API server would prune or, with
 *     `kubectl --validate=strict`, reject it), so every key of the document is also looked up in
 *     the package's TypeScript declarations of the same schemas, walked with the TypeScript type
 *     checker. A key that no declaration knows is an error, as in `kubectl apply --validate=strict`.
 *
 * Supported: every kind the package models (`apiVersion` group/version -> its folder, `kind` ->
 * its module), and `kind: List` (each item checked).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('kubernetes-models/package.json'));

/** The package folder of an apiVersion: "v1" -> "v1", "apps/v1" -> "apps/v1". */
function moduleOf(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

interface Model {
  validate(): void;
}

/** Declared up front so that the usual kinds cost one TypeScript program, not one each. */
const COMMON_KINDS = ['v1 Pod', 'v1 ConfigMap', 'v1 Service', 'v1 ServiceAccount', 'v1 ReplicationController', 'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'apps/v1 ReplicaSet', 'batch/v1 Job', 'batch/v1 CronJob', 'v1 Namespace', 'v1 Secret', 'v1 PersistentVolumeClaim', 'storage.k8s.io/v1 StorageClass'];

let checker: ts.TypeChecker | null = null;
let sourceFile: ts.SourceFile | null = null;
const typeCache = new Map<string, ts.Type | null>();

/** The declared interface `I<kind>` of the package module for (apiVersion, kind), or null. */
function declaredType(apiVersion: string, kind: string): ts.Type | null {
  const key = `${apiVersion} ${kind}`;
  if (typeCache.has(key)) return typeCache.get(key)!;
  // one program per lookup set would be slow; the program is rebuilt only when a new kind appears
  const kinds = [...new Set([...COMMON_KINDS, ...typeCache.keys(), key])];
  const virtual = path.join(pkgDir, '__meshc_k8s_types__.ts');
  const text = kinds
    .map((k, i) => {
      const [av, kd] = k.split(' ') as [string, string];
      return `import type { I${kd} as T${i} } from ${JSON.stringify(moduleOf(av, kd))};\nexport type K${i} = T${i};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === virtual ? ts.createSourceFile(name, text, lang) : getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === virtual || fileExists(name);
  const program = ts.createProgram([virtual], options, host);
  checker = program.getTypeChecker();
  sourceFile = program.getSourceFile(virtual)!;
  typeCache.clear();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(sourceFile)!);
  kinds.forEach((k, i) => {
    const sym = exported.find((s) => s.name === `K${i}`);
    const t = sym ? checker!.getDeclaredTypeOfSymbol(sym) : null;
    typeCache.set(k, t && !(t.flags & ts.TypeFlags.Any) ? t : null);
  });
  return typeCache.get(key)!;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unknown keys of `value` against `type`, as JSON-pointer-ish paths. */
function unknownFields(value: unknown, type: ts.Type, at: string, out: string[]): void {
  const c = checker!;
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (members.length === 1) return unknownFields(value, members[0]!, at, out);
    // a union of object shapes: the value is fine if one member knows every key
    let best: string[] | null = null;
    for (const m of members) {
      const errs: string[] = [];
      unknownFields(value, m, at, errs);
      if (errs.length === 0) return;
      if (best === null || errs.length < best.length) best = errs;
    }
    if (best) out.push(...best);
    return;
  }
  if (Array.isArray(value)) {
    if (c.isArrayType(type)) {
      const el = c.getTypeArguments(type as ts.TypeReference)[0];
      if (el) value.forEach((v, i) => unknownFields(v, el, `${at}[${i}]`, out));
    }
    return;
  }
  if (!isPlainObject(value) || !(type.flags & ts.TypeFlags.Object)) return;
  const index = c.getIndexInfoOfType(type, ts.IndexKind.String);
  for (const [k, v] of Object.entries(value)) {
    const prop = c.getPropertyOfType(type, k);
    const where = at ? `${at}.${k}` : k;
    if (prop) unknownFields(v, c.getTypeOfSymbol(prop), where, out);
    else if (index) unknownFields(v, index.type, where, out);
    else out.push(`${where}: unknown field "${k}"`);
  }
}

/**
 * Every problem of one Kubernetes document against the API schema of its kind (empty = valid).
 * Unsupported apiVersion/kind is a problem too, so a typo never passes silently.
 */
export function k8sProblems(doc: unknown): string[] {
  if (!isPlainObject(doc)) return ['document is not a mapping'];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind are required strings'];
  if (apiVersion === 'v1' && kind === 'List') {
    const items = doc.items;
    if (!Array.isArray(items)) return ['List: items must be an array'];
    const extra = Object.keys(doc).filter((k) => !['apiVersion', 'kind', 'metadata', 'items'].includes(k));
    return [...extra.map((k) => `${k}: unknown field "${k}"`), ...items.flatMap((it, i) => k8sProblems(it).map((p) => `items[${i}].${p}`))];
  }
  let mod: Record<string, new (d: unknown) => Model>;
  try {
    mod = require(moduleOf(apiVersion, kind));
  } catch {
    return [`no Kubernetes schema for apiVersion ${apiVersion}, kind ${kind}`];
  }
  const Ctor = mod[kind];
  if (typeof Ctor !== 'function') return [`no Kubernetes schema for apiVersion ${apiVersion}, kind ${kind}`];
  const problems: string[] = [];
  try {
    new Ctor(doc).validate();
  } catch (err) {
    problems.push(String((err as Error).message));
  }
  const type = declaredType(apiVersion, kind);
  if (type === null) problems.push(`no type declaration for ${apiVersion} ${kind}`);
  else unknownFields(doc, type, '', problems);
  return problems;
}

/** Throws with every problem when `doc` is not a valid Kubernetes document of its kind. */
export function assertValidK8s(doc: unknown, label = 'document'): void {
  const p = k8sProblems(doc);
  if (p.length > 0) throw new Error(`${label} is not valid against the Kubernetes API schema:\n  ${p.join('\n  ')}`);
}
