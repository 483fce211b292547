/**
 * End to end through the real CLI: `meshc run --dns-resolvers` follows a headless service's DNS
 * answer, health-checks the endpoints and exposes it all on the admin endpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnCli, runCli } from '../helpers/cli.js';
import { TestDnsServer } from '../helpers/dns-server.js';
import { cluster as clusterCfg, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

test('meshc run --dns-resolvers: endpoints follow DNS, health and ejection state show in /clusters and /metrics', async (t) => {
  const port = await freePort('127.0.0.2');
  const s2 = await startEchoServer('two', '127.0.0.2', port);
  const s3 = await startEchoServer('three', '127.0.0.3', port);
  const dns = await TestDnsServer.start();
  dns.set('shop.mesh.test', { a: ['127.0.0.2'], ttl: 1 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-dns-'));
  const lport = await freePort();
  const admin = await freePort();
  const file = path.join(dir, 'plan.json');
  await writePlan(
    file,
    plan(
      [listener('shop_80_tcp', lport)],
      [
        clusterCfg('shop_80_tcp', [{ port: 1 }], {
          endpoints: { type: 'dns', name: 'shop.mesh.test', port, refreshIntervalMs: 30_000, family: 'any' },
          healthCheck: { type: 'tcp', intervalMs: 200, timeoutMs: 500, healthyThreshold: 2, unhealthyThreshold: 2 },
          outlierDetection: { enabled: true, consecutiveFailures: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 },
        }),
      ],
      { admin: { address: '127.0.0.1', port: admin } },
    ),
  );
  const proc = spawnCli(['run', '--plan', file, '--dns-resolvers', dns.server, '--log-level', 'info']);
  t.after(async () => {
    proc.kill();
    await proc.exited;
    await Promise.all([s2.close(), s3.close(), dns.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const clusters = async (): Promise<{ endpoints: Array<{ address: string; healthy: boolean; ejected: boolean }>; dns: unknown }> =>
    JSON.parse((await httpGet(`http://127.0.0.1:${admin}/clusters`)).body).clusters[0];
  await waitFor(async () => (await clusters()).endpoints.some((e) => e.healthy), 15_000, `127.0.0.2 healthy (stderr: ${proc.stderr()})`);
  assert.equal(await readGreeting(lport), 'two');

  // TTL 1 s although refreshInterval is 30 s: the new record shows up within seconds
  dns.set('shop.mesh.test', { a: ['127.0.0.3'], ttl: 1 });
  await waitFor(async () => {
    const c = await clusters();
    return c.endpoints.length === 1 && c.endpoints[0]!.address === '127.0.0.3' && c.endpoints[0]!.healthy;
  }, 15_000, 'DNS change followed and the new host checked');
  assert.equal(await readGreeting(lport), 'three');
  const c = await clusters();
  assert.deepEqual(c.dns, { name: 'shop.mesh.test', family: 'any' });
  assert.equal(c.endpoints[0]!.ejected, false);
  const m = (await httpGet(`http://127.0.0.1:${admin}/metrics`)).body;
  assert.equal(metricValue(m, `meshc_endpoint_healthy{cluster="shop_80_tcp",endpoint="127.0.0.3:${port}"}`), 1);
  assert.ok(metricValue(m, 'meshc_dns_resolutions_total{cluster="shop_80_tcp"}')! >= 2);
  assert.equal(metricValue(m, 'meshc_outlier_ejections_total{cluster="shop_80_tcp"}'), 0);
  assert.ok(metricValue(m, 'meshc_health_checks_total{cluster="shop_80_tcp",result="success"}')! >= 1);
  assert.match(proc.stderr(), /"msg":"endpoint healthy"/);
});

test('meshc run rejects a malformed --dns-resolvers with a usage error', async () => {
  const r = await runCli(['run', '--plan', 'x.json', '--dns-resolvers', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--dns-resolvers/);
});
