// Timers are armed only while there is something to sweep (connections, sessions, affinity
// entries), so an idle sidecar does not wake up. These tests prove the other half: after a long
// idle period with nothing armed, a new connection or session still times out on schedule.
// Re-run on the pure-JS data path by test/js-path/lazy-timers.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Cluster as ClusterConfig } from '../../schemas/types/plan.gen.js';
import { AffinityTable } from '../../runtime/cluster/affinity-table.js';
import { Host } from '../../runtime/cluster/host.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { startRuntime, startBackends, tcpListener } from './tcp-helpers.js';
import { closeAll, request, sample, startUdpBackend, udpClient } from './udp-util.js';

/** Long compared with the sweep period (an eighth of the 300 ms timeout): many sweeps would have run. */
const IDLE_PERIOD_MS = 1500;
const IDLE_TIMEOUT_MS = 300;
const CONN = { connectTimeoutMs: 5000, idleTimeoutMs: IDLE_TIMEOUT_MS, maxConnections: 100, connectAttempts: 1 };

/** Connect, read the backend's greeting, stay connected; resolves when the first byte arrived. */
async function greeted(port: number): Promise<{ socket: net.Socket; lastByteAt: number }> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('error', () => {});
  await once(socket, 'data');
  return { socket, lastByteAt: Date.now() };
}

test('tcp: a connection that arrives after a long idle period still closes at its idle timeout', async (t) => {
  const [b] = await startBackends(t, ['A']);
  const port = await freePort();
  const C = 'svc_1_tcp';
  const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: b!.port }], { connection: CONN })]));
  const l = tcpListener(rt);

  // one connection arms the sweep; its idle timeout closes it, and nothing is left to sweep
  const first = await greeted(port);
  t.after(() => first.socket.destroy());
  await once(first.socket, 'close');
  await waitFor(() => l.active === 0, 10_000, 'first connection accounted as closed');
  assert.equal(l.counters.idleTimeouts, 1);

  await delay(IDLE_PERIOD_MS);

  const second = await greeted(port);
  t.after(() => second.socket.destroy());
  const closed = once(second.socket, 'close');
  await waitFor(() => second.socket.destroyed || second.socket.readableEnded, 15_000, 'idle timeout after the idle period');
  await closed;
  assert.ok(Date.now() - second.lastByteAt >= IDLE_TIMEOUT_MS, 'not closed before its idle timeout');
  await waitFor(() => l.counters.idleTimeouts === 2, 10_000, 'counted as an idle timeout');
  assert.equal(l.active, 0);
});

test('udp: a session that starts after a long idle period still ends at its idle timeout', async (t) => {
  const a = await startUdpBackend('A');
  t.after(() => a.close());
  const port = await freePort();
  const C = 'svc_9_udp';
  const udp: Partial<ClusterConfig> = { transport: 'udp', protocol: 'udp', connection: CONN };
  const rt = await startRuntime(t, plan([listener(C, port, { transport: 'udp', protocol: 'udp' })], [cluster(C, [{ port: a.port }], udp)]));
  const lbl = `listener="outbound_127.0.0.1_${port}_udp"`;
  const c1 = await udpClient();
  const c2 = await udpClient();
  t.after(() => closeAll([c1, c2]));

  await request(c1, 'who', port);
  await waitFor(() => sample(rt, `meshc_udp_sessions_active{${lbl}}`) === 0, 10_000, 'first session idles out');
  assert.equal(sample(rt, `meshc_udp_sessions_closed_total{${lbl},reason="idle"}`), 1);

  await delay(IDLE_PERIOD_MS);

  await request(c2, 'who', port);
  const lastByteAt = Date.now();
  assert.equal(sample(rt, `meshc_udp_sessions_active{${lbl}}`), 1);
  await waitFor(() => sample(rt, `meshc_udp_sessions_active{${lbl}}`) === 0, 15_000, 'second session idles out');
  // sessions stamp activity from a coarse clock (the wheel's tick, the loop's cached time): allow it
  assert.ok(Date.now() - lastByteAt >= IDLE_TIMEOUT_MS - 50, 'not ended long before its idle timeout');
  assert.equal(sample(rt, `meshc_udp_sessions_closed_total{${lbl},reason="idle"}`), 2);
});

test('affinity table: the sweep timer runs only while entries exist, and entries still expire after an idle period', async (t) => {
  const table = new AffinityTable(50);
  t.after(() => table.stop());
  const host = new Host('127.0.0.1', 1, 1);
  table.start();
  assert.equal(table.sweeping, false, 'an empty table arms no timer');

  table.acquire('10.0.0.1', host, Date.now());
  assert.equal(table.sweeping, true, 'the first entry arms the sweep');
  table.release('10.0.0.1', host, Date.now());
  await waitFor(() => table.size === 0 && !table.sweeping, 10_000, 'entry swept, timer disarmed');

  await delay(IDLE_PERIOD_MS);

  table.acquire('10.0.0.2', host, Date.now());
  assert.equal(table.sweeping, true, 're-armed by a new entry');
  table.release('10.0.0.2', host, Date.now());
  await waitFor(() => table.size === 0 && !table.sweeping, 10_000, 'second entry swept after the idle period');

  table.stop();
  table.acquire('10.0.0.3', host, Date.now());
  assert.equal(table.sweeping, false, 'a stopped table arms nothing');
});
