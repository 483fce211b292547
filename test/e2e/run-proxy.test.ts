import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnCli } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

describe('meshc run as a child process', () => {
  it('proxies, serves admin, and on SIGTERM turns unready, stops accepting, drains and exits 0', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-run-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const a = await startEchoServer('a');
    const b = await startEchoServer('b');
    t.after(() => Promise.all([a.close(), b.close()]));
    const port = await freePort();
    const adminPort = await freePort();
    const file = path.join(dir, 'plan.json');
    const C = 'web_80_tcp';
    await writePlan(file, plan([listener(C, port)], [cluster(C, [{ port: a.port }, { port: b.port }])], { admin: { address: '127.0.0.1', port: 1 } }));
    // --admin overrides the plan's (unusable) admin port 1
    const proc = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`, '--drain-timeout', '20s']);
    t.after(() => proc.kill());
    const base = `http://127.0.0.1:${adminPort}`;
    await waitFor(async () => (await httpGet(`${base}/ready`)).status === 200, 15_000, `/ready (stderr: ${proc.stderr()})`);

    // round-robin over both backends through the real process
    const got = [await readGreeting(port), await readGreeting(port), await readGreeting(port), await readGreeting(port)];
    assert.deepEqual(got.sort(), ['a', 'a', 'b', 'b']);

    // a live connection that must survive the drain
    const live = net.connect({ port, host: '127.0.0.1' });
    const liveClosed = once(live, 'close');
    live.setEncoding('utf8');
    let text = '';
    live.on('data', (d: string) => (text += d));
    await waitFor(() => text.endsWith('\n'), 5000, 'greeting');
    const metrics = (await httpGet(`${base}/metrics`)).body;
    assert.equal(metricValue(metrics, `meshc_listener_connections_active{listener="${listener(C, port).name}"}`), 1);
    assert.equal(metricValue(metrics, `meshc_listener_connections_total{listener="${listener(C, port).name}"}`), 5);

    proc.child.kill('SIGTERM');
    await waitFor(async () => (await httpGet(`${base}/ready`)).status === 503, 10_000, '/ready 503 while draining');
    // no longer accepting
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const s = net.connect({ port, host: '127.0.0.1' });
          s.on('connect', () => {
            s.destroy();
            resolve(false);
          });
          s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
        }),
      10_000,
      'listener closed',
    );
    // the live connection still works during the drain
    text = '';
    live.write('still here\n');
    await waitFor(() => text === 'still here\n', 5000, 'echo during drain');
    assert.equal(proc.child.exitCode, null, 'still draining while a connection is open');
    live.end();
    const code = await proc.exited;
    assert.equal(code, 0, proc.stderr());
    assert.match(proc.stderr(), /"msg":"shutting down: stop accepting, drain"/);
    await liveClosed;
  });
});
