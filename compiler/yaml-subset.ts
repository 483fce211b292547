/**
 * A parser for the plain block subset of YAML most policy files are written in, ~3x faster than
 * js-yaml (whose parse was over half of a 10,000-Service compile). It gives up (null) on anything
 * outside the subset — quotes with escapes, flow lists, comments after values, anchors, tags, block scalars,
 * tabs, null values, duplicate keys, any scalar whose type is not obviously a string or a
 * decimal integer — and load.ts then uses js-yaml, and `yaml` for problems, as before. Where it
 * answers, the values equal js-yaml's (CORE_SCHEMA); test/compiler/yaml-subset checks that.
 */

const KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/:@+= -]*$/;
/** Words some YAML schema reads as null/bool, numeric-looking text, dates: not decided here. */
const UNSURE = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$|^[-+]?[0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$|^[-+]?0[box]|^[0-9]{4}-|^[0-9][0-9_]*(?::[0-9_]+)+$/;

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

interface Line {
  indent: number;
  text: string;
}

/** The documents of `text` when it is inside the subset, else null. */
export function parseYamlSubset(text: string): unknown[] | null {
  if (/[\t\r&*!|>%`\\\[\]?]/.test(text) || text.includes('...')) return null;
  const docs: Line[][] = [[]];
  for (const raw of text.split('\n')) {
    if (raw === '---') {
      docs.push([]);
      continue;
    }
    const text = raw.trimEnd();
    if (text === '') continue;
    const indent = text.length - text.trimStart().length;
    if (text[indent] === '#') continue; // a comment line
    if (text.includes('#')) return null; // a comment after a value, or # inside one
    if (indent === 0 && text.startsWith('---')) return null;
    docs[docs.length - 1]!.push({ indent, text: text.slice(indent) });
  }
  if (docs[0]!.length === 0 && text.startsWith('---')) docs.shift();
  const out: unknown[] = [];
  try {
    for (const lines of docs) {
      if (lines.length === 0) return null; // an empty document: null, let js-yaml/yaml decide
      const p = { lines, i: 0 };
      const v = block(p, lines[0]!.indent);
      if (p.i !== lines.length || lines[0]!.indent !== 0) return null;
      out.push(v);
    }
  } catch (err) {
    if (err instanceof GiveUp) return null;
    throw err;
  }
  return out;
}

interface Cursor {
  lines: Line[];
  i: number;
}

/** The node starting at the current line, whose lines are indented exactly `indent`. */
function block(p: Cursor, indent: number): unknown {
  const first = p.lines[p.i]!;
  if (first.indent !== indent) giveUp();
  return first.text === '-' || first.text.startsWith('- ') ? sequence(p, indent) : mapping(p, indent, undefined);
}

function sequence(p: Cursor, indent: number): unknown[] {
  const out: unknown[] = [];
  while (p.i < p.lines.length) {
    const l = p.lines[p.i]!;
    if (l.indent < indent || (l.indent === indent && !(l.text === '-' || l.text.startsWith('- ')))) break; // the caller's next key
    if (l.indent > indent) giveUp();
    const rest = l.text.slice(2).trimStart();
    if (rest === '') {
      p.i++;
      if (p.i >= p.lines.length || p.lines[p.i]!.indent <= indent) giveUp();
      out.push(block(p, p.lines[p.i]!.indent));
    } else if (rest.startsWith('- ') || rest === '-') giveUp();
    else if (isPair(rest)) {
      // `- key: value` then more keys of the same mapping at the column of `key`
      const col = indent + (l.text.length - rest.length);
      out.push(mapping(p, col, { indent: col, text: rest }));
    } else {
      out.push(scalarOrFlow(rest));
      p.i++;
    }
  }
  return out;
}

function isPair(s: string): boolean {
  const c = s.indexOf(':');
  return c > 0 && (c === s.length - 1 || s[c + 1] === ' ') && !s.startsWith('{');
}

/** A block mapping at `indent`; `head` stands for the current line (its `- ` stripped). */
function mapping(p: Cursor, indent: number, head: Line | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let cur: Line | undefined = head;
  for (;;) {
    if (!cur) {
      if (p.i >= p.lines.length) break;
      cur = p.lines[p.i]!;
      if (cur.indent < indent) break;
      if (cur.indent > indent) giveUp();
    }
    const c = cur.text.indexOf(':');
    if (c <= 0 || !(c === cur.text.length - 1 || cur.text[c + 1] === ' ')) giveUp();
    const key = cur.text.slice(0, c);
    if (!KEY.test(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
    const rest = cur.text.slice(c + 1).trim();
    p.i++;
    cur = undefined;
    if (rest !== '') out[key] = scalarOrFlow(rest);
    else {
      const next = p.lines[p.i];
      if (!next) giveUp();
      else if (next.indent > indent) out[key] = block(p, next.indent);
      else if (next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) out[key] = sequence(p, indent);
      else giveUp(); // a null value
    }
  }
  return out;
}

function scalarOrFlow(s: string): unknown {
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) giveUp();
    const inner = s.slice(1, -1).trim();
    const out: Record<string, unknown> = {};
    if (inner === '') return out;
    for (const part of inner.split(',')) {
      const item = part.trim();
      const c = item.indexOf(':');
      if (c <= 0 || item[c + 1] !== ' ') giveUp();
      const key = item.slice(0, c);
      if (!KEY.test(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      out[key] = scalar(item.slice(c + 1).trim());
    }
    return out;
  }
  return scalar(s);
}

function scalar(s: string): string | number {
  if (s.startsWith("'") || s.startsWith('"')) {
    const q = s[0]!;
    if (s.length < 2 || !s.endsWith(q) || s.slice(1, -1).includes(q)) giveUp();
    return s.slice(1, -1);
  }
  if (INT.test(s) && s !== '-0') return Number(s);
  if (!PLAIN.test(s) || UNSURE.test(s) || s.includes(': ') || s.includes(' :') || s.includes('  ') || s.includes(',') || s.includes('{') || s.includes('}')) giveUp();
  return s;
}
