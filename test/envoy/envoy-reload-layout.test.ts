/**
 * Would Envoy reload? There is no Envoy binary here, so this lays the ConfigMap out exactly as the
 * kubelet does (test/helpers/kubelet.ts: timestamped dir, `..data` symlink, per-key symlinks) at the
 * `--envoy-dir` and checks the mechanics Envoy relies on, with real files and real inotify:
 *  - every path the bootstrap references exists inside the mounted directory, reads through
 *    `..data`, and the files read that way validate together as Envoy config;
 *  - on a ConfigMap update, the watched directory sees the `..data` move (Envoy's
 *    `watched_directory` reacts to exactly that: IN_MOVED_TO in the directory), while nothing
 *    happens to the names lds.yaml / cds.yaml themselves (what a watch on the file path waits for,
 *    envoyproxy/envoy#3928), and re-reading the same paths then gives the new plan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';
import { AtomicWriter } from '../helpers/kubelet.js';
import { waitFor } from '../helpers/wait.js';
import { envoyFilesIssues } from './validate-envoy.js';

/** `meshc compile <policy> --target envoy,configmap --envoy-dir <mount>` -> the ConfigMap's data. */
async function configMapData(policy: string, out: string, mount: string): Promise<Record<string, string>> {
  rmSync(out, { recursive: true, force: true });
  const r = await runCli(['compile', policy, '--out', out, '--target', 'envoy,configmap', '--envoy-dir', mount]);
  assert.equal(r.code, 0, r.stderr);
  return YAML.parse(readFileSync(path.join(out, 'quickstart', 'envoy-configmap.yaml'), 'utf8')).data;
}

/** Read the bootstrap at `<mount>/envoy.yaml` and every file it references, as Envoy would. */
function readAsEnvoy(mount: string): { files: Map<string, string>; paths: Array<{ path: string; watched: string }> } {
  const bootstrap = readFileSync(path.join(mount, 'envoy.yaml'), 'utf8');
  const b = YAML.parse(bootstrap);
  const files = new Map([['envoy.yaml', bootstrap]]);
  const paths = ['lds_config', 'cds_config'].map((k) => {
    const pcs = b.dynamic_resources[k].path_config_source;
    return { path: pcs.path as string, watched: pcs.watched_directory.path as string };
  });
  for (const p of paths) files.set(path.basename(p.path), readFileSync(p.path, 'utf8'));
  return { files, paths };
}

test('envoy reload: bootstrap paths resolve inside a kubelet-style ConfigMap volume, and a ..data swap is seen by watched_directory only', async (t) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'meshc-envoy-reload-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const mount = path.join(tmp, 'etc', 'meshc', 'envoy');
  mkdirSync(mount, { recursive: true });
  const policy = path.join(tmp, 'policy');
  cpSync(path.join(ROOT, 'examples', 'quickstart'), policy, { recursive: true });
  const out = path.join(tmp, 'out');

  // v1 projected into the volume as the kubelet does.
  const kubelet = new AtomicWriter(mount);
  const v1 = await configMapData(policy, out, mount);
  assert.deepEqual(Object.keys(v1), ['cds.yaml', 'envoy.yaml', 'lds.yaml']);
  assert.equal(await kubelet.write(v1), true);

  const first = readAsEnvoy(mount);
  const volumeDir = realpathSync(path.join(mount, '..data'));
  for (const p of first.paths) {
    assert.equal(p.watched, mount, 'watched_directory is the mounted directory, where the kubelet renames ..data');
    assert.equal(path.dirname(p.path), mount, `${p.path} lies directly in the mount`);
    // Read through the per-key symlink and ..data, so the swap changes what this path reads.
    assert.equal(realpathSync(p.path), path.join(volumeDir, path.basename(p.path)));
  }
  assert.deepEqual([...first.files.keys()].sort(), Object.keys(v1), 'the bootstrap reads exactly the ConfigMap keys');
  for (const [name, text] of first.files) assert.equal(text, v1[name], `${name} as read through the volume`);
  assert.deepEqual(envoyFilesIssues(first.files), []);
  const v1Version = YAML.parse(first.files.get('lds.yaml')!).version_info;

  // Watch the directory with inotify (fs.watch) from here on, as Envoy's watched_directory does.
  const events: string[] = [];
  const kinds: string[] = [];
  const watcher = watch(mount, (type, name) => {
    events.push(String(name));
    kinds.push(`${type} ${String(name)}`);
  });
  t.after(() => watcher.close());

  // v2: a changed policy (one more greeter backend), compiled and projected as a ConfigMap update.
  const services = path.join(policy, 'services.yaml');
  const text = readFileSync(services, 'utf8');
  const changed = text.replace('- { address: 127.0.0.1, port: 17003, weight: 2 }', '- { address: 127.0.0.1, port: 17003, weight: 2 }\n      - { address: 127.0.0.1, port: 17004 }');
  assert.notEqual(changed, text, 'the fixture edit applies');
  writeFileSync(services, changed);
  const v2 = await configMapData(policy, out, mount);
  assert.equal(v2['envoy.yaml']!.replace(/plan hash: \S+/g, ''), v1['envoy.yaml']!.replace(/plan hash: \S+/g, ''), 'the bootstrap itself is unchanged apart from its header');
  assert.equal(await kubelet.write(v2), true);

  // Every event of the update has been delivered once a later sentinel's event arrives (one inotify queue).
  writeFileSync(path.join(mount, '.sentinel'), '');
  await waitFor(() => events.includes('.sentinel'), 10_000, 'the sentinel event');
  // inotify reports the rename over ..data as IN_MOVED_TO ..data (fs.watch: 'rename'), the event
  // Envoy's watched_directory reloads on; nothing else in an update creates or deletes that name.
  assert.ok(kinds.includes('rename ..data'), `the ..data move reaches the watched directory: ${kinds.join(', ')}`);
  for (const name of ['lds.yaml', 'cds.yaml', 'envoy.yaml']) {
    assert.ok(!events.includes(name), `${name} itself is never touched by the update (a watch on it would miss the change): ${events.join(', ')}`);
  }

  // Envoy's reload re-reads the same paths: they now give the new plan, valid as a whole.
  const second = readAsEnvoy(mount);
  assert.deepEqual(second.paths, first.paths);
  for (const [name, body] of second.files) assert.equal(body, v2[name], `${name} after the swap`);
  assert.deepEqual(envoyFilesIssues(second.files), []);
  const lds = YAML.parse(second.files.get('lds.yaml')!);
  const cds = YAML.parse(second.files.get('cds.yaml')!);
  assert.notEqual(lds.version_info, v1Version, 'a new version_info (the new plan hash)');
  assert.equal(cds.version_info, lds.version_info);
  const greeter = cds.resources.find((c: { name: string }) => c.name === 'greeter_7000_tcp');
  const ports = greeter.load_assignment.endpoints[0].lb_endpoints.map((e: any) => e.endpoint.address.socket_address.port_value);
  assert.deepEqual(ports, [17001, 17002, 17003, 17004]);
});
