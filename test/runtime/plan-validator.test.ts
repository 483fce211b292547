// The plan validator generated at build time (runtime/plan/plan-validator.gen.ts) is fresh, and it
// judges plans exactly as ajv compiling plan.schema.json at run time did: same verdicts, same errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from '../helpers/cli.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import * as generated from '../../runtime/plan/plan-validator.gen.js';
import { checkPlan } from '../../runtime/plan/plan-loader.js';

test('runtime/plan/plan-validator.gen.ts is up to date with schemas/plan.schema.json', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-plan-validator.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr} (run: node scripts/gen-plan-validator.mjs)`);
});

test('the generated validator gives the same verdicts and errors as ajv compiling the schema', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/plan.schema.json'), 'utf8'));
  const compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const pre = generated.validate as unknown as typeof compiled;
  const good = plan([listener('a_1_tcp', 15001), listener('u_2_udp', 15002, { transport: 'udp' })], [cluster('a_1_tcp', [{ port: 1 }]), cluster('u_2_udp', [{ port: 2 }], { transport: 'udp', protocol: 'udp' })]);
  const l0 = good.listeners[0]!;
  const c0 = good.clusters[0]!;
  const cases: Array<[string, unknown]> = [
    ['valid', good],
    ['unknown top-level field', { ...good, extra: 1 }],
    ['port out of range', { ...good, listeners: [{ ...l0, port: 70000 }] }],
    ['empty name (minLength)', { ...good, listeners: [{ ...l0, name: '' }] }],
    ['bad enum', { ...good, clusters: [{ ...c0, loadBalancer: { policy: 'fastest' } }] }],
    ['wrong type', { ...good, admin: { address: '127.0.0.1', port: '15000' } }],
    ['missing required', { ...good, clusters: [{ ...c0, endpoints: undefined }] }],
    ['several errors at once', { ...good, extra: true, listeners: [{ ...l0, port: -1, bogus: 1 }] }],
    ['not an object', 42],
  ];
  for (const [name, value] of cases) {
    const doc = JSON.parse(JSON.stringify(value));
    const a = compiled(doc);
    const b = pre(doc);
    assert.equal(b, a, `${name}: verdict`);
    assert.deepEqual(pre.errors ?? null, compiled.errors ?? null, `${name}: errors`);
    if (name !== 'valid') assert.equal(a, false, `${name} is invalid`);
  }
});

test('checkPlan reports schema errors (E_PLAN_SCHEMA) with paths and field names', () => {
  const good = plan([listener('a_1_tcp', 15001)], [cluster('a_1_tcp', [{ port: 1 }])]);
  assert.throws(
    () => checkPlan({ ...good, extra: 1, listeners: [{ ...good.listeners[0]!, port: 70000 }] }, 'p.json'),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'E_PLAN_SCHEMA');
      assert.match(err.message, /^p\.json: does not match plan\.schema\.json: /);
      assert.match(err.message, /\(root\): unknown field "extra"/);
      assert.match(err.message, /\/listeners\/0\/port: must be <= 65535/);
      return true;
    },
  );
});
