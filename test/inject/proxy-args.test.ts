/**
 * The injected meshc-proxy container runs: its args, exactly as inject writes them (only the
 * plan path and the health port moved to this test's temp directory and a free loopback port),
 * start the real `meshc run`, and the probes' GET /ready on the health port answers 200 once
 * the plan is in force, the contract the startupProbe and readinessProbe rely on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, spawnCli } from '../helpers/cli.js';
import { freePort, httpGet } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { inject, podTemplate, workloads } from './helpers.js';

test('meshc-proxy as injected starts meshc run, and its probe path answers on the health port', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-inject-run-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [admin, bind, health] = [await freePort(), await freePort(), await freePort()];
  await writeFile(
    path.join(dir, 'policy.yaml'),
    `apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 5432, protocol: tcp}]\n  endpoints: {static: [{address: 127.0.0.1, port: 1}]}\n` +
      `---\napiVersion: meshc.dev/v1alpha1\nkind: Sidecar\nmetadata: {name: web}\nspec:\n  admin: 127.0.0.1:${admin}\n  outbound: [{service: db, bind: "127.0.0.1:${bind}"}]\n`,
  );
  await writeFile(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: x}]\n');
  const compiled = await runCli(['compile', 'policy.yaml', '--out', 'out', '--target', 'runtime'], { cwd: dir });
  assert.equal(compiled.code, 0, compiled.stderr);

  const r = await inject(['--policy', path.join(dir, 'policy.yaml'), '--sidecar', 'web', path.join(dir, 'pod.yaml')]);
  const spec = podTemplate(workloads(r.stdout)[0]!)!.spec;
  type Probe = { httpGet: { path: string; port: number } };
  const proxy = (spec.initContainers as { name: string; args: string[]; startupProbe: Probe; readinessProbe: Probe }[]).find((c) => c.name === 'meshc-proxy')!;
  assert.equal(proxy.args[0], 'run', 'the image entrypoint is meshc: args start with the subcommand');
  const planAt = proxy.args.indexOf('--plan') + 1;
  const healthAt = proxy.args.indexOf('--health') + 1;
  assert.equal(proxy.args[planAt], '/etc/meshc/plan.json');
  assert.equal(proxy.args[healthAt], `0.0.0.0:${proxy.startupProbe.httpGet.port}`, 'the probes target the health listener');
  assert.deepEqual(proxy.readinessProbe.httpGet, proxy.startupProbe.httpGet);

  const args = [...proxy.args];
  args[planAt] = path.join(dir, 'out', 'web', 'plan.json');
  args[healthAt] = `127.0.0.1:${health}`;
  const child = spawnCli(args);
  t.after(() => child.kill());
  const ready = await waitFor(async () => {
    const res = await httpGet(`http://127.0.0.1:${health}${proxy.startupProbe.httpGet.path}`).catch(() => undefined);
    return res?.status === 200 ? res : undefined;
  }, 20_000, `GET ${proxy.startupProbe.httpGet.path} on the health port (stderr: ${child.stderr()})`);
  assert.equal(ready.status, 200);
  assert.equal((await httpGet(`http://127.0.0.1:${health}/plan`)).status, 404, 'only /ready and /metrics on the health port');
});
