/**
 * Source patches: inject edits manifests by inserting and deleting text at offsets found through
 * the `yaml` Document API, never by re-serializing a document. Every byte outside a patch stays
 * exactly as the user wrote it (comments, quoting, key order, blank lines, trailing spaces).
 */

/** Replace `text.slice(start, end)` with `text`. Insertions have start === end. */
export interface Patch {
  start: number;
  end: number;
  text: string;
  /** Among insertions at one offset, lower goes first (the end of a value before a new key). */
  order?: number;
}

/** Apply non-overlapping patches (any order); throws on overlap, which would be a bug. */
export function applyPatches(source: string, patches: readonly Patch[]): string {
  const sorted = [...patches].sort((a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0) || a.end - b.end);
  let out = '';
  let at = 0;
  for (const p of sorted) {
    if (p.start < at) throw new Error(`overlapping patches at offset ${p.start}`);
    out += source.slice(at, p.start) + p.text;
    at = p.end;
  }
  return out + source.slice(at);
}

/** Offset of the first character of the line holding `off`. */
export function lineStart(text: string, off: number): number {
  return text.lastIndexOf('\n', off - 1) + 1;
}

/** Offset just after the newline that ends the line holding `off` (or the end of the text). */
export function lineEnd(text: string, off: number): number {
  const nl = text.indexOf('\n', off);
  return nl < 0 ? text.length : nl + 1;
}

/** 0-based column of `off`. */
export function columnOf(text: string, off: number): number {
  return off - lineStart(text, off);
}

/** True when only spaces precede `off` on its line. */
export function startsLine(text: string, off: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, off), off));
}

/**
 * Move a line-start insertion point up over the comment lines directly above it that sit at
 * column `col` (they introduce the node at that point, so new content goes above them).
 */
export function aboveComments(text: string, at: number, col: number): number {
  let p = at;
  while (p > 0) {
    const prev = lineStart(text, p - 1);
    const line = text.slice(prev, p - 1);
    if (!(line.length > col && line.slice(0, col).trim() === '' && line[col] === '#')) break;
    p = prev;
  }
  return p;
}

/** The line ending a text uses: CRLF when its first line ends so, else LF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Insert whole lines (`chunk` ends with a newline; written with the text's own line ending) at a
 * line start. At the end of a file without a final newline the chunk goes after a new line ending
 * and loses its own, so the file still ends the way it did; `deleteLines` undoes exactly that.
 */
export function insertLines(text: string, at: number, chunk: string): Patch {
  const eol = eolOf(text);
  const lines = eol === '\n' ? chunk : chunk.replace(/\n/g, eol);
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) return { start: at, end: at, text: eol + lines.slice(0, -eol.length) };
  return { start: at, end: at, text: lines };
}

/** Delete the whole lines [start, end) (start is a line start); the inverse of insertLines. */
export function deleteLines(text: string, start: number, end: number): Patch {
  if (end === text.length && !text.endsWith('\n') && start > 0) return { start: start - eolOf(text).length, end, text: '' };
  return { start, end, text: '' };
}
