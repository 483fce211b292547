// canonicalJson's fast path (sorted copy + native JSON.stringify) must give the same bytes as
// its definition (keys sorted at every level, undefined members dropped, no whitespace) for
// any JSON value, including index-like keys and keys already in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, planHash } from '../../schemas/plan-hash.js';

/** The definition, written independently of schemas/plan-hash.ts. */
function definition(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(definition).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${definition(o[k])}`).join(',')}}`;
}

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '10', '9', '01', 'a', 'B', 'hash', 'é'));

test('canonicalJson equals its definition for random JSON values', () => {
  const value = fc.letrec((tie) => ({
    json: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, true, false, 0, -0, 1.5, -7, 1e21),
      fc.string({ maxLength: 8 }),
      fc.array(tie('json'), { maxLength: 4 }),
      fc.dictionary(key, fc.oneof(tie('json'), fc.constant(undefined)), { maxKeys: 5 }),
    ),
  })).json;
  fc.assert(fc.property(value, (v) => assert.equal(canonicalJson(v), definition(v))), { numRuns: 2000 });
});

test('canonicalJson: nested key order, shared sub-objects and index-like keys', () => {
  const shared = { b: 1, a: [2, { d: null, c: 'x' }] };
  assert.equal(canonicalJson({ z: shared, y: shared, x: { 10: 1, 9: 2, a: 3 } }), '{"x":{"10":1,"9":2,"a":3},"y":{"a":[2,{"c":"x","d":null}],"b":1},"z":{"a":[2,{"c":"x","d":null}],"b":1}}');
  assert.equal(canonicalJson({ a: undefined, b: [1, 'two'] }), '{"b":[1,"two"]}');
  // the input is never modified
  assert.deepEqual(Object.keys(shared), ['b', 'a']);
});

test('planHash ignores the hash field and does not depend on key order', () => {
  const h = planHash({ name: 'a', hash: 'sha256:old', admin: { port: 1, address: '127.0.0.1' } });
  assert.match(h, /^sha256:[0-9a-f]{64}$/);
  assert.equal(planHash({ admin: { address: '127.0.0.1', port: 1 }, name: 'a' }), h);
  assert.notEqual(planHash({ admin: { address: '127.0.0.1', port: 2 }, name: 'a' }), h);
});
