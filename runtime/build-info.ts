import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPath } from './native/addon.js';

let cached: { version: string; dataPath: string } | null = null;

/** meshc's version (package.json) and the data path this process runs (meshc_build_info). */
export function buildInfo(): { version: string; dataPath: string } {
  if (cached !== null) return cached;
  let version = 'unknown';
  // the package root: dist/runtime/build-info.js -> ../.., the `meshc run` bundle
  // (dist/bundle/run/*.js, scripts/bundle-run.mjs) -> ../../..
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(here, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name !== 'meshc') continue;
      version = pkg.version ?? 'unknown';
      break;
    } catch {
      // not there (a copy without package.json: the label says so rather than failing a scrape)
    }
  }
  cached = { version, dataPath: dataPath.kind };
  return cached;
}
