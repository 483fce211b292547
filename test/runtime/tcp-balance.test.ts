import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { LB_POLICIES } from '../../runtime/lb/index.js';
import { startRuntime, startBackends, scrape, hold, expectClosed, tcpListener } from './tcp-helpers.js';

const C = 'web_80_tcp';

/** 127.0.0.2 .. 127.0.0.40 */
const SOURCES = Array.from({ length: 39 }, (_, i) => `127.0.0.${i + 2}`);

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

describe('tcp load balancing end to end', () => {
  for (const policy of LB_POLICIES) {
    it(`${policy}: spreads held connections by weight and keeps every byte on the chosen host`, async (t) => {
      const be = await startBackends(t, ['a', 'b', 'c']);
      const port = await freePort();
      const weights = [1, 2, 3];
      const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, be.map((s, i) => ({ port: s.port, weight: weights[i] })), { loadBalancer: { policy } })]));
      const hashed = policy === 'ring-hash' || policy === 'maglev';
      const got: string[] = [];
      // hash policies spread by client address, so connect from many; others from one address
      const n = hashed ? SOURCES.length : 60;
      for (let i = 0; i < n; i++) {
        const h = await hold(t, port, hashed ? SOURCES[i] : undefined);
        got.push(h.greeting);
        // every byte of this connection reaches the same backend: the echo comes back from it
        h.socket.write(`ping-${i}\n`);
        const echo = await new Promise<string>((resolve) => h.socket.once('data', (d) => resolve(d.toString())));
        assert.equal(echo, `ping-${i}\n`);
      }
      assert.equal(rt.clusters.get(C)!.active, n);
      const c = count(got);
      if (policy === 'round-robin' || policy === 'least-connections') {
        // exact: 60 held connections over weights 1:2:3
        assert.deepEqual(c, { a: 10, b: 20, c: 30 });
      } else if (policy === 'random') {
        assert.equal(Object.keys(c).length, 3, JSON.stringify(c));
      } else {
        assert.ok(Object.keys(c).length >= 2, JSON.stringify(c));
        // the same source address always lands on the same host
        for (let i = 0; i < 10; i++) assert.equal(await readGreeting(port, '127.0.0.1', SOURCES[i]), got[i]);
      }
    });
  }

  it('least-connections is exact: the next connection goes where the fewest are open', async (t) => {
    const be = await startBackends(t, ['a', 'b', 'c']);
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, be.map((s) => ({ port: s.port })), { loadBalancer: { policy: 'least-connections' } })]));
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await hold(t, port));
    assert.deepEqual(count(held.map((h) => h.greeting)), { a: 2, b: 2, c: 2 });
    // close both connections on b: b has 0, a and c have 2 -> the next two go to b
    const cl = rt.clusters.get(C)!;
    for (const h of held.filter((x) => x.greeting === 'b')) h.socket.destroy();
    await waitFor(() => cl.active === 4, 5000, 'proxy sees the closes');
    assert.equal((await hold(t, port)).greeting, 'b');
    assert.equal((await hold(t, port)).greeting, 'b');
    // now 2/2/2 again: a tie, round-robin continues past b
    const next = (await hold(t, port)).greeting;
    assert.notEqual(next, 'b');
  });

  it('source-ip affinity: each of 39 client addresses keeps its host; a removed host releases its clients', async (t) => {
    const be = await startBackends(t, ['a', 'b', 'c']);
    const port = await freePort();
    const aff = { affinity: { type: 'source-ip' as const, ttlMs: 60_000 } };
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, be.map((s) => ({ port: s.port })), aff)]));
    const first = new Map<string, string>();
    for (const ip of SOURCES) first.set(ip, await readGreeting(port, '127.0.0.1', ip));
    assert.equal(new Set(first.values()).size, 3, 'round-robin spreads first connections');
    for (let round = 0; round < 2; round++) {
      for (const ip of SOURCES) assert.equal(await readGreeting(port, '127.0.0.1', ip), first.get(ip), `${ip} moved`);
    }
    // drop backend c from the plan: its clients move, everyone else stays
    await rt.apply(plan([listener(C, port)], [cluster(C, be.slice(0, 2).map((s) => ({ port: s.port })), aff)]));
    for (const ip of SOURCES) {
      const g = await readGreeting(port, '127.0.0.1', ip);
      if (first.get(ip) === 'c') assert.notEqual(g, 'c');
      else assert.equal(g, first.get(ip), `${ip} moved although its host stayed`);
    }
  });

  it('retries the next host past a dead port (connectAttempts 2)', async (t) => {
    const [live] = await startBackends(t, ['live']);
    const dead = await freePort();
    const port = await freePort();
    const rt = await startRuntime(
      t,
      plan([listener(C, port)], [cluster(C, [{ port: dead }, { port: live!.port }], { connection: { connectTimeoutMs: 2000, idleTimeoutMs: 60_000, maxConnections: 100, connectAttempts: 2 } })]),
    );
    for (let i = 0; i < 6; i++) assert.equal(await readGreeting(port), 'live');
    const text = scrape(rt);
    assert.ok(metricValue(text, `meshc_upstream_connect_failures_total{cluster="${C}"}`)! >= 1);
    assert.equal(metricValue(text, `meshc_listener_connect_failed_total{listener="${listener(C, port).name}"}`), 0);
  });

  it('closes the client promptly (RST) when no host can be reached', async (t) => {
    const dead = await freePort();
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: dead }])]));
    const started = Date.now();
    const r = await expectClosed(port);
    assert.equal(r.data, '');
    assert.equal(r.error, 'ECONNRESET');
    assert.ok(Date.now() - started < 3000, 'client must not hang');
    await waitFor(() => tcpListener(rt).counters.connectFailed === 1, 5000, 'connect_failed counted');
    assert.equal(tcpListener(rt).active, 0);
  });

  it('maxConnections: the excess connection is closed at once and counted, never queued', async (t) => {
    const [be] = await startBackends(t, ['a']);
    const port = await freePort();
    const conn = { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 2, connectAttempts: 1 };
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be!.port }], { connection: conn })]));
    const h1 = await hold(t, port);
    await hold(t, port);
    const r = await expectClosed(port);
    assert.equal(r.data, '', 'the third connection got nothing from the backend');
    assert.equal(be!.connections, 2, 'the backend never saw the third connection');
    const name = listener(C, port).name;
    let text = scrape(rt);
    assert.equal(metricValue(text, `meshc_listener_overflow_total{listener="${name}"}`), 1);
    assert.equal(metricValue(text, `meshc_upstream_overflow_total{cluster="${C}"}`), 1);
    h1.socket.destroy();
    await waitFor(() => rt.clusters.get(C)!.active === 1, 5000, 'slot freed');
    assert.equal((await hold(t, port)).greeting, 'a');
    text = scrape(rt);
    assert.equal(metricValue(text, `meshc_listener_connections_total{listener="${name}"}`), 4);
  });

  it('metrics: connections, active and bytes per direction are exact', async (t) => {
    const [be] = await startBackends(t, ['hello']);
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be!.port }])]));
    const name = listener(C, port).name;
    const payload = 'x'.repeat(1000);
    for (let i = 0; i < 3; i++) {
      const h = await hold(t, port);
      h.socket.write(payload);
      let echoed = 0;
      await new Promise<void>((resolve) =>
        h.socket.on('data', (d) => {
          echoed += d.length;
          if (echoed === payload.length) resolve();
        }),
      );
      if (i < 2) h.socket.destroy();
    }
    await waitFor(() => tcpListener(rt).active === 1, 5000, 'two connections closed');
    const text = scrape(rt);
    assert.equal(metricValue(text, `meshc_listener_connections_total{listener="${name}"}`), 3);
    assert.equal(metricValue(text, `meshc_listener_connections_active{listener="${name}"}`), 1);
    assert.equal(metricValue(text, `meshc_upstream_bytes_total{cluster="${C}",direction="upstream"}`), 3000);
    assert.equal(metricValue(text, `meshc_upstream_bytes_total{cluster="${C}",direction="downstream"}`), 3 * (1000 + 'hello\n'.length));
    assert.equal(metricValue(text, `meshc_endpoint_connections_total{cluster="${C}",endpoint="127.0.0.1:${be!.port}"}`), 3);
    assert.equal(metricValue(text, `meshc_endpoint_healthy{cluster="${C}",endpoint="127.0.0.1:${be!.port}"}`), 1);
  });
});
