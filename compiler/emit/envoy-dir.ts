/**
 * Where the Envoy target's files are mounted, and what makes a directory unusable: apart from
 * compiler/emit/envoy.ts so that `meshc compile` can check `--envoy-dir` without loading the
 * Envoy emitter (and the `yaml` package) when no Envoy target is asked for.
 */
import path from 'node:path';

/** Default directory the Envoy files are mounted at (the ConfigMap volume's mountPath). */
export const DEFAULT_ENVOY_DIR = '/etc/meshc/envoy';

/** Why `dir` cannot be the Envoy directory, or undefined when it can. */
export function envoyDirProblem(dir: string): string | undefined {
  if (!dir.startsWith('/')) return `must be an absolute path (Envoy resolves relative paths against its working directory)`;
  if (dir === '/' || path.posix.normalize(dir) !== dir || dir.endsWith('/')) return `must be a normalized absolute directory other than / (no trailing /, //, . or ..)`;
  if (/[\s\0]/.test(dir)) return `must not contain whitespace`;
  return undefined;
}
