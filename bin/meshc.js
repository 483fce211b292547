#!/usr/bin/env node
// Thin launcher: the CLI is written in TypeScript and compiled to dist/ on install (npm prepare).
// The Node.js version is checked before the CLI is loaded (dynamic import): on a Node too old
// for it, loading would fail with a syntax or module error instead of saying what is wrong.
import { readFileSync, statSync } from 'node:fs';

const { nodeSupport } = await import('../dist/cli/node-support.js');
const support = nodeSupport(process.version);
if (support.status === 'unsupported') {
  console.error(`meshc: error: ${support.message}`);
  process.exit(1);
}
const argv = process.argv.slice(2);
const { main } = await import(argv[0] === 'run' ? runEntry() : '../dist/cli/main.js');

main(argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(`meshc: internal error: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 70;
  },
);

/**
 * `meshc run` starts from the one-file bundle the build makes (scripts/bundle-run.mjs) when every
 * file it was made from is unchanged (size and mtime), else from dist/ (MESHC_BUNDLE=0: always).
 */
function runEntry() {
  const fallback = '../dist/cli/run-entry.js';
  if (process.env.MESHC_BUNDLE === '0') return fallback;
  const root = new URL('../', import.meta.url);
  try {
    const m = JSON.parse(readFileSync(new URL('dist/bundle/run/manifest.json', root), 'utf8'));
    for (const [file, size, mtimeMs] of m.inputs) {
      const st = statSync(new URL(file, root));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return fallback;
    }
    return `../dist/bundle/run/${m.entry}`;
  } catch {
    return fallback;
  }
}
