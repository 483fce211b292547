import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, request, startUdpBackend, udpClient } from './udp-util.js';

test('meshc run proxies UDP (and TCP on the same port), exposes UDP metrics, drains on SIGTERM', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-udp-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const u = await startUdpBackend('U');
  const tcp = await startEchoServer('T');
  t.after(() => Promise.all([u.close(), tcp.close()]));
  const port = await freePort();
  const admin = await freePort();
  const file = path.join(dir, 'plan.json');
  const conn = { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 };
  await writePlan(
    file,
    plan(
      [listener('dns_53_tcp', port), listener('dns_53_udp', port, { transport: 'udp', protocol: 'udp' })],
      [cluster('dns_53_tcp', [tcp]), cluster('dns_53_udp', [u], { transport: 'udp', protocol: 'udp', connection: conn })],
    ),
  );
  const proc = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${admin}`, '--drain-timeout', '300ms', '--log-level', 'warn']);
  t.after(() => proc.kill());
  const base = `http://127.0.0.1:${admin}`;
  await waitFor(async () => (await httpGet(`${base}/ready`)).status === 200, 15_000, `/ready (stderr: ${proc.stderr()})`, 100);

  const c = await udpClient();
  t.after(() => closeAll([c]));
  const { msg, rinfo } = await request(c, 'who', port);
  assert.match(msg.toString(), /^U \d+$/);
  assert.equal(rinfo.port, port, 'reply comes from the listener port');
  const big = randomBytes(65_507);
  assert.ok((await request(c, big, port)).msg.equals(big), '65,507-byte datagram unchanged');
  assert.equal(await readGreeting(port), 'T');

  const metrics = (await httpGet(`${base}/metrics`)).body;
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  assert.equal(metricValue(metrics, `meshc_udp_sessions_active{${l}}`), 1);
  assert.equal(metricValue(metrics, `meshc_udp_datagrams_total{${l},direction="upstream"}`), 2);
  assert.equal(metricValue(metrics, `meshc_udp_bytes_total{${l},direction="downstream"}`), 65_507 + msg.length);
  assert.equal(metricValue(metrics, `meshc_udp_dropped_total{${l},reason="overflow"}`), 0);

  // a live session (60 s idle timeout) must not hold shutdown beyond --drain-timeout
  proc.child.kill('SIGTERM');
  assert.equal(await proc.exited, 0, proc.stderr());
});
