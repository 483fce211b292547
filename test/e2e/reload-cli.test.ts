import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, readGreeting, startEchoServer } from '../helpers/net.js';
import { spawnCli } from '../helpers/cli.js';
import { LiveConn } from '../helpers/live-conn.js';
import { AtomicWriter, writeViaRename } from '../helpers/kubelet.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, request, startUdpBackend, udpClient } from '../runtime/udp-util.js';

const json = (p: Plan): string => JSON.stringify(p, null, 2) + '\n';

/** Admin client for one `meshc run` child. */
function admin(port: number) {
  const base = `http://127.0.0.1:${port}`;
  return {
    async reloads(): Promise<{ success: number; failure: number }> {
      const m = (await httpGet(`${base}/metrics`)).body;
      return {
        success: metricValue(m, 'meshc_plan_reloads_total{result="success"}') ?? NaN,
        failure: metricValue(m, 'meshc_plan_reloads_total{result="failure"}') ?? NaN,
      };
    },
    async hash(): Promise<string> {
      return (JSON.parse((await httpGet(`${base}/plan`)).body) as Plan).hash;
    },
    async ready(): Promise<number> {
      return (await httpGet(`${base}/ready`)).status;
    },
  };
}

test('meshc run follows a ConfigMap volume: each swap applied once, live TCP and UDP survive, broken plans change nothing, SIGHUP retries', async (t) => {
  const [a, b] = await Promise.all([startEchoServer('A'), startEchoServer('B')]);
  const [ua, ub] = await Promise.all([startUdpBackend('UA'), startUdpBackend('UB')]);
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const taken = (blocker.address() as net.AddressInfo).port;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-e2e-reload-'));
  const [tcpPort, extraPort, udpPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const udp = await udpClient();
  const live: LiveConn[] = [];
  const kubelet = new AtomicWriter(dir);

  const version = (i: number, more: Plan['listeners'] = []): Plan => {
    const odd = i % 2 === 1;
    const ls = [listener('svc_80_tcp', tcpPort), listener('dns_53_udp', udpPort, { transport: 'udp', protocol: 'udp' }), ...more];
    if (i === 3 || i === 4) ls.push(listener('svc_80_tcp', extraPort));
    return plan(ls, [
      cluster('svc_80_tcp', [{ port: (odd ? b : a).port }]),
      cluster('dns_53_udp', [{ port: (odd ? ub : ua).port }], { transport: 'udp', protocol: 'udp', connection: { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 } }),
    ]);
  };
  await kubelet.write({ 'plan.json': json(version(0)) });
  const cli = spawnCli(['run', '--plan', path.join(dir, 'plan.json'), '--admin', `127.0.0.1:${adminPort}`, '--drain-timeout', '2s']);
  t.after(async () => {
    cli.kill();
    for (const c of live) c.destroy();
    closeAll([udp]);
    await new Promise<void>((r) => blocker.close(() => r()));
    await Promise.all([a.close(), b.close(), ua.close(), ub.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const api = admin(adminPort);
  await waitFor(async () => (await api.ready()) === 200, 15_000, `meshc run ready (stderr: ${cli.stderr()})`);
  assert.deepEqual(await api.reloads(), { success: 1, failure: 0 });

  live.push(await LiveConn.open(tcpPort));
  const session = (await request(udp, 'who', udpPort)).msg.toString();
  assert.match(session, /^UA \d+$/);

  const latencies: number[] = [];
  let current = version(0);
  for (let i = 1; i <= 6; i++) {
    current = version(i);
    const t0 = Date.now();
    await kubelet.write({ 'plan.json': json(current) });
    await waitFor(async () => (await api.hash()) === current.hash, 10_000, `swap ${i} applied`, 10);
    latencies.push(Date.now() - t0);
    assert.deepEqual(await api.reloads(), { success: 1 + i, failure: 0 }, `exactly one reload for swap ${i}`);
    await live[0]!.echo(`bytes after swap ${i};`);
    assert.equal((await request(udp, 'who', udpPort)).msg.toString(), session, `udp session kept after swap ${i}`);
    assert.equal(await readGreeting(tcpPort), i % 2 === 1 ? 'B' : 'A', 'new connections follow the plan');
  }
  t.diagnostic(`ConfigMap swap -> applied (as seen on /plan), ms: ${latencies.join(' ')}`);

  // broken plans: nothing changes, each counted once, still ready
  const schemaBad = { ...version(7), clusters: [{ name: 'x' }] } as unknown as Plan;
  const bindBad = version(7, [listener('svc_80_tcp', taken, { name: 'outbound_127.0.0.1_taken_tcp' })]);
  const broken: Array<[string, string]> = [
    ['bad JSON', '{"kind": "Plan",'],
    ['schema error', json(schemaBad)],
    ['hash mismatch', json({ ...version(7), hash: version(8).hash })],
    ['bind conflict', json(bindBad)],
  ];
  for (const [k, [what, content]] of broken.entries()) {
    await kubelet.write({ 'plan.json': content });
    await waitFor(async () => (await api.reloads()).failure === k + 1, 10_000, `${what} rejected`, 10);
    assert.equal(await api.hash(), current.hash, `${what}: plan in force unchanged`);
    assert.equal(await api.ready(), 200, `${what}: still ready`);
    assert.equal((await api.reloads()).success, 7);
    await live[0]!.echo(`bytes after ${what};`);
    assert.equal(await readGreeting(tcpPort), 'A', `${what}: routing unchanged`);
  }
  assert.match(cli.stderr(), /E_PLAN_JSON/);
  assert.match(cli.stderr(), /E_BIND/);

  // the port is free now; the file did not change, so only SIGHUP applies the rejected plan
  await new Promise<void>((r) => blocker.close(() => r()));
  cli.child.kill('SIGHUP');
  await waitFor(async () => (await api.hash()) === bindBad.hash, 10_000, 'SIGHUP retried the plan', 10);
  assert.deepEqual(await api.reloads(), { success: 8, failure: 4 });
  assert.equal(await readGreeting(taken), 'B');
  await live[0]!.echo('after SIGHUP');

  cli.child.kill('SIGTERM');
  live[0]!.sock.end();
  assert.equal(await cli.exited, 0);
});

test('meshc run on a plain file: in-place and renamed writes each reload once', async (t) => {
  const [a, b] = await Promise.all([startEchoServer('A'), startEchoServer('B')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-e2e-reload-'));
  const file = path.join(dir, 'plan.json');
  const [tcpPort, adminPort] = [await freePort(), await freePort()];
  const v = (i: number): Plan => plan([listener('svc_80_tcp', tcpPort)], [cluster('svc_80_tcp', [{ port: (i % 2 ? b : a).port }])]);
  await writeFile(file, json(v(0)));
  const cli = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`]);
  const live: LiveConn[] = [];
  t.after(async () => {
    cli.kill();
    for (const c of live) c.destroy();
    await Promise.all([a.close(), b.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const api = admin(adminPort);
  await waitFor(async () => (await api.ready()) === 200, 15_000, `meshc run ready (stderr: ${cli.stderr()})`);
  live.push(await LiveConn.open(tcpPort));
  for (let i = 1; i <= 4; i++) {
    const p = v(i);
    if (i % 2) await writeFile(file, json(p));
    else await writeViaRename(file, json(p));
    await waitFor(async () => (await api.hash()) === p.hash, 10_000, `write ${i} applied`, 10);
    assert.deepEqual(await api.reloads(), { success: 1 + i, failure: 0 });
    await live[0]!.echo(`write ${i}`);
  }
  cli.child.kill('SIGTERM');
  live[0]!.sock.end();
  assert.equal(await cli.exited, 0);
});
