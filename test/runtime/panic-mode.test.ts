import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Cluster } from '../../runtime/cluster/cluster.js';
import { PromWriter } from '../../runtime/metrics.js';
import { cluster as clusterCfg } from '../helpers/plan.js';
import { freePort, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

test('panic mode: no healthy host spreads traffic over all, logs once per transition and counts', async (t) => {
  const ports = [await freePort(), await freePort(), await freePort()];
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s)) });
  const c = new Cluster(
    clusterCfg('pay_1_tcp', ports.map((port) => ({ port })), {
      healthCheck: { type: 'tcp', intervalMs: 50, timeoutMs: 1000, healthyThreshold: 1, unhealthyThreshold: 1 },
    }),
    logger,
  );
  c.start();
  let srv: TestServer | null = null;
  t.after(async () => {
    c.stop();
    await srv?.close();
  });
  const PANIC = ['no host has passed a health check yet: panic mode, spreading over all hosts', 'no healthy host: panic mode, spreading over all hosts'];
  const panicLogs = (): number => logs.filter((l) => PANIC.includes(String(l.msg))).length;
  const metrics = (): string => {
    const w = new PromWriter();
    c.collect(w);
    return w.render();
  };

  // hosts start unhealthy (active checks on), so a fresh cluster is in panic mode at once
  assert.equal(c.panic, true);
  // let every host fail several checks: the state stays, nothing more is logged or counted
  await waitFor(() => metricValue(metrics(), 'meshc_health_check_failures_total{cluster="pay_1_tcp",reason="refused"}')! >= 9, 5000, 'failed checks');
  assert.equal(c.panic, true);
  assert.equal(panicLogs(), 1, 'logged once');
  // at startup no host has been checked yet: expected, so info rather than warn
  assert.equal(logs.find((l) => l.msg === PANIC[0])!.level, 30);
  assert.equal(metricValue(metrics(), 'meshc_cluster_panic_total{cluster="pay_1_tcp"}'), 1);
  assert.equal(metricValue(metrics(), 'meshc_cluster_panic{cluster="pay_1_tcp"}'), 1);
  const spread = new Set<number>();
  for (let i = 0; i < 30; i++) spread.add(c.pick('127.0.0.9')!.port);
  assert.equal(spread.size, 3, 'traffic spread over all hosts');
  assert.equal(JSON.parse(JSON.stringify(c)).panic, true);

  // one host comes up: panic over, only it gets traffic
  srv = await startEchoServer(null, '127.0.0.1', ports[1]);
  await waitFor(() => !c.panic, 5000, 'panic over');
  assert.ok(logs.some((l) => l.msg === 'panic mode over' && l.level === 30));
  for (let i = 0; i < 10; i++) assert.equal(c.pick('127.0.0.9')!.port, ports[1]);
  assert.equal(metricValue(metrics(), 'meshc_cluster_panic{cluster="pay_1_tcp"}'), 0);

  // and goes down again: a second panic episode
  await srv.close();
  srv = null;
  await waitFor(() => c.panic, 5000, 'panic again');
  assert.equal(panicLogs(), 2);
  assert.equal(logs.find((l) => l.msg === PANIC[1])!.level, 40, 'a real outage is a warning');
  assert.equal(metricValue(metrics(), 'meshc_cluster_panic_total{cluster="pay_1_tcp"}'), 2);
});
