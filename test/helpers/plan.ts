import { writeFile } from 'node:fs/promises';
import type { Plan, Cluster, Listener } from '../../schemas/types/plan.gen.js';
import { planHash } from '../../schemas/plan-hash.js';

/** A cluster config with SPEC defaults; override any field. */
export function cluster(name: string, hosts: Array<{ address?: string; port: number; weight?: number }>, over: Partial<Cluster> = {}): Cluster {
  return {
    name,
    service: name.split('_')[0]!,
    port: 1,
    protocol: 'tcp',
    transport: 'tcp',
    endpoints: { type: 'static', hosts: hosts.map((h) => ({ address: h.address ?? '127.0.0.1', port: h.port, weight: h.weight ?? 1 })) },
    loadBalancer: { policy: 'round-robin' },
    affinity: { type: 'none', ttlMs: 0 },
    healthCheck: { type: 'none' },
    outlierDetection: { enabled: false, consecutiveFailures: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 },
    connection: { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 1024, connectAttempts: 1 },
    ...over,
  };
}

/** A listener config; override any field. */
export function listener(clusterName: string, port: number, over: Partial<Listener> = {}): Listener {
  const transport = over.transport ?? 'tcp';
  const address = over.address ?? '127.0.0.1';
  return {
    name: `outbound_${address}_${port}_${transport}`,
    direction: 'outbound',
    protocol: transport === 'udp' ? 'udp' : 'tcp',
    transport,
    address,
    port,
    cluster: clusterName,
    detectionTimeoutMs: 0,
    sniRoutes: [],
    ...over,
  };
}

/** A complete plan with its hash filled in. */
export function plan(listeners: Listener[], clusters: Cluster[], over: Partial<Plan> = {}): Plan {
  const p: Plan = {
    apiVersion: 'meshc.dev/v1alpha1',
    kind: 'Plan',
    name: 'test',
    hash: '',
    admin: { address: '127.0.0.1', port: 15000 },
    listeners: [...listeners].sort((a, b) => a.name.localeCompare(b.name)),
    clusters: [...clusters].sort((a, b) => a.name.localeCompare(b.name)),
    interception: { mode: 'none' },
    ...over,
  };
  p.hash = planHash(p);
  return p;
}

/** Write a plan as the compiler would (pretty JSON + newline). */
export async function writePlan(file: string, p: Plan): Promise<void> {
  await writeFile(file, JSON.stringify(p, null, 2) + '\n');
}
