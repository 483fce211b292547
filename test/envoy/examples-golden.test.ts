/**
 * Every example under examples/ compiled by the real CLI (`meshc compile --target envoy`): each
 * sidecar's files (envoy.yaml bootstrap, lds.yaml, cds.yaml) pass strict v3 validation together,
 * are byte-identical when the policy files are given in another order, and byte-equal their golden
 * files test/golden/envoy/<example>/<sidecar>/<file>.
 * MESHC_UPDATE_GOLDEN=1 rewrites the golden files (review the diff by eye before committing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { envoyFilesIssues } from './validate-envoy.js';

const EXAMPLES = path.join(ROOT, 'examples');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'envoy');
const UPDATE = process.env.MESHC_UPDATE_GOLDEN === '1';

function policyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!name.startsWith('.')) policyFiles(p, out); // as the compiler: .github/ etc. are not policy
    }
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** An example's policy: its policy/ folder when it has one (examples/kubernetes also holds manifests). */
const policyDir = (example: string) => (existsSync(path.join(EXAMPLES, example, 'policy')) ? path.join(EXAMPLES, example, 'policy') : path.join(EXAMPLES, example));

const examples = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES).filter((n) => statSync(path.join(EXAMPLES, n)).isDirectory() && policyFiles(policyDir(n)).length > 0).sort()
  : [];

/** Every file of `dir`, name -> text, sorted by name. */
function readFiles(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
}

/** `meshc compile <args> --out <tmp> --target envoy` -> { sidecar: { file: text } }. */
async function compileEnvoy(args: string[], out: string): Promise<Map<string, Map<string, string>>> {
  const r = await runCli(['compile', ...args, '--out', out, '--target', 'envoy']);
  assert.equal(r.code, 0, `meshc compile ${args.join(' ')} failed:\n${r.stderr}`);
  const result = new Map<string, Map<string, string>>();
  for (const sidecar of readdirSync(out).sort()) result.set(sidecar, readFiles(path.join(out, sidecar)));
  assert.ok(result.size > 0, 'compile wrote nothing');
  return result;
}

test('envoy examples: at least one example policy exists', { skip: examples.length > 0 ? false : 'examples/ has no policy yet' }, () => {
  assert.ok(examples.length > 0);
});

for (const example of examples) {
  test(`envoy examples: ${example} -> valid, order-independent, equal to golden`, async (t) => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'meshc-envoy-'));
    t.after(() => rmSync(tmp, { recursive: true, force: true }));
    const dir = policyDir(example);
    const emitted = await compileEnvoy([path.relative(ROOT, dir)], path.join(tmp, 'a'));
    // The same policy given as files in reverse order must give the same bytes.
    const reversed = await compileEnvoy(policyFiles(dir).reverse(), path.join(tmp, 'b'));
    assert.deepEqual([...reversed.keys()], [...emitted.keys()]);

    const goldenDir = path.join(GOLDEN, example);
    if (UPDATE) {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const [sidecar, files] of emitted) {
        mkdirSync(path.join(goldenDir, sidecar), { recursive: true });
        for (const [name, text] of files) writeFileSync(path.join(goldenDir, sidecar, name), text);
      }
    }
    const goldenSidecars = existsSync(goldenDir) ? readdirSync(goldenDir).sort() : [];
    assert.deepEqual(goldenSidecars, [...emitted.keys()], `golden sidecars differ for ${example} (MESHC_UPDATE_GOLDEN=1 regenerates)`);
    for (const [sidecar, files] of emitted) {
      // Plus the two file-based SDS secrets when the sidecar speaks mutual TLS (examples/mtls).
      const sds = [...files.keys()].some((n) => n.startsWith('sds-')) ? ['sds-certificate.yaml', 'sds-trusted-ca.yaml'] : [];
      assert.deepEqual([...files.keys()], ['cds.yaml', 'envoy.yaml', 'lds.yaml', ...sds], `${example}/${sidecar}: files written`);
      assert.deepEqual(envoyFilesIssues(files), [], `${example}/${sidecar}`);
      assert.deepEqual(reversed.get(sidecar), files, `${example}/${sidecar}: bytes depend on file order`);
      const golden = readFiles(path.join(goldenDir, sidecar));
      assert.deepEqual([...golden.keys()], [...files.keys()], `${example}/${sidecar}: golden files differ (MESHC_UPDATE_GOLDEN=1 regenerates)`);
      for (const [name, text] of files) {
        assert.equal(text, golden.get(name), `${example}/${sidecar}/${name} differs from its golden file (MESHC_UPDATE_GOLDEN=1 regenerates)`);
      }
    }
  });
}
