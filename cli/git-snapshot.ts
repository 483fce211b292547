/**
 * Policy files as they were at a git revision, without a checkout: `git ls-tree -r REV -- PATH`
 * lists them and one `git cat-file --batch` reads them (the batched form of `git show REV:path`).
 * They are written to a temporary directory with their repository layout so the compiler reads
 * them like any other files; diagnostics are mapped back to the paths the user gave. Works in a
 * shallow clone as long as REV itself has been fetched.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** git is missing, cwd is not a repository, REV is unknown, or a PATH lies outside the repository. */
export class GitError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** The policy at a revision, materialized in a temporary directory. */
export interface GitSnapshot {
  /** Paths to compile (inside the temporary directory), one per PATH that exists at REV. */
  paths: string[];
  /** The PATHs given that do not exist at REV (counted as everything added). */
  missing: string[];
  /** A file name from the compiler -> the name the user knows it by (as in the working tree). */
  displayName(file: string): string;
  /** Remove the temporary directory. */
  dispose(): Promise<void>;
}

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function git(args: string[], cwd: string, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new GitError('E_GIT_NOT_FOUND', 'git is not installed (no `git` on PATH); --git needs it') : e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err.trim() }));
    child.stdin.on('error', () => undefined); // git may exit before reading everything
    child.stdin.end(input ?? '');
  });
}

interface Entry {
  mode: string;
  type: string;
  oid: string;
  file: string;
}

/** Read `paths` (relative to `cwd`, as given) at revision `rev` into a temporary directory. */
export async function snapshotAt(rev: string, paths: readonly string[], cwd = process.cwd()): Promise<GitSnapshot> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) throw new GitError('E_GIT_NOT_A_REPOSITORY', `not a git repository: ${cwd} (${firstLine(top.stderr)})`);
  const root = top.stdout.toString('utf8').trim();
  if (rev.startsWith('-')) throw new GitError('E_GIT_UNKNOWN_REVISION', `unknown revision '${rev}'`);
  const commit = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], root);
  if (commit.code !== 0)
    throw new GitError(
      'E_GIT_UNKNOWN_REVISION',
      `unknown revision '${rev}' in ${root} (in a shallow CI clone, fetch it first, e.g. git fetch --depth=1 origin <branch>)`,
    );
  const oid = commit.stdout.toString('utf8').trim();

  // Each PATH relative to the repository root (git's own view of cwd, so symlinked cwds work).
  const realCwd = await realpath(cwd);
  const rels = paths.map((p) => {
    const rel = path.relative(root, path.resolve(realCwd, p)).split(path.sep).join('/');
    if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) throw new GitError('E_GIT_OUTSIDE', `${p} is outside the repository ${root}`);
    return rel;
  });

  const listed = await git(['ls-tree', '-r', '-z', '--full-tree', oid, '--', ...rels.map((r) => r || '.')], root);
  if (listed.code !== 0) throw new GitError('E_GIT', `git ls-tree ${rev} failed: ${firstLine(listed.stderr)}`);
  const entries: Entry[] = [];
  for (const rec of listed.stdout.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, id] = rec.slice(0, tab).split(' ');
    entries.push({ mode: mode!, type: type!, oid: id!, file: rec.slice(tab + 1) });
  }
  const blobs = entries.filter((e) => e.type === 'blob');
  const contents = await readBlobs(blobs.map((b) => b.oid), root);

  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-diff-'));
  try {
    for (let i = 0; i < blobs.length; i++) {
      const b = blobs[i]!;
      const dest = path.join(dir, ...b.file.split('/'));
      await mkdir(path.dirname(dest), { recursive: true });
      if (b.mode === '120000') await symlink(contents[i]!.toString('utf8'), dest);
      else await writeFile(dest, contents[i]!);
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const present: string[] = [];
  const mapped: Array<{ tmp: string; given: string }> = [];
  const missing: string[] = [];
  paths.forEach((given, i) => {
    const rel = rels[i]!;
    const exists = rel === '' || blobs.some((b) => b.file === rel || b.file.startsWith(`${rel}/`));
    if (!exists) {
      missing.push(given);
      return;
    }
    const tmp = rel === '' ? dir : path.join(dir, ...rel.split('/'));
    // keep a trailing slash as given: the compiler joins directory entries onto the path as given
    const asGiven = given.endsWith('/') && tmp !== dir ? `${tmp}/` : tmp;
    present.push(asGiven);
    mapped.push({ tmp: asGiven, given });
  });
  return {
    paths: present,
    missing,
    displayName(file) {
      for (const m of mapped) if (file === m.tmp || file.startsWith(m.tmp.endsWith('/') ? m.tmp : `${m.tmp}/`)) return m.given + file.slice(m.tmp.length);
      return file;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Contents of `oids` in one `git cat-file --batch` run. */
async function readBlobs(oids: readonly string[], cwd: string): Promise<Buffer[]> {
  if (oids.length === 0) return [];
  const r = await git(['cat-file', '--batch'], cwd, oids.map((o) => `${o}\n`).join(''));
  if (r.code !== 0) throw new GitError('E_GIT', `git cat-file failed: ${firstLine(r.stderr)}`);
  const out: Buffer[] = [];
  let pos = 0;
  for (const oid of oids) {
    const nl = r.stdout.indexOf(10, pos);
    const header = r.stdout.subarray(pos, nl).toString('utf8');
    const [got, type, size] = header.split(' ');
    if (got !== oid || type !== 'blob') throw new GitError('E_GIT', `git cat-file: unexpected ${JSON.stringify(header)} for ${oid}`);
    const start = nl + 1;
    out.push(r.stdout.subarray(start, start + Number(size)));
    pos = start + Number(size) + 1; // content is followed by a newline
  }
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0] || 'no message';
}
