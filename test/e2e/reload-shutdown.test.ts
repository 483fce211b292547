import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, startEchoServer, type TestServer } from '../helpers/net.js';
import { spawnCli, type CliProcess } from '../helpers/cli.js';
import { LiveConn } from '../helpers/live-conn.js';
import { waitFor } from '../helpers/wait.js';

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

/** `meshc run` with one TCP listener to an echo backend; resolves once /ready is 200. */
async function start(t: { after(fn: () => unknown): void }, drain: string): Promise<{ cli: CliProcess; port: number; adminPort: number; backend: TestServer }> {
  const backend = await startEchoServer('A');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-e2e-drain-'));
  const [port, adminPort] = [await freePort(), await freePort()];
  await writePlan(path.join(dir, 'plan.json'), plan([listener('svc_80_tcp', port)], [cluster('svc_80_tcp', [{ port: backend.port }])]));
  const cli = spawnCli(['run', '--plan', path.join(dir, 'plan.json'), '--admin', `127.0.0.1:${adminPort}`, '--drain-timeout', drain]);
  t.after(async () => {
    cli.kill();
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`)).status === 200, 15_000, `ready (stderr: ${cli.stderr()})`);
  return { cli, port, adminPort, backend };
}

test('SIGTERM: /ready turns 503, no new connections, a live connection keeps flowing, exit 0 once it ends', async (t) => {
  const { cli, port, adminPort } = await start(t, '30s');
  const live = await LiveConn.open(port);
  t.after(() => live.destroy());
  await live.echo('before');
  cli.child.kill('SIGTERM');
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`)).status === 503, 5000, '/ready 503');
  await waitFor(() => refused(port), 5000, 'listener stopped accepting');
  for (let i = 0; i < 5; i++) await live.echo(`during the drain ${i};`);
  assert.equal(cli.child.exitCode, null, 'still draining while the connection lives');
  live.sock.end(); // the client finishes: the drain ends long before 30 s
  assert.equal(await cli.exited, 0);
  assert.match(cli.stderr(), /shutting down/);
});

test('SIGINT: connections still open at --drain-timeout are closed, exit 0', async (t) => {
  const { cli, port } = await start(t, '300ms');
  const live = await LiveConn.open(port);
  t.after(() => live.destroy());
  await live.echo('idle after this');
  cli.child.kill('SIGINT');
  await live.whenClosed();
  assert.equal(await cli.exited, 0);
});
