/**
 * Runs every compiled test file (dist/test/**\/*.test.js) with Node's built-in test runner.
 * Node 20's `--test` does not expand globs, so the list is built here. Extra arguments are
 * substrings that select test files (e.g. `npm test -- lb udp`); `--skip=SUBSTR` leaves files out.
 */
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
// --skip=SUBSTR leaves matching files out (npm run test:sanitize skips the JS-path-only ones)
const skips = process.argv.slice(2).filter((a) => a.startsWith('--skip=')).map((a) => a.slice('--skip='.length));
// filters match the path below dist/ ("/test/e2e/run-cli.test.js", with a leading slash so that
// test:sanitize's "/test/compiler/" skips still match), never the checkout's own location: a
// checkout under a folder named like a test area must not select every file
const rel = (f: string): string => '/' + path.relative(dist, f).split(path.sep).join('/');
const files = walk(path.join(dist, 'test'), []).filter(
  (f) => (filters.length === 0 || filters.some((s) => rel(f).includes(s))) && !skips.some((s) => rel(f).includes(s)),
);
if (files.length === 0) {
  // `node --test` without files would search the working directory instead
  console.error(`run-tests: no test file matches ${JSON.stringify(process.argv.slice(2))}`);
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files on Node ${process.version}`);
const concurrency = process.env.MESHC_TEST_CONCURRENCY ?? '2';
const reporter = process.env.MESHC_TEST_REPORTER ?? 'spec';
const r = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, `--test-reporter=${reporter}`, ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
