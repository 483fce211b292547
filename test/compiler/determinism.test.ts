// Byte-identical output whatever the order of files, documents, keys and unordered lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';

/** Small deterministic PRNG so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function shuffle<T>(a: T[], r: () => number): T[] {
  const out = [...a];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shuffle every mapping's keys, and every list whose order carries no meaning. */
function scramble(v: unknown, r: () => number, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => scramble(x, r));
    return key === 'static' ? items : shuffle(items, r); // endpoint order is meaningful (round-robin)
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of shuffle(Object.keys(v), r)) o[k] = scramble((v as Record<string, unknown>)[k], r, k);
    return o;
  }
  return v;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.yaml')) out.push(path.join(e.parentPath ?? e.path, e.name));
  return out.sort();
}

async function outputs(dir: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const sc of (await readdir(dir)).sort()) {
    if (sc === 'kustomization.yaml') {
      m.set(sc, await readFile(path.join(dir, sc), 'utf8'));
      continue;
    }
    for (const f of (await readdir(path.join(dir, sc))).sort()) m.set(`${sc}/${f}`, await readFile(path.join(dir, sc, f), 'utf8'));
  }
  return m;
}

test('shuffled files, documents, keys and lists compile to identical bytes', async (t) => {
  const tmp = await mkdtemp(path.join(tmpdir(), 'meshc-det-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const docs: unknown[] = [];
  for (const f of await yamlFiles('examples/shop'))
    for (const d of parseAllDocuments(await readFile(f, 'utf8')) as unknown as Array<{ toJS(): unknown }>) docs.push(d.toJS());

  const base = await runCli(['compile', 'examples/shop', '--out', path.join(tmp, 'out-base'), '--target', 'runtime,configmap']);
  assert.equal(base.code, 0, base.stderr);
  const want = await outputs(path.join(tmp, 'out-base'));
  assert.ok(want.size >= 4);

  for (const seed of [1, 2]) {
    const r = rng(seed);
    const src = path.join(tmp, `src-${seed}`);
    await mkdir(path.join(src, 'nested'), { recursive: true });
    // Documents redistributed over files whose sorted order differs from the original.
    const order = shuffle(docs, r).map((d) => scramble(d, r));
    const files = [path.join(src, 'z.yaml'), path.join(src, 'nested', 'a.yml'), path.join(src, 'm.yaml')];
    for (let i = 0; i < files.length; i++)
      await writeFile(files[i]!, order.filter((_, k) => k % files.length === i).map((d) => stringify(d)).join('---\n'));
    const out = path.join(tmp, `out-${seed}`);
    const res = await runCli(['compile', src, '--out', out, '--target', 'runtime,configmap']);
    assert.equal(res.code, 0, res.stderr);
    const got = await outputs(out);
    assert.deepEqual([...got.keys()], [...want.keys()]);
    for (const [k, v] of want) assert.equal(got.get(k), v, `${k} differs for seed ${seed}`);
  }
});
