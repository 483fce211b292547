/**
 * The workload's certificate volume for mutual TLS (SPEC 6), chosen by annotation on the workload
 * or its pod template (the template's wins, as for meshc.dev/sidecar):
 *   meshc.dev/tls-secret: NAME   a Secret (e.g. the kubernetes.io/tls Secret of a cert-manager Certificate)
 *   meshc.dev/tls-csi: "true"    a cert-manager csi-driver-spiffe volume (per-pod SPIFFE SVID)
 * Either is mounted read-only into meshc-proxy at TLS_MOUNT_PATH. Inject has the policy, so it
 * checks that the Sidecar's spec.tls files are in that directory: a pod whose proxy cannot find its
 * certificate would never become ready.
 */
import path from 'node:path';
import { isScalar, type Node } from 'yaml';
import { TLS_MOUNT_PATH, type SidecarIdentity, type TlsSource } from './additions.js';
import { annotation, offsetOf, Problem, type AnalyzeContext } from './analyze.js';
import { TLS_CSI_ANNOTATION, TLS_SECRET_ANNOTATION } from './status.js';
import type { ManifestObject } from './workloads.js';

/** A Secret name: a DNS-1123 subdomain. */
const SECRET_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function warn(ctx: AnalyzeContext, at: number, code: string, message: string): void {
  const pos = ctx.lc.linePos(at);
  ctx.diagnostics.push({ code, severity: 'warning', file: ctx.file, line: pos.line, col: pos.col, message });
}

/** The certificate volume the workload asks for (undefined: none), checked against the sidecar's tls files. */
export function tlsSource(ctx: AnalyzeContext, obj: ManifestObject, metadata: unknown, tmeta: unknown, id: SidecarIdentity): TlsSource | undefined {
  const secretNode: Node | undefined = annotation(tmeta, TLS_SECRET_ANNOTATION) ?? annotation(metadata, TLS_SECRET_ANNOTATION);
  const csiNode: Node | undefined = annotation(tmeta, TLS_CSI_ANNOTATION) ?? annotation(metadata, TLS_CSI_ANNOTATION);
  let src: TlsSource | undefined;
  let where: Node | undefined;
  if (csiNode !== undefined) {
    const v = isScalar(csiNode) ? csiNode.value : undefined;
    if (v === 'true' || v === true) {
      src = { kind: 'csi' };
      where = csiNode;
    } else if (v !== 'false' && v !== false) throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(csiNode), `${TLS_CSI_ANNOTATION} must be "true" or "false"`);
  }
  if (secretNode !== undefined) {
    const v = isScalar(secretNode) ? secretNode.value : undefined;
    if (typeof v !== 'string' || !SECRET_NAME.test(v))
      throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(secretNode), `${TLS_SECRET_ANNOTATION} must name a Secret (a DNS-1123 subdomain such as web-tls)`);
    if (src) throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(secretNode), `${TLS_SECRET_ANNOTATION} and ${TLS_CSI_ANNOTATION}: "true" both name the certificate volume; keep one`);
    src = { kind: 'secret', secretName: v };
    where = secretNode;
  }

  const files = id.tlsFiles ?? [];
  if (!src) {
    if (files.length > 0) {
      const metaKey = offsetOf(obj.node.items.find((p) => isScalar(p.key) && p.key.value === 'metadata')?.key ?? obj.node);
      warn(ctx, metaKey, 'W_INJECT_TLS_NOT_MOUNTED',
        `${obj.label}: sidecar ${id.name} has spec.tls (${files.join(', ')}) but the workload names no certificate volume: annotate it with ${TLS_SECRET_ANNOTATION}: NAME or ${TLS_CSI_ANNOTATION}: "true" (mounted at ${TLS_MOUNT_PATH})`);
    }
    return undefined;
  }
  if (files.length === 0) {
    warn(ctx, offsetOf(where), 'W_INJECT_TLS_UNUSED', `${obj.label}: sidecar ${id.name} has no spec.tls, so the certificate volume mounted at ${TLS_MOUNT_PATH} is not used`);
    return src;
  }
  const outside = files.filter((f) => path.posix.dirname(path.posix.normalize(f)) !== TLS_MOUNT_PATH);
  if (outside.length > 0) {
    const nested = outside.some((f) => f.startsWith('/etc/meshc/'))
      ? ' (/etc/meshc is the plan ConfigMap\'s read-only mount; a volume nested inside it is fragile)'
      : '';
    throw new Problem('E_INJECT_TLS_PATH', offsetOf(where),
      `sidecar ${id.name}'s spec.tls files must be in ${TLS_MOUNT_PATH}, where the certificate volume is mounted: ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not${nested}; e.g. certificate: ${TLS_MOUNT_PATH}/tls.crt, privateKey: ${TLS_MOUNT_PATH}/tls.key, trustedCA: ${TLS_MOUNT_PATH}/ca.crt`);
  }
  return src;
}
