/**
 * Property test of inject's text editing on generated manifests in many styles: indentation
 * step 2 or 4, indented or indentless lists, flow or block collections, empty keys, comments
 * above keys and list items, present or absent metadata/annotations/initContainers/volumes in
 * any key order, CRLF, no final newline; Pod, Deployment and CronJob; native or classic sidecar.
 * For each: the output means exactly what a plain-object transform of the input says (an
 * independent oracle), is valid for its kind, keeps the input's lines (block style), injecting it
 * again gives the same bytes, and a detour through other options comes back to the same bytes.
 * INJECT_RUNS / INJECT_SEED widen the search locally (the default run is fixed and deterministic).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { injectFiles, type InjectOptions, type SidecarIdentity } from '../../compiler/inject/index.js';
import { k8sProblems } from '../helpers/k8s-schema.js';
import { assertOnlyInsertions } from './helpers.js';

const plans = new Map<string, SidecarIdentity>([
  ['web', { name: 'web', interception: true, proxyUid: 2000, proxyGid: 3000 }],
  ['api', { name: 'api', interception: false, proxyUid: 1337, proxyGid: 1337 }],
]);
const options = (sidecar: string, classic: boolean, image = 'meshc:test'): InjectOptions => ({ plans, flag: sidecar, implicitDefault: false, image, classic, version: '0.0.0-test' });

function run(text: string, o: InjectOptions): string {
  const r = injectFiles([{ file: 'gen.yaml', text }], o);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], text);
  return r.output;
}

type Style = 'absent' | 'empty' | 'flow' | 'block';
interface Shape {
  kind: 'Pod' | 'Deployment' | 'CronJob';
  step: 2 | 4;
  indentless: boolean;
  metadata: 'absent' | 'labels' | 'flow';
  annotations: Style;
  initContainers: Style;
  volumes: Style;
  containersFlow: boolean;
  order: number[];
  comments: boolean;
  crlf: boolean;
  finalNewline: boolean;
  classic: boolean;
  sidecar: 'web' | 'api';
}

const style = fc.constantFrom<Style>('absent', 'empty', 'flow', 'block');
const shape: fc.Arbitrary<Shape> = fc.record({
  kind: fc.constantFrom('Pod', 'Deployment', 'CronJob'),
  step: fc.constantFrom(2, 4),
  indentless: fc.boolean(),
  metadata: fc.constantFrom('absent', 'labels', 'flow'),
  annotations: style,
  initContainers: style,
  volumes: style,
  containersFlow: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  comments: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  classic: fc.boolean(),
  sidecar: fc.constantFrom('web', 'api'),
}) as fc.Arbitrary<Shape>;

/** The manifest text for a shape. */
function render(s: Shape): string {
  const pad = (n: number) => ' '.repeat(n);
  const seq = (col: number) => col + (s.indentless ? 0 : s.step);
  const comment = (col: number, what: string) => (s.comments ? `${pad(col)}# ${what}\n` : '');
  const list = (key: string, col: number, items: string[], st: Style, flowItems: string) => {
    if (st === 'absent') return '';
    if (st === 'empty') return `${comment(col, key)}${pad(col)}${key}:\n`;
    if (st === 'flow') return `${comment(col, key)}${pad(col)}${key}: [${flowItems}]\n`;
    const d = seq(col);
    return `${comment(col, key)}${pad(col)}${key}:\n${comment(d, 'first item')}${items.map((it) => `${pad(d)}- ${it.replace(/\n(?=.)/g, '\n' + pad(d + 2))}`).join('')}`;
  };
  const podSpec = (col: number) => {
    const parts = [
      s.containersFlow ? `${comment(col, 'the app')}${pad(col)}containers: [{name: app, image: "example.com/app:1"}]  # trailing\n` : list('containers', col, ['name: app   # the app\nimage: "example.com/app:1"\n'], 'block', ''),
      list('initContainers', col, ['name: setup\nimage: busybox\n'], s.initContainers, s.initContainers === 'flow' ? '{name: setup, image: busybox}' : ''),
      list('volumes', col, ['name: scratch\nemptyDir: {}\n'], s.volumes, s.volumes === 'flow' ? '{name: scratch, emptyDir: {}}' : ''),
      s.kind === 'Pod' ? '' : `${pad(col)}restartPolicy: ${s.kind === 'CronJob' ? 'OnFailure' : 'Always'}\n`,
    ];
    return s.order.map((i) => parts[i]).join('');
  };
  const meta = (col: number, name?: string) => {
    const ann =
      s.annotations === 'absent' ? '' : s.annotations === 'empty' ? `${pad(col + s.step)}annotations:\n` : s.annotations === 'flow' ? `${pad(col + s.step)}annotations: {team: "shop"}\n` : `${pad(col + s.step)}annotations:\n${pad(col + 2 * s.step)}team: shop   # owner\n`;
    if (s.metadata === 'flow' && s.annotations === 'absent') return `${pad(col)}metadata: {labels: {app: x}${name ? `, name: ${name}` : ''}}\n`;
    if (s.metadata === 'absent' && !name && s.annotations === 'absent') return '';
    return `${pad(col)}metadata:\n${name ? `${pad(col + s.step)}name: ${name}\n` : ''}${pad(col + s.step)}labels:\n${pad(col + 2 * s.step)}app: x\n${ann}`;
  };
  const t = (n: number) => n * s.step;
  let text: string;
  if (s.kind === 'Pod') text = `apiVersion: v1\nkind: Pod\n${meta(0, 'p')}spec:\n${podSpec(t(1))}`;
  else if (s.kind === 'Deployment')
    text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n${pad(t(1))}name: d\nspec:\n${pad(t(1))}selector:\n${pad(t(2))}matchLabels: {app: x}\n${pad(t(1))}template:\n${meta(t(2))}${pad(t(2))}spec:\n${podSpec(t(3))}`;
  else text = `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n${pad(t(1))}schedule: "@hourly"\n${pad(t(1))}jobTemplate:\n${pad(t(2))}spec:\n${pad(t(3))}template:\n${meta(t(4))}${pad(t(4))}spec:\n${podSpec(t(5))}`;
  text = `# generated\n---\n${text}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}   # untouched\nspec: {ports: [{port: 80}]}\n`;
  if (!s.finalNewline) text = text.slice(0, -1);
  return s.crlf ? text.replace(/\n/g, '\r\n') : text;
}

