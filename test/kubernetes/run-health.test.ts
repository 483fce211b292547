import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { LiveConn } from '../helpers/live-conn.js';
import { waitFor } from '../helpers/wait.js';

/** One HTTP request on loopback; status 0 when the connection is refused. */
function request(port: number, p: string, method = 'GET'): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers.allow !== undefined && { allow: res.headers.allow }) }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

async function setup(t: { after(fn: () => Promise<void>): void }): Promise<{ dir: string; file: string; p: Plan; tcpPort: number }> {
  const backend = await startEchoServer('A');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-health-'));
  const tcpPort = await freePort();
  const p = plan([listener('svc_80_tcp', tcpPort)], [cluster('svc_80_tcp', [{ port: backend.port }])]);
  const file = path.join(dir, 'plan.json');
  await writePlan(file, p);
  t.after(async () => {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir, file, p, tcpPort };
}

test('--health serves GET /ready and /metrics as the admin endpoint does, 404 for every other path, 405 for other methods; 503 while draining', async (t) => {
  const { file, tcpPort } = await setup(t);
  const [adminPort, healthPort] = [await freePort(), await freePort()];
  const cli = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`, '--health', `127.0.0.1:${healthPort}`, '--drain-timeout', '10s']);
  const live: LiveConn[] = [];
  t.after(async () => {
    for (const c of live) c.destroy();
    cli.kill();
  });
  await waitFor(async () => (await request(healthPort, '/ready')).status === 200, 15_000, `ready on the health port (stderr: ${cli.stderr()})`);
  assert.equal((await request(adminPort, '/ready')).status, 200);
  assert.equal(await readGreeting(tcpPort), 'A', 'traffic is proxied');

  const [am, hm] = [(await request(adminPort, '/metrics')).body, (await request(healthPort, '/metrics')).body];
  const series = (m: string): string[] => m.split('\n').filter((l) => l.startsWith('meshc_')).map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.deepEqual(series(hm), series(am), 'the same series on both ports');
  assert.ok((metricValue(hm, 'meshc_listener_connections_total{listener="outbound_127.0.0.1_' + tcpPort + '_tcp"}') ?? 0) >= 1, hm);
  assert.equal(metricValue(hm, 'meshc_ready'), 1);

  for (const p of ['/plan', '/clusters', '/', '/ready/', '/metricsx', '/plan?x=1']) {
    assert.equal((await request(healthPort, p)).status, 404, `health ${p}`);
    assert.equal((await request(healthPort, p, 'POST')).status, 404, `health POST ${p}`);
  }
  assert.equal((await request(adminPort, '/plan')).status, 200, 'the admin endpoint still has /plan');
  assert.equal((await request(healthPort, '/ready?verbose')).status, 200, 'a query string is ignored');
  const post = await request(healthPort, '/ready', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.allow, 'GET, HEAD');
  assert.equal((await request(healthPort, '/metrics', 'HEAD')).status, 200);

  // draining: /ready turns 503 on the health port while a live connection holds the process
  live.push(await LiveConn.open(tcpPort));
  cli.child.kill('SIGTERM');
  await waitFor(async () => (await request(healthPort, '/ready')).status === 503, 10_000, '503 while draining');
  assert.match((await request(healthPort, '/ready')).body, /draining/);
  live[0]!.sock.end();
  assert.equal(await cli.exited, 0);
});

test('--health answers 503 before the first plan is applied (the plan file is a FIFO nobody writes yet)', async (t) => {
  const { dir, p, tcpPort } = await setup(t);
  const fifo = path.join(dir, 'plan.fifo');
  await promisify(execFile)('mkfifo', [fifo]);
  const healthPort = await freePort();
  const cli = spawnCli(['run', '--plan', fifo, '--health', `127.0.0.1:${healthPort}`]);
  t.after(async () => cli.kill());
  await waitFor(async () => (await request(healthPort, '/ready')).status !== 0, 15_000, `health port bound (stderr: ${cli.stderr()})`);
  const before = await request(healthPort, '/ready');
  assert.equal(before.status, 503);
  assert.match(before.body, /no plan applied/);
  assert.equal(metricValue((await request(healthPort, '/metrics')).body, 'meshc_ready'), 0);

  const fh = await open(fifo, 'w');
  await fh.write(JSON.stringify(p, null, 2) + '\n');
  await fh.close();
  await waitFor(async () => (await request(healthPort, '/ready')).status === 200, 15_000, 'ready once the plan arrived');
  assert.equal(await readGreeting(tcpPort), 'A');
});

test('--health with --workers 2: served by the primary, aggregated metrics, 404 elsewhere', async (t) => {
  const { file, tcpPort } = await setup(t);
  const [adminPort, healthPort] = [await freePort(), await freePort()];
  const cli = spawnCli(['run', '--plan', file, '--workers', '2', '--admin', `127.0.0.1:${adminPort}`, '--health', `127.0.0.1:${healthPort}`, '--drain-timeout', '2s', '--log-level', 'warn']);
  t.after(async () => cli.kill());
  await waitFor(async () => (await request(healthPort, '/ready')).status === 200, 30_000, `ready (stderr: ${cli.stderr()})`);
  assert.equal(await readGreeting(tcpPort), 'A');
  const m = (await request(healthPort, '/metrics')).body;
  assert.equal(metricValue(m, 'meshc_ready'), 1);
  assert.ok(m.includes('meshc_listener_connections_total{listener='), m);
  assert.equal((await request(healthPort, '/clusters')).status, 404);
  assert.equal((await request(adminPort, '/clusters')).status, 200);
  cli.child.kill('SIGTERM');
  assert.equal(await cli.exited, 0);
});

test('--health: an address in use is a clear error, exit 1; a malformed one a usage error, exit 2', async (t) => {
  const { file } = await setup(t);
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  t.after(async () => new Promise<void>((r) => blocker.close(() => r())));
  const taken = (blocker.address() as net.AddressInfo).port;
  const r = await runCli(['run', '--plan', file, '--admin', `127.0.0.1:${await freePort()}`, '--health', `127.0.0.1:${taken}`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`meshc run: cannot start the health endpoint: health: cannot bind 127\\.0\\.0\\.1:${taken}: EADDRINUSE \\[E_BIND\\]`));
  const bad = await runCli(['run', '--plan', file, '--health', 'localhost:15021']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--health must be IP:PORT/);
});
