// Policy files for the diff tests: YAML builders and temporary directories that hold them.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

/** A temp dir removed after the test. */
export async function tempDir(t: TestContext, prefix = 'meshc-diff-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Write `files` (relative path -> content) under `dir`. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(dir, rel);
    await mkdir(path.dirname(f), { recursive: true });
    await writeFile(f, text);
  }
}

export interface SvcOpts {
  port?: number;
  protocol?: string;
  hosts?: string[];
  extra?: string;
}

/** A Service document; `hosts` are flow-mapping bodies, e.g. `address: 10.0.0.1, weight: 2`. */
export function service(name: string, o: SvcOpts = {}): string {
  const hosts = o.hosts ?? ['address: 10.0.0.1'];
  return (
    `apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n` +
    `  ports:\n    - port: ${o.port ?? 5432}\n      protocol: ${o.protocol ?? 'tcp'}\n` +
    `  endpoints:\n    static:\n${hosts.map((h) => `      - { ${h} }\n`).join('')}` +
    (o.extra ?? '')
  );
}

/** A Sidecar document; `body` is the spec's content indented by two spaces. */
export function sidecar(name: string, body: string): string {
  return `apiVersion: meshc.dev/v1alpha1\nkind: Sidecar\nmetadata:\n  name: ${name}\nspec:\n${body}`;
}