type Obj = Record<string, unknown>;
const templateOf = (doc: Obj): Obj => {
  if (doc.kind === 'Pod') return doc;
  const spec = doc.spec as Obj;
  return doc.kind === 'CronJob' ? (((spec.jobTemplate as Obj).spec as Obj).template as Obj) : (spec.template as Obj);
};
const values = (text: string) => parseAllDocuments(text).filter((d) => d.contents !== null).map((d) => d.toJS() as Obj);

/** The oracle: what the injected workload must mean, computed on plain objects. */
function expected(input: Obj, s: Shape): Obj {
  const doc = structuredClone(input);
  const t = templateOf(doc);
  const spec = t.spec as Obj;
  const id = plans.get(s.sidecar)!;
  const name = (c: unknown) => (c as { name: string }).name;
  const ours = ['meshc-init', ...(s.classic ? [] : ['meshc-proxy'])].filter((n) => n !== 'meshc-init' || id.interception);
  const init = ((spec.initContainers as unknown[] | null) ?? []).map(name);
  if (ours.length > 0) spec.initContainers = s.classic ? [...init, ...ours] : [...ours, ...init];
  else if (Array.isArray(spec.initContainers)) spec.initContainers = init;
  spec.containers = [...(s.classic ? ['meshc-proxy'] : []), ...(spec.containers as unknown[]).map(name)];
  spec.volumes = [...((spec.volumes as unknown[] | null) ?? []).map(name), 'meshc-plan'];
  const meta = (t.metadata as Obj | null | undefined) ?? {};
  t.metadata = meta;
  const ann = { ...((meta.annotations as Obj | null) ?? {}) };
  if (s.classic) ann['kubectl.kubernetes.io/default-container'] = 'app';
  meta.annotations = ann;
  return doc;
}

/** The injected document reduced to what the oracle computes (names, annotation keys). */
function reduce(output: Obj): Obj {
  const doc = structuredClone(output);
  const t = templateOf(doc);
  const spec = t.spec as Obj;
  const name = (c: unknown) => (c as { name: string }).name;
  for (const k of ['initContainers', 'containers', 'volumes']) if (Array.isArray(spec[k])) spec[k] = (spec[k] as unknown[]).map(name);
  const ann = (t.metadata as Obj).annotations as Obj;
  assert.equal(JSON.parse(ann['meshc.dev/injected'] as string).version, '0.0.0-test');
  delete ann['meshc.dev/injected'];
  return doc;
}

test('inject on generated manifests: the oracle, validity, kept lines, idempotency, round trips', () => {
  fc.assert(
    fc.property(shape, (s) => {
      const text = render(s);
      const o = options(s.sidecar, s.classic);
      const out = run(text, o);
      const [inDoc, inSvc] = values(text);
      const [outDoc, outSvc] = values(out);
      assert.deepEqual(outSvc, inSvc);
      assert.deepEqual(reduce(outDoc!), expected(inDoc!, s), out);
      assert.deepEqual(k8sProblems(outDoc), [], out);
      assert.ok(out.endsWith('{port: 80}]}' + (s.finalNewline ? (s.crlf ? '\r\n' : '\n') : '')), 'the untouched last document ends as it did');
      const blockOnly = !s.containersFlow && s.metadata !== 'flow' && ![s.annotations, s.initContainers, s.volumes].includes('flow');
      if (blockOnly && !s.crlf) assertOnlyInsertions(text, out, 'generated');
      assert.equal(run(out, o), out, 'idempotent');
      const detour = run(out, options(s.sidecar === 'web' ? 'api' : 'web', !s.classic, 'other:1'));
      assert.equal(run(detour, o), out, 'a detour through other options comes back');
    }),
    { numRuns: Number(process.env.INJECT_RUNS ?? 150), seed: Number(process.env.INJECT_SEED ?? 20261127) },
  );
});
