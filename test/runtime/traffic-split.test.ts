import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { hold, scrape, startBackends, startRuntime } from './tcp-helpers.js';
import { metricValue } from '../helpers/net.js';
import type { Cluster, Listener } from '../../schemas/types/plan.gen.js';

// SPEC 9 split (Listener.weightedClusters) on real sockets; test/js-path/traffic-split.test.ts
// runs the same file on the pure-JS data path.

/** A split listener on `port` over `targets` (cluster name -> weight). */
function splitListener(port: number, targets: Record<string, number>, over: Partial<Listener> = {}): Listener {
  const { cluster: _, ...l } = listener('unused', port, over);
  return { ...l, weightedClusters: Object.entries(targets).map(([c, weight]) => ({ cluster: c, weight })) };
}

/** Open `n` connections, `parallel` at a time, and count the greetings (backend names). */
async function spread(port: number, n: number, parallel = 16): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      next++;
      const g = await readGreeting(port);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return counts;
}

/** Within 5 standard deviations of a binomial(n, p) mean: a bound any per-connection weighted choice meets. */
function assertShare(got: number, n: number, p: number, what: string): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(got - n * p) <= 5 * sigma + 1, `${what}: ${got} of ${n}, expected about ${(n * p).toFixed(0)} (±${(5 * sigma).toFixed(0)})`);
}

/** Write a line on a held connection and read it echoed back. */
function echo(s: net.Socket, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8');
      if (buf.includes('\n')) {
        s.off('data', onData);
        resolve(buf);
      }
    };
    s.on('data', onData);
    s.once('close', () => reject(new Error('closed')));
    s.write(line + '\n');
  });
}

describe('split (weightedClusters)', () => {
  it('spreads thousands of connections by weight; each target cluster counts its own', async (t) => {
    const [v1, v2, v3] = await startBackends(t, ['v1', 'v2', 'v3']);
    const port = await freePort();
    const clusters: Cluster[] = [cluster('v1_1_tcp', [{ port: v1!.port }]), cluster('v2_1_tcp', [{ port: v2!.port }]), cluster('v3_1_tcp', [{ port: v3!.port }])];
    const rt = await startRuntime(t, plan([splitListener(port, { v1_1_tcp: 70, v2_1_tcp: 20, v3_1_tcp: 10 })], clusters));
    const n = 2000;
    const counts = await spread(port, n);
    assertShare(counts.get('v1') ?? 0, n, 0.7, 'v1');
    assertShare(counts.get('v2') ?? 0, n, 0.2, 'v2');
    assertShare(counts.get('v3') ?? 0, n, 0.1, 'v3');
    assert.equal(v1!.connections + v2!.connections + v3!.connections, n);
    const m = scrape(rt);
    assert.equal(metricValue(m, `meshc_endpoint_connections_total{cluster="v2_1_tcp",endpoint="127.0.0.1:${v2!.port}"}`), counts.get('v2'));
    assert.equal(metricValue(m, `meshc_listener_connections_total{listener="outbound_127.0.0.1_${port}_tcp"}`), n);
    // bytes count on the target cluster (the native path's per-connection counter slot): "v2\n" each
    await waitFor(() => metricValue(scrape(rt), 'meshc_upstream_bytes_total{cluster="v2_1_tcp",direction="downstream"}') === 3 * counts.get('v2')!, 10_000, 'v2 bytes');
  });

  it('a reload moves the weights for new connections; live ones stay on their cluster, also when their cluster leaves the plan', async (t) => {
    const [v1, v2] = await startBackends(t, ['v1', 'v2']);
    const port = await freePort();
    const c1 = cluster('v1_1_tcp', [{ port: v1!.port }]);
    const c2 = cluster('v2_1_tcp', [{ port: v2!.port }]);
    const rt = await startRuntime(t, plan([splitListener(port, { v1_1_tcp: 1, v2_1_tcp: 0 })], [c1, c2]));
    const live = [await hold(t, port), await hold(t, port), await hold(t, port)];
    for (const h of live) assert.equal(h.greeting, 'v1');

    await rt.apply(plan([splitListener(port, { v1_1_tcp: 0, v2_1_tcp: 1 })], [c1, c2]));
    const after = await spread(port, 50, 4);
    assert.deepEqual([...after], [['v2', 50]]);
    for (const h of live) assert.equal(await echo(h.socket, 'still v1'), 'still v1\n');

    // v1 leaves the split and the plan: its live connections keep flowing until they close
    await rt.apply(plan([splitListener(port, { v2_1_tcp: 1 })], [c2]));
    assert.equal(rt.clusters.has('v1_1_tcp'), false);
    for (const h of live) assert.equal(await echo(h.socket, 'after removal'), 'after removal\n');
    assert.equal(await readGreeting(port), 'v2');
    for (const h of live) h.socket.end();
    await waitFor(() => v1!.sockets.size === 0, 10_000, 'v1 connections to close');
  });

  it("each target applies its own limits: a full target refuses (UO) while the other serves", async (t) => {
    const [v1, v2] = await startBackends(t, ['v1', 'v2']);
    const port = await freePort();
    const c1 = cluster('v1_1_tcp', [{ port: v1!.port }], { connection: { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 1, connectAttempts: 1 } });
    const c2 = cluster('v2_1_tcp', [{ port: v2!.port }]);
    const rt = await startRuntime(t, plan([splitListener(port, { v1_1_tcp: 1, v2_1_tcp: 1 })], [c1, c2]));
    const held = [await hold(t, port), await hold(t, port)];
    assert.deepEqual(held.map((h) => h.greeting).sort(), ['v1', 'v2']);
    // the next pick that lands on v1 overflows; v2 keeps serving
    const results = await Promise.allSettled([readGreeting(port), readGreeting(port), readGreeting(port), readGreeting(port)]);
    assert.ok(results.some((r) => r.status === 'fulfilled' && r.value === 'v2'));
    assert.ok(results.some((r) => r.status === 'rejected'));
    assert.ok((metricValue(scrape(rt), 'meshc_upstream_overflow_total{cluster="v1_1_tcp"}') ?? 0) >= 1);
  });
});
