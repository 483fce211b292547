import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, request, startUdpBackend, udpClient } from '../runtime/udp-util.js';

const json = (p: Plan): string => JSON.stringify(p, null, 2) + '\n';
const HC = { type: 'tcp' as const, intervalMs: 150, timeoutMs: 300, healthyThreshold: 1, unhealthyThreshold: 1 };

/** Sum of every sample of `family` whose labels contain `match`. */
function sum(text: string, family: string, match = ''): number {
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith(family + '{') && line.includes(match)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

test('meshc run --workers 2: shared listeners, aggregated metrics, one health view, reload everywhere, UDP sessions in one worker, crash restart, SIGTERM', async (t) => {
  const [a, b, c] = await Promise.all([startEchoServer('A'), startEchoServer('B'), startEchoServer('C')]);
  const [ua, ub] = await Promise.all([startUdpBackend('UA'), startUdpBackend('UB')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-workers-'));
  const [tport, uport, aport] = [await freePort(), await freePort(), await freePort()];
  const client = await udpClient();
  t.after(async () => {
    client.close();
    await Promise.all([a.close(), b.close(), c.close(), ua.close(), ub.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const T = 'web_80_tcp';
  const U = 'dns_53_udp';
  const udp = cluster(U, [{ port: ua.port }, { port: ub.port }], { transport: 'udp', protocol: 'udp' });
  const p1 = plan([listener(T, tport), listener(U, uport, { transport: 'udp' })], [cluster(T, [{ port: a.port }, { port: b.port }], { healthCheck: HC }), udp]);
  const file = path.join(dir, 'plan.json');
  await writeFile(file, json(p1));
  const run = spawnCli(['run', '--plan', file, '--workers', '2', '--admin', `127.0.0.1:${aport}`, '--drain-timeout', '2s', '--log-level', 'warn']);
  t.after(() => {
    // meshc logs at warn here: anything it said explains a failure
    const err = run.stderr().trim();
    if (err) t.diagnostic(`meshc stderr (last 2000 chars): ${err.slice(-2000)}`);
    run.kill();
  });
  const base = `http://127.0.0.1:${aport}`;
  const metrics = async (): Promise<string> => (await httpGet(`${base}/metrics`)).body;
  await waitFor(async () => (await httpGet(`${base}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, '/ready 200');
  // hosts start unhealthy until their first check passes (Envoy's rule): wait for both, so the
  // later kill of A is a real healthy -> unhealthy transition
  await waitFor(async () => {
    const cl = JSON.parse((await httpGet(`${base}/clusters`)).body) as { clusters: Array<{ name: string; endpoints: Array<{ healthy: boolean }> }> };
    return cl.clusters.find((x) => x.name === 'web_80_tcp')!.endpoints.every((e) => e.healthy);
  }, 10_000, 'A and B healthy');

  // traffic through both workers, counted once in the aggregated metrics
  let made = 0;
  const perWorker = async (): Promise<number[]> => {
    const m = await metrics();
    return [0, 1].map((i) => metricValue(m, `meshc_worker_connections_total{worker="${i}"}`) ?? 0);
  };
  while (made < 600) {
    const greetings = await Promise.all(Array.from({ length: 20 }, () => readGreeting(tport))).catch(async (err: Error) => {
      const m = (await metrics()).split('\n').filter((l) => /^meshc_(listener|upstream|endpoint|cluster)_/.test(l));
      throw new Error(`${err.message}; metrics:\n${m.join('\n')}\nclusters: ${(await httpGet(`${base}/clusters`)).body}`);
    });
    made += greetings.length;
    for (const g of greetings) assert.ok(g === 'A' || g === 'B', g);
    const [w0, w1] = await perWorker();
    if (w0! > 0 && w1! > 0) break;
  }
  const [w0, w1] = await perWorker();
  assert.ok(w0! > 0 && w1! > 0, `both workers accept (worker0 ${w0}, worker1 ${w1} of ${made})`);
  await waitFor(async () => sum(await metrics(), 'meshc_listener_connections_total', `listener="outbound_127.0.0.1_${tport}_tcp"`) === made, 5000, 'aggregated connections_total = connections made');
  assert.equal(sum(await metrics(), 'meshc_worker_info'), 2);

  // UDP: one session, every datagram to one backend, in one worker
  const replies = new Set<string>();
  for (let i = 0; i < 6; i++) replies.add((await request(client, 'who', uport)).msg.toString().split(' ')[0]!);
  assert.equal(replies.size, 1, `one backend for the session: ${[...replies].join(',')}`);
  assert.equal(ua.sources.size + ub.sources.size, 1, 'one upstream socket (session) for the client');

  // health: checks run once (in the primary); a dead backend is down everywhere
  await a.close();
  await waitFor(async () => {
    const cl = JSON.parse((await httpGet(`${base}/clusters`)).body) as { clusters: Array<{ name: string; endpoints: Array<{ port: number; healthy: boolean }> }> };
    return cl.clusters.find((x) => x.name === T)!.endpoints.find((e) => e.port === a.port)!.healthy === false;
  }, 10_000, 'A unhealthy in /clusters');
  // what /clusters shows has reached every worker before it answered: connections made right
  // after it never go to A (they did while workers learned verdicts on a 200 ms timer: reset)
  const after = await Promise.all(Array.from({ length: 30 }, () => readGreeting(tport)));
  assert.deepEqual(new Set(after), new Set(['B']), 'no worker sends new connections to the dead backend');
  // every worker adopted the primary's verdict (the merged gauge is the max over workers)
  await waitFor(async () => metricValue(await metrics(), `meshc_endpoint_healthy{cluster="${T}",endpoint="127.0.0.1:${a.port}"}`) === 0, 5000, 'A down in every worker');
  const m = await metrics();
  assert.equal(sum(m, "meshc_health_check_transitions_total", `cluster="${T}",to="unhealthy"`), 1, "one checker (in the primary), one transition");

  // reload: applied by every worker
  const p2 = plan([listener(T, tport), listener(U, uport, { transport: 'udp' })], [cluster(T, [{ port: c.port }]), udp]);
  await writeFile(file, json(p2));
  await waitFor(async () => (JSON.parse((await httpGet(`${base}/plan`)).body) as Plan).hash === p2.hash, 10_000, 'new plan hash');
  const reloaded = await Promise.all(Array.from({ length: 30 }, () => readGreeting(tport)));
  assert.deepEqual(new Set(reloaded), new Set(['C']), 'every worker uses the new plan');
  assert.equal(metricValue(await metrics(), 'meshc_plan_reloads_total{result="success"}'), 2);

  // a crashed worker is restarted and catches up with the plan in force
  const pidOf = (text: string, i: number): number => Number(/meshc_worker_info\{worker="(\d+)",pid="(\d+)"\}/g.exec(text.split('\n').find((l) => l.startsWith(`meshc_worker_info{worker="${i}"`)) ?? '')?.[2]);
  const old = pidOf(await metrics(), 1);
  assert.ok(old > 0);
  process.kill(old, 'SIGKILL');
  await waitFor(async () => {
    const text = await metrics();
    const pid = pidOf(text, 1);
    return metricValue(text, 'meshc_worker_restarts_total{worker="1"}') === 1 && pid > 0 && pid !== old && (await httpGet(`${base}/ready`)).status === 200;
  }, 20_000, 'worker 1 restarted and ready');
  const again = await Promise.all(Array.from({ length: 20 }, () => readGreeting(tport)));
  assert.deepEqual(new Set(again), new Set(['C']));

  run.child.kill('SIGTERM');
  assert.equal(await run.exited, 0, run.stderr());
  closeAll([]);
});
