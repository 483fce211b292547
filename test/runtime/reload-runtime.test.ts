import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Runtime } from '../../runtime/runtime.js';
import { MeshcError } from '../../runtime/errors.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting, startEchoServer, type TestServer } from '../helpers/net.js';
import { LiveConn } from '../helpers/live-conn.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, request, startUdpBackend, udpClient } from './udp-util.js';

type T = { after(fn: () => unknown): void };

async function backends(t: T, ...names: string[]): Promise<TestServer[]> {
  const out = await Promise.all(names.map((n) => startEchoServer(n)));
  t.after(() => Promise.all(out.map((s) => s.close())));
  return out;
}

function newRuntime(t: T, drainTimeoutMs = 5000): Runtime {
  const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs });
  t.after(() => rt.stop(0));
  return rt;
}

/** One tcp listener on `port` -> cluster `svc_80_tcp` with the given backend. */
function simple(port: number, backend: TestServer, extra: Partial<Plan> = {}): Plan {
  return plan([listener('svc_80_tcp', port)], [cluster('svc_80_tcp', [{ port: backend.port }])], extra);
}

function refused(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

test('a kept listener keeps its socket; a changed cluster swaps hosts while live connections stay on theirs', async (t) => {
  const [a, b] = await backends(t, 'A', 'B');
  const rt = newRuntime(t);
  const port = await freePort();
  await rt.apply(simple(port, a!));
  const sock = rt.listeners.values().next().value;
  const live = await LiveConn.open(port);
  t.after(() => live.destroy());
  assert.equal(live.backend, 'A');
  const s = await rt.apply(simple(port, b!));
  assert.deepEqual([s.listenersKept, s.listenersAdded, s.listenersRemoved], [1, 0, 0]);
  assert.equal(rt.listeners.values().next().value, sock, 'same Listener object (same socket)');
  assert.equal(await readGreeting(port), 'B', 'new connections use the new hosts');
  await live.echo('still flowing to A');
  assert.equal(a!.sockets.size, 1, 'the live connection is still on A');
});

test('a removed listener stops accepting at once and drains its live connections', async (t) => {
  const [a] = await backends(t, 'A');
  const rt = newRuntime(t, 400);
  const [p1, p2] = [await freePort(), await freePort()];
  const both = plan([listener('svc_80_tcp', p1), listener('svc_80_tcp', p2)], [cluster('svc_80_tcp', [{ port: a!.port }])]);
  await rt.apply(both);
  const live = await LiveConn.open(p2);
  t.after(() => live.destroy());
  const s = await rt.apply(simple(p1, a!));
  assert.equal(s.listenersRemoved, 1);
  assert.equal(await refused(p2), true, 'the removed listener no longer accepts when apply resolves');
  assert.equal(rt.drainingCount, 1);
  await live.echo('draining but alive');
  await live.whenClosed(); // drainTimeoutMs (400 ms) later
  await waitFor(() => rt.drainingCount === 0, 5000, 'drain finished');
  assert.equal(await readGreeting(p1), 'A');
});

test('changing a listener address is remove + add; the old address drains', async (t) => {
  const [a] = await backends(t, 'A');
  const rt = newRuntime(t);
  const port = await freePort('127.0.0.2');
  await rt.apply(plan([listener('svc_80_tcp', port, { address: '127.0.0.2' })], [cluster('svc_80_tcp', [{ port: a!.port }])]));
  const live = await LiveConn.open(port, '127.0.0.2');
  t.after(() => live.destroy());
  const s = await rt.apply(plan([listener('svc_80_tcp', port, { address: '127.0.0.3' })], [cluster('svc_80_tcp', [{ port: a!.port }])]));
  assert.deepEqual([s.listenersAdded, s.listenersRemoved, s.listenersKept], [1, 1, 0]);
  assert.equal(await readGreeting(port, '127.0.0.3'), 'A');
  assert.equal(await refused(port, '127.0.0.2'), true);
  await live.echo('old address, live connection');
});

test('a bind failure fails the whole reload: nothing of the new plan takes effect', async (t) => {
  const [a, b] = await backends(t, 'A', 'B');
  const rt = newRuntime(t);
  const [port, extra] = [await freePort(), await freePort()];
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => blocker.close(() => r())));
  const taken = (blocker.address() as net.AddressInfo).port;
  const v1 = simple(port, a!);
  await rt.apply(v1);
  const before = rt.listeners.size;
  const bad = plan(
    // the conflicting listener sorts (and binds) last, after `extra` was bound
    [listener('svc_80_tcp', port), listener('svc_80_tcp', extra), listener('svc_80_tcp', taken, { name: 'zz_taken' })],
    [cluster('svc_80_tcp', [{ port: b!.port }])],
  );
  await assert.rejects(rt.apply(bad), (err: unknown) => err instanceof MeshcError && err.code === 'E_BIND');
  assert.equal(rt.plan?.hash, v1.hash);
  assert.equal(rt.listeners.size, before);
  assert.equal(await readGreeting(port), 'A', 'cluster change not applied');
  assert.equal(await refused(extra), true, 'the listener bound before the failure was closed again');
  assert.equal(rt.ready, true);
  // the runtime is not wedged: the next good plan applies
  await rt.apply(simple(port, b!));
  assert.equal(await readGreeting(port), 'B');
});

