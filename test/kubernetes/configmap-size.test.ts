import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { buildPlanConfigMap } from '../../compiler/emit/kubernetes/plan-configmap.js';
import { CLIENT_APPLY_LIMIT, CONFIGMAP_LIMIT, clientApplyAnnotationSize, configMapSize, gzipDeterministic } from '../../compiler/emit/kubernetes/configmap-size.js';
import { decodePlanBytes, isGzip } from '../../runtime/plan/plan-loader.js';
import { assertValidK8s } from '../helpers/k8s-schema.js';

const HASH = 'sha256:' + '0'.repeat(64);
const RULES = '*nat\nCOMMIT\n';

type Doc = { data?: Record<string, string>; binaryData?: Record<string, string>; metadata: { name: string; annotations: Record<string, string> } };

/** plan.json text of `n` bytes (ASCII, compressible). */
const filler = (n: number): string => 'x'.repeat(n);

/** The ConfigMap size with an empty plan.json: the overhead everything else costs. */
function overhead(extra?: Record<string, string>): number {
  return configMapSize({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'meshc-edge-plan', labels: { 'app.kubernetes.io/managed-by': 'meshc', 'app.kubernetes.io/component': 'sidecar-plan', 'meshc.dev/sidecar': 'edge' }, annotations: { 'meshc.dev/plan-hash': HASH } },
    data: { ...extra, 'plan.json': '' },
  });
}

test('size rule at the 1 MiB boundary: exactly the limit stays text, one byte more goes gzip under binaryData', () => {
  const extra = { 'iptables.rules': RULES, 'ip6tables.rules': RULES };
  const fit = CONFIGMAP_LIMIT - overhead(extra);
  const at = buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(fit), extra });
  assert.equal(at.encoding, 'text');
  assert.equal(at.size, CONFIGMAP_LIMIT, 'the size counted is exactly the limit');
  const atDoc = parse(at.manifest!) as Doc;
  assert.equal(atDoc.data!['plan.json'], filler(fit));
  assert.deepEqual(Object.keys(atDoc.data!), ['ip6tables.rules', 'iptables.rules', 'plan.json']);
  assertValidK8s(atDoc, 'ConfigMap at the limit');

  const over = buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(fit + 1), extra });
  assert.equal(over.encoding, 'gzip');
  assert.ok(over.size < CONFIGMAP_LIMIT);
  const doc = parse(over.manifest!) as Doc;
  assertValidK8s(doc, 'gzip ConfigMap');
  assert.deepEqual(Object.keys(doc.binaryData!), ['plan.json']);
  assert.deepEqual(doc.data, { 'ip6tables.rules': RULES, 'iptables.rules': RULES }, 'the rules stay text');
  const bytes = Buffer.from(doc.binaryData!['plan.json']!, 'base64');
  assert.ok(isGzip(bytes));
  assert.equal(gunzipSync(bytes).toString('utf8'), filler(fit + 1));
  assert.equal(doc.metadata.annotations['meshc.dev/plan-hash'], HASH);
});

test('keys count toward the limit: a longer key set moves the boundary by exactly its length', () => {
  const fit = CONFIGMAP_LIMIT - overhead();
  assert.equal(overhead({ 'iptables.rules': RULES }) - overhead(), 'iptables.rules'.length + RULES.length);
  assert.equal(buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(fit) }).encoding, 'text');
  assert.equal(buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(fit), extra: { 'iptables.rules': RULES } }).encoding, 'gzip');
});

test('too large even compressed: E_CONFIGMAP_TOO_LARGE naming the sidecar, the size and the limit, with a hint; no manifest', () => {
  const planJson = randomBytes(1_200_000).toString('base64'); // 1.6 MB that gzip shrinks to ~1.2 MB
  const r = buildPlanConfigMap({ name: 'edge', hash: HASH, planJson });
  assert.ok(r.manifest === null, 'no manifest');
  assert.ok(r.size > CONFIGMAP_LIMIT);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0]!;
  assert.equal(p.code, 'E_CONFIGMAP_TOO_LARGE');
  assert.equal(p.severity, 'error');
  assert.match(p.message, /sidecar "edge"/);
  assert.match(p.message, new RegExp(r.size.toLocaleString('en-US')));
  assert.match(p.message, /1,048,576/);
  assert.match(p.message, /scope the sidecar's outbound/);
  const d = buildPlanConfigMap({ name: 'default', hash: HASH, planJson });
  assert.match(d.problems[0]!.message, /add a Sidecar document/, 'the implicit plan has no outbound to scope');
});

test('client-side apply warning: none at exactly 262,144 bytes of annotations, a warning one byte above', () => {
  const base = buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: '' });
  assert.deepEqual(base.problems, []);
  const obj = (planJson: string) => ({
    apiVersion: 'v1' as const,
    kind: 'ConfigMap' as const,
    metadata: { name: 'meshc-edge-plan', labels: { 'app.kubernetes.io/managed-by': 'meshc', 'app.kubernetes.io/component': 'sidecar-plan', 'meshc.dev/sidecar': 'edge' }, annotations: { 'meshc.dev/plan-hash': HASH } },
    data: { 'plan.json': planJson },
  });
  const pad = CLIENT_APPLY_LIMIT - clientApplyAnnotationSize(obj(''));
  assert.equal(clientApplyAnnotationSize(obj(filler(pad))), CLIENT_APPLY_LIMIT);
  assert.deepEqual(buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(pad) }).problems, []);
  const warned = buildPlanConfigMap({ name: 'edge', hash: HASH, planJson: filler(pad + 1) });
  assert.equal(warned.encoding, 'text');
  assert.notEqual(warned.manifest, null);
  assert.equal(warned.problems.length, 1);
  assert.equal(warned.problems[0]!.code, 'W_CONFIGMAP_CLIENT_APPLY');
  assert.equal(warned.problems[0]!.severity, 'warning');
  assert.match(warned.problems[0]!.message, /kubectl apply --server-side/);
  // Go's encoding/json writes < > & as \u003c..., so they weigh 6 bytes in the annotation
  assert.equal(clientApplyAnnotationSize(obj('<&>')) - clientApplyAnnotationSize(obj('abc')), 15);
});

test('gzip is deterministic (mtime 0, OS byte 255) and round-trips through the plan loader', async () => {
  const text = JSON.stringify({ a: filler(5000) }) + '\n';
  const a = gzipDeterministic(text);
  const b = gzipDeterministic(text);
  assert.ok(a.equals(b));
  assert.equal(a.readUInt32LE(4), 0, 'MTIME');
  assert.equal(a[9], 0xff, 'OS');
  assert.equal(await decodePlanBytes(a), text);
  assert.equal(await decodePlanBytes(Buffer.from(text)), text, 'plain text passes through');
  await assert.rejects(decodePlanBytes(a.subarray(0, a.length - 9), 'p.json'), (e: { code?: string; message: string }) => e.code === 'E_PLAN_GZIP' && /p\.json/.test(e.message));
});
