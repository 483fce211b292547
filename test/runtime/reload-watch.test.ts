import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readlink, realpath, rm, symlink, mkdir, writeFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Runtime } from '../../runtime/runtime.js';
import { PlanSource, type PlanSourceOptions } from '../../runtime/plan-source.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, plan } from '../helpers/plan.js';
import { AtomicWriter, writeInPlace, writeViaRename } from '../helpers/kubelet.js';
import { waitFor } from '../helpers/wait.js';

/** Version `n` of a listener-less plan (the watch path does not depend on sockets). */
function planV(n: number): Plan {
  return plan([], [cluster('orders_80_tcp', [{ port: 1000 + n }])]);
}
const text = (p: Plan): string => JSON.stringify(p, null, 2) + '\n';

interface Fixture {
  dir: string;
  file: string;
  runtime: Runtime;
  source: PlanSource;
}

async function setup(t: { after(fn: () => Promise<void>): void }, write: (dir: string, file: string) => Promise<void>, opts: Partial<PlanSourceOptions> = {}): Promise<Fixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-reload-'));
  const file = path.join(dir, 'plan.json');
  await write(dir, file);
  const logger = silentLogger();
  const runtime = new Runtime({ logger, drainTimeoutMs: 1000 });
  const source = new PlanSource({ file, runtime, logger, ...opts });
  t.after(async () => {
    await source.stop();
    await runtime.stop(0);
    await rm(dir, { recursive: true, force: true });
  });
  await source.start();
  return { dir, file, runtime, source };
}

/** Wait until `p` is in force; returns how long it took (ms). */
async function applied(rt: Runtime, p: Plan, what: string): Promise<number> {
  const t0 = Date.now();
  await waitFor(() => rt.plan?.hash === p.hash, 5000, what, 5);
  return Date.now() - t0;
}

test('in-place writes (truncate + chunks) are each applied exactly once, never judged half-written', async (t) => {
  // chunks further apart than the debounce: the watcher does read half-written files, and must
  // wait for them to settle instead of rejecting them
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))), { settleMs: 1500 });
  assert.equal(f.runtime.reloadsSuccess, 1, 'the initial load counts as a success');
  const lat: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const p = planV(i);
    const w = writeInPlace(f.file, text(p), 3, 80); // truncate, then 3 chunks 80 ms apart
    lat.push(await applied(f.runtime, p, `in-place v${i}`));
    await w;
  }
  assert.equal(f.runtime.reloadsSuccess, 6);
  assert.equal(f.runtime.reloadsFailure, 0, 'a truncated or partial file must not count as a failure');
  t.diagnostic(`in-place apply latency ms: ${lat.join(' ')}`);
});

test('write-to-temp + rename is applied exactly once per swap', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))));
  const lat: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const p = planV(i);
    await writeViaRename(f.file, text(p));
    lat.push(await applied(f.runtime, p, `rename v${i}`));
  }
  assert.equal(f.runtime.reloadsSuccess, 6);
  assert.equal(f.runtime.reloadsFailure, 0);
  t.diagnostic(`rename apply latency ms: ${lat.join(' ')}`);
});

test('the kubelet AtomicWriter (..data symlink swap) is applied exactly once per update', async (t) => {
  let kubelet!: AtomicWriter;
  const f = await setup(t, async (dir) => {
    kubelet = new AtomicWriter(dir);
    await kubelet.write({ 'plan.json': text(planV(0)), 'other-key': 'x' });
  });
  // the layout is the kubelet's
  assert.equal(await readlink(f.file), path.join('..data', 'plan.json'));
  assert.match(await readlink(path.join(f.dir, '..data')), /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+$/);
  const lat: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const p = planV(i);
    assert.equal(await kubelet.write({ 'plan.json': text(p), 'other-key': 'x' }), true);
    lat.push(await applied(f.runtime, p, `configmap v${i}`));
  }
  // an update of another key swaps ..data too, but the plan is unchanged: not a reload
  await kubelet.write({ 'plan.json': text(planV(5)), 'other-key': 'y' });
  // identical payload: the kubelet does not write at all
  assert.equal(await kubelet.write({ 'plan.json': text(planV(5)), 'other-key': 'y' }), false);
  const last = planV(6);
  await kubelet.write({ 'plan.json': text(last), 'other-key': 'y' });
  await applied(f.runtime, last, 'configmap v6');
  assert.equal(f.runtime.reloadsSuccess, 7, 'one success per changed plan, none for the other key');
  assert.equal(f.runtime.reloadsFailure, 0);
  const entries = (await readdir(f.dir)).sort();
  assert.equal(entries.filter((e) => /^\.\.\d{4}_/.test(e)).length, 1, `old timestamped dirs removed: ${entries.join(' ')}`);
  assert.ok(!entries.includes('..data_tmp'));
  assert.equal(path.dirname(await realpath(f.file)), path.join(await realpath(f.dir), await readlink(path.join(f.dir, '..data'))));
  t.diagnostic(`configmap apply latency ms: ${lat.join(' ')}`);
});

