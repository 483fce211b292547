/**
 * Network-namespace plumbing for the interception tests (not a test): availability check, a
 * "client" and a "pod" namespace joined by a veth pair created directly inside them (nothing is
 * ever added to the host's namespace), commands and long-running children inside a namespace.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ns-tool helper (backends and one-shot clients), compiled next to this file. */
export const NS_TOOL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ns-tool.js');

/** Why this machine cannot run a namespace test needing `bins`, or null when it can. */
export function nsUnavailable(bins: string[]): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'needs root (ip netns, iptables-restore)';
  for (const bin of bins) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} not found (apt-get install iproute2 iptables util-linux)`;
  }
  const probe = `meshc-probe-${process.pid}`;
  const r = spawnSync('ip', ['netns', 'add', probe]);
  if (r.status !== 0) return `cannot create a network namespace: ${r.stderr.toString().trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

/** Addresses of the veth pair; link-local, and only ever inside the test's own namespaces. */
export const VETH = { client4: '169.254.77.1', pod4: '169.254.77.2', client6: 'fd00:77:1::1', pod6: 'fd00:77:1::2' } as const;

/** Two namespaces joined by a veth pair, and the children started in them. */
export class PodAndClient {
  readonly pod: string;
  readonly client: string;
  private readonly children: ChildProcess[] = [];

  constructor(tag: string) {
    this.pod = `meshc-${tag}-pod-${process.pid}`;
    this.client = `meshc-${tag}-cli-${process.pid}`;
  }

  /** Create both namespaces, lo up in each, the veth pair between them with v4 (and v6) addresses. */
  create(opts: { ipv6?: boolean } = {}): void {
    const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    ip('netns', 'add', this.pod);
    ip('netns', 'add', this.client);
    // created inside the client namespace with its peer placed in the pod: never in the host's
    ip('-n', this.client, 'link', 'add', 'veth-c', 'type', 'veth', 'peer', 'name', 'veth-p', 'netns', this.pod);
    for (const [ns, dev, a4, a6] of [
      [this.client, 'veth-c', VETH.client4, VETH.client6],
      [this.pod, 'veth-p', VETH.pod4, VETH.pod6],
    ] as const) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'addr', 'add', `${a4}/30`, 'dev', dev);
      // nodad: the address is usable at once instead of after duplicate address detection
      if (opts.ipv6) ip('-n', ns, 'addr', 'add', `${a6}/64`, 'dev', dev, 'nodad');
      ip('-n', ns, 'link', 'set', dev, 'up');
    }
  }

  /** Run a command in namespace `ns` to completion; its stdout trimmed, or `ERR ...` when it failed silently. */
  run(ns: string, args: string[]): string {
    const r = spawnSync('ip', ['netns', 'exec', ns, ...args], { encoding: 'utf8', timeout: 15_000 });
    const out = (r.stdout ?? '').trim();
    return r.status === 0 || out !== '' ? out : `ERR exit ${r.status} ${r.stderr}`;
  }

  /** Run a setup command in namespace `ns`; throws (with its stderr) when it fails. */
  must(ns: string, args: string[], input?: Buffer): void {
    execFileSync('ip', ['netns', 'exec', ns, ...args], { input, stdio: ['pipe', 'ignore', 'pipe'], timeout: 15_000 });
  }

  /** Run ns-tool in namespace `ns` (as root). */
  tool(ns: string, ...args: string[]): string {
    return this.run(ns, [process.execPath, NS_TOOL, ...args]);
  }

  /** Start a long-running child in namespace `ns`; killed by cleanup(). */
  start(ns: string, args: string[]): ChildProcess {
    const c = spawn('ip', ['netns', 'exec', ns, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(c);
    return c;
  }

  /** Kill the children, delete both namespaces (which deletes the veth pair with them). */
  cleanup(): void {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', this.client]);
    spawnSync('ip', ['netns', 'del', this.pod]);
  }
}
