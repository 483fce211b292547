// One fixture per error class (test/fixtures/policy/errors/*.yaml). Each fixture's first line
// says `# expect: CODE LINE:COL`; the real CLI must report exactly that position and code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { compile } from '../../compiler/index.js';
import { formatText } from '../../compiler/diagnostics.js';

const DIR = 'test/fixtures/policy/errors';
const fixtures = readdirSync(path.join(ROOT, DIR))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const first = readFileSync(path.join(ROOT, DIR, f), 'utf8').split('\n', 1)[0]!;
    const m = /^# expect: ([A-Z_]+) (\d+):(\d+)$/.exec(first);
    if (!m) throw new Error(`${f}: first line must be '# expect: CODE LINE:COL'`);
    return { file: `${DIR}/${f}`, code: m[1]!, line: Number(m[2]), col: Number(m[3]) };
  });

test('there is a fixture for every error class', () => {
  const codes = new Set(fixtures.map((f) => f.code));
  for (const c of [
    'E_YAML_SYNTAX', 'E_YAML_DUPLICATE_KEY', 'E_YAML_ALIAS_BOMB', 'E_UNKNOWN_FIELD', 'E_MISSING_FIELD', 'E_BAD_TYPE',
    'E_BAD_VALUE', 'E_OUT_OF_RANGE', 'E_BAD_DURATION', 'E_BAD_NAME', 'E_BAD_ADDRESS', 'E_UNKNOWN_KIND', 'E_DUPLICATE_NAME',
    'E_UNKNOWN_SERVICE', 'E_UNKNOWN_PORT', 'E_LISTENER_CONFLICT', 'E_ADMIN_CONFLICT', 'E_TTL_WITHOUT_AFFINITY',
    'E_HEALTHCHECK_FIELDS_ON_NONE', 'E_ENDPOINTS_BOTH', 'E_ENDPOINTS_NONE', 'E_DUPLICATE_PORT', 'E_SNI_NOT_TLS',
    'E_SNI_DUPLICATE', 'E_UDP_HEALTHCHECK_NO_SEND', 'E_FORWARD_LOOP', 'W_AUTO_SERVER_FIRST', 'W_INTERCEPT_SHADOWED',
    // traffic management (SPEC 9)
    'E_SPLIT_AND_ENDPOINTS', 'E_SPLIT_TARGET_PORT', 'E_SPLIT_TARGET_PROTOCOL', 'E_SPLIT_ZERO_WEIGHTS', 'E_SPLIT_NESTED',
    'E_SPLIT_DUPLICATE_TARGET', 'E_SPLIT_SNI', 'E_LISTENER_SETTINGS_CONFLICT', 'E_NOT_APPLICABLE', 'W_LOCALITY_NO_ZONE',
  ])
    assert.ok(codes.has(c), `missing fixture for ${c}`);
});

function check(f: (typeof fixtures)[number], stderr: string, code: number | null): void {
  const warning = f.code.startsWith('W_');
  assert.equal(code, warning ? 0 : 1, `${f.file}: exit code\n${stderr}`);
  const lines = stderr.split('\n').filter(Boolean);
  const want = `${f.file}:${f.line}:${f.col}: ${warning ? 'warning' : 'error'}: `;
  assert.ok(
    lines.some((l) => l.startsWith(want) && l.endsWith(`[${f.code}]`)),
    `${f.file}: expected ${want}... [${f.code}], got:\n${stderr}`,
  );
  for (const l of lines) assert.match(l, /^[^:]+:\d+:\d+: (error|warning): .+ \[[A-Z_]+\]$/);
}

test('every fixture reports its code at the exact FILE:LINE:COL', async () => {
  // In-process: the same compile() and text formatter the CLI uses, without 40+ node startups.
  for (const f of fixtures) {
    const r = await compile([f.file]);
    const failed = r.diagnostics.some((d) => d.severity === 'error');
    check(f, formatText(r.diagnostics), failed ? 1 : 0);
    if (failed) assert.deepEqual(r.plans, []);
  }
});

test('the real CLI reports fixtures of every stage (yaml, schema, semantic, warning) the same way', async () => {
  const pick = ['duplicate-key', 'unknown-field', 'bad-duration', 'unknown-service', 'listener-conflict', 'warn-auto-server-first', 'traffic-split-target-protocol', 'traffic-warn-locality-no-zone'];
  const chosen = fixtures.filter((f) => pick.some((p) => f.file.endsWith(`/${p}.yaml`)));
  assert.equal(chosen.length, pick.length);
  for (let i = 0; i < chosen.length; i += 3) {
    await Promise.all(
      chosen.slice(i, i + 3).map(async (f) => {
        const r = await runCli(['validate', f.file]);
        check(f, r.stderr, r.code);
      }),
    );
  }
});

test('a missing path is an error diagnostic, not a crash', async () => {
  const r = await runCli(['validate', 'test/fixtures/policy/does-not-exist.yaml']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^test\/fixtures\/policy\/does-not-exist\.yaml:1:1: error: .*no such file.* \[E_FILE_NOT_FOUND\]$/m);
});

test('the alias bomb is rejected promptly (the test timeout bounds it)', { timeout: 20_000 }, async () => {
  const r = await runCli(['validate', `${DIR}/alias-bomb.yaml`], { timeoutMs: 20_000 });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\[E_YAML_ALIAS_BOMB\]/);
});
