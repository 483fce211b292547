import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../main.js';
import { flag, parseArgs, UsageError } from '../args.js';
import { compile } from '../../compiler/index.js';
import { hasErrors, type Diagnostic } from '../../compiler/diagnostics.js';
import { emitPlan } from '../../compiler/emit/plan.js';
import { DEFAULT_ENVOY_DIR, envoyDirProblem } from '../../compiler/emit/envoy-dir.js';
import { emitIptables } from '../../compiler/emit/iptables.js';
import { emitIp6tables } from '../../compiler/emit/ip6tables.js';
import { parseFormat, printDiagnostics } from './validate.js';

const TARGETS = ['runtime', 'envoy', 'iptables', 'configmap'] as const;
type Target = (typeof TARGETS)[number];

const usage = `Usage: meshc compile PATH... --out DIR [--target LIST] [--namespace NS] [--format text|json|github]

Validate the policy, then write per sidecar (one plan per Sidecar document, or 'default'):
  runtime    DIR/<sidecar>/plan.json        the plan 'meshc run --plan' executes
  envoy      DIR/<sidecar>/envoy.yaml       Envoy v3 bootstrap, reading listeners/clusters from
             DIR/<sidecar>/lds.yaml, cds.yaml (reloaded live when mounted from a ConfigMap);
             with configmap also DIR/<sidecar>/envoy-configmap.yaml (ConfigMap meshc-<sidecar>-envoy)
  iptables   DIR/<sidecar>/iptables.rules   iptables-restore rules (only where interception is on)
             DIR/<sidecar>/ip6tables.rules  ip6tables-restore rules (only where IPv6 listeners capture)
  configmap  DIR/<sidecar>/configmap.yaml   Kubernetes ConfigMap meshc-<sidecar>-plan: plan.json (gzip under
                                            binaryData when it does not fit in 1 MiB as text), iptables rules
             DIR/kustomization.yaml         lists every manifest written: kubectl apply --server-side -k DIR

Options:
  --out DIR        output directory (required)
  --target LIST    comma-separated targets (default runtime,envoy)
  --namespace NS   metadata.namespace of the configmap target
  --envoy-dir DIR  absolute directory the Envoy files are mounted at (default /etc/meshc/envoy)
  --format FMT     diagnostics as text (default, stderr), json or github (stdout)
  -h, --help       show this help

Output is byte-identical for the same policy whatever the order of files, documents or keys.
Files are written atomically; nothing is written when the policy has errors.
Exit codes: 0 ok, 1 invalid policy (or a ConfigMap too large: E_CONFIGMAP_TOO_LARGE), 2 usage error
or unsupported target.
`;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseTargets(value: string | undefined): Target[] {
  const list = (value ?? 'runtime,envoy').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--target needs at least one target');
  for (const t of list)
    if (!(TARGETS as readonly string[]).includes(t)) throw new UsageError(`unknown target '${t}' (expected ${TARGETS.join(', ')})`);
  return TARGETS.filter((t) => list.includes(t)); // fixed order, no duplicates
}

/** An emitter that still throws "not implemented" is a missing feature, not a bug. */
class UnsupportedTarget extends Error {}

function runEmitter<T>(target: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (/not (yet )?implemented|not yet supported/i.test(String((err as Error)?.message))) throw new UnsupportedTarget(target);
    throw err;
  }
}

