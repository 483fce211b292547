/**
 * Generated policies big enough to reach the ConfigMap size limits, for tests.
 *
 * `services` Services (one tcp port each, 30000 + index, two static endpoints) and one Sidecar `big` reaching
 * them all. Names and addresses come from a seeded generator: with `noise` the names carry
 * random hex so that gzip cannot shrink the plan much (to reach the "too large even
 * compressed" case with few services, which keeps the test fast).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** xorshift32: the same sequence for the same seed, on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

export interface LargePolicyOptions {
  services: number;
  /** Random hex in names (poorly compressible). Default false. */
  noise?: boolean;
  /** Sidecar name; null = no Sidecar document (the implicit `default` plan). Default `big`. */
  sidecar?: string | null;
  /** Turn on interception (adds iptables.rules / ip6tables.rules keys). Default false. */
  interception?: boolean;
  seed?: number;
  /** Random bytes per service, sent by a tcp health check (incompressible plan content). */
  payloadBytes?: number;
}

/** Write the policy into `dir` as services.yaml (+ sidecar.yaml); returns the paths. */
export async function writeLargePolicy(dir: string, o: LargePolicyOptions): Promise<string[]> {
  const r = rng(o.seed ?? 7);
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  const names: string[] = [];
  const docs: string[] = [];
  for (let i = 0; i < o.services; i++) {
    const name = o.noise ? `s${i}-${hex(40)}` : `svc-${i}`;
    names.push(name);
    const a = `10.${(i >> 8) & 255}.${i & 255}`;
    const ep = o.noise ? `fd00::${hex(4)}:${hex(4)}:${hex(4)}` : `${a}.1`;
    docs.push(
      `apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata: { name: ${name} }\nspec:\n` +
        `  ports: [{ port: ${30000 + i}, protocol: tcp }]\n` +
        `  endpoints: { static: [{ address: "${ep}" }, { address: "${a}.2" }] }\n` +
        (o.payloadBytes ? `  healthCheck: { type: tcp, send: { hex: "${hex(o.payloadBytes * 2)}" } }\n` : ''),
    );
  }
  const files = [path.join(dir, 'services.yaml')];
  await writeFile(files[0]!, docs.join('---\n'));
  if (o.sidecar !== null) {
    const outbound = names.map((n, i) => `    - { service: ${n}, bind: "127.0.${(i >> 8) & 255}.${(i & 255) + 0}:${20000 + (i % 40000)}" }`).join('\n');
    const interception = o.interception ? '  interception: { mode: iptables }\n' : '';
    files.push(path.join(dir, 'sidecar.yaml'));
    await writeFile(files[1]!, `apiVersion: meshc.dev/v1alpha1\nkind: Sidecar\nmetadata: { name: ${o.sidecar ?? 'big'} }\nspec:\n  outbound:\n${outbound}\n${interception}`);
  }
  return files;
}
