/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How a command declares its flags. `value: true` flags take an argument. */
export interface FlagSpec {
  [flag: string]: { value: boolean; repeat?: boolean };
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

/**
 * Parse `--flag value`, `--flag=value` and boolean `--flag`. Unknown flags are usage errors
 * (exit 2); `--` ends flag parsing. `-h` is an alias of `--help`.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') a = '--help';
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const s = spec[name];
    if (!s) throw new UsageError(`unknown flag ${name}`);
    let value = '';
    if (s.value) {
      if (eq > 0) value = a.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(`${name} needs a value`);
        value = next;
        i++;
      }
    } else if (eq > 0) throw new UsageError(`${name} takes no value`);
    const prev = flags.get(name);
    if (prev && !s.repeat) throw new UsageError(`${name} given more than once`);
    flags.set(name, prev ? [...prev, value] : [value]);
  }
  return { flags, positionals };
}

/** The single value of a flag, or undefined. */
export function flag(p: ParsedArgs, name: string): string | undefined {
  return p.flags.get(name)?.[0];
}
