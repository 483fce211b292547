/**
 * The YAML files below a directory, as policy loading (SPEC §1) and `meshc inject` read them:
 * recursive, sorted by path, `*.yaml` / `*.yml`, symlinks followed (loops and dangling links
 * skipped), dot-directories skipped (.git, the `..data` of ConfigMap volumes).
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const YAML_FILE = /\.ya?ml$/;

/** Paths of the YAML files below `dir`, relative to it with `/` separators, sorted. */
export async function yamlFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  await walk(dir, '', found, new Set([await realpath(dir)]));
  return found.sort();
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
