/** Shared checks for the `meshc inject` tests. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { k8sProblems } from '../helpers/k8s-schema.js';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const REAL = path.join(FIXTURES, 'k8s');
export const OWN = path.join(FIXTURES, 'inject', 'manifests');
export const POLICY_MESH = path.join(FIXTURES, 'inject', 'policy-mesh');
export const POLICY_DEFAULT = path.join(FIXTURES, 'inject', 'policy-default');

/** `meshc inject ARGS`, asserting exit 0. */
export async function inject(args: string[], input?: string): Promise<CliResult> {
  const r = await runCli(['inject', ...args], input === undefined ? {} : { input });
  assert.equal(r.code, 0, `meshc inject ${args.join(' ')} failed:\n${r.stderr}`);
  return r;
}

/** Documents with content, with their source slices. */
export function documents(text: string): { doc: Document; value: unknown; source: string }[] {
  return parseAllDocuments(text)
    .filter((d) => d.contents !== null)
    .map((d) => {
      assert.deepEqual(d.errors, [], 'output parses as YAML');
      return { doc: d, value: d.toJS({ maxAliasCount: 1000 }) as unknown, source: text.slice(d.range[0], d.range[2]) };
    });
}

/** Every document written is valid for its kind, strictly (unknown fields fail). */
export function assertAllValid(text: string, label: string): void {
  for (const { value } of documents(text)) {
    if (!isMapValue(value)) continue;
    const problems = k8sProblems(value);
    assert.deepEqual(problems, [], `${label}: ${String(value.kind)}/${String((value.metadata as Record<string, unknown> | undefined)?.name)} is not valid`);
  }
}

function isMapValue(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The pod template of a workload value, or undefined. */
export function podTemplate(obj: Record<string, unknown>): { metadata?: Record<string, unknown>; spec: Record<string, unknown> } | undefined {
  const get = (o: unknown, ...keys: string[]) => keys.reduce<unknown>((v, k) => (isMapValue(v) ? v[k] : undefined), o);
  const kind = obj.kind;
  const t = kind === 'Pod' ? obj : kind === 'CronJob' ? get(obj, 'spec', 'jobTemplate', 'spec', 'template') : get(obj, 'spec', 'template');
  return isMapValue(t) && isMapValue(t.spec) ? (t as never) : undefined;
}

/** Workload values of a stream, List items included. */
export function workloads(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (!isMapValue(v)) return;
    if (v.kind === 'List' && Array.isArray(v.items)) v.items.forEach(walk);
    else if (podTemplate(v)) out.push(v);
  };
  for (const { value } of documents(text)) walk(value);
  return out;
}

/**
 * The input's lines appear in the output in the same order, unchanged: inject only inserted
 * lines (block style), so comments, quoting, spacing and key order all survive.
 */
export function assertOnlyInsertions(input: string, output: string, label: string): void {
  const out = output.split('\n');
  let j = 0;
  for (const [i, line] of input.split('\n').entries()) {
    while (j < out.length && out[j] !== line) j++;
    assert.ok(j < out.length, `${label}: input line ${i + 1} ${JSON.stringify(line)} is missing or moved in the output`);
    j++;
  }
}

/** Documents that are not injected workloads come out byte for byte. */
export function assertOthersUnchanged(input: string, output: string, label: string): void {
  const a = documents(input);
  const b = documents(output);
  assert.equal(b.length, a.length, `${label}: same number of documents`);
  a.forEach((d, i) => {
    const injected = b[i]!.source.includes('meshc.dev/injected');
    if (!injected || d.source.includes('meshc.dev/inject: "false"')) assert.equal(b[i]!.source, d.source, `${label}: document ${i + 1} is byte for byte the input`);
  });
}

/** Names of init containers and containers of a pod template. */
export function containerNames(tmpl: { spec: Record<string, unknown> }): { init: string[]; main: string[] } {
  const names = (l: unknown) => (Array.isArray(l) ? l.map((c) => (c as { name: string }).name) : []);
  return { init: names(tmpl.spec.initContainers), main: names(tmpl.spec.containers) };
}