test('a burst of rapid writes settles on the last plan with no failure', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))), { settleMs: 1500 });
  for (let i = 1; i <= 20; i++) await writeInPlace(f.file, text(planV(i)), 2);
  await applied(f.runtime, planV(20), 'last of the burst');
  assert.equal(f.runtime.reloadsFailure, 0);
  assert.ok(f.runtime.reloadsSuccess >= 2 && f.runtime.reloadsSuccess <= 21, `successes ${f.runtime.reloadsSuccess}`);
});

test('broken plans are rejected once each and leave the old plan in force', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))), { settleMs: 200 });
  const good = planV(0);
  const schemaBad = { ...planV(1), listeners: 'nope' } as unknown as Plan;
  const hashBad = { ...planV(2), hash: planV(3).hash };
  const refBad = plan([{ name: 'outbound_127.0.0.1_9_tcp', direction: 'outbound', protocol: 'tcp', transport: 'tcp', address: '127.0.0.1', port: 9, cluster: 'missing', detectionTimeoutMs: 0, sniRoutes: [] }], []);
  const cases: Array<[string, string]> = [
    ['bad JSON', '{"apiVersion": "meshc.dev/v1alpha1", '],
    ['schema error', text(schemaBad)],
    ['hash mismatch', text(hashBad)],
    ['unknown cluster', text(refBad)],
    ['empty file', ''],
  ];
  let failures = 0;
  for (const [what, content] of cases) {
    await writeViaRename(f.file, content);
    failures++;
    await waitFor(() => f.runtime.reloadsFailure === failures, 5000, `${what} rejected`, 5);
    assert.equal(f.runtime.plan?.hash, good.hash, `${what}: old plan in force`);
    assert.equal(f.runtime.ready, true, `${what}: still ready`);
  }
  // SIGHUP re-judges the current content even though it was rejected before
  await f.source.reload();
  await waitFor(() => f.runtime.reloadsFailure === failures + 1, 5000, 'SIGHUP re-judged', 5);
  // a good plan afterwards is applied
  await writeViaRename(f.file, text(planV(4)));
  await applied(f.runtime, planV(4), 'recovery');
  assert.equal(f.runtime.reloadsSuccess, 2);
  assert.equal(f.runtime.reloadsFailure, failures + 1);
});

test('a deleted plan file keeps the old plan; re-creating it resumes', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))));
  await rm(f.file);
  await waitFor(() => f.runtime.reloadsFailure === 1, 5000, 'missing file counted', 5);
  assert.equal(f.runtime.plan?.hash, planV(0).hash);
  await writeFile(f.file, text(planV(1)));
  await applied(f.runtime, planV(1), 'recreated file');
  assert.equal(f.runtime.reloadsFailure, 1);
});

test('rewriting the same plan (or only its formatting) is not a reload', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))));
  await writeViaRename(f.file, JSON.stringify(planV(0))); // same plan, other bytes
  await writeInPlace(f.file, text(planV(0)));
  await f.source.reload();
  const next = planV(1);
  await writeViaRename(f.file, text(next));
  await applied(f.runtime, next, 'v1');
  assert.equal(f.runtime.reloadsSuccess, 2);
  assert.equal(f.runtime.reloadsFailure, 0);
});

test('SIGHUP path: reload() applies a change even without watching', async (t) => {
  const f = await setup(t, (_d, file) => writeFile(file, text(planV(0))), { watch: false });
  await writeViaRename(f.file, text(planV(1)));
  assert.equal(f.runtime.plan?.hash, planV(0).hash, 'not watching: nothing happens by itself');
  await f.source.reload();
  assert.equal(f.runtime.plan?.hash, planV(1).hash);
  await f.source.reload();
  assert.equal(f.runtime.reloadsSuccess, 2, 'an unchanged file is not a reload');
});

test('the safety-net poll alone catches a change (symlink target outside the watched dir)', async (t) => {
  const outside = await mkdtemp(path.join(os.tmpdir(), 'meshc-reload-target-'));
  t.after(() => rm(outside, { recursive: true, force: true }));
  const f = await setup(
    t,
    async (dir, file) => {
      await mkdir(path.join(outside, 'v0'));
      await writeFile(path.join(outside, 'v0', 'plan.json'), text(planV(0)));
      await symlink(path.join(outside, 'v0'), path.join(outside, 'current'));
      await symlink(path.join(outside, 'current', 'plan.json'), file);
      void dir;
    },
    { events: false, pollIntervalMs: 100 },
  );
  for (let i = 1; i <= 3; i++) {
    await mkdir(path.join(outside, `v${i}`));
    await writeFile(path.join(outside, `v${i}`, 'plan.json'), text(planV(i)));
    await symlink(path.join(outside, `v${i}`), path.join(outside, 'next'));
    await rename(path.join(outside, 'next'), path.join(outside, 'current'));
    await applied(f.runtime, planV(i), `polled v${i}`);
  }
  assert.equal(f.runtime.reloadsSuccess, 4);
});

test('stop() closes the watcher and every timer', async (t) => {
  const before = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-reload-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'plan.json');
  await writeFile(file, text(planV(0)));
  const runtime = new Runtime({ logger: silentLogger() });
  const source = new PlanSource({ file, runtime, logger: silentLogger(), pollIntervalMs: 50 });
  await source.start();
  await writeInPlace(file, '{'); // leaves a settle timer pending
  await source.stop();
  await runtime.stop(0);
  await waitFor(() => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length <= before, 2000, 'resources released');
});
