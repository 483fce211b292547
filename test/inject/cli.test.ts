/**
 * `meshc inject` behaviour through the real CLI: what is added for each option, re-injection
 * replacing earlier additions, stdin, several files, and every error at its FILE:LINE:COL with
 * exit 1 and nothing on stdout; usage errors exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { assertAllValid, containerNames, inject, podTemplate, POLICY_DEFAULT, POLICY_MESH, REAL, workloads } from './helpers.js';

const version = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')).version as string;
const pod = (annotations: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
${annotations}spec:
${extra}  containers:
  - name: app
    image: example.com/app:1
`;

async function tmp(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-inject-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

type Container = { name: string; image: string; args?: string[]; restartPolicy?: string; securityContext: Record<string, unknown>; volumeMounts: { mountPath: string; subPath?: string; readOnly?: boolean }[] };
const find = (list: unknown, name: string) => (list as Container[] | undefined)?.find((c) => c.name === name);

test('native sidecar with interception: meshc-init then meshc-proxy before the app init containers, uid from the plan', async () => {
  const r = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', path.join(REAL, 'istio-inject-multi-init.yaml')]);
  const [w] = workloads(r.stdout);
  const t = podTemplate(w!)!;
  assert.deepEqual(containerNames(t), { init: ['meshc-init', 'meshc-proxy', 'init-one', 'init-two'], main: ['hello'] });
  const proxy = find(t.spec.initContainers, 'meshc-proxy')!;
  assert.equal(proxy.restartPolicy, 'Always');
  assert.equal(proxy.image, `meshc:${version}`);
  assert.deepEqual(proxy.args, ['run', '--plan', '/etc/meshc/plan.json', '--health', '0.0.0.0:15021', '--transparent']);
  assert.deepEqual(proxy.securityContext, { runAsUser: 2000, runAsGroup: 3000, runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  const p = proxy as unknown as Record<string, Record<string, unknown>>;
  assert.deepEqual(p.ports, [{ name: 'meshc-health', containerPort: 15021, protocol: 'TCP' }]);
  assert.deepEqual(p.startupProbe!.httpGet, { path: '/ready', port: 15021 });
  assert.deepEqual(p.readinessProbe!.httpGet, { path: '/ready', port: 15021 });
  assert.ok(p.resources!.requests, 'resources.requests set');
  for (const c of [proxy, find(t.spec.initContainers, 'meshc-init')!]) {
    assert.deepEqual(c.volumeMounts, [{ name: 'meshc-plan', mountPath: '/etc/meshc', readOnly: true }], 'the plan directory, read-only, never subPath');
  }
  const init = find(t.spec.initContainers, 'meshc-init')!;
  assert.equal(init.securityContext.runAsUser, 0);
  assert.equal(init.securityContext.runAsNonRoot, false);
  assert.deepEqual((init.securityContext.capabilities as { add: string[] }).add, ['NET_ADMIN', 'NET_RAW']);
  assert.match(JSON.stringify(init), /iptables-restore \/etc\/meshc\/iptables\.rules/);
  assert.match(JSON.stringify(init), /ip6tables-restore \/etc\/meshc\/ip6tables\.rules/);
  assert.deepEqual(t.spec.volumes, [{ name: 'meshc-plan', configMap: { name: 'meshc-web-plan' } }]);
  const status = JSON.parse((t.metadata!.annotations as Record<string, string>)['meshc.dev/injected']!);
  assert.equal(status.sidecar, 'web');
  assert.equal(status.version, version);
  assert.match(r.stderr, /^deployment\.apps\/hello injected \(sidecar web\)$/m);
});

test('a sidecar without interception: no meshc-init, no --transparent, default uid 1337; pod-level runAsNonRoot kept', async () => {
  const r = await inject(['--policy', POLICY_MESH, '--sidecar', 'api', path.join(REAL, 'online-boutique.yaml')]);
  const all = workloads(r.stdout);
  assert.equal(all.length, 12);
  for (const w of all) {
    const t = podTemplate(w)!;
    const names = containerNames(t);
    assert.equal(names.init[0], 'meshc-proxy');
    assert.ok(!names.init.includes('meshc-init'));
    const proxy = find(t.spec.initContainers, 'meshc-proxy')!;
    assert.ok(!proxy.args!.includes('--transparent'));
    assert.equal(proxy.securityContext.runAsUser, 1337);
    assert.equal(proxy.securityContext.runAsGroup, 1337);
  }
});

test('--classic-sidecar: meshc-proxy first in containers, meshc-init last in initContainers, kubectl default container; a Job is warned about', async (t) => {
  const dir = await tmp(t);
  const f = path.join(dir, 'job.yaml');
  await writeFile(f, (await readFile(path.join(REAL, 'istio-inject-multi-init.yaml'), 'utf8')) + '\n---\n' + (await readFile(path.join(REAL, 'istio-inject-job.yaml'), 'utf8')));
  const r = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '--classic-sidecar', f]);
  const [dep, job] = workloads(r.stdout);
  const td = podTemplate(dep!)!;
  assert.deepEqual(containerNames(td), { init: ['init-one', 'init-two', 'meshc-init'], main: ['meshc-proxy', 'hello'] });
  assert.equal(find(td.spec.containers, 'meshc-proxy')!.restartPolicy, undefined, 'no restartPolicy on a regular container');
  assert.equal((td.metadata!.annotations as Record<string, string>)['kubectl.kubernetes.io/default-container'], 'hello');
  assert.deepEqual(containerNames(podTemplate(job!)!).main, ['meshc-proxy', 'pi']);
  assert.match(r.stderr, /job\.yaml:\d+:1: warning: job\.batch\/pi: with --classic-sidecar .* \[W_INJECT_CLASSIC_JOB\]/);
  assertAllValid(r.stdout, 'classic');
  // and back to a native sidecar: exactly the bytes a first native injection gives
  const native = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', f]);
  const back = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], r.stdout);
  assert.equal(back.stdout, native.stdout);
});

test('re-injection with another --image or another sidecar replaces the earlier additions', async () => {
  const file = path.join(REAL, 'istio-inject-replicaset.yaml');
  const first = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', file]);
  const image = await inject(['--policy', POLICY_MESH, '--image', 'registry.example.com/meshc:9.9', '-'], first.stdout);
  assert.equal(image.stdout.match(/name: meshc-proxy/g)!.length, 1, 'one proxy');
  assert.equal(image.stdout.match(/name: meshc-init/g)!.length, 1);
  assert.equal(image.stdout.match(/image: registry\.example\.com\/meshc:9\.9/g)!.length, 2, 'both containers on the new image');
  assert.ok(!image.stdout.includes(`meshc:${version}`));
  assert.match(image.stderr, /replicaset\.apps\/hello injected \(sidecar web, replacing an earlier injection\)/);
  const other = await inject(['--policy', POLICY_MESH, '--sidecar', 'api', '-'], image.stdout);
  const t = podTemplate(workloads(other.stdout)[0]!)!;
  assert.deepEqual(containerNames(t), { init: ['meshc-proxy'], main: ['hello'] });
  assert.deepEqual(t.spec.volumes, [{ name: 'meshc-plan', configMap: { name: 'meshc-api-plan' } }]);
  assert.equal(find(t.spec.initContainers, 'meshc-proxy')!.securityContext.runAsUser, 1337);
  // the recorded sidecar names it when nothing else does; back to web gives the first bytes
  const back = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], other.stdout);
  assert.equal(back.stdout, first.stdout);
  const recorded = await inject(['--policy', POLICY_MESH, '-'], first.stdout);
  assert.equal(recorded.stdout, first.stdout);
});

test('sidecar by annotation (pod template first), default plan without Sidecar documents, opted-out workloads byte for byte', async (t) => {
  const dir = await tmp(t);
  const f = path.join(dir, 'p.yaml');
  const optedOut = pod('  annotations:\n    meshc.dev/inject: "false"\n', '  hostNetwork: true\n');
  await writeFile(f, pod('  annotations:\n    meshc.dev/sidecar: api\n') + '---\n' + optedOut);
  const r = await inject(['--policy', POLICY_MESH, f]);
  const [a] = workloads(r.stdout);
  assert.deepEqual(containerNames(podTemplate(a!)!).init, ['meshc-proxy']);
  assert.ok(r.stdout.endsWith('---\n' + optedOut), 'the opted-out pod (even with hostNetwork) is unchanged');
  assert.match(r.stderr, /^pod\/p skipped \(meshc\.dev\/inject: "false"\)$/m);
  const plain = path.join(dir, 'plain.yaml');
  await writeFile(plain, pod(''));
  const d = await inject(['--policy', POLICY_DEFAULT, plain]);
  assert.match(d.stdout, /name: meshc-default-plan/);
  assert.match(d.stderr, /pod\/p injected \(sidecar default\)/);
});

test('real manifests, annotated at run time: per-workload sidecars and an opted-out Deployment', async (t) => {
  const dir = await tmp(t);
  const f = path.join(dir, 'boutique.yaml');
  // every Deployment names a sidecar on its metadata; loadgenerator opts out instead
  const annotated = (await readFile(path.join(REAL, 'online-boutique.yaml'), 'utf8')).replace(/^kind: Deployment\nmetadata:\n  name: ([a-z-]+)\n/gm, (m, name: string) =>
    `${m}  annotations:\n    ${name === 'loadgenerator' ? 'meshc.dev/inject: "false"' : `meshc.dev/sidecar: ${name === 'frontend' ? 'web' : 'api'}`}\n`,
  );
  await writeFile(f, annotated);
  const r = await inject(['--policy', POLICY_MESH, f]);
  const byName = new Map(workloads(r.stdout).map((w) => [(w.metadata as { name: string }).name, w]));
  assert.deepEqual(containerNames(podTemplate(byName.get('frontend')!)!).init, ['meshc-init', 'meshc-proxy']);
  assert.deepEqual(containerNames(podTemplate(byName.get('cartservice')!)!).init, ['meshc-proxy']);
  assert.equal(containerNames(podTemplate(byName.get('loadgenerator')!)!).init.includes('meshc-proxy'), false);
  const doc = (text: string) => text.split(/^---$/m).find((d) => /name: loadgenerator\n  annotations/.test(d))!;
  assert.equal(doc(r.stdout), doc(annotated), 'the opted-out Deployment is byte for byte the input');
  assert.match(r.stderr, /^deployment\.apps\/loadgenerator skipped \(meshc\.dev\/inject: "false"\)$/m);
  assert.match(r.stderr, /^meshc inject: 11 workloads injected, 1 skipped, \d+ other documents unchanged$/m);
  assertAllValid(r.stdout, 'boutique');
});

test('stdin, several files and directories: every document in input order, one --- between files', async (t) => {
  const dir = await tmp(t);
  await writeFile(path.join(dir, 'a.yaml'), '# header only\n');
  await writeFile(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}'); // no final newline
  await writeFile(path.join(dir, 'c.yml'), '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n');
  await writeFile(path.join(dir, 'skip.txt'), 'not a manifest');
  const r = await inject(['--policy', POLICY_MESH, dir]);
  assert.equal(r.stdout, '# header only\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n');
  const stdin = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], await readFile(path.join(REAL, 'istio-inject-pod.yaml'), 'utf8'));
  const file = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', path.join(REAL, 'istio-inject-pod.yaml')]);
  assert.equal(stdin.stdout, file.stdout);
  const both = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', path.join(REAL, 'istio-inject-pod.yaml'), '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n');
  assert.equal(both.stdout, file.stdout + '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n');
});

test('CRLF manifests: added lines use CRLF too, and re-injection still gives the same bytes', async (t) => {
  const dir = await tmp(t);
  const f = path.join(dir, 'crlf.yaml');
  await writeFile(f, (await readFile(path.join(REAL, 'istio-inject-list.yaml'), 'utf8')).replace(/\n/g, '\r\n'));
  const r = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', f]);
  assert.ok(!/[^\r]\n/.test(r.stdout), 'every line ends with CRLF');
  assert.equal(workloads(r.stdout).length, 2);
  assertAllValid(r.stdout, 'crlf');
  const classic = await inject(['--policy', POLICY_MESH, '--sidecar', 'api', '--classic-sidecar', '-'], r.stdout);
  const back = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], classic.stdout);
  assert.equal(back.stdout, r.stdout);
});

interface BadCase {
  name: string;
  text: string;
  args?: string[];
  /** expected `LINE:COL: error: ... [CODE]` */
  expect: RegExp;
}

