// The fast parser for the plain YAML subset (compiler/yaml-subset.ts) must give exactly js-yaml's
// values wherever it answers, and give up (null) on anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { ROOT } from '../helpers/cli.js';
import { parseYamlSubset } from '../../compiler/yaml-subset.js';

function jsYaml(text: string): unknown[] | null {
  const out: unknown[] = [];
  try {
    loadAll(text, (v: unknown) => out.push(v), { schema: CORE_SCHEMA });
  } catch {
    return null;
  }
  return out;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.') || e === 'dist') continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

test('equals js-yaml on every YAML file of the repository it accepts', () => {
  let accepted = 0;
  const files = yamlFiles(ROOT);
  assert.ok(files.length > 20);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const got = parseYamlSubset(text);
    if (got === null) continue;
    accepted++;
    assert.deepEqual(got, jsYaml(text), f);
  }
  assert.ok(accepted > 0, 'some repository policy is inside the subset');
});

test('equals js-yaml on policy-shaped text, and gives up outside the subset', () => {
  const same = [
    'apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n    - name: main\n      port: 80\n      protocol: tcp\n  endpoints:\n    static:\n      - { address: 10.0.0.1 }\n      - { address: fd00::1, weight: 2 }\n',
    '---\na: 1\n---\nb:\n- xa\n- yb\nc: -5\n',
    "# comment\na: 'quoted: yes'\n  # indented comment\nq: \"dq\"\nb: {}\nc:\n  -\n    d: 0\n",
    'a: {b: c}\nadmin: 127.0.0.1:9901\nt: 1m30s\nname: svc-1.shop.svc.cluster.local\n',
  ];
  for (const t of same) {
    const got = parseYamlSubset(t);
    assert.notEqual(got, null, t);
    assert.deepEqual(got, jsYaml(t), t);
  }
  const outside = [
    'a: true', 'a: null', 'a: ~', 'a: 1.5', 'a: 0x10', 'a: 010', 'a: 1_000', 'a: 1e3', 'a: .inf', 'a: 1:30', 'a: 2001-12-14',
    'a:', 'a: b # c', 'a: &x 1', 'a: "q\\n"', 'a: "x#y"', 'a: [1]', 'a: |\n  x', 'a: b\n  c', 'a: 1\na: 2', '__proto__: 1', 'a:\tb',
    'a: yes', 'a: off', 'a: -0', '---\n---\na: 1', '', '- a\nb: c', 'a: { b: c, b: d }', 'x', 'a: b\r\n',
  ];
  for (const t of outside) assert.equal(parseYamlSubset(t), null, JSON.stringify(t));
});
