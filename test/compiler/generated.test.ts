// Checked-in generated files must match their sources: schema types and docs/policy.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run as genTypes } from '../../scripts/gen-types.js';
import { run as genDocs } from '../../compiler/docs.js';

test('schemas/types/*.gen.ts are up to date with both schemas', async () => {
  assert.deepEqual(await genTypes('check'), [], 'run: node dist/scripts/gen-types.js --write');
});

test('docs/policy.md is up to date with the policy schema', async () => {
  assert.equal(await genDocs('check'), false, 'run: node dist/compiler/docs.js --write');
});
