import { UsageError } from './args.js';

/** A CLI command: parses its own argv and returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Run `cmd` on its arguments; a UsageError prints the message and the command's usage (exit 2). */
export async function runCommand(name: string, cmd: Command, rest: string[]): Promise<number> {
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`meshc ${name}: ${err.message}\n\n${cmd.usage}`);
      return 2;
    }
    throw err;
  }
}
