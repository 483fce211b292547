import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdleWheel, type WheelEntry } from '../../runtime/proxy/udp-idle-wheel.js';
import { waitFor } from '../helpers/wait.js';

class Entry implements WheelEntry {
  lastActive = 0;
  wheelSlot = -1;
  constructor(public idleMs: number) {}
}

test('IdleWheel expires idle entries, re-files active ones and stops its timer when empty', async (t) => {
  const expired: Entry[] = [];
  const wheel = new IdleWheel<Entry>(10, (e) => expired.push(e));
  t.after(() => wheel.clear());
  // the keep-alive below stamps `busy` every ~20 ms: a timeout 20x longer keeps it alive even when
  // a loaded machine (or the sanitizer run) fires that interval late
  const idle = new Entry(400);
  const busy = new Entry(400);
  const removed = new Entry(400);
  wheel.add(idle);
  wheel.add(busy);
  wheel.add(removed);
  wheel.remove(removed);
  assert.equal(wheel.size, 2);
  const started = Date.now();
  // keep `busy` active for a few idle periods, as the data path does
  const keepAlive = setInterval(() => (busy.lastActive = wheel.now), 20);
  t.after(() => clearInterval(keepAlive));
  await waitFor(() => expired.includes(idle), 5000, 'idle entry expired');
  assert.ok(Date.now() - started >= 320, 'not expired long before its idle timeout');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(expired, [idle], 'busy entry kept, removed entry never expired');
  clearInterval(keepAlive);
  await waitFor(() => expired.includes(busy), 5000, 'busy entry expired once quiet');
  assert.equal(wheel.size, 0);
  assert.equal(idle.wheelSlot, -1);
});

test('IdleWheel handles idle timeouts longer than its span and retiming', async (t) => {
  const expired: Entry[] = [];
  const wheel = new IdleWheel<Entry>(5, (e) => expired.push(e));
  t.after(() => wheel.clear());
  // 64 slots x 5 ms = 320 ms span; 500 ms needs a re-file at the far end
  const long = new Entry(500);
  wheel.add(long);
  const started = Date.now();
  wheel.retime(10);
  await waitFor(() => expired.length === 1, 5000, 'long entry expired');
  assert.ok(Date.now() - started >= 450, `expired after ${Date.now() - started} ms`);
});

test('IdleWheel.tickFor picks about an eighth of the timeout, within 5 ms..1 s', () => {
  assert.equal(IdleWheel.tickFor(60_000), 1000);
  assert.equal(IdleWheel.tickFor(800), 100);
  assert.equal(IdleWheel.tickFor(10), 5);
});
