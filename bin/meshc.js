#!/usr/bin/env node
// Thin launcher: the CLI is written in TypeScript and compiled to dist/ on install (npm prepare).
// The Node.js version is checked before the CLI is loaded (dynamic import): on a Node too old
// for it, loading would fail with a syntax or module error instead of saying what is wrong.
const { nodeSupport } = await import('../dist/cli/node-support.js');
const support = nodeSupport(process.version);
if (support.status === 'unsupported') {
  console.error(`meshc: error: ${support.message}`);
  process.exit(1);
}
const { main } = await import('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(`meshc: internal error: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 70;
  },
);
