/**
 * A copy of the installed package that another uid can run, for tests that start the sidecar as
 * its proxy uid (1337), as a pod does.
 *
 * Why: a checkout may sit below a directory other users cannot traverse (a home directory, any
 * `mktemp -d`, mode 0700). uid 1337 then cannot read bin/meshc.js, dist/ or node_modules/ in
 * place, so those tests would fail depending on where the repository was cloned. The copy holds
 * exactly what `meshc run` loads: package.json, bin/, the JSON schemas, the compiled dist/ (without tests and
 * benchmarks), the native addon when built (and the build MESHC_NATIVE_ADDON names, which the
 * variable is then pointed at), and the production dependencies (the closure of
 * package.json's `dependencies`), in a fresh 0755 directory under the system temp dir, every
 * file readable by all. The Node binary is copied too when other users cannot reach it.
 */
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface StagedPackage {
  /** The staged bin/meshc.js. */
  meshc: string;
  /** A Node binary every user can execute (process.execPath when it already is). */
  node: string;
  /** The staging directory (removed when the process exits). */
  dir: string;
}

/** Copy `src` to `dst` recursively, making directories 0755 and files 0644 (0755 if executable). */
function copyTree(src: string, dst: string, skip: (rel: string) => boolean = () => false, rel = ''): void {
  const st = statSync(src);
  if (st.isDirectory()) {
    mkdirSync(dst, { recursive: true });
    chmodSync(dst, 0o755);
    for (const name of readdirSync(src)) {
      const r = rel ? `${rel}/${name}` : name;
      if (!skip(r)) copyTree(path.join(src, name), path.join(dst, name), skip, r);
    }
  } else if (st.isFile()) {
    copyFileSync(src, dst);
    chmodSync(dst, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

/** The directory of package `name` as Node resolves it from `fromDir` (nested node_modules first). */
function findPackage(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const p = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(p, 'package.json'))) return p;
    if (dir === ROOT || dir === path.dirname(dir)) return null;
  }
}

/** Every installed package reachable from the root's production `dependencies`. */
function productionClosure(): string[] {
  const seen = new Set<string>();
  const visit = (pkgDir: string, fields: string[]): void => {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const f of fields) {
      for (const name of Object.keys(pkg[f] ?? {})) {
        const dir = findPackage(name, pkgDir);
        if (dir === null) {
          if (f === 'optionalDependencies') continue;
          throw new Error(`staged package: dependency ${name} of ${pkgDir} is not installed`);
        }
        if (seen.has(dir)) continue;
        seen.add(dir);
        visit(dir, ['dependencies', 'optionalDependencies']);
      }
    }
  };
  visit(ROOT, ['dependencies', 'optionalDependencies']);
  return [...seen].sort();
}

/** True when every user can execute `file` (every ancestor directory traversable). */
function executableByAll(file: string): boolean {
  try {
    if ((statSync(file).mode & 0o001) === 0) return false;
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (d === path.dirname(d)) return true;
    }
  } catch {
    return false;
  }
}

/** chmod 0755 every directory below `dir`. */
function openDirectories(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) openDirectories(path.join(dir, e.name));
}

let staged: StagedPackage | null = null;

/** The staged copy for this test process (made on first use). */
export function stagedPackage(): StagedPackage {
  if (staged !== null) return staged;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-staged-'));
  chmodSync(dir, 0o755);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyTree(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  copyTree(path.join(ROOT, 'bin'), path.join(dir, 'bin'));
  copyTree(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), (rel) => !rel.endsWith('.json'));
  copyTree(path.join(ROOT, 'dist'), path.join(dir, 'dist'), (rel) => rel === 'test' || rel === 'bench' || rel.endsWith('.map'));
  const addon = path.join(ROOT, 'build', 'Release', 'meshc_native.node');
  if (existsSync(addon)) {
    mkdirSync(path.join(dir, 'build', 'Release'), { recursive: true });
    copyTree(addon, path.join(dir, 'build', 'Release', 'meshc_native.node'));
  }
  // another build of the addon (npm run test:sanitize sets MESHC_NATIVE_ADDON): the uid-1337
  // process must load that one too, from a copy it can read; children inherit the variable
  const custom = process.env.MESHC_NATIVE_ADDON;
  if (custom) {
    mkdirSync(path.join(dir, 'addon'), { recursive: true });
    copyTree(custom, path.join(dir, 'addon', path.basename(custom)));
    process.env.MESHC_NATIVE_ADDON = path.join(dir, 'addon', path.basename(custom));
  }
  for (const pkgDir of productionClosure()) copyTree(pkgDir, path.join(dir, path.relative(ROOT, pkgDir)));
  openDirectories(dir); // also those made on the way (node_modules/@scope/...), whatever the umask
  let node = process.execPath;
  if (!executableByAll(node)) {
    node = path.join(dir, 'node');
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  accessSync(path.join(dir, 'bin', 'meshc.js'), constants.R_OK);
  staged = { meshc: path.join(dir, 'bin', 'meshc.js'), node, dir };
  return staged;
}
