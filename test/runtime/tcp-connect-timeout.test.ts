import { it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { startRuntime, scrape, startBackends } from './tcp-helpers.js';

/**
 * A backend that never completes new handshakes: a child process listens with backlog 1 (0 would mean Node's default, 511), then
 * blocks its own event loop, so the kernel fills the accept queue and drops further SYNs — the
 * upstream connect hangs until meshc's connect timeout fires. (A refused port would fail at once
 * and never reach the timeout path.)
 */
async function stalledBackend(t: { after(fn: () => void): void }): Promise<number> {
  const code = `
    const net = require('node:net');
    const s = net.createServer();
    s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(String(s.address().port) + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => child.kill('SIGKILL'));
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(line.toString().trim());
  // fill the accept queue: these handshakes complete in the kernel and are never accepted
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 6; i++) fillers.push(net.connect(port, '127.0.0.1').on('error', () => {}));
  t.after(() => fillers.forEach((f) => f.destroy()));
  await waitFor(() => fillers.filter((f) => f.readyState === 'open').length >= 2, 5000, 'accept queue filled');
  return port;
}

it('connect timeout: a stalled upstream fails the attempt, the next host is tried, and the client never hangs', async (t) => {
  const stalled = await stalledBackend(t);
  const [good] = await startBackends(t, ['good']);
  const port = await freePort();
  const C = 'web_80_tcp';
  const rt = await startRuntime(
    t,
    plan(
      [listener(C, port)],
      [cluster(C, [{ port: stalled }, { port: good!.port }], { connection: { connectTimeoutMs: 300, idleTimeoutMs: 60_000, maxConnections: 100, connectAttempts: 2 } })],
    ),
  );

  // round-robin: whichever connection is sent to the stalled host first times out and retries on the good one
  for (let i = 0; i < 2; i++) {
    const s = net.connect(port, '127.0.0.1');
    t.after(() => s.destroy());
    const [greeting] = (await once(s, 'data')) as [Buffer];
    assert.equal(greeting.toString(), 'good\n');
    s.destroy();
  }
  await waitFor(() => rt.clusters.get(C)!.connectFailures >= 1, 5000, 'a connect failure counted');
  const h = rt.clusters.get(C)!.host(`127.0.0.1:${stalled}`)!;
  assert.ok(h.connectFailures >= 1, 'the failures are charged to the stalled host');
  assert.equal(rt.clusters.get(C)!.host(`127.0.0.1:${good!.port}`)!.connectFailures, 0);

  // with a single attempt the client is closed (RST) once the timeout passes, not left hanging
  await rt.apply(plan([listener(C, port)], [cluster(C, [{ port: stalled }], { connection: { connectTimeoutMs: 300, idleTimeoutMs: 60_000, maxConnections: 100, connectAttempts: 1 } })]));
  const s = net.connect(port, '127.0.0.1');
  t.after(() => s.destroy());
  const closed = await new Promise<string>((resolve) => {
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    s.on('close', () => resolve('close'));
  });
  assert.ok(closed === 'ECONNRESET' || closed === 'close', `client closed (${closed})`);
  await waitFor(() => /meshc_listener_connect_failed_total\{[^}]*\} [1-9]/.test(scrape(rt)), 5000, 'connect_failed counted');
});
