/**
 * `npm run test:sanitize`: the native data path (runtime/native/src) under AddressSanitizer and
 * UndefinedBehaviorSanitizer. Builds the addon with both into build-sanitize/ (never the shipped
 * build/), then runs every test file that can reach the native path with that build, the
 * sanitizer runtime preloaded into Node (and inherited by every child the tests start), and
 * MESHC_NATIVE=1 so that a missing addon fails instead of falling back to JS. Fails on a failed
 * test and on any sanitizer report; reports go to build-sanitize/reports/ and are printed.
 * Extra arguments select test files by substring, as for `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const addon = path.join(root, 'build-sanitize/build/Release/meshc_native.node');
const reports = path.join(root, 'build-sanitize/reports');
// test files that never reach the native data path: the JS path's (MESHC_NATIVE=0) and the compiler's
// (and inject/diff/ConfigMap/Dockerfile tests: compilers and manifest rewriting, no proxying)
const SKIP = ['/test/js-path/', '/test/compiler/', '/test/envoy/', '/test/k8s/', '/test/inject/', '/test/diff/', '/test/cli/', '/test/kubernetes/compile-', '/test/kubernetes/configmap-', '/test/kubernetes/dockerfile', '/test/schemas/'];

function fail(msg: string): never {
  console.error(`test:sanitize: ${msg}`);
  process.exit(1);
}

/** The shared ASan runtime of the compiler that builds the addon (Node itself is not instrumented, so it must be preloaded). */
function asanRuntime(): string {
  const r = spawnSync('gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const name = r.stdout?.trim() ?? '';
  if (r.status !== 0 || !path.isAbsolute(name)) fail(`gcc does not know libasan.so (${r.error?.message ?? (name || r.stderr)}); install gcc's libasan`);
  return realpathSync(name);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-native.mjs'), '--sanitize'], { stdio: 'inherit' });
if (build.status !== 0) fail('building the addon with the sanitizers failed');

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// tests run meshc as another user too (setpriv, the interception uid): they must be able to write here
chmodSync(reports, 0o1777);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  LD_PRELOAD: [asanRuntime(), process.env.LD_PRELOAD].filter(Boolean).join(':'),
  // Node's own allocations at exit are not ours to judge (LeakSanitizer off); stop at the first
  // error. A short allocation stack and a 16 MiB quarantine (default 30 frames, 256 MiB) keep
  // Node's own malloc traffic affordable: with the defaults `meshc run` took 4-8 s to start
  // (1 s without ASan) and the tests' startup bounds ran out on a loaded machine.
  ASAN_OPTIONS: `detect_leaks=0:halt_on_error=1:abort_on_error=0:malloc_context_size=8:quarantine_size_mb=16:log_path=${reports}/asan`,
  UBSAN_OPTIONS: `print_stacktrace=1:halt_on_error=1:log_path=${reports}/ubsan`,
  MESHC_NATIVE: '1',
  MESHC_NATIVE_ADDON: addon,
};

// say which data path the tests run, from a process started exactly as they are
const probe = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', `const { dataPath } = await import(${JSON.stringify(path.join(root, 'dist/runtime/native/addon.js'))}); console.log(dataPath.kind + ' - ' + dataPath.detail)`],
  { env, encoding: 'utf8' },
);
const dataPath = probe.stdout?.trim() ?? '';
if (probe.status !== 0 || !dataPath.startsWith('native - build-sanitize/')) fail(`the sanitizer build does not load: ${dataPath}${probe.stderr ?? ''}`);
console.log(`meshc data path: ${dataPath} (AddressSanitizer + UBSan, Node ${process.version})`);

const filters = process.argv.slice(2);
const t0 = Date.now();
const tests = spawnSync(process.execPath, [path.join(root, 'dist/scripts/run-tests.js'), ...SKIP.map((s) => `--skip=${s}`), ...filters], { env, stdio: 'inherit' });
const seconds = Math.round((Date.now() - t0) / 1000);

const found = readdirSync(reports).sort();
for (const f of found) {
  console.error(`\n===== sanitizer report ${path.join('build-sanitize/reports', f)} =====`);
  console.error(readFileSync(path.join(reports, f), 'utf8'));
}
console.log(`test:sanitize: tests ${tests.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s; ${found.length} sanitizer report(s)`);
process.exit(tests.status === 0 && found.length === 0 ? 0 : 1);
