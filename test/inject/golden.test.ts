/**
 * `meshc inject` on real manifests (test/fixtures/k8s/, unmodified public files) and on our own
 * (test/fixtures/inject/manifests/: comments, anchors, kind: List, CronJob, JSON, an opted-out
 * workload), through the real CLI. Each output byte-equals its golden file
 * test/golden/inject/<case>.yaml, every document in it is valid for its kind (strict schema),
 * non-injected documents are byte for byte the input, the input's lines all survive in order,
 * and injecting the output again gives the same bytes.
 * MESHC_UPDATE_GOLDEN=1 rewrites the golden files (review the diff by eye before committing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { assertAllValid, assertOnlyInsertions, assertOthersUnchanged, inject, OWN, POLICY_DEFAULT, POLICY_MESH, REAL } from './helpers.js';

const GOLDEN = path.join(ROOT, 'test', 'golden', 'inject');
const UPDATE = process.env.MESHC_UPDATE_GOLDEN === '1';

interface Case {
  name: string;
  args: string[];
  /** The input text, for the byte-for-byte checks. */
  input: string;
}

const realFiles = readdirSync(REAL)
  .filter((n) => /\.ya?ml$/.test(n))
  .sort();

const cases: Case[] = [
  ...realFiles.map((f) => ({
    name: `real/${f.replace(/\.ya?ml$/, '')}`,
    args: ['--policy', POLICY_MESH, '--sidecar', 'web', path.join(REAL, f)],
    input: readFileSync(path.join(REAL, f), 'utf8'),
  })),
  {
    name: 'real/emojivoto-dir',
    args: ['--policy', POLICY_MESH, '--sidecar', 'api', path.join(REAL, 'emojivoto')],
    input: readdirSync(path.join(REAL, 'emojivoto'))
      .sort()
      .map((f) => readFileSync(path.join(REAL, 'emojivoto', f), 'utf8'))
      .join('---\n'),
  },
  { name: 'real/default-plan-cronjob', args: ['--policy', POLICY_DEFAULT, path.join(REAL, 'descheduler-cronjob.yaml')], input: readFileSync(path.join(REAL, 'descheduler-cronjob.yaml'), 'utf8') },
  ...['mixed', 'list', 'json-pod'].flatMap((n) => {
    const input = readFileSync(path.join(OWN, `${n}.yaml`), 'utf8');
    return [
      { name: `own/${n}-native`, args: ['--policy', POLICY_MESH, path.join(OWN, `${n}.yaml`)], input },
      { name: `own/${n}-classic`, args: ['--policy', POLICY_MESH, '--classic-sidecar', '--image', 'registry.example.com/meshc:1.2.3', path.join(OWN, `${n}.yaml`)], input },
    ];
  }),
];

for (const c of cases) {
  test(`inject golden ${c.name}`, async () => {
    const { stdout, stderr } = await inject(c.args);
    const golden = path.join(GOLDEN, `${c.name}.yaml`);
    if (UPDATE) {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, stdout);
    }
    assert.ok(existsSync(golden), `missing golden file ${golden} (MESHC_UPDATE_GOLDEN=1 writes it)`);
    assert.equal(stdout, readFileSync(golden, 'utf8'), `${c.name}: output differs from ${golden} (MESHC_UPDATE_GOLDEN=1 regenerates)`);
    assert.match(stderr, /^meshc inject: \d+ workloads? injected, \d+ skipped, \d+ other documents? unchanged$/m);

    assertAllValid(stdout, c.name);
    assertOthersUnchanged(c.input, stdout, c.name);
    if (!c.name.includes('json-pod')) assertOnlyInsertions(c.input, stdout, c.name);

    // idempotent: the output injected again (through stdin) is the same bytes
    const again = await inject([...c.args.slice(0, -1), '-'], stdout);
    assert.equal(again.stdout, stdout, `${c.name}: injecting the output again changed it`);
  });
}

test('the real manifests under test/fixtures/k8s are all covered by a golden case', () => {
  const covered = new Set(cases.map((c) => c.args[c.args.length - 1]));
  for (const f of realFiles) assert.ok(covered.has(path.join(REAL, f)), f);
  assert.ok(statSync(path.join(REAL, 'emojivoto')).isDirectory());
});