/** Write via a temp file in the same directory + rename, so readers never see a partial file. */
async function writeAtomic(file: string, data: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** `meshc compile PATH... --out DIR`. */
export const command: Command = {
  name: 'compile',
  summary: 'validate, then write per-sidecar plan.json / envoy.yaml / iptables.rules',
  usage,
  async run(argv) {
    const a = parseArgs(argv, {
      '--help': { value: false },
      '--out': { value: true },
      '--target': { value: true },
      '--namespace': { value: true },
      '--format': { value: true },
      '--envoy-dir': { value: true },
    });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    const format = parseFormat(flag(a, '--format'));
    const out = flag(a, '--out');
    if (!out) throw new UsageError('--out DIR is required');
    const targets = parseTargets(flag(a, '--target'));
    const namespace = flag(a, '--namespace');
    if (namespace !== undefined && !DNS_LABEL.test(namespace)) throw new UsageError(`--namespace '${namespace}' is not a DNS-1123 label`);
    const envoyDir = flag(a, '--envoy-dir') ?? DEFAULT_ENVOY_DIR;
    const envoyDirBad = envoyDirProblem(envoyDir);
    if (envoyDirBad) throw new UsageError(`--envoy-dir '${envoyDir}' ${envoyDirBad}`);
    if (a.positionals.length === 0) throw new UsageError('no PATH given');

    const r = await compile(a.positionals);
    if (hasErrors(r.diagnostics)) {
      printDiagnostics(r.diagnostics, format, { summary: r.summary, files: [] });
      return 1;
    }
    // the Envoy and Kubernetes emitters (and the `yaml` package they write with) load only for
    // their targets: ~70 modules and ~0.1 s of every `--target runtime` start-up otherwise
    const { emitEnvoyFiles } = targets.includes('envoy') ? await import('../../compiler/emit/envoy.js') : { emitEnvoyFiles: null };
    const envoyCm = targets.includes('envoy') && targets.includes('configmap') ? await import('../../compiler/emit/kubernetes/envoy-configmap.js') : null;
    const { emitPlanConfigMap } = targets.includes('configmap') ? await import('../../compiler/emit/kubernetes/plan-configmap.js') : { emitPlanConfigMap: null };

    // Render everything first: an unsupported target must not leave half the outputs written.
    const files: Array<{ file: string; data: string }> = [];
    // Kubernetes manifests among `files`, listed in DIR/kustomization.yaml; every target that
    // writes a manifest appends its path here.
    const manifests: string[] = [];
    const diagnostics: Diagnostic[] = [...r.diagnostics];
    try {
      for (const plan of r.plans) {
        const dir = path.join(out, plan.name);
        for (const t of targets) {
          if (t === 'runtime') files.push({ file: path.join(dir, 'plan.json'), data: emitPlan(plan) });
          else if (t === 'envoy') {
            const envoyFiles = runEmitter(t, () => emitEnvoyFiles!(plan, { dir: envoyDir }));
            for (const f of envoyFiles) files.push({ file: path.join(dir, f.name), data: f.content });
            if (envoyCm) {
              const file = path.join(dir, envoyCm.ENVOY_CONFIGMAP_FILE);
              const cm = envoyCm.emitEnvoyConfigMap(plan, envoyFiles, { dir: envoyDir, ...(namespace ? { namespace } : {}) });
              for (const p of cm.problems) diagnostics.push({ ...p, file, line: 1, col: 1 });
              if (cm.content !== null) {
                files.push({ file, data: cm.content });
                manifests.push(file);
              }
            }
          } else if (t === 'iptables') {
            const rules = runEmitter(t, () => emitIptables(plan));
            if (rules !== null) files.push({ file: path.join(dir, 'iptables.rules'), data: rules });
            const rules6 = runEmitter(t, () => emitIp6tables(plan));
            if (rules6 !== null) files.push({ file: path.join(dir, 'ip6tables.rules'), data: rules6 });
          } else {
            const cm = runEmitter(t, () => emitPlanConfigMap!(plan, namespace ? { namespace } : {}));
            const at = cm.problems.length > 0 ? r.origin(plan.name) : undefined;
            for (const p of cm.problems) diagnostics.push({ ...p, ...at! });
            if (cm.manifest !== null) {
              files.push({ file: path.join(dir, 'configmap.yaml'), data: cm.manifest });
              manifests.push(path.join(dir, 'configmap.yaml'));
            }
          }
        }
      }
      if (manifests.length > 0) {
        const { emitKustomization } = await import('../../compiler/emit/kubernetes/kustomization.js');
        files.push({ file: path.join(out, 'kustomization.yaml'), data: emitKustomization(out, manifests) });
      }
    } catch (err) {
      if (err instanceof UnsupportedTarget) {
        printDiagnostics(diagnostics, format, { summary: r.summary, files: [] });
        process.stderr.write(`meshc compile: target ${err.message} not yet supported\n`);
        return 2;
      }
      throw err;
    }
    if (hasErrors(diagnostics)) {
      printDiagnostics(diagnostics, format, { summary: r.summary, files: [] });
      return 1;
    }
    for (const f of files) {
      await mkdir(path.dirname(f.file), { recursive: true });
      await writeAtomic(f.file, f.data);
    }
    printDiagnostics(diagnostics, format, { summary: r.summary, files: files.map((f) => f.file) });
    if (format === 'text') process.stdout.write(files.map((f) => `wrote ${f.file}\n`).join(''));
    return 0;
  },
};
