import { readFile } from 'node:fs/promises';
import type { Command } from '../main.js';
import { flag, parseArgs, UsageError } from '../args.js';
import { compile } from '../../compiler/index.js';
import { formatText, hasErrors } from '../../compiler/diagnostics.js';
import { injectFiles, readManifests, type SidecarIdentity } from '../../compiler/inject/index.js';
import { printDiagnostics } from './validate.js';

const usage = `Usage: meshc inject --policy PATH [--policy PATH]... [--sidecar NAME] [--image IMAGE] [--classic-sidecar] MANIFEST... | -

Add the meshc sidecar to Kubernetes workloads, offline and deterministically:
  meshc inject --policy policy/ deploy/ > injected.yaml

MANIFEST is a YAML file, a directory (read recursively: *.yaml, *.yml, sorted by path) or -
(stdin). Every document is written to stdout in input order, separated by ---. Workloads (Pod,
Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, also inside
kind: List) get the proxy; everything else, and workloads annotated meshc.dev/inject: "false",
comes out byte for byte. Injected documents keep their comments, key order and formatting.
Injecting again replaces the earlier additions (same input and options: same bytes).

Options:
  --policy PATH       policy file or directory (required, repeatable)
  --sidecar NAME      the Sidecar for every workload (default: the meshc.dev/sidecar annotation
                      on the workload or its pod template; 'default' when the policy has no Sidecar)
  --image IMAGE       the meshc image (default meshc:<version>)
  --classic-sidecar   put meshc-proxy first in containers instead of a native sidecar
                      (an init container with restartPolicy: Always; Kubernetes 1.29+)
  -h, --help          show this help

Errors (FILE:LINE:COL: error: MESSAGE [CODE]) and a summary go to stderr; on any error
nothing is written to stdout.
Exit codes: 0 ok, 1 invalid policy or manifest, 2 usage error.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** `meshc inject`. */
export const command: Command = {
  name: 'inject',
  summary: 'add the meshc sidecar to Kubernetes manifests (offline, comments and order kept)',
  usage,
  async run(argv) {
    const a = parseArgs(argv, {
      '--help': { value: false },
      '--policy': { value: true, repeat: true },
      '--sidecar': { value: true },
      '--image': { value: true },
      '--classic-sidecar': { value: false },
    });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    const policy = a.flags.get('--policy') ?? [];
    if (policy.length === 0) throw new UsageError('--policy is required');
    if (policy.some((p) => p === '')) throw new UsageError('--policy needs a path');
    if (a.positionals.length === 0) throw new UsageError('no MANIFEST given (a file, a directory or - for stdin)');
    if (a.positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) given more than once');
    const sidecarFlag = flag(a, '--sidecar');
    if (sidecarFlag === '') throw new UsageError('--sidecar needs a name');
    const image = flag(a, '--image');
    if (image === '') throw new UsageError('--image needs a value');
    const version = await packageVersion();

    const r = await compile(policy);
    if (hasErrors(r.diagnostics)) {
      printDiagnostics(r.diagnostics, 'text');
      return 1;
    }
    if (r.diagnostics.length) printDiagnostics(r.diagnostics, 'text'); // warnings
    const plans = new Map<string, SidecarIdentity>();
    for (const p of r.plans) {
      const ic = p.interception;
      const id: SidecarIdentity = { name: p.name, interception: ic.mode === 'iptables', proxyUid: ic.proxyUid ?? 1337, proxyGid: ic.proxyGid ?? 1337 };
      if (p.tls) id.tlsFiles = [p.tls.certificate, p.tls.privateKey, p.tls.trustedCA];
      plans.set(p.name, id);
    }
    if (sidecarFlag !== undefined && !plans.has(sidecarFlag)) {
      process.stderr.write(`meshc inject: error: --sidecar ${sidecarFlag}: the policy defines no such sidecar (it defines: ${[...plans.keys()].join(', ')}) [E_INJECT_UNKNOWN_SIDECAR]\n`);
      return 1;
    }

    const input = await readManifests(a.positionals, readStdin);
    if (input.diagnostics.length) {
      process.stderr.write(formatText(input.diagnostics));
      return 1;
    }
    const result = injectFiles(input.files, {
      plans,
      flag: sidecarFlag,
      implicitDefault: r.summary.sidecars === 0,
      image: image ?? `meshc:${version}`,
      classic: a.flags.has('--classic-sidecar'),
      version,
    });
    if (result.diagnostics.length) process.stderr.write(formatText(result.diagnostics));
    if (hasErrors(result.diagnostics)) return 1;
    process.stdout.write(result.output);
    process.stderr.write(summary(result.entries));
    return 0;
  },
};

function summary(entries: ReturnType<typeof injectFiles>['entries']): string {
  const lines = entries.map((e) => `${e.label} ${e.action} (${e.detail})\n`);
  const n = (action: string) => entries.filter((e) => e.action === action).length;
  const injected = n('injected');
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  lines.push(`meshc inject: ${plural(injected, 'workload')} injected, ${n('skipped')} skipped, ${plural(n('unchanged'), 'other document')} unchanged\n`);
  return lines.join('');
}
