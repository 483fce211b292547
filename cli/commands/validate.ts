import type { Command } from '../main.js';
import { flag, parseArgs, UsageError } from '../args.js';
import { compile } from '../../compiler/index.js';
import { FORMATS, formatGithub, formatJson, formatText, hasErrors, type Diagnostic, type Format } from '../../compiler/diagnostics.js';

const usage = `Usage: meshc validate PATH... [--format text|json|github]

Check policy files and directories (read recursively: *.yaml, *.yml, sorted by path).
Every problem is reported as FILE:LINE:COL: error: MESSAGE [CODE] on stderr.

Options:
  --format FMT   text (default), json (a JSON report on stdout) or github
                 (GitHub Actions ::error annotations on stdout)
  -h, --help     show this help

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error.
`;

/** Parse and check `--format`. */
export function parseFormat(value: string | undefined): Format {
  const f = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown --format '${f}' (expected ${FORMATS.join(', ')})`);
  return f as Format;
}

/** Print diagnostics in `format`; text goes to stderr, json/github to stdout. */
export function printDiagnostics(diags: readonly Diagnostic[], format: Format, extra: Record<string, unknown> = {}): void {
  if (format === 'json') process.stdout.write(formatJson(diags, extra));
  else if (format === 'github') process.stdout.write(formatGithub(diags));
  else process.stderr.write(formatText(diags));
}

/** `meshc validate PATH...`. */
export const command: Command = {
  name: 'validate',
  summary: 'check policy files; errors as FILE:LINE:COL: error: MESSAGE',
  usage,
  async run(argv) {
    const a = parseArgs(argv, { '--help': { value: false }, '--format': { value: true } });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    const format = parseFormat(flag(a, '--format'));
    if (a.positionals.length === 0) throw new UsageError('no PATH given');
    const r = await compile(a.positionals);
    printDiagnostics(r.diagnostics, format, { summary: r.summary });
    const failed = hasErrors(r.diagnostics);
    if (!failed && format === 'text') {
      const s = r.summary;
      process.stdout.write(`ok: ${s.documents} document${s.documents === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'} (${s.services} Service, ${s.sidecars} Sidecar)\n`);
    }
    return failed ? 1 : 0;
  },
};
