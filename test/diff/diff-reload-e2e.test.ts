// What `meshc diff` says hot reload will do is what `meshc run` then does: a removed endpoint keeps
// its live connection, new connections go to the added endpoint, a removed listener stops
// accepting while its live connection drains. Real CLI children, real sockets on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { LiveConn } from '../helpers/live-conn.js';
import { writeViaRename } from '../helpers/kubelet.js';
import { freePort, httpGet, readGreeting, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

test('diff consequences hold on a running sidecar: endpoint removed keeps live connections, removed listener drains', async (t) => {
  const [a, b] = await Promise.all([startEchoServer('A'), startEchoServer('B')]);
  const [l1, l2, adminPort] = [await freePort(), await freePort(), await freePort()];
  const dir = await tempDir(t);
  const sc = (extra: string) => sidecar('app', `  admin: 127.0.0.1:${adminPort}\n  outbound:\n    - { service: echo, bind: 127.0.0.1:${l1} }\n${extra}`);
  const ep = (port: number) => `address: 127.0.0.1, port: ${port}`;
  await writeTree(path.join(dir, 'base'), {
    'p.yaml': [service('echo', { port: 7000, hosts: [ep(a.port)] }), service('old', { port: 7001, hosts: [ep(a.port)] }), sc(`    - { service: old, bind: 127.0.0.1:${l2} }\n`)].join('---\n'),
  });
  await writeTree(path.join(dir, 'head'), { 'p.yaml': [service('echo', { port: 7000, hosts: [ep(b.port)] }), sc('')].join('---\n') });

  // what diff promises
  const d = await runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head'), '--format', 'json', '--drain-timeout', '30s']);
  assert.equal(d.code, 0, d.stderr);
  const app = JSON.parse(d.stdout).sidecars[0];
  const echo = app.clusters.find((c: { name: string }) => c.name === 'echo_7000_tcp');
  assert.deepEqual(echo.endpoints.map((e: { change: string; port: number }) => [e.change, e.port]).sort(), [['added', b.port], ['removed', a.port]].sort());
  assert.match(echo.consequences.find((c: { code: string }) => c.code === 'endpoint-remove').message, /live connections stay until they close/);
  assert.match(echo.consequences.find((c: { code: string }) => c.code === 'endpoint-add').message, /take new connections as soon as the reload is applied/);
  const gone = app.listeners.find((l: { change: string }) => l.change === 'removed');
  assert.equal(gone.name, `outbound_127.0.0.1_${l2}_tcp`);
  assert.match(gone.consequences[0].message, /stops accepting at once; its connections drain for up to 30s/);

  // what meshc run does
  const out = path.join(dir, 'out');
  const c1 = await runCli(['compile', path.join(dir, 'base'), '--out', path.join(dir, 'c1'), '--target', 'runtime']);
  const c2 = await runCli(['compile', path.join(dir, 'head'), '--out', path.join(dir, 'c2'), '--target', 'runtime']);
  assert.deepEqual([c1.code, c2.code], [0, 0], c1.stderr + c2.stderr);
  const plan1 = await readFile(path.join(dir, 'c1/app/plan.json'), 'utf8');
  const plan2 = await readFile(path.join(dir, 'c2/app/plan.json'), 'utf8');
  await writeTree(out, { 'plan.json': plan1 });
  const run = spawnCli(['run', '--plan', path.join(out, 'plan.json'), '--drain-timeout', '30s']);
  const live: LiveConn[] = [];
  t.after(async () => {
    run.kill();
    for (const c of live) c.destroy();
    await Promise.all([a.close(), b.close()]);
  });
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`)).status === 200, 15_000, `meshc run ready (${run.stderr()})`);
  const onEndpoint = await LiveConn.open(l1);
  const onListener = await LiveConn.open(l2);
  live.push(onEndpoint, onListener);
  assert.equal(onEndpoint.backend, 'A');

  const hash2 = (JSON.parse(plan2) as Plan).hash;
  await writeViaRename(path.join(out, 'plan.json'), plan2);
  await waitFor(async () => (JSON.parse((await httpGet(`http://127.0.0.1:${adminPort}/plan`)).body) as Plan).hash === hash2, 10_000, 'head plan applied');

  await onEndpoint.echo('endpoint removed, connection stays;');
  assert.equal(await readGreeting(l1), 'B', 'new connections go to the added endpoint');
  await onListener.echo('listener removed, connection drains;');
  await waitFor(() => refused(l2), 10_000, 'removed listener stops accepting');
  assert.equal(onListener.closed, false);
});
