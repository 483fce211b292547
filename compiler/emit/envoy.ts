/**
 * Plan -> the Envoy v3 files of `meshc compile --target envoy`: a bootstrap (envoy.yaml) whose
 * listeners and clusters come from two files beside it, lds.yaml and cds.yaml, as Envoy's
 * filesystem-based dynamic resources (`path_config_source`).
 *
 * Why files and not one static bootstrap: Envoy never reloads its bootstrap, but it re-reads a
 * `path_config_source` when the watched directory sees a move. Mounted from a ConfigMap (all three
 * files in one volume at `dir`, default /etc/meshc/envoy), the kubelet's atomic `..data` symlink
 * swap is such a move, so a changed policy is applied live. Without `watched_directory` Envoy
 * would watch `<dir>/lds.yaml` itself for moves, and the kubelet never moves that symlink: the
 * update would be missed (envoyproxy/envoy#3928, fixed by `watched_directory` in 1.22).
 *
 * Every object is built in a fixed key order from a plan whose listeners/clusters are already
 * sorted, so the same plan always gives the same bytes. YAML comments mark every place where
 * Envoy behaves differently from `meshc run` (docs/envoy.md has the full mapping).
 */
import path from 'node:path';
import type { Cluster, Plan } from '../../schemas/types/plan.gen.js';
import { envoyCluster } from './envoy-cluster.js';
import { Notes, socketAddress, type Json, type JsonObject, type Note } from './envoy-common.js';
import { envoyListener } from './envoy-listener.js';
import { SDS_FILES, secretNotes, secrets, usesTls } from './envoy-tls.js';
import { renderEnvoyYaml } from './envoy-yaml.js';
import { yamlLib } from '../yaml-lib.js';
import { DEFAULT_ENVOY_DIR, envoyDirProblem } from './envoy-dir.js';

/** Where the Envoy files are mounted in the Envoy container (`--envoy-dir`), and its checks. */
export { DEFAULT_ENVOY_DIR, envoyDirProblem };

/** File names inside the Envoy directory (also the ConfigMap's data keys). */
export const ENVOY_FILES = { bootstrap: 'envoy.yaml', lds: 'lds.yaml', cds: 'cds.yaml' } as const;

/** xDS resource type URLs of the two DiscoveryResponse files. */
export const TYPE_URL = {
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  secret: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
} as const;

/** Options of the Envoy target. */
export interface EnvoyOptions {
  /** Absolute directory the files are mounted at (default DEFAULT_ENVOY_DIR). */
  dir?: string;
}

/** One emitted file: its name inside the Envoy directory and its bytes. */
export interface EnvoyFile {
  name: string;
  content: string;
}

function envoyDir(opts: EnvoyOptions): string {
  const dir = opts.dir ?? DEFAULT_ENVOY_DIR;
  const problem = envoyDirProblem(dir);
  if (problem) throw new Error(`envoy emitter: dir '${dir}' ${problem}`);
  return dir;
}

/** A `ConfigSource` reading `file` in `dir`, reloaded on every move into `dir` (the `..data` swap). */
function pathSource(dir: string, file: string): JsonObject {
  return {
    path_config_source: { path: path.posix.join(dir, file), watched_directory: { path: dir } },
    resource_api_version: 'V3',
  };
}

/** The bootstrap: node, admin, and LDS/CDS from the files beside it. */
export function envoyBootstrap(plan: Plan, opts: EnvoyOptions = {}): JsonObject {
  const dir = envoyDir(opts);
  const node: JsonObject = { id: plan.name, cluster: plan.name };
  // Sidecar.spec.zone; Envoy uses it for zone stats (failover itself is in the CDS priorities).
  if (plan.zone !== undefined) node.locality = { zone: plan.zone };
  return {
    node,
    admin: { address: socketAddress(plan.admin.address, plan.admin.port) },
    dynamic_resources: { lds_config: pathSource(dir, ENVOY_FILES.lds), cds_config: pathSource(dir, ENVOY_FILES.cds) },
  };
}

/** Listener and cluster resources, plus the comments for them (paths as in a static bootstrap). */
export function envoyResources(plan: Plan, dir: string = DEFAULT_ENVOY_DIR): { listeners: JsonObject[]; clusters: JsonObject[]; notes: Notes } {
  const notes = new Notes();
  const byName = new Map<string, Cluster>(plan.clusters.map((c) => [c.name, c]));
  return {
    listeners: plan.listeners.map((l, i) => envoyListener(l, i, byName, notes, dir)),
    clusters: plan.clusters.map((c, i) => envoyCluster(c, i, notes, dir, plan.zone)),
    notes,
  };
}

/**
 * The builders address their comments as in a static bootstrap (`static_resources.listeners[i]`);
 * in a DiscoveryResponse the same object is `resources[i]`. Notes for the other kind are dropped.
 */
function notesFor(notes: Notes, kind: 'listeners' | 'clusters'): Note[] {
  return notes.list
    .filter((n) => n.path[0] === 'static_resources' && n.path[1] === kind)
    .map((n) => ({ ...n, path: ['resources', ...n.path.slice(2)] }));
}

