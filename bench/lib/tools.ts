import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** The C load tools of bench/tools, compiled for this machine. */
export interface Tools {
  echo: string;
  connrate: string;
  rtt: string;
  idle: string;
  udpload: string;
  spin: string;
}

const NAMES = ['echo', 'connrate', 'rtt', 'idle', 'udpload', 'spin'] as const;

/** Compile bench/tools/*.c with `cc -O2` into `outDir` (a temp dir: nothing lands in the repo). */
export async function compileTools(root: string, outDir: string): Promise<Tools> {
  mkdirSync(outDir, { recursive: true });
  const tools = {} as Tools;
  await Promise.all(
    NAMES.map(async (n) => {
      const bin = path.join(outDir, n);
      await promisify(execFile)('cc', ['-O2', '-Wall', '-o', bin, path.join(root, 'bench/tools', `${n}.c`)]);
      tools[n] = bin;
    }),
  );
  return tools;
}
