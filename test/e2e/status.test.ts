import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

describe('meshc status', () => {
  it('prints listeners, clusters and endpoints of a live sidecar, and redraws with --watch until Ctrl-C', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-status-'));
    const echo = await startEchoServer('a');
    t.after(() => Promise.all([echo.close(), rm(dir, { recursive: true, force: true })]));
    const port = await freePort();
    const dead = await freePort();
    const adminPort = await freePort();
    const planFile = path.join(dir, 'plan.json');
    await writePlan(planFile, plan([listener('web', port, { name: 'web_in' })], [cluster('web', [{ port: echo.port }, { port: dead }], { healthCheck: { type: 'tcp', intervalMs: 100, timeoutMs: 500, unhealthyThreshold: 1, healthyThreshold: 1 } })], { admin: { address: '127.0.0.1', port: adminPort } }));
    const proc = spawnCli(['run', '--plan', planFile]);
    t.after(() => proc.kill());
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, `ready (stderr: ${proc.stderr()})`);
    // a live connection, so the active columns show 1
    const live = net.connect({ port, host: '127.0.0.1' });
    live.on('error', () => undefined);
    t.after(() => live.destroy());
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/clusters`)).body.includes('"activeConnections": 1'), 10_000, 'live connection');

    const r = await runCli(['status', '--admin', `127.0.0.1:${adminPort}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^LISTENER\s+TRANSPORT\s+ADDRESS\s+CLUSTER\s+ACTIVE\s+CONN\/S/m);
    assert.match(r.stdout, new RegExp(`^web_in\\s+tcp\\s+127\\.0\\.0\\.1:${port}\\s+web\\s+1\\s`, 'm'));
    assert.match(r.stdout, /^web\s+round-robin\s+1\/2 up\s+1\s/m);
    assert.match(r.stdout, new RegExp(`^web\\s+127\\.0\\.0\\.1:${echo.port}\\s+healthy\\s+1\\s`, 'm'));
    assert.match(r.stdout, new RegExp(`^web\\s+127\\.0\\.0\\.1:${dead}\\s+unhealthy\\s+0\\s`, 'm'));

    const w = spawnCli(['status', '--admin', `127.0.0.1:${adminPort}`, '--watch', '--interval', '200ms']);
    t.after(() => w.kill());
    await waitFor(() => w.stdout().split('\x1b[H\x1b[2J').length > 2, 10_000, 'two redraws');
    w.child.kill('SIGINT');
    assert.equal(await w.exited, 0, w.stderr());
  });

  it('says clearly when nothing listens at the admin address', async () => {
    const port = await freePort();
    const r = await runCli(['status', '--admin', `127.0.0.1:${port}`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^meshc status: cannot reach the admin endpoint at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) — is meshc run running\\? use --admin`));
  });

  it('rejects a malformed --admin as a usage error', async () => {
    const r = await runCli(['status', '--admin', 'localhost']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--admin must be IP:PORT/);
  });
});
