/**
 * Stage 1: files and directories -> YAML documents. Directories are read recursively (`*.yaml`,
 * `*.yml`, sorted by path). Syntax errors, duplicate keys, oversized files and alias bombs become
 * diagnostics.
 *
 * Two parsers: `yaml` keeps source ranges (every diagnostic position comes from it) but costs
 * ~0.4 ms per Service document; js-yaml is several times faster but positionless. A file is
 * loaded with js-yaml when it can be (no anchors/aliases, parses cleanly, no null documents) and
 * its `yaml` AST is built only if a later stage reports something in it. Everything else — any
 * js-yaml failure, anything alias-like — goes through `yaml`, which is authoritative for errors.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { Document } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { parseYamlSubset } from './yaml-subset.js';
import { yamlFilesUnder } from './yaml-files.js';
import type { CompileContext, DocAst } from './context.js';

/** Could this text contain an anchor or alias? (False positives only cost the slow path.) */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*]/;

/** Read every policy file under `paths` into ctx.docs. */
export async function load(ctx: CompileContext, paths: readonly string[]): Promise<void> {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      fileProblem(ctx, p, 'E_FILE_NOT_FOUND', `cannot read ${p}: ${errnoText(err)}`);
      continue;
    }
    if (st.isDirectory()) {
      for (const rel of await yamlFilesUnder(p)) files.push(joinAsGiven(p, rel));
    } else files.push(p);
  }
  for (const f of files) {
    // The same file given twice (or reached through a symlink) is read once. Identity is the
    // device and inode of the stat loadFile needs anyway (as `test -ef`), not a realpath per file.
    let st: Stats | undefined;
    let id: string;
    try {
      st = await stat(f);
      id = `${st.dev}:${st.ino}`;
    } catch {
      id = path.resolve(f);
    }
    if (seen.has(id)) continue;
    seen.add(id);
    ctx.fileOrder.set(f, ctx.fileOrder.size);
    await loadFile(ctx, f, st);
  }
  if (ctx.docs.length === 0 && ctx.diagnostics.length === 0) {
    const first = paths[0] ?? '.';
    fileProblem(ctx, first, 'E_NO_DOCUMENTS', `no policy documents found in ${paths.join(', ')} (looked for *.yaml, *.yml)`);
  }
}


function joinAsGiven(dir: string, rel: string): string {
  return dir.endsWith('/') ? dir + rel : `${dir}/${rel}`;
}

async function loadFile(ctx: CompileContext, file: string, known: Stats | undefined): Promise<void> {
  let text: string;
  try {
    const st = known ?? (await stat(file));
    if (st.size > ctx.opts.maxFileBytes) {
      fileProblem(ctx, file, 'E_FILE_TOO_LARGE', `file is ${st.size} bytes; the limit is ${ctx.opts.maxFileBytes}`);
      return;
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    fileProblem(ctx, file, 'E_FILE_NOT_FOUND', `cannot read ${file}: ${errnoText(err)}`);
    return;
  }
  const fast = fastParse(text);
  if (fast) {
    let asts: DocAst[] | undefined;
    const ast = (i: number) => (asts ??= parseWithRanges(text).docs)[i]!;
    fast.forEach((value, index) => ctx.docs.push({ file, index, value, valid: false, ast: () => ast(index) }));
    return;
  }
  slowParse(ctx, file, text);
}

/** js-yaml values of every document, or null when the careful path must be taken. */
function fastParse(text: string): unknown[] | null {
  if (ANCHOR_OR_ALIAS.test(text)) return null;
  const subset = parseYamlSubset(text);
  if (subset) return subset;
  const out: unknown[] = [];
  try {
    loadAll(text, (v: unknown) => out.push(v), { schema: CORE_SCHEMA });
  } catch {
    return null;
  }
  // Null documents are ambiguous (empty vs `~`); let the careful path decide.
  return out.some((v) => v === null || v === undefined) ? null : out;
}

/** `yaml` documents with content (comment-only/empty documents dropped), with one line index. */
function parseWithRanges(text: string): { docs: DocAst[]; all: Document[] } {
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lc = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(parsed) ? (parsed as Document[]) : [];
  const docs = all.filter((d) => d.errors.length > 0 || !isEmpty(d)).map((doc) => ({ doc, lc }));
  return { docs, all };
}

function isEmpty(d: Document): boolean {
  return d.contents === null || (yamlLib().isScalar(d.contents) && d.contents.value === null);
}

function slowParse(ctx: CompileContext, file: string, text: string): void {
  const { docs } = parseWithRanges(text);
  docs.forEach((ast, index) => {
    const { doc, lc } = ast;
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const pos = lc.linePos(e.pos[0]);
        const dup = e.code === 'DUPLICATE_KEY';
        ctx.diagnostics.push({
          code: dup ? 'E_YAML_DUPLICATE_KEY' : 'E_YAML_SYNTAX',
          severity: 'error',
          file,
          line: pos.line,
          col: pos.col,
          message: dup ? 'duplicate key: map keys must be unique' : `YAML syntax: ${e.message}`,
        });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: ctx.opts.maxAliasCount });
    } catch (err) {
      let at = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
      const { visit } = yamlLib();
      visit(doc, {
        Alias(_k, node) {
          if (node.range) at = node.range[0];
          return visit.BREAK;
        },
      });
      const pos = lc.linePos(at);
      const isBomb = /alias/i.test(String((err as Error).message));
      ctx.diagnostics.push({
        code: isBomb ? 'E_YAML_ALIAS_BOMB' : 'E_YAML_SYNTAX',
        severity: 'error',
        file,
        line: pos.line,
        col: pos.col,
        message: isBomb
          ? `too many alias expansions (more than ${ctx.opts.maxAliasCount}): refusing a possible alias bomb`
          : `YAML: ${(err as Error).message}`,
      });
      return;
    }
    ctx.docs.push({ file, index, value, valid: false, ast: () => ast });
  });
}

function fileProblem(ctx: CompileContext, file: string, code: string, message: string): void {
  ctx.diagnostics.push({ code, severity: 'error', file, line: 1, col: 1, message });
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message;
}
