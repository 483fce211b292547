import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { gzipDeterministic } from '../../compiler/emit/kubernetes/configmap-size.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { spawnCli } from '../helpers/cli.js';
import { AtomicWriter } from '../helpers/kubelet.js';
import { waitFor } from '../helpers/wait.js';

const gz = (p: Plan): Buffer => gzipDeterministic(JSON.stringify(p, null, 2) + '\n');

test('meshc run on a gzip plan.json in a ConfigMap volume: applied, reloaded by a ..data swap to another gzip plan, a corrupt gzip rejected and counted', async (t) => {
  const [a, b] = await Promise.all([startEchoServer('A'), startEchoServer('B')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-k8s-gzip-'));
  const [tcpPort, adminPort] = [await freePort(), await freePort()];
  const v = (backend: number): Plan => plan([listener('svc_80_tcp', tcpPort)], [cluster('svc_80_tcp', [{ port: backend }])]);
  const [v1, v2] = [v(a.port), v(b.port)];
  const kubelet = new AtomicWriter(dir);
  await kubelet.write({ 'plan.json': gz(v1) });
  const cli = spawnCli(['run', '--plan', path.join(dir, 'plan.json'), '--admin', `127.0.0.1:${adminPort}`]);
  t.after(async () => {
    cli.kill();
    await Promise.all([a.close(), b.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${adminPort}`;
  const hash = async (): Promise<string | undefined> => ((JSON.parse((await httpGet(`${base}/plan`)).body) as Partial<Plan>).hash);
  const reloads = async (): Promise<[number | undefined, number | undefined]> => {
    const m = (await httpGet(`${base}/metrics`)).body;
    return [metricValue(m, 'meshc_plan_reloads_total{result="success"}'), metricValue(m, 'meshc_plan_reloads_total{result="failure"}')];
  };

  await waitFor(async () => (await httpGet(`${base}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, `ready (stderr: ${cli.stderr()})`);
  assert.equal(await hash(), v1.hash);
  assert.equal(await readGreeting(tcpPort), 'A');
  const firstDir = await readlink(path.join(dir, '..data'));

  // a gzip stream cut short, as a broken pipeline could produce: rejected, old plan stays
  const bad = gz(v2);
  await kubelet.write({ 'plan.json': bad.subarray(0, bad.length >> 1) });
  await waitFor(async () => (await reloads())[1] === 1, 10_000, 'corrupt gzip rejected');
  assert.equal(await hash(), v1.hash);
  assert.equal(await readGreeting(tcpPort), 'A');
  assert.match(cli.stderr(), /E_PLAN_GZIP/);

  await kubelet.write({ 'plan.json': gz(v2) });
  assert.notEqual(await readlink(path.join(dir, '..data')), firstDir, 'the kubelet swapped ..data');
  await waitFor(async () => (await hash()) === v2.hash, 10_000, 'gzip v2 applied');
  assert.deepEqual(await reloads(), [2, 1]);
  assert.equal(await readGreeting(tcpPort), 'B');

  cli.child.kill('SIGTERM');
  assert.equal(await cli.exited, 0);
});
