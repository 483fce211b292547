import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { startRuntime } from './tcp-helpers.js';
import type { Cluster } from '../../schemas/types/plan.gen.js';

// loadBalancer.localityAware on real sockets, with active health checks deciding the zone's
// health. test/js-path/locality-aware.test.ts runs the same file on the pure-JS data path.

/** Greetings of `n` sequential connections, by backend name. */
async function greetings(port: number, n: number): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = await readGreeting(port);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

describe('localityAware', () => {
  it('prefers the local zone, fails over when it is unhealthy and returns when it recovers', async (t) => {
    const servers = new Map<string, TestServer>();
    const start = async (name: string, port = 0): Promise<TestServer> => {
      const s = await startEchoServer(name, '127.0.0.1', port);
      servers.set(name, s);
      return s;
    };
    t.after(() => Promise.all([...servers.values()].map((s) => s.close())));
    const a1 = await start('a1');
    const a2 = await start('a2');
    const b1 = await start('b1');
    const nz = await start('nozone');
    const port = await freePort();
    const c: Cluster = {
      ...cluster('db_1_tcp', []),
      endpoints: {
        type: 'static',
        hosts: [
          { address: '127.0.0.1', port: a1.port, weight: 1, zone: 'zone-a' },
          { address: '127.0.0.1', port: b1.port, weight: 1, zone: 'zone-b' },
          { address: '127.0.0.1', port: a2.port, weight: 1, zone: 'zone-a' },
          { address: '127.0.0.1', port: nz.port, weight: 1 },
        ],
      },
      loadBalancer: { policy: 'round-robin', localityAware: true },
      healthCheck: { type: 'tcp', intervalMs: 50, timeoutMs: 1000, healthyThreshold: 1, unhealthyThreshold: 1 },
    };
    const rt = await startRuntime(t, plan([listener('db_1_tcp', port)], [c], { zone: 'zone-a' }));
    const cl = rt.clusters.get('db_1_tcp')!;
    await waitFor(() => cl.hosts.every((h) => h.healthy), 10_000, 'every endpoint healthy');

    // local zone only, spread over both of its endpoints
    const local = await greetings(port, 20);
    assert.deepEqual([...local.keys()].sort(), ['a1', 'a2']);

    // /clusters shows each endpoint's zone
    const json = cl.toJSON() as { zone: string; localityAware: boolean; endpoints: Array<{ port: number; zone?: string }> };
    assert.equal(json.zone, 'zone-a');
    assert.equal(json.localityAware, true);
    assert.equal(json.endpoints.find((e) => e.port === b1.port)?.zone, 'zone-b');
    assert.equal(json.endpoints.find((e) => e.port === nz.port)?.zone, undefined);

    // one local endpoint down: the other local one takes everything
    await a1.close();
    await waitFor(() => !cl.hosts.find((h) => h.port === a1.port)!.healthy, 10_000, 'a1 unhealthy');
    assert.deepEqual([...(await greetings(port, 10)).keys()], ['a2']);

    // the whole local zone down: fail over to every other endpoint (another zone and no zone)
    await a2.close();
    await waitFor(() => !cl.hosts.find((h) => h.port === a2.port)!.healthy, 10_000, 'a2 unhealthy');
    assert.deepEqual([...(await greetings(port, 20)).keys()].sort(), ['b1', 'nozone']);
    assert.equal(cl.panic, false);

    // the local zone recovers: new connections return to it
    await start('a1', a1.port);
    await waitFor(() => cl.hosts.find((h) => h.port === a1.port)!.healthy, 10_000, 'a1 healthy again');
    assert.deepEqual([...(await greetings(port, 10)).keys()], ['a1']);
  });

  it('in panic mode (no endpoint healthy) spreads over every zone', async (t) => {
    const a = await startEchoServer('a');
    const b = await startEchoServer('b');
    t.after(() => Promise.all([a.close(), b.close()]));
    const port = await freePort();
    // a check that can never pass (the reply must start with a byte the echo servers never send)
    const c: Cluster = {
      ...cluster('db_1_tcp', []),
      endpoints: {
        type: 'static',
        hosts: [
          { address: '127.0.0.1', port: a.port, weight: 1, zone: 'zone-a' },
          { address: '127.0.0.1', port: b.port, weight: 1, zone: 'zone-b' },
        ],
      },
      loadBalancer: { policy: 'round-robin', localityAware: true },
      healthCheck: { type: 'tcp', intervalMs: 50, timeoutMs: 200, healthyThreshold: 1, unhealthyThreshold: 1, expectHex: 'ff' },
    };
    const rt = await startRuntime(t, plan([listener('db_1_tcp', port)], [c], { zone: 'zone-a' }));
    const cl = rt.clusters.get('db_1_tcp')!;
    await waitFor(() => cl.panic && cl.hosts.every((h) => h.healthFailure !== null), 10_000, 'panic with failed checks');
    assert.deepEqual([...(await greetings(port, 10)).keys()].sort(), ['a', 'b']);
  });
});
