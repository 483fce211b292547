/**
 * Manifest input: files, directories (recursive: `*.yaml`, `*.yml`, sorted by path, dot
 * directories skipped as in policy loading) and `-` for stdin, each read as text exactly as
 * given, since unchanged documents are written back byte for byte.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import { yamlFilesUnder } from '../yaml-files.js';

/** One input file's text and the name diagnostics use for it. */
export interface ManifestFile {
  file: string;
  text: string;
}

/** What `-` is called in diagnostics. */
export const STDIN_LABEL = '<stdin>';


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
    let list: string[] = [''];
    if (st.isDirectory()) {
      list = await yamlFilesUnder(p);
      if (list.length === 0) problem(p, 'E_NO_MANIFESTS', `no manifests in ${p} (looked for *.yaml, *.yml)`);
    }
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


function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message;
}
