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
/** Commands with a bundle: where it is, and the entry in dist/ when it is missing or stale. */
const BUNDLED = {
  __proto__: null,
  run: { dir: 'dist/bundle/run', fallback: '../dist/cli/run-entry.js' },
  compile: { dir: 'dist/bundle-compile', fallback: '../dist/cli/compile-entry.js' },
};
const { main } = await import(BUNDLED[argv[0]] ? bundledEntry(argv[0]) : '../dist/cli/main.js');

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
 * `meshc run` and `meshc compile` start from the bundles the build makes (scripts/bundle-run.mjs)
 * when every file one was made from is unchanged (size and mtime), else from dist/ module by
 * module (MESHC_BUNDLE=0: always).
 */
function bundledEntry(command) {
  const { dir, fallback } = BUNDLED[command];
  if (process.env.MESHC_BUNDLE === '0') return fallback;
  const root = new URL('../', import.meta.url);
  try {
    const m = JSON.parse(readFileSync(new URL(`${dir}/manifest.json`, root), 'utf8'));
    for (const [file, size, mtimeMs] of m.inputs) {
      const st = statSync(new URL(file, root));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return fallback;
    }
    return `../${dir}/${m.entry}`;
  } catch {
    return fallback;
  }
}
