/**
 * A small Dockerfile reader for the image replay test: stages, instructions with their line
 * continuations joined, comments dropped. Only what the repository's Dockerfile uses.
 */

export interface Instruction {
  op: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** Parse Dockerfile text into stages (the instructions after each FROM). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let l = lines[i]!.trim();
    if (l === '' || l.startsWith('#')) continue;
    while (l.endsWith('\\')) {
      l = l.slice(0, -1);
      i++;
      const next = (lines[i] ?? '').trim();
      if (!next.startsWith('#')) l += ' ' + next;
    }
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(l.replace(/\s+/g, ' '));
    if (!m) throw new Error(`Dockerfile:${start}: cannot parse ${JSON.stringify(l)}`);
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === 'FROM') {
      const f = /^(\S+)(?: AS (\S+))?$/i.exec(args);
      if (!f) throw new Error(`Dockerfile:${start}: FROM ${args}`);
      stages.push({ from: f[1]!, name: f[2] ?? null, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`Dockerfile:${start}: ${op} before FROM`);
      stages.at(-1)!.instructions.push({ op, args, line: start });
    }
  }
  return stages;
}

/** `RUN a && b && c` -> ['a', 'b', 'c']. */
export function shellSteps(args: string): string[] {
  return args.split('&&').map((s) => s.trim()).filter(Boolean);
}

/** `COPY [--from=x] SRC... DEST` -> its parts. */
export function copyArgs(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(' ');
  let from: string | null = null;
  while (words[0]?.startsWith('--')) {
    const w = words.shift()!;
    if (w.startsWith('--from=')) from = w.slice('--from='.length);
    else throw new Error(`COPY flag ${w} is not replayed`);
  }
  const dest = words.pop()!;
  return { from, sources: words, dest };
}
