/**
 * `meshc inject` and mutual TLS (SPEC 6): the certificate volume chosen by annotation (a Secret,
 * or a cert-manager csi-driver-spiffe volume) is mounted read-only into meshc-proxy at
 * /var/run/meshc/tls, beside (not inside) the plan's /etc/meshc; the Sidecar's spec.tls files
 * must be there. Output is valid Kubernetes, idempotent, and re-injection without the annotation
 * takes the volume out again. Real CLI throughout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { assertAllValid, assertOnlyInsertions, inject, podTemplate, workloads } from './helpers.js';

const POLICY = 'examples/mtls';

const deployment = (name: string, annotations: string, templateAnnotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations:
    meshc.dev/sidecar: ${name}
${annotations}spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
${templateAnnotations ? `      annotations:\n${templateAnnotations}` : ''}    spec:
      containers:
        - name: app
          image: example.com/${name}:1 # the application
`;

async function tmp(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-inject-tls-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

type Spec = { initContainers: Array<{ name: string; volumeMounts: unknown[] }>; volumes: unknown[] };
const specOf = (text: string, i = 0) => podTemplate(workloads(text)[i]!)!.spec as unknown as Spec;
const status = (text: string, i = 0) => JSON.parse((podTemplate(workloads(text)[i]!)!.metadata!.annotations as Record<string, string>)['meshc.dev/injected']!);

test('inject tls: csi-driver-spiffe volume on the pod template, Secret on the workload; mounted read-only at /var/run/meshc/tls', async () => {
  const input = deployment('orders', '', '        meshc.dev/tls-csi: "true"\n') + '---\n' + deployment('checkout', '    meshc.dev/tls-secret: checkout-tls\n');
  const r = await inject(['--policy', POLICY, '-'], input);
  assert.equal(r.stderr.includes('warning'), false, r.stderr);
  assertAllValid(r.stdout, 'tls inject');
  assertOnlyInsertions(input, r.stdout, 'tls inject');
  for (const i of [0, 1]) {
    const proxy = specOf(r.stdout, i).initContainers.find((c) => c.name === 'meshc-proxy')!;
    assert.deepEqual(proxy.volumeMounts, [
      { name: 'meshc-plan', mountPath: '/etc/meshc', readOnly: true },
      { name: 'meshc-tls', mountPath: '/var/run/meshc/tls', readOnly: true },
    ]);
    assert.deepEqual(status(r.stdout, i).volumes, ['meshc-plan', 'meshc-tls'], 'recorded, so re-injection can take it out');
  }
  assert.deepEqual(specOf(r.stdout, 0).volumes[1], {
    name: 'meshc-tls',
    csi: { driver: 'spiffe.csi.cert-manager.io', readOnly: true, volumeAttributes: { 'spiffe.csi.cert-manager.io/fs-group': '1337' } },
  });
  assert.deepEqual(specOf(r.stdout, 1).volumes[1], { name: 'meshc-tls', secret: { secretName: 'checkout-tls' } });

  const again = await inject(['--policy', POLICY, '-'], r.stdout);
  assert.equal(again.stdout, r.stdout, 'idempotent');
  // Without the annotation, a re-injection removes the volume it had added.
  const dropped = await inject(['--policy', POLICY, '-'], r.stdout.replace('        meshc.dev/tls-csi: "true"\n', ''));
  assert.deepEqual(specOf(dropped.stdout, 0).volumes, [{ name: 'meshc-plan', configMap: { name: 'meshc-orders-plan' } }]);
  assert.match(dropped.stderr, /W_INJECT_TLS_NOT_MOUNTED/, 'orders has spec.tls but no volume now');
});

test('inject tls: spec.tls files outside the mount are an error at the annotation; nothing on stdout', async (t) => {
  const dir = await tmp(t);
  await writeFile(path.join(dir, 'p.yaml'), `apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: web }
spec:
  tls: { certificate: /etc/meshc/tls/tls.crt, privateKey: /etc/meshc/tls/tls.key, trustedCA: /var/run/meshc/tls/ca.crt }
`);
  const m = path.join(dir, 'm.yaml');
  await writeFile(m, deployment('web', '    meshc.dev/tls-secret: web-tls\n'));
  const r = await runCli(['inject', '--policy', path.join(dir, 'p.yaml'), m]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:27: error: deployment.apps/web: sidecar web's spec.tls files must be in /var/run/meshc/tls.*/etc/meshc/tls/tls.crt, /etc/meshc/tls/tls.key are not \\(/etc/meshc is the plan ConfigMap's read-only mount.*\\[E_INJECT_TLS_PATH\\]$`, 'm'));
});

test('inject tls: bad annotations are errors at their value; a volume for a sidecar without tls is a warning', async (t) => {
  const dir = await tmp(t);
  const cases: Array<[string, string, RegExp]> = [
    ['    meshc.dev/tls-csi: "yes"\n', '7:24', /meshc\.dev\/tls-csi must be "true" or "false" \[E_INJECT_BAD_ANNOTATION\]/],
    ['    meshc.dev/tls-secret: Web_TLS\n', '7:27', /must name a Secret .*\[E_INJECT_BAD_ANNOTATION\]/],
    ['    meshc.dev/tls-csi: "true"\n    meshc.dev/tls-secret: web-tls\n', '8:27', /both name the certificate volume; keep one \[E_INJECT_BAD_ANNOTATION\]/],
  ];
  for (const [ann, pos, msg] of cases) {
    const m = path.join(dir, 'bad.yaml');
    await writeFile(m, deployment('orders', ann));
    const r = await runCli(['inject', '--policy', POLICY, m]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.split('\n').some((l) => l.startsWith(`${m}:${pos}: error: `) && msg.test(l)), `${ann}\n${r.stderr}`);
  }
  await writeFile(path.join(dir, 'plain.yaml'), `apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: plain }
spec: {}
`);
  const m = path.join(dir, 'plain-m.yaml');
  await writeFile(m, deployment('plain', '    meshc.dev/tls-secret: plain-tls\n'));
  const r = await runCli(['inject', '--policy', path.join(dir, 'plain.yaml'), m]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:27: warning: .*no spec.tls.*\\[W_INJECT_TLS_UNUSED\\]`));
  assertAllValid(r.stdout, 'unused tls volume');
});

test('inject tls: a sidecar with spec.tls and no volume annotation warns at the workload, and still injects', async () => {
  const r = await inject(['--policy', POLICY, '-'], deployment('orders', ''));
  assert.match(r.stderr, /^<stdin>:3:1: warning: deployment\.apps\/orders: sidecar orders has spec\.tls .* names no certificate volume.*\[W_INJECT_TLS_NOT_MOUNTED\]$/m);
  assert.equal(specOf(r.stdout).volumes.length, 1);
});
