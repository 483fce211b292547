import { runCommand, type Command } from './command.js';

export type { Command };

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate.js')).command,
  compile: async () => (await import('./commands/compile.js')).command,
  run: async () => (await import('./commands/run.js')).command,
  inject: async () => (await import('./commands/inject.js')).command,
  diff: async () => (await import('./commands/diff.js')).command,
  status: async () => (await import('./commands/status.js')).command,
};

const SUMMARIES: Record<string, string> = {
  validate: 'check policy files; errors as FILE:LINE:COL: error: MESSAGE',
  compile: 'validate, then write per-sidecar plan.json / envoy.yaml / iptables.rules',
  run: 'run the sidecar runtime on a compiled plan',
  inject: 'add the meshc sidecar to Kubernetes manifests (offline, comments and order kept)',
  diff: 'what a policy change does to each sidecar, for pull-request review',
  status: 'listeners, clusters and endpoints of a running sidecar, as a table',
};

export const USAGE = `Usage: meshc <command> [options]

Commands:
${Object.keys(COMMANDS)
  .map((c) => `  ${c.padEnd(10)} ${SUMMARIES[c]}`)
  .join('\n')}

Run 'meshc <command> --help' for a command's options.
Exit codes: 0 ok, 1 invalid input (or runtime failure), 2 usage error.
`;

/** Dispatch argv (without node and script) to a command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // no command is a usage error: usage on stderr, exit 2 (as for an unknown command)
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`meshc ${pkg.version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`meshc: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return runCommand(name, await load(), rest);
}
