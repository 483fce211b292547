/**
 * Generates TypeScript types from the JSON Schemas in schemas/ with json-schema-to-typescript.
 * `--write` rewrites schemas/types/*.gen.ts; `--check` exits 1 when a checked-in file is stale.
 */
import { readFile, writeFile, access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Schema file -> generated module, relative to the repository root. */
export const TARGETS: ReadonlyArray<{ schema: string; out: string }> = [
  { schema: 'schemas/plan.schema.json', out: 'schemas/types/plan.gen.ts' },
  { schema: 'schemas/policy.schema.json', out: 'schemas/types/policy.gen.ts' },
];

const BANNER =
  '/* eslint-disable */\n// GENERATED FILE - DO NOT EDIT.\n// Produced by `npm run gen:types` (scripts/gen-types.ts) from %SCHEMA% with json-schema-to-typescript.\n// A test fails when this file is stale.\n';

/** Render the generated source for one schema. */
export async function generate(schemaRel: string): Promise<string> {
  const schema = JSON.parse(await readFile(path.join(root, schemaRel), 'utf8'));
  const ts = await compile(schema, schema.title ?? 'Root', {
    bannerComment: BANNER.replace('%SCHEMA%', schemaRel),
    additionalProperties: false,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
    cwd: path.join(root, 'schemas'),
  });
  return ts;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Compare (or write) every target; returns the stale ones. */
export async function run(mode: 'check' | 'write'): Promise<string[]> {
  const stale: string[] = [];
  for (const t of TARGETS) {
    if (!(await exists(path.join(root, t.schema)))) continue;
    const want = await generate(t.schema);
    const outPath = path.join(root, t.out);
    const have = (await exists(outPath)) ? await readFile(outPath, 'utf8') : '';
    if (have !== want) {
      stale.push(t.out);
      if (mode === 'write') await writeFile(outPath, want);
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const mode = process.argv.includes('--write') ? 'write' : 'check';
  const stale = await run(mode);
  if (mode === 'check' && stale.length) {
    console.error(`stale generated types: ${stale.join(', ')} (run npm run gen:types)`);
    process.exit(1);
  }
  if (mode === 'write') console.log(stale.length ? `wrote ${stale.join(', ')}` : 'types up to date');
}
