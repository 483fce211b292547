#!/usr/bin/env node
// Build step (npm run build / prepare / test): compiles schemas/plan.schema.json with ajv ONCE, at
// build time, into runtime/plan/plan-validator.gen.ts (ajv "standalone" code). `meshc run` then
// validates plans without loading ajv or compiling the schema at start: that compile was ~150 ms
// and ~7 MB of the sidecar's resident memory (docs/benchmarks.md, footprint).
// Likewise schemas/policy.schema.json into compiler/policy-validator.gen.ts, for every `meshc
// validate`/`compile`/`diff` (the policy schema compile was ~200 ms of each run's start-up); its
// formats (ip, host-port, cidr) are imported from compiler/policy-formats.ts.
//
//   node scripts/gen-plan-validator.mjs            write the file when it differs (build)
//   node scripts/gen-plan-validator.mjs --check    exit 1 when the checked-in file is stale
//
// Plain JavaScript on purpose: it runs before TypeScript is compiled. The output is byte-identical
// for the same schema and ajv version; it records the schema's sha256 so that the runtime can tell a
// stale file (schema edited, build not re-run) and then compile the schema with ajv as before.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, _ } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = 'schemas/plan.schema.json';
const OUT = 'runtime/plan/plan-validator.gen.ts';

/** The same options runtime/plan/plan-loader.ts uses when it compiles at run time. */
export const AJV_OPTIONS = { allErrors: true, strict: false };

/** The same options (and format names) compiler/validate.ts uses when it compiles at run time. */
export const POLICY_AJV_OPTIONS = { allErrors: true, strict: true, verbose: true, allowUnionTypes: true };
const POLICY_FORMATS = ['ip', 'host-port', 'cidr'];

/** Every generated validator: schema, output, ajv options, module exporting its formats. */
const TARGETS = [
  { schema: SCHEMA, out: OUT, options: AJV_OPTIONS },
  { schema: 'schemas/policy.schema.json', out: 'compiler/policy-validator.gen.ts', options: POLICY_AJV_OPTIONS, formats: { module: './policy-formats', names: POLICY_FORMATS } },
];

/** The generated module's text for the schema text `schemaText` (default: the plan schema). */
export function generate(schemaText, target = TARGETS[0]) {
  const code0 = { source: true, esm: true, lines: true };
  // The format functions are the real ones at run time (imported by the generated code); here
  // only their names matter.
  if (target.formats) code0.formats = _`require(${target.formats.module})`;
  const ajv = new Ajv({ ...target.options, code: code0 });
  for (const name of target.formats?.names ?? []) ajv.addFormat(name, () => true);
  const validate = ajv.compile(JSON.parse(schemaText));
  let code = (standalone.default ?? standalone)(ajv, validate);
  // ajv's ESM output still says require() for its runtime helpers (e.g. ucs2length for
  // minLength): turn each into an ESM import of the same module.
  const imports = [];
  code = code.replace(/require\("([^"]+)"\)/g, (_m, mod) => {
    let i = imports.indexOf(mod);
    if (i < 0) i = imports.push(mod) - 1;
    return `runtime${i}`;
  });
  code = code.replace(/^"use strict";/, '');
  const sha = createHash('sha256').update(schemaText).digest('hex');
  return [
    '// @ts-nocheck',
    '/* eslint-disable */',
    `// GENERATED FILE - DO NOT EDIT. Produced by scripts/gen-plan-validator.mjs (run by npm run build)`,
    `// from ${target.schema} with ajv standalone code; a test fails when it is stale.`,
    ...imports.map((mod, i) => `import runtime${i} from '${mod}.js';`),
    `/** sha256 of the ${target.schema} text this validator was generated from. */`,
    `export const SCHEMA_SHA256 = '${sha}';`,
    code.trim(),
    '',
  ].join('\n');
}

function main(argv) {
  let status = 0;
  for (const target of TARGETS) {
    const schemaText = readFileSync(path.join(root, target.schema), 'utf8');
    const want = generate(schemaText, target);
    const file = path.join(root, target.out);
    let have = null;
    try {
      have = readFileSync(file, 'utf8');
    } catch {
      /* not generated yet */
    }
    if (argv.includes('--check')) {
      if (have !== want) {
        console.error(`${target.out} is stale: run node scripts/gen-plan-validator.mjs`);
        status = 1;
      }
      continue;
    }
    if (have !== want) writeFileSync(file, want);
  }
  return status;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
