/**
 * Manifest input: files, directories (recursive: `*.yaml`, `*.yml`, sorted by path, dot
 * directories skipped as in policy loading) and `-` for stdin, each read as text exactly as
 * given, since unchanged documents are written back byte for byte.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

/** One input file's text and the name diagnostics use for it. */
export interface ManifestFile {
  file: string;
  text: string;
}

/** What `-` is called in diagnostics. */
export const STDIN_LABEL = '<stdin>';

const YAML_FILE = /\.ya?ml$/;

/** Read every manifest under `paths` in order; unreadable paths become diagnostics. */
export async function readManifests(paths: readonly string[], readStdin: () => Promise<string>): Promise<{ files: ManifestFile[]; diagnostics: Diagnostic[] }> {
  const files: ManifestFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (file: string, code: string, message: string) => diagnostics.push({ code, severity: 'error', file, line: 1, col: 1, message });
  for (const p of paths) {
    if (p === '-') {
      files.push({ file: STDIN_LABEL, text: await readStdin() });
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      problem(p, 'E_FILE_NOT_FOUND', `cannot read ${p}: ${errnoText(err)}`);
      continue;
    }
    const list: string[] = [];
    if (st.isDirectory()) {
      await walk(p, '', list, new Set([await realpath(p)]));
      list.sort();
      if (list.length === 0) problem(p, 'E_NO_MANIFESTS', `no manifests in ${p} (looked for *.yaml, *.yml)`);
    } else list.push('');
    for (const rel of list) {
      const file = rel ? (p.endsWith('/') ? p + rel : `${p}/${rel}`) : p;
      try {
        files.push({ file, text: await readFile(file, 'utf8') });
      } catch (err) {
        problem(file, 'E_FILE_NOT_FOUND', `cannot read ${file}: ${errnoText(err)}`);
      }
    }
  }
  return { files, diagnostics };
}

async function walk(root: string, rel: string, out: string[], visiting: Set<string>): Promise<void> {
  const dir = rel ? path.join(root, rel) : root;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await stat(path.join(dir, e.name));
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling symlink
      }
    }
    if (isDir) {
      if (e.name.startsWith('.')) continue; // .git, ..data of ConfigMap volumes
      const real = await realpath(path.join(dir, e.name));
      if (visiting.has(real)) continue; // symlink loop
      visiting.add(real);
      await walk(root, childRel, out, visiting);
      visiting.delete(real);
    } else if (isFile && YAML_FILE.test(e.name)) out.push(childRel);
  }
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message;
}
