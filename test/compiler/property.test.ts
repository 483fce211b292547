// Property tests: random valid policies compile to schema-valid plans, and normalization is
// idempotent: the plan, turned back into policy (denormalize) and compiled again, is identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { stringify } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { compile } from '../../compiler/index.js';
import { formatDuration } from '../../compiler/duration.js';
import { denormalize } from './denormalize.js';

const validatePlan = new Ajv({ allErrors: true }).compile(JSON.parse(await readFile(path.join(ROOT, 'schemas/plan.schema.json'), 'utf8')));

const NAMES = ['orders-db', 'cache', 'dns', 'catalog', 'payments', 'search', 'auth', 'mail-relay'];
const duration = fc.integer({ min: 1, max: 7_200_000 }).map(formatDuration);
const address = fc.constantFrom('10.0.0.1', '10.0.0.2', '192.168.7.9', 'fd00::1', '2001:db8::42');

const serviceArb = (index: number) =>
  fc
    .record({
      protocols: fc.uniqueArray(fc.constantFrom('tcp', 'udp', 'tls', 'http', 'auto'), { minLength: 1, maxLength: 3 }),
      dualPort: fc.boolean(),
      dns: fc.boolean(),
      hosts: fc.array(fc.record({ address, port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), weight: fc.option(fc.integer({ min: 1, max: 128 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
      lb: fc.option(fc.constantFrom('round-robin', 'least-connections', 'random', 'ring-hash', 'maglev'), { nil: undefined }),
      affinityTtl: fc.option(fc.option(duration, { nil: undefined }), { nil: null }),
      hc: fc.option(fc.record({ type: fc.constantFrom('tcp', 'udp'), interval: duration, send: fc.string({ maxLength: 8 }), expect: fc.option(fc.string({ minLength: 1, maxLength: 4 }), { nil: undefined }) }), { nil: undefined }),
      outlier: fc.option(fc.record({ consecutiveFailures: fc.integer({ min: 1, max: 50 }), maxEjectionPercent: fc.integer({ min: 0, max: 100 }) }), { nil: undefined }),
      idle: fc.option(fc.oneof(duration, fc.constant('0s')), { nil: undefined }),
      attempts: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
      addresses: fc.option(fc.uniqueArray(address, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    })
    .map((s) => {
      // Port numbers are unique per service (1000 + 10*index + i); with dualPort the first two
      // protocols share a number when their transports differ (DNS-style tcp+udp).
      const ports = s.protocols.map((protocol, i) => ({ port: 1000 + 10 * index + i, protocol }));
      if (s.dualPort && ports.length > 1 && (ports[0]!.protocol === 'udp') !== (ports[1]!.protocol === 'udp')) ports[1]!.port = ports[0]!.port;
      const spec: Record<string, unknown> = { ports };
      spec.endpoints = s.dns ? { dns: { name: `${NAMES[index]}.shop.svc.cluster.local` } } : { static: s.hosts.map((h) => ({ ...h })) };
      if (s.lb) spec.loadBalancer = { policy: s.lb };
      if (s.affinityTtl !== null) spec.affinity = s.affinityTtl === undefined ? { type: 'source-ip' } : { type: 'source-ip', ttl: s.affinityTtl };
      if (s.hc) spec.healthCheck = { type: s.hc.type, interval: s.hc.interval, send: s.hc.send, ...(s.hc.expect ? { expect: s.hc.expect } : {}) };
      if (s.outlier) spec.outlierDetection = s.outlier;
      if (s.idle || s.attempts) spec.connection = { ...(s.idle ? { idleTimeout: s.idle } : {}), ...(s.attempts ? { connectAttempts: s.attempts } : {}) };
      if (s.addresses) spec.addresses = s.addresses;
      return { apiVersion: 'meshc.dev/v1alpha1', kind: 'Service', metadata: { name: NAMES[index]! }, spec };
    });

const policyArb = fc
  .integer({ min: 1, max: NAMES.length })
  .chain((n) =>
    fc.record({
      services: fc.tuple(...Array.from({ length: n }, (_, i) => serviceArb(i))),
      sidecar: fc.option(
        fc.record({
          pick: fc.array(fc.record({ svc: fc.nat(n - 1), onePort: fc.boolean(), bind: fc.boolean() }), { maxLength: 6 }),
          inbound: fc.uniqueArray(fc.record({ port: fc.integer({ min: 8000, max: 8009 }), protocol: fc.constantFrom('tcp', 'udp', 'tls', 'http') }), { selector: (x) => x.port, maxLength: 2 }),
          iptables: fc.boolean(),
          excl: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
        }),
        { nil: undefined },
      ),
    }),
  )
  .map(({ services, sidecar }) => {
    const docs: object[] = [...services];
    if (sidecar) {
      let nextBind = 20000;
      const seen = new Set<number>();
      const outbound = sidecar.pick
        .filter((p) => !seen.has(p.svc) && (seen.add(p.svc), true))
        .map((p) => {
          const ports = (services[p.svc] as unknown as { spec: { ports: Array<{ port: number }> } }).spec.ports;
          const entry: Record<string, unknown> = { service: NAMES[p.svc] };
          if (p.onePort) entry.port = ports[0]!.port;
          if (p.bind && (p.onePort || new Set(ports.map((x) => x.port)).size === 1)) entry.bind = `127.0.0.1:${nextBind++}`;
          return entry;
        });
      const inbound = sidecar.inbound.map((ib, i) => ({ ...ib, bind: `0.0.0.0:${30000 + i}`, forwardTo: `127.0.0.1:${ib.port}` }));
      docs.push({
        apiVersion: 'meshc.dev/v1alpha1',
        kind: 'Sidecar',
        metadata: { name: 'app' },
        spec: { outbound, inbound, interception: sidecar.iptables ? { mode: 'iptables', excludeOutboundPorts: sidecar.excl } : { mode: 'none' } },
      });
    }
    return docs;
  });

test('random valid policies compile; compiling the de-normalized plan gives the same plan', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-prop-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(policyArb, async (docs) => {
      const file = path.join(dir, `p${n++}.yaml`);
      await writeFile(file, docs.map((d) => stringify(d)).join('---\n'));
      const first = await compile([file]);
      assert.deepEqual(first.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.ok(first.plans.length >= 1);
      for (const plan of first.plans) {
        assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
        const again = path.join(dir, `d${n++}.yaml`);
        await writeFile(again, denormalize(plan).map((d) => stringify(d)).join('---\n'));
        const second = await compile([again]);
        assert.deepEqual(second.diagnostics.filter((d) => d.severity === 'error'), []);
        assert.deepEqual(second.plans, [plan]);
      }
    }),
    { numRuns: 60, seed: Number(process.env.MESHC_FC_SEED ?? 20251125) },
  );
});
