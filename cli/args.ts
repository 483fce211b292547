import net from 'node:net';
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

/** `250ms`, `5s`, `1m30s`, `1h`, or `0` -> milliseconds; undefined when malformed. */
export function parseDurationMs(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : undefined;
}

/** `127.0.0.1:15000` or `[::1]:15000` -> address and port; undefined when malformed. */
export function parseHostPort(s: string): { address: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(s);
  if (!m) return undefined;
  const address = m[1] ?? m[2]!;
  const port = Number(m[3]);
  if (net.isIP(address) === 0 || port > 65535) return undefined;
  return { address, port };
}
