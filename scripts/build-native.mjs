#!/usr/bin/env node
// `npm install` hook: builds the optional native TCP data path (binding.gyp) with node-gyp.
// Never fails the install: without a compiler or Node's headers meshc uses its pure-JS data path
// (`meshc run` logs which one it runs). MESHC_SKIP_NATIVE=1 skips the build.
// Plain JavaScript on purpose: it runs before TypeScript is compiled.
import { spawnSync } from 'node:child_process';

if (process.env.MESHC_SKIP_NATIVE === '1') {
  console.log('meshc: MESHC_SKIP_NATIVE=1, not building the native data path');
  process.exit(0);
}
// npm puts its bundled node-gyp on PATH for lifecycle scripts; npm_config_node_gyp names it too
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (r.status === 0) {
  console.log('meshc: built the native data path (build/Release/meshc_native.node)');
} else {
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
  console.warn(`meshc: WARNING: could not build the native data path; meshc will use the pure-JS one.\n${r.error?.message ?? out}`);
}
