/**
 * Diagnostics: problems found in the policy, returned as data. Thrown errors are reserved for
 * bugs. Formatters render them for humans (text), machines (json) and GitHub Actions (github).
 */

/** A problem found in the policy, returned as data (never thrown). */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Output formats accepted by `--format`. */
export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** True when any diagnostic is an error (exit code 1). */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/**
 * Sort in place by the order files were loaded, then line, column, code: the output order must not
 * depend on the order checks ran in.
 */
export function sortDiagnostics(diags: Diagnostic[], fileOrder: ReadonlyMap<string, number>): Diagnostic[] {
  const rank = (f: string) => fileOrder.get(f) ?? Number.MAX_SAFE_INTEGER;
  return diags.sort(
    (a, b) =>
      rank(a.file) - rank(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** `FILE:LINE:COL: error: MESSAGE [CODE]`, one line per diagnostic (SPEC section 2). */
export function formatText(diags: readonly Diagnostic[]): string {
  return diags.map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${oneLine(d.message)} [${d.code}]\n`).join('');
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::MESSAGE`. */
export function formatGithub(diags: readonly Diagnostic[]): string {
  return diags
    .map(
      (d) =>
        `::${d.severity} file=${ghProp(d.file)},line=${d.line},col=${d.col},title=${ghProp(d.code)}::${ghData(d.message)}\n`,
    )
    .join('');
}

/** The JSON document printed by `--format json`. */
export function formatJson(diags: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  return (
    JSON.stringify(
      { ok: errors === 0, errors, warnings: diags.length - errors, ...extra, diagnostics: diags },
      null,
      2,
    ) + '\n'
  );
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}

// Escaping rules of the Actions toolkit (@actions/core command.ts): data escapes % CR LF,
// properties additionally : and ,.
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