test('a plan referencing an unknown cluster is rejected before anything is built', async (t) => {
  const [a] = await backends(t, 'A');
  const rt = newRuntime(t);
  const port = await freePort();
  const v1 = simple(port, a!);
  await rt.apply(v1);
  const bad = plan([listener('nope_1_tcp', await freePort())], [cluster('svc_80_tcp', [{ port: a!.port }])]);
  await assert.rejects(rt.apply(bad), (err: unknown) => err instanceof MeshcError && err.code === 'E_PLAN_REFERENCE');
  assert.equal(rt.plan?.hash, v1.hash);
});

test('stop(): live connections finish within the drain timeout, then everything is closed', async (t) => {
  const [a] = await backends(t, 'A');
  const rt = new Runtime({ logger: silentLogger() });
  const port = await freePort();
  await rt.apply(simple(port, a!));
  const live = await LiveConn.open(port);
  t.after(() => live.destroy());
  const stopped = rt.stop(10_000);
  await waitFor(() => refused(port), 5000, 'stops accepting');
  assert.equal(rt.ready, false);
  await live.echo('during the drain');
  live.sock.end();
  await stopped; // resolves when the connection ends, well before 10 s
  assert.equal(rt.listeners.size, 0);
  await assert.rejects(rt.apply(simple(port, a!)), (err: unknown) => err instanceof MeshcError && err.code === 'E_STOPPING');
});

test('re-adding a UDP listener whose removed predecessor still drains takes its address back', async (t) => {
  const ub = await startUdpBackend('UA');
  t.after(() => ub.close());
  const rt = newRuntime(t, 60_000);
  const port = await freePort();
  const udpPlan = (withUdp: boolean, tcpPort: number): Plan =>
    plan(
      [listener('svc_80_tcp', tcpPort), ...(withUdp ? [listener('dns_53_udp', port, { transport: 'udp', protocol: 'udp' })] : [])],
      [cluster('svc_80_tcp', [{ port: 9 }]), cluster('dns_53_udp', [{ port: ub.port }], { transport: 'udp', protocol: 'udp' })],
    );
  const tcpPort = await freePort();
  await rt.apply(udpPlan(true, tcpPort));
  const client = await udpClient();
  t.after(() => closeAll([client]));
  assert.match((await request(client, 'who', port)).msg.toString(), /^UA /);
  await rt.apply(udpPlan(false, tcpPort));
  assert.equal(rt.drainingCount, 1, 'the udp listener drains its session (its socket stays bound for replies)');
  await rt.apply(udpPlan(true, tcpPort));
  assert.equal(rt.drainingCount, 0);
  assert.match((await request(client, 'who', port)).msg.toString(), /^UA /, 'the re-added listener serves');
});
