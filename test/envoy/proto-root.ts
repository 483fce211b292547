/**
 * Loads Envoy's own v3 API (.proto files shipped by @grpc/grpc-js-xds under deps/) into one
 * protobufjs Root, so tests can check emitted bootstraps against the real schema.
 *
 * The package ships a subset of envoy-api; a few files import protos it does not ship. Those
 * files are skipped (their import closure is checked up front) instead of failing the load.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { ROOT } from '../helpers/cli.js';

const DEPS = path.join(ROOT, 'node_modules', '@grpc', 'grpc-js-xds', 'deps');
/** Include directories, in protoc `-I` order. protobufjs ships descriptor.proto itself. */
const INCLUDES = [
  path.join(DEPS, 'envoy-api'),
  path.join(DEPS, 'xds'),
  path.join(DEPS, 'googleapis'),
  path.join(DEPS, 'protoc-gen-validate'),
  path.join(ROOT, 'node_modules', 'protobufjs'),
];
/** Well-known types protobufjs bundles (no file on disk needed). */
const BUNDLED = new Set(['any', 'duration', 'timestamp', 'empty', 'struct', 'wrappers', 'field_mask'].map((n) => `google/protobuf/${n}.proto`));

function resolveInclude(target: string): string | undefined {
  for (const dir of INCLUDES) {
    const p = path.join(dir, target);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function listProtos(dir: string, rel: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) listProtos(p, `${rel}${name}/`, out);
    else if (name.endsWith('.proto')) out.push(rel + name);
  }
  return out;
}

/** True when `file` and everything it imports (transitively) can be found. */
function closureComplete(file: string, memo: Map<string, boolean>): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  memo.set(file, true); // cycles: assume fine while visiting
  let ok = true;
  if (!BUNDLED.has(file)) {
    const abs = resolveInclude(file);
    if (!abs) ok = false;
    else {
      const src = readFileSync(abs, 'utf8');
      for (const m of src.matchAll(/^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm)) {
        if (!closureComplete(m[1]!, memo)) {
          ok = false;
          break;
        }
      }
    }
  }
  memo.set(file, ok);
  return ok;
}

let cached: protobuf.Root | undefined;

/** Every loadable Envoy v3 API proto (plus xds, validate, googleapis deps), resolved. Cached. */
export function envoyApiRoot(): protobuf.Root {
  if (cached) return cached;
  const memo = new Map<string, boolean>();
  const files = listProtos(path.join(DEPS, 'envoy-api'), '', []).filter(
    (f) => /\/v3\//.test(f) && closureComplete(f, memo),
  );
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => (BUNDLED.has(target) ? target : resolveInclude(target) ?? target);
  root.loadSync(files, { keepCase: true });
  root.resolveAll();
  cached = root;
  return root;
}
