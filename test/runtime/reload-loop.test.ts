import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHook } from 'node:async_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Runtime } from '../../runtime/runtime.js';
import { PlanSource } from '../../runtime/plan-source.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, startEchoServer } from '../helpers/net.js';
import { LiveConn } from '../helpers/live-conn.js';
import { AtomicWriter } from '../helpers/kubelet.js';
import { waitFor } from '../helpers/wait.js';
import { native } from '../../runtime/native/addon.js';
import { closeAll, request, startUdpBackend, udpClient } from './udp-util.js';

/** Resource kinds that would reveal a leaked socket, watcher or timer. */
const KINDS = ['TCPServerWrap', 'TCPSocketWrap', 'UDPWrap', 'Timeout', 'FSEventWrap', 'StatWatcher', 'NativeConn', 'NativeListener'];

function resources(): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const r of process.getActiveResourcesInfo()) if (r in out) out[r]!++;
  // the native data path's sockets are not libuv handles: it counts its own
  if (native !== null) {
    const [conns, listeners] = native.stats();
    out.NativeConn = conns;
    out.NativeListener = listeners;
  }
  return out;
}

/**
 * Timers created from now on and still alive (set or repeating), unref'd ones included (which
 * process.getActiveResourcesInfo does not list): a leaked health-check interval, affinity sweeper
 * or drain timer stays in this set.
 */
function trackTimers(): { live: Set<number>; settle(timeoutMs: number): Promise<void>; stop(): void } {
  const live = new Set<number>();
  let ignoreNext = false;
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return;
      if (ignoreNext) ignoreNext = false; // our own polling delay below
      else live.add(id);
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    live,
    /** Poll until no tracked timer is alive (or timeoutMs), without tracking the poll's own timer. */
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (live.size > 0 && Date.now() < deadline) {
        ignoreNext = true;
        await delay(20);
      }
    },
    stop: () => hook.disable(),
  };
}

test('100 ConfigMap plan swaps under TCP and UDP traffic: no connection lost, exact counts, no leak', async (t) => {
  const [a, b] = await Promise.all([startEchoServer('A'), startEchoServer('B')]);
  const [ua, ub] = await Promise.all([startUdpBackend('UA'), startUdpBackend('UB')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-reload-loop-'));
  const [tcpPort, extraPort, udpPort] = [await freePort(), await freePort(), await freePort()];
  const logger = silentLogger();
  const runtime = new Runtime({ logger, drainTimeoutMs: 200 });
  const source = new PlanSource({ file: path.join(dir, 'plan.json'), runtime, logger, debounceMs: 20 });
  const live: LiveConn[] = [];
  const udp = await udpClient();
  t.after(async () => {
    for (const c of live) c.destroy();
    closeAll([udp]);
    await source.stop();
    await runtime.stop(0);
    await Promise.all([a.close(), b.close(), ua.close(), ub.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * Version i: the tcp and udp clusters alternate between two backends; every 10 swaps an extra
   * listener with its own cluster (source-ip affinity + tcp health checks: sweeper and checker
   * timers) is added for 4 versions, then removed again.
   */
  const version = (i: number): Plan => {
    const odd = i % 2 === 1;
    const withExtra = i % 10 >= 3 && i % 10 <= 6;
    const listeners = [listener('svc_80_tcp', tcpPort), listener('dns_53_udp', udpPort, { transport: 'udp', protocol: 'udp' })];
    const clusters = [
      cluster('svc_80_tcp', [{ port: (odd ? b : a).port }], { connection: { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 1024 + i, connectAttempts: 1 } }),
      cluster('dns_53_udp', [{ port: (odd ? ub : ua).port }], { transport: 'udp', protocol: 'udp', connection: { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 } }),
    ];
    if (withExtra) {
      listeners.push(listener('extra_81_tcp', extraPort));
      clusters.push(
        cluster('extra_81_tcp', [{ port: a.port }], {
          affinity: { type: 'source-ip', ttlMs: 60_000 },
          healthCheck: { type: 'tcp', intervalMs: 1000, timeoutMs: 500, healthyThreshold: 1, unhealthyThreshold: 3 },
        }),
      );
    }
    return plan(listeners, clusters);
  };

  const kubelet = new AtomicWriter(dir);
  const put = (p: Plan): Promise<boolean> => kubelet.write({ 'plan.json': JSON.stringify(p, null, 2) + '\n' });
  await put(version(0));
  await source.start();

  for (let i = 0; i < 3; i++) live.push(await LiveConn.open(tcpPort));
  assert.ok(live.every((c) => c.backend === 'A'));
  const first = (await request(udp, 'who', udpPort)).msg.toString();
  assert.match(first, /^UA \d+$/, 'udp session on UA');

  const before = resources();
  const listenersBefore = runtime.listeners.size;
  const timers = trackTimers();
  t.after(() => timers.stop());
  let timersWithExtra = 0;

  // background traffic: short connections, one after another, for the whole loop
  let stop = false;
  let shortOk = 0;
  const traffic = (async () => {
    while (!stop) {
      const c = await LiveConn.open(tcpPort);
      assert.ok(c.backend === 'A' || c.backend === 'B');
      await c.echo('ping');
      c.destroy();
      shortOk++;
    }
  })();

  const N = 100;
  for (let i = 1; i <= N; i++) {
    const p = version(i);
    await put(p);
    await waitFor(() => runtime.plan?.hash === p.hash, 5000, `version ${i} applied`, 5);
    await Promise.all(live.map((c) => c.echo(`swap ${i};`)));
    if (i === 5) timersWithExtra = timers.live.size;
    if (i % 5 === 0) {
      const r = (await request(udp, 'who', udpPort)).msg.toString();
      assert.equal(r, first, `udp session kept its endpoint and upstream socket after swap ${i}`);
    }
  }
  stop = true;
  await traffic;

  assert.equal(runtime.reloadsSuccess, N + 1, 'every swap applied exactly once');
  assert.equal(runtime.reloadsFailure, 0);
  assert.ok(live.every((c) => !c.closed && c.backend === 'A'), 'long-lived connections stayed on A');
  assert.ok(shortOk > 0);
  t.diagnostic(`short connections during the loop: ${shortOk}`);

  // version 100 has no extra listener: back to the starting shape, nothing left over
  await waitFor(() => runtime.drainingCount === 0, 5000, 'removed listeners drained');
  assert.equal(runtime.listeners.size, listenersBefore);
  assert.deepEqual([...runtime.clusters.keys()].sort(), ['dns_53_udp', 'svc_80_tcp']);
  let after: Record<string, number> = {};
  await waitFor(
    () => {
      after = resources();
      return KINDS.every((k) => after[k]! <= before[k]!);
    },
    5000,
    'no leaked handles',
  ).catch((err: Error) => assert.fail(`${err.message}: before ${JSON.stringify(before)} after ${JSON.stringify(after)}`));
  await timers.settle(5000);
  assert.equal(timers.live.size, 0, `timers created during the loop still alive (with the extra cluster there were ${timersWithExtra})`);
  t.diagnostic(`timers alive with the extra cluster (version 5): ${timersWithExtra}`);
  t.diagnostic(`handles before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);
});
