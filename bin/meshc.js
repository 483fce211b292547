#!/usr/bin/env node
// Thin launcher: the CLI is written in TypeScript and compiled to dist/ on install (npm prepare).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(`meshc: internal error: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 70;
  },
);
