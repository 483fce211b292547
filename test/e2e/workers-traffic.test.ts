import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, readGreeting, startEchoServer } from '../helpers/net.js';
import { spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import type { Listener } from '../../schemas/types/plan.gen.js';

/** Sum of every sample of `family` whose labels contain `match` (the primary merges workers). */
function sum(text: string, family: string, match = ''): number {
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith(family + '{') && line.includes(match)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

// SPEC 9 with `meshc run --workers 2` (the real CLI): each worker splits on its own, each
// enforces its share (1/2) of maxConnectionRate; the data path is the default one (native when
// built), and MESHC_NATIVE=0 in the environment runs it on the JS path.
test('meshc run --workers 2: a split spreads by weight across both workers, moves by reload with live connections kept; the rate limit is divided between them', async (t) => {
  const [v1, v2, r] = await Promise.all([startEchoServer('v1'), startEchoServer('v2'), startEchoServer('r')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-workers-traffic-'));
  const [sport, rport, aport] = [await freePort(), await freePort(), await freePort()];
  t.after(async () => {
    await Promise.all([v1.close(), v2.close(), r.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const { cluster: _, ...base } = listener('x', sport);
  const split: Listener = { ...base, weightedClusters: [{ cluster: 'v1_1_tcp', weight: 3 }, { cluster: 'v2_1_tcp', weight: 1 }] };
  const limited = listener('r_1_tcp', rport, { maxConnectionRate: 4 });
  const p = plan([split, limited], [cluster('v1_1_tcp', [{ port: v1.port }]), cluster('v2_1_tcp', [{ port: v2.port }]), cluster('r_1_tcp', [{ port: r.port }])]);
  const file = path.join(dir, 'plan.json');
  await writeFile(file, JSON.stringify(p, null, 2) + '\n');
  const run = spawnCli(['run', '--plan', file, '--workers', '2', '--admin', `127.0.0.1:${aport}`, '--drain-timeout', '1s', '--log-level', 'warn']);
  t.after(() => {
    const err = run.stderr().trim();
    if (err) t.diagnostic(`meshc stderr (last 2000 chars): ${err.slice(-2000)}`);
    run.kill();
  });
  const admin = `http://127.0.0.1:${aport}`;
  const metrics = async (): Promise<string> => (await httpGet(`${admin}/metrics`)).body;
  await waitFor(async () => (await httpGet(`${admin}/ready`).catch(() => ({ status: 0 }))).status === 200, 60_000, '/ready 200');

  // the split: 800 connections in parallel batches, so both workers accept some
  const n = 800;
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i += 40) {
    const gs = await Promise.all(Array.from({ length: 40 }, () => readGreeting(sport)));
    for (const g of gs) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const sigma = Math.sqrt(n * 0.75 * 0.25);
  assert.ok(Math.abs((counts.get('v1') ?? 0) - 0.75 * n) <= 5 * sigma, `v1 ${counts.get('v1')} of ${n}`);
  assert.equal((counts.get('v1') ?? 0) + (counts.get('v2') ?? 0), n);
  const m = await metrics();
  const perWorker = [0, 1].map((i) => sum(m, 'meshc_worker_connections_total', `worker="${i}"`));
  assert.ok(perWorker.every((x) => x > 0), `both workers accepted (${perWorker.join(', ')})`);
  await waitFor(async () => sum(await metrics(), 'meshc_endpoint_connections_total', 'cluster="v2_1_tcp"') === counts.get('v2'), 5000, 'v2 count merged across workers');

  // a reload moves every new connection to v2 in both workers; a connection held from before stays on v1 and flows
  const held = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ port: sport, host: '127.0.0.1' });
    s.once('data', () => resolve(s));
    s.once('error', reject);
  });
  t.after(() => held.destroy());
  const moved: Listener = { ...split, weightedClusters: [{ cluster: 'v1_1_tcp', weight: 0 }, { cluster: 'v2_1_tcp', weight: 1 }] };
  await writeFile(file, JSON.stringify(plan([moved, limited], p.clusters), null, 2) + '\n');
  await waitFor(async () => sum(await metrics(), 'meshc_plan_reloads_total', 'result="success"') >= 2, 20_000, 'the reload');
  const after = await Promise.all(Array.from({ length: 40 }, () => readGreeting(sport)));
  assert.deepEqual([...new Set(after)], ['v2']);
  const echoed = await new Promise<string>((resolve) => {
    held.once('data', (d) => resolve(d.toString('utf8')));
    held.write('still here\n');
  });
  assert.equal(echoed, 'still here\n');
  held.destroy();

  // the rate limit: a burst far above 4/s is mostly refused; refused ones never reach the backend
  const burst = 60;
  const results = await Promise.allSettled(Array.from({ length: burst }, () => readGreeting(rport)));
  const accepted = results.filter((x) => x.status === 'fulfilled').length;
  assert.ok(accepted >= 1 && accepted < burst, `accepted ${accepted} of ${burst}`);
  await waitFor(() => r.connections === accepted, 5000, 'backend connections = accepted');
  await waitFor(async () => sum(await metrics(), 'meshc_listener_connections_rate_limited_total', `listener="${limited.name}"`) === burst - accepted, 5000, 'rate_limited_total merged across workers');
});
