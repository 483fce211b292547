import { it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

it('meshc with no command: usage on stderr, exit 2', async () => {
  const r = await runCli([]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Usage: meshc <command>/);
  assert.equal(r.stdout, '');
});

it('meshc --help and help: usage on stdout, exit 0', async () => {
  for (const arg of ['--help', '-h', 'help']) {
    const r = await runCli([arg]);
    assert.equal(r.code, 0, arg);
    assert.match(r.stdout, /Commands:\n {2}validate/);
  }
});

it('meshc with an unknown command: usage error on stderr, exit 2', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'frobnicate'/);
});

it('every command answers --help with exit 0', async () => {
  for (const cmd of ['validate', 'compile', 'run']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, new RegExp(`^Usage: meshc ${cmd}`), cmd);
  }
});

it('meshc --version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^meshc \d+\.\d+\.\d+\n$/);
});
