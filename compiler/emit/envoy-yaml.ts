/**
 * A YAML writer for the Envoy files' shapes (maps, sequences of maps and scalars, plain or simply
 * quoted strings), writing exactly the bytes of the `yaml` package's
 * `new Document(value).toString({ lineWidth: 0, indentSeq: true })` with comments before keys.
 * The generic library spent most of an all-targets compile of 10,000 Services building and
 * stringifying its node tree (docs/benchmarks.md, compile). Anything outside those shapes (a
 * string needing escapes, a sequence in a sequence, a comment on a sequence item's first key, …)
 * returns null and the caller renders with the library, so the output never depends on which
 * path ran; test/envoy/envoy-yaml.test.ts compares the two on generated values.
 */
import type { Json, JsonObject, Note } from './envoy-common.js';

/** Thrown inside the writer when `value` leaves the shapes it handles. */
class Unsupported extends Error {}

/** Printable ASCII without space, `"` and `\`: plain, or double-quoted with no escapes. */
const SIMPLE = /^[!#-[\]-~]+$/;
/** yaml's plainString: indicator first, a lone `-`/`?`, or a trailing `:` needs quotes (no spaces or newlines here). */
const NEEDS_QUOTES = /^[,[\]{}#&*!|>'%@`]|^[?-]$|:$/;
/** Document markers: the library's choice there depends on the indentation. */
const DOC_MARKER = /^(?:---|\.\.\.)/;
/** The core schema's non-string scalars (yaml/dist/schema/core): such strings are quoted. */
const CORE_TAGS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
];

function str(s: string): string {
  if (!SIMPLE.test(s) || DOC_MARKER.test(s)) throw new Unsupported();
  return NEEDS_QUOTES.test(s) || CORE_TAGS.some((re) => re.test(s)) ? `"${s}"` : s;
}

function scalar(v: Json): string {
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || Object.is(v, -0)) throw new Unsupported();
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  throw new Unsupported();
}

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The notes along the paths they address: a child per map key or sequence index. */
interface NoteTree {
  children: Map<string | number, NoteTree>;
  /** Comment text by key of the map at this path. */
  comments: Map<string, string>;
}

function noteTree(notes: Note[]): { tree: NoteTree; count: number } {
  const tree: NoteTree = { children: new Map(), comments: new Map() };
  let count = 0;
  for (const n of notes) {
    let t = tree;
    for (const p of n.path) {
      let c = t.children.get(p);
      if (!c) t.children.set(p, (c = { children: new Map(), comments: new Map() }));
      t = c;
    }
    const prev = t.comments.get(n.key);
    if (prev === undefined) count++;
    t.comments.set(n.key, prev === undefined ? n.text : `${prev}\n${n.text}`);
  }
  return { tree, count };
}

class Writer {
  /** Output so far: finished 64 KiB pieces and the one being appended to (one ever-growing
   * string made V8 flatten ropes over and over; millions of tiny array items made join slow). */
  private readonly done: string[] = [];
  private buf = '';
  /** Comments written so far (all of them must be, or the caller falls back). */
  written = 0;

  private add(s: string): void {
    this.buf += s;
    if (this.buf.length > 65536) {
      // reading a character flattens V8's rope of small pieces now, while they are young garbage
      this.buf.charCodeAt(0);
      this.done.push(this.buf);
      this.buf = '';
    }
  }

  /** Everything written. */
  text(): string {
    return this.done.join('') + this.buf;
  }

  /** The pairs of `map` at `indent`; with `inline` the first is written after `- ` on the current line. */
  map(map: JsonObject, indent: string, notes: NoteTree | undefined, inline: boolean): void {
    let first = inline;
    for (const key in map) {
      const v = map[key];
      if (v === undefined) throw new Unsupported();
      const comment = notes?.comments.get(key);
      if (comment !== undefined) {
        if (first) throw new Unsupported();
        this.written++;
        for (const line of comment.split('\n')) {
          if (line === '') throw new Unsupported();
          this.add(indent + '#' + line + '\n');
        }
      }
      this.add((first ? '' : indent) + str(key) + ':');
      this.value(v, indent, notes?.children.get(key));
      first = false;
    }
  }

  /** The value of a pair, after `key:` */
  private value(v: Json, indent: string, notes: NoteTree | undefined): void {
    if (Array.isArray(v)) {
      if (v.length === 0) this.add(' []\n');
      else {
        this.add('\n');
        this.seq(v, indent + '  ', notes);
      }
    } else if (isObject(v)) {
      if (Object.keys(v).length === 0) this.add(' {}\n');
      else {
        this.add('\n');
        this.map(v, indent + '  ', notes, false);
      }
    } else this.add(' ' + scalar(v) + '\n');
  }

  private seq(items: Json[], indent: string, notes: NoteTree | undefined): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      this.add(indent + '- ');
      if (Array.isArray(item)) throw new Unsupported();
      if (isObject(item)) {
        if (Object.keys(item).length === 0) this.add('{}\n');
        else this.map(item, indent + '  ', notes?.children.get(i), true);
      } else this.add(scalar(item) + '\n');
    }
  }
}

/**
 * `value` as YAML: `header` lines as `# ` comments, a blank line, then the document; each note's
 * text as `#` lines before its key. Null when `value` is outside what this writer handles.
 */
export function renderEnvoyYaml(value: JsonObject, header: string[], notes: Note[]): string | null {
  if (header.some((l) => l.includes('\n')) || Object.keys(value).length === 0) return null;
  const { tree, count } = noteTree(notes);
  const w = new Writer();
  try {
    w.map(value, '', tree, false);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  // a note whose map or key is missing: the library path reports it
  if (w.written !== count) return null;
  // the library writes each header line as ` ${l}` through its comment writer: '' becomes '#'
  const head = header.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  return header.length > 0 ? `${head}\n\n${w.text()}` : w.text();
}