/** `DiscoveryResponse` of `resources`, each typed by `typeUrl`; version_info is the plan hash. */
function discoveryResponse(plan: Plan, typeUrl: string, resources: JsonObject[]): JsonObject {
  return {
    version_info: plan.hash,
    type_url: typeUrl,
    resources: resources.map((r): Json => ({ '@type': typeUrl, ...r })),
  };
}

/** Render `value` as YAML with a header and the comments of `notes` attached to their keys. */
function render(value: JsonObject, header: string[], notes: Note[]): string {
  // the specialised writer covers what the builders make; the yaml package (loaded on first use)
  // writes anything else, with the same bytes (compiler/emit/envoy-yaml.ts)
  return renderEnvoyYaml(value, header, notes) ?? renderWithLibrary(value, header, notes);
}

/** `render` with the `yaml` package's Document model. */
export function renderWithLibrary(value: JsonObject, header: string[], notes: Note[]): string {
  const { Document, isMap, isScalar } = yamlLib();
  const doc = new Document(value);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  for (const note of notes) {
    const map = doc.getIn(note.path, true);
    if (!isMap(map)) throw new Error(`envoy emitter: no map at ${note.path.join('.')}`);
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === note.key);
    if (!pair || !isScalar(pair.key)) throw new Error(`envoy emitter: no key ${note.key} at ${note.path.join('.')}`);
    pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${note.text}` : note.text;
  }
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/** Plan -> every Envoy file (bootstrap, LDS, CDS), sorted by name; deterministic bytes. */
export function emitEnvoyFiles(plan: Plan, opts: EnvoyOptions = {}): EnvoyFile[] {
  const dir = envoyDir(opts);
  const { listeners, clusters, notes } = envoyResources(plan, dir);
  const generated = `Generated by meshc from plan ${plan.name}; do not edit, re-run \`meshc compile --target envoy\`.`;
  const hash = `plan hash: ${plan.hash}`;
  const files: EnvoyFile[] = [
    {
      name: ENVOY_FILES.bootstrap,
      content: render(
        envoyBootstrap(plan, { dir }),
        [
          generated,
          hash,
          `Envoy v3 bootstrap: envoy -c ${path.posix.join(dir, ENVOY_FILES.bootstrap)}`,
          `Listeners and clusters are read from ${ENVOY_FILES.lds} and ${ENVOY_FILES.cds} in ${dir} and re-read whenever`,
          `an entry is moved into ${dir} (the kubelet's ..data swap when the ConfigMap changes).`,
          `This file itself is read once: node and admin changes need an Envoy restart.`,
        ],
        [],
      ),
    },
    {
      name: ENVOY_FILES.lds,
      content: render(
        discoveryResponse(plan, TYPE_URL.listener, listeners),
        [generated, hash, `Envoy LDS (listeners) as a DiscoveryResponse, read by ${ENVOY_FILES.bootstrap} dynamic_resources.lds_config.`],
        notesFor(notes, 'listeners'),
      ),
    },
    {
      name: ENVOY_FILES.cds,
      content: render(
        discoveryResponse(plan, TYPE_URL.cluster, clusters),
        [generated, hash, `Envoy CDS (clusters, endpoints inline) as a DiscoveryResponse, read by ${ENVOY_FILES.bootstrap} dynamic_resources.cds_config.`],
        notesFor(notes, 'clusters'),
      ),
    },
  ];
  if (usesTls(plan)) files.push(...sdsFiles(plan, generated, hash));
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The file-based SDS secrets of the plan's identity (read by the TLS contexts of lds.yaml and
 * cds.yaml); each secret watches its own directory, so a rotated certificate is used by new
 * handshakes without a restart.
 */
function sdsFiles(plan: Plan, generated: string, hash: string): EnvoyFile[] {
  const s = secrets(plan);
  const header = (what: string, watched: string) => [
    generated,
    hash,
    `Envoy SDS secret (${what}) as a DiscoveryResponse, read by the TLS contexts in ${ENVOY_FILES.lds}/${ENVOY_FILES.cds}.`,
    `Envoy re-reads the files it names whenever an entry is moved into ${watched} (a rotated Secret or CSI volume).`,
  ];
  const certDir = path.posix.dirname(plan.tls!.certificate);
  return [
    {
      name: SDS_FILES.certificate,
      content: render(discoveryResponse(plan, TYPE_URL.secret, [s.certificate]), [...header('workload certificate and key', certDir), ...secretNotes(plan).map((l) => l.trim())], []),
    },
    {
      name: SDS_FILES.trustedCa,
      content: render(discoveryResponse(plan, TYPE_URL.secret, [s.trustedCa]), header('trusted CA bundle', path.posix.dirname(plan.tls!.trustedCA)), []),
    },
  ];
}

/** Plan -> the bootstrap envoy.yaml alone (its LDS/CDS files come from emitEnvoyFiles). */
export function emitEnvoy(plan: Plan, opts: EnvoyOptions = {}): string {
  return emitEnvoyFiles(plan, opts).find((f) => f.name === ENVOY_FILES.bootstrap)!.content;
}
