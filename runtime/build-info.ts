import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPath } from './native/addon.js';

let cached: { version: string; dataPath: string } | null = null;

/** meshc's version (package.json) and the data path this process runs (meshc_build_info). */
export function buildInfo(): { version: string; dataPath: string } {
  if (cached !== null) return cached;
  let version = 'unknown';
  try {
    // dist/runtime/build-info.js -> the package root
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    // a bundled copy without package.json: the label says so rather than failing a scrape
  }
  cached = { version, dataPath: dataPath.kind };
  return cached;
}
