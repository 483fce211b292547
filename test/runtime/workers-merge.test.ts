import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeExpositions } from '../../runtime/workers/metrics-merge.js';
import { forWorker } from '../../runtime/workers/worker.js';
import { cluster, listener, plan } from '../helpers/plan.js';

test('mergeExpositions sums series across workers, takes the max of state gauges, labels process gauges by worker', () => {
  const w = (conns: number, healthy: number, rss: number): string =>
    `# HELP meshc_listener_connections_total c\n# TYPE meshc_listener_connections_total counter\nmeshc_listener_connections_total{listener="l"} ${conns}\n` +
    `# HELP meshc_endpoint_healthy h\n# TYPE meshc_endpoint_healthy gauge\nmeshc_endpoint_healthy{cluster="c",endpoint="e"} ${healthy}\n` +
    `# HELP process_resident_memory_bytes r\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ${rss}\n`;
  const out = mergeExpositions([
    { worker: '0', text: w(3, 1, 100) },
    { worker: '1', text: w(4, 1, 200) },
  ]);
  assert.match(out, /^meshc_listener_connections_total\{listener="l"\} 7$/m);
  assert.match(out, /^meshc_endpoint_healthy\{cluster="c",endpoint="e"\} 1$/m);
  assert.match(out, /^process_resident_memory_bytes\{worker="0"\} 100$/m);
  assert.match(out, /^process_resident_memory_bytes\{worker="1"\} 200$/m);
  assert.equal(out.match(/# TYPE meshc_listener_connections_total counter/g)?.length, 1);
});

test('forWorker keeps UDP listeners in worker 0 only, so a session never spans processes', () => {
  const p = plan([listener('a_1_tcp', 1001), listener('b_2_udp', 1002, { transport: 'udp' })], [cluster('a_1_tcp', [{ port: 1 }]), cluster('b_2_udp', [{ port: 2 }], { transport: 'udp' })]);
  assert.deepEqual(forWorker(p, 0).listeners.map((l) => l.transport).sort(), ['tcp', 'udp']);
  assert.deepEqual(forWorker(p, 1).listeners.map((l) => l.transport), ['tcp']);
});