const bad: BadCase[] = [
  { name: 'not YAML', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n', expect: /^bad\.yaml:\d+:\d+: error: not valid YAML: .*\[E_YAML_SYNTAX\]$/m },
  { name: 'a scalar document', text: 'just some text\n', expect: /^bad\.yaml:1:1: error: document is not a Kubernetes object .*\[E_INJECT_NOT_OBJECT\]$/m },
  { name: 'duplicate key', text: 'apiVersion: v1\nkind: Pod\nkind: Pod\n', expect: /^bad\.yaml:3:1: error: duplicate key.*\[E_YAML_DUPLICATE_KEY\]$/m },
  { name: 'a workload kind without apiVersion', text: 'kind: Deployment\nmetadata: {name: d}\n', expect: /^bad\.yaml:1:1: error: deployment\/d: no apiVersion.*\[E_INJECT_INVALID_WORKLOAD\]$/m },
  { name: 'no containers', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: []\n', args: ['--sidecar', 'web'], expect: /^bad\.yaml:7:7: error: deployment\.apps\/d: the pod template has no containers .*\[E_INJECT_NO_CONTAINERS\]$/m },
  { name: 'no pod spec', text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    metadata: {}\n', args: ['--sidecar', 'web'], expect: /^bad\.yaml:5:3: error: job\.batch\/j: the pod template has no spec.*\[E_INJECT_NO_CONTAINERS\]$/m },
  { name: 'unknown sidecar', text: pod('  annotations:\n    meshc.dev/sidecar: nope\n'), expect: /^bad\.yaml:6:24: error: pod\/p: unknown sidecar 'nope': the policy defines api, web \[E_INJECT_UNKNOWN_SIDECAR\]$/m },
  { name: 'no way to name the sidecar', text: pod(''), expect: /^bad\.yaml:3:1: error: pod\/p: no sidecar named: .*meshc\.dev\/sidecar.*\[E_INJECT_NO_SIDECAR\]$/m },
  { name: 'hostNetwork', text: pod('', '  hostNetwork: true\n'), args: ['--sidecar', 'web'], expect: /^bad\.yaml:6:3: error: pod\/p: hostNetwork: true .*\[E_INJECT_HOST_NETWORK\]$/m },
  { name: 'an alias where inject edits', text: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec: &s\n    containers: [{name: c, image: i}]\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  spec: *s\n', args: ['--sidecar', 'web'], expect: /^bad\.yaml:7:9: error: pod\/a: spec carries the anchor &s.*\[E_INJECT_ALIAS\]$/m },
  { name: 'a container named like ours', text: pod('', '  initContainers:\n  - name: meshc-proxy\n    image: x\n'), args: ['--sidecar', 'web'], expect: /^bad\.yaml:7:11: error: pod\/p: .*meshc-proxy that meshc did not add.*\[E_INJECT_NAME_CONFLICT\]$/m },
  { name: 'the health port taken', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: i\n    ports: [{containerPort: 15021}]\n', args: ['--sidecar', 'web'], expect: /^bad\.yaml:8:29: error: pod\/p: container app .*port 15021.*\[E_INJECT_PORT_CONFLICT\]$/m },
  { name: 'a bad opt-out value', text: pod('  annotations:\n    meshc.dev/inject: "no"\n'), expect: /^bad\.yaml:6:23: error: pod\/p: meshc\.dev\/inject must be "true" or "false" \[E_INJECT_BAD_ANNOTATION\]$/m },
];

for (const c of bad) {
  test(`error: ${c.name} -> FILE:LINE:COL, exit 1, nothing on stdout (also next to a good file)`, async (t) => {
    const dir = await tmp(t);
    await writeFile(path.join(dir, 'bad.yaml'), c.text);
    const r = await runCli(['inject', '--policy', POLICY_MESH, ...(c.args ?? []), path.join(REAL, 'istio-inject-pod.yaml'), 'bad.yaml'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, c.expect);
  });
}

test('an app running as the proxy uid with interception is warned about (exit 0)', async () => {
  const r = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], pod('', '  securityContext:\n    runAsUser: 2000\n'));
  assert.match(r.stderr, /^<stdin>:7:16: warning: pod\/p: the pod runs with runAsUser 2000, .*bypasses the proxy \[W_INJECT_PROXY_IDENTITY\]$/m);
  const again = await inject(['--policy', POLICY_MESH, '--sidecar', 'web', '-'], r.stdout);
  assert.equal(again.stderr.match(/W_INJECT_PROXY_IDENTITY/g)?.length, 1, 'meshc-proxy itself is not warned about');
  const off = await inject(['--policy', POLICY_MESH, '--sidecar', 'api', '-'], pod('', '  securityContext:\n    runAsUser: 1337\n'));
  assert.doesNotMatch(off.stderr, /W_INJECT_PROXY_IDENTITY/, 'no interception, no exemption');
});

test('errors in stdin are reported as <stdin>:LINE:COL', async () => {
  const r = await runCli(['inject', '--policy', POLICY_MESH, '--sidecar', 'web', '-'], { input: pod('', '  hostNetwork: true\n') });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^<stdin>:6:3: error: pod\/p: hostNetwork: true .*\[E_INJECT_HOST_NETWORK\]$/m);
});

test('the real hostNetwork Deployment is refused at its hostNetwork key', async () => {
  const f = path.join(REAL, 'invalid', 'istio-inject-hello-host-network.yaml');
  const r = await runCli(['inject', '--policy', POLICY_MESH, '--sidecar', 'web', f]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:25:7: error: deployment\\.apps/hello-host-network: hostNetwork: true .*\\[E_INJECT_HOST_NETWORK\\]$`, 'm'));
});

test('an unknown --sidecar, a missing file and an invalid policy exit 1 with nothing on stdout', async (t) => {
  const f = path.join(REAL, 'istio-inject-pod.yaml');
  const unknown = await runCli(['inject', '--policy', POLICY_MESH, '--sidecar', 'nope', f]);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /--sidecar nope: the policy defines no such sidecar \(it defines: api, web\) \[E_INJECT_UNKNOWN_SIDECAR\]/);
  const missing = await runCli(['inject', '--policy', POLICY_MESH, '--sidecar', 'web', 'nowhere.yaml']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^nowhere\.yaml:1:1: error: cannot read nowhere\.yaml: no such file or directory \[E_FILE_NOT_FOUND\]$/m);
  const dir = await tmp(t);
  await writeFile(path.join(dir, 'policy.yaml'), 'apiVersion: meshc.dev/v1alpha1\nkind: Sidecar\nmetadata: {name: web}\nspec:\n  outbound: [{service: missing}]\n');
  const policy = await runCli(['inject', '--policy', 'policy.yaml', f], { cwd: dir });
  assert.equal(policy.code, 1);
  assert.equal(policy.stdout, '');
  assert.match(policy.stderr, /^policy\.yaml:5:\d+: error: .*\[E_\w+\]$/m);
});

test('usage: --help exits 0; no --policy, no MANIFEST, an unknown flag or stdin twice exit 2', async () => {
  const help = await runCli(['inject', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: meshc inject --policy PATH/);
  for (const args of [[path.join(REAL, 'istio-inject-pod.yaml')], ['--policy', POLICY_MESH], ['--policy', POLICY_MESH, '--frobnicate', 'x.yaml'], ['--policy', POLICY_MESH, '-', '-'], ['--policy', POLICY_MESH, '--sidecar']]) {
    const r = await runCli(['inject', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: meshc inject/);
  }
});
