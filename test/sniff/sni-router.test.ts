import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SniRouter } from '../../runtime/sniff/sni-router.js';
import { DetectionStats } from '../../runtime/sniff/detection-stats.js';
import { PromWriter } from '../../runtime/metrics.js';
import type { Cluster } from '../../runtime/cluster/cluster.js';
import { listener } from '../helpers/plan.js';

// routing only compares references, so named stand-ins for clusters are enough here
const resolve = (name: string): Cluster => ({ name }) as unknown as Cluster;
const nameOf = (c: Cluster | undefined): string | undefined => (c as unknown as { name: string } | undefined)?.name;

test('SniRouter: exact first, then the longest wildcard suffix, then the default', () => {
  const cfg = listener('default_443_tcp', 443, {
    protocol: 'tls',
    sniRoutes: [
      { serverNames: ['*.example.com', 'API.example.com'], cluster: 'a_443_tcp' },
      { serverNames: ['*.eu.example.com'], cluster: 'b_443_tcp' },
      { serverNames: ['shop.eu.example.com', 'api.example.com'], cluster: 'c_443_tcp' },
    ],
  });
  const r = new SniRouter(cfg, resolve);
  assert.equal(nameOf(r.route('api.example.com')), 'a_443_tcp', 'exact, first route wins for a duplicate');
  assert.equal(nameOf(r.route('shop.eu.example.com')), 'c_443_tcp', 'exact beats a wildcard');
  assert.equal(nameOf(r.route('x.eu.example.com')), 'b_443_tcp', 'longest wildcard');
  assert.equal(nameOf(r.route('a.b.eu.example.com')), 'b_443_tcp', 'wildcards match any depth');
  assert.equal(nameOf(r.route('www.example.com')), 'a_443_tcp');
  assert.equal(nameOf(r.route('example.com')), 'default_443_tcp', 'the bare suffix is not matched by *.');
  assert.equal(nameOf(r.route('other.org')), 'default_443_tcp');
  assert.equal(nameOf(r.route(undefined)), 'default_443_tcp', 'no SNI -> default');
});

test('SniRouter without a default cluster: unmatched or missing SNI -> undefined', () => {
  const cfg = listener('x', 443, { protocol: 'tls', sniRoutes: [{ serverNames: ['a.test'], cluster: 'a_443_tcp' }] });
  delete cfg.cluster;
  const r = new SniRouter(cfg, resolve);
  assert.equal(nameOf(r.route('a.test')), 'a_443_tcp');
  assert.equal(r.route('b.test'), undefined);
  assert.equal(r.route(undefined), undefined);
});

test('DetectionStats renders counters per protocol and a cumulative histogram', () => {
  const s = new DetectionStats();
  s.record({ protocol: 'tls', sni: 'a', head: Buffer.alloc(0), elapsedMs: 0.2 });
  s.record({ protocol: 'http', head: Buffer.alloc(0), elapsedMs: 3 });
  s.record({ protocol: 'tcp', head: Buffer.alloc(0), elapsedMs: 100.4, timedOut: true });
  s.record({ protocol: 'tcp', head: Buffer.alloc(0), elapsedMs: 9000, timedOut: true });
  const w = new PromWriter();
  s.collect(w, 'outbound_127.0.0.1_443_tcp');
  const text = w.render();
  const l = 'listener="outbound_127.0.0.1_443_tcp"';
  for (const line of [
    `meshc_protocol_detected_total{${l},protocol="tls"} 1`,
    `meshc_protocol_detected_total{${l},protocol="http"} 1`,
    `meshc_protocol_detected_total{${l},protocol="http2"} 0`,
    `meshc_protocol_detected_total{${l},protocol="tcp"} 2`,
    `meshc_protocol_detection_timeouts_total{${l}} 2`,
    `meshc_protocol_detection_seconds_bucket{${l},le="0.0005"} 1`,
    `meshc_protocol_detection_seconds_bucket{${l},le="0.005"} 2`,
    `meshc_protocol_detection_seconds_bucket{${l},le="0.1"} 2`,
    `meshc_protocol_detection_seconds_bucket{${l},le="0.25"} 3`,
    `meshc_protocol_detection_seconds_bucket{${l},le="2.5"} 3`,
    `meshc_protocol_detection_seconds_bucket{${l},le="+Inf"} 4`,
    `meshc_protocol_detection_seconds_count{${l}} 4`,
    '# TYPE meshc_protocol_detection_seconds histogram',
  ]) {
    assert.ok(text.includes(line + '\n'), `missing ${line}\n${text}`);
  }
  const sum = Number(/meshc_protocol_detection_seconds_sum\{[^}]*\} (\S+)/.exec(text)![1]);
  assert.ok(Math.abs(sum - 9.1036) < 1e-9, String(sum));
});
