// The policy validator generated at build time (compiler/policy-validator.gen.ts) is fresh, and it
// judges documents exactly as ajv compiling policy.schema.json at run time did: same verdicts and
// same errors (compiler/validate.ts turns those into the diagnostics test/compiler asserts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from '../helpers/cli.js';
import formats from '../../compiler/policy-formats.js';
import * as generated from '../../compiler/policy-validator.gen.js';

test('compiler/policy-validator.gen.ts is up to date with schemas/policy.schema.json', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-plan-validator.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr} (run: node scripts/gen-plan-validator.mjs)`);
});

test('the generated policy validator gives the same verdicts and errors as ajv compiling the schema', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/policy.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
  for (const [name, fn] of Object.entries(formats)) ajv.addFormat(name, fn);
  const compiled = ajv.compile(schema);
  const pre = generated.validate as unknown as typeof compiled;
  const meta = { name: 'orders' };
  const svc = {
    apiVersion: 'meshc.dev/v1alpha1',
    kind: 'Service',
    metadata: meta,
    spec: { ports: [{ name: 'main', port: 5432, protocol: 'tcp' }], endpoints: { static: [{ address: '10.0.0.1' }] } },
  };
  const sidecar = { apiVersion: 'meshc.dev/v1alpha1', kind: 'Sidecar', metadata: { name: 'app' }, spec: { admin: '127.0.0.1:9901', outbound: [{ service: 'orders' }] } };
  const cases: Array<[string, unknown]> = [
    ['valid service', svc],
    ['valid sidecar', sidecar],
    ['unknown kind', { ...svc, kind: 'Servce' }],
    ['bad apiVersion', { ...svc, apiVersion: 'v1' }],
    ['unknown field', { ...svc, spec: { ...svc.spec, bogus: 1 } }],
    ['missing field', { ...svc, spec: { endpoints: svc.spec.endpoints } }], // (endpoints vs split is checked in resolve)
    ['bad ip format', { ...svc, spec: { ...svc.spec, endpoints: { static: [{ address: '10.0.0.300' }] } } }],
    ['bad host-port format', { ...sidecar, spec: { ...sidecar.spec, admin: 'localhost' } }],
    ['bad name pattern', { ...svc, metadata: { name: 'Orders_DB' } }],
    ['port out of range and wrong type', { ...svc, spec: { ...svc.spec, ports: [{ name: 'main', port: 70000, protocol: 7 }] } }],
    ['not a mapping', 'just a string'],
  ];
  for (const [name, value] of cases) {
    const doc = JSON.parse(JSON.stringify(value));
    const a = compiled(doc);
    const b = pre(doc);
    assert.equal(b, a, `${name}: verdict`);
    assert.deepEqual(pre.errors ?? null, compiled.errors ?? null, `${name}: errors`);
    if (name.startsWith('valid')) assert.equal(a, true, `${name} is valid: ${JSON.stringify(compiled.errors)}`);
    else assert.equal(a, false, `${name} is invalid`);
  }
});
