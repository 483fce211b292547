/**
 * What inject adds to a pod template (SPEC section 5), as plain data. Only the sidecar's identity
 * shapes it (name, proxy uid/gid, whether interception is on): routing content reaches running
 * pods through the ConfigMap and hot reload, never through a rollout.
 */

/** The parts of a plan that shape the pod template. */
export interface SidecarIdentity {
  name: string;
  interception: boolean;
  proxyUid: number;
  proxyGid: number;
  /** Sidecar.spec.tls file paths (certificate, privateKey, trustedCA), when it has an identity. */
  tlsFiles?: string[];
}

/** Where the workload's certificate volume comes from (annotation meshc.dev/tls-secret or tls-csi). */
export type TlsSource = { kind: 'secret'; secretName: string } | { kind: 'csi' };

/** Command-line choices that shape the additions. */
export interface AdditionOptions {
  image: string;
  /** `--classic-sidecar`: the proxy first in `containers` instead of a native sidecar. */
  classic: boolean;
}

export const PROXY_NAME = 'meshc-proxy';
export const INIT_NAME = 'meshc-init';
export const VOLUME_NAME = 'meshc-plan';
export const MOUNT_PATH = '/etc/meshc';
export const HEALTH_PORT = 15021;
export const HEALTH_PORT_NAME = 'meshc-health';
export const TLS_VOLUME_NAME = 'meshc-tls';
/**
 * Where the certificate volume is mounted: beside, never inside, the plan's ConfigMap mount at
 * /etc/meshc (a mount nested in an atomic-writer volume is fragile: the runtime must create the
 * mount point inside a read-only volume, and remounts fail; kubernetes/kubernetes#44214, #121294).
 */
export const TLS_MOUNT_PATH = '/var/run/meshc/tls';
/** cert-manager csi-driver-spiffe: writes tls.crt, tls.key and ca.crt into the volume and renews them. */
export const CSI_SPIFFE_DRIVER = 'spiffe.csi.cert-manager.io';

/** The certificate volume: a Secret (e.g. cert-manager's kubernetes.io/tls) or a csi-driver-spiffe volume. */
export function tlsVolume(src: TlsSource, id: SidecarIdentity): Record<string, unknown> {
  if (src.kind === 'secret') return { name: TLS_VOLUME_NAME, secret: { secretName: src.secretName } };
  // The driver writes the key readable by this group only: the proxy's (it runs as non-root).
  return { name: TLS_VOLUME_NAME, csi: { driver: CSI_SPIFFE_DRIVER, readOnly: true, volumeAttributes: { 'spiffe.csi.cert-manager.io/fs-group': String(id.proxyGid) } } };
}

/**
 * meshc-init's script. The ConfigMap carries `ip6tables.rules` only when some IPv6 listener
 * captures, so the file's presence decides at pod start; the template stays independent of it.
 */
export const INIT_SCRIPT =
  `set -e; iptables-restore ${MOUNT_PATH}/iptables.rules; ` +
  `if [ -f ${MOUNT_PATH}/ip6tables.rules ]; then ip6tables-restore ${MOUNT_PATH}/ip6tables.rules; fi`;

/** The plan volume: the whole ConfigMap as a directory, so the kubelet's updates reach it. */
export function planVolume(id: SidecarIdentity): Record<string, unknown> {
  return { name: VOLUME_NAME, configMap: { name: `meshc-${id.name}-plan` } };
}

const planMount = () => [{ name: VOLUME_NAME, mountPath: MOUNT_PATH, readOnly: true }];

/** The meshc-proxy container (a native sidecar unless `classic`). */
export function proxyContainer(id: SidecarIdentity, o: AdditionOptions, tls?: TlsSource): Record<string, unknown> {
  const args = ['run', '--plan', `${MOUNT_PATH}/plan.json`, '--health', `0.0.0.0:${HEALTH_PORT}`];
  if (id.interception) args.push('--transparent');
  const ready = { httpGet: { path: '/ready', port: HEALTH_PORT } };
  return {
    name: PROXY_NAME,
    image: o.image,
    ...(o.classic ? {} : { restartPolicy: 'Always' }),
    args,
    ports: [{ name: HEALTH_PORT_NAME, containerPort: HEALTH_PORT, protocol: 'TCP' }],
    // Startup: polled every second for up to 10 minutes (the plan ConfigMap may arrive late);
    // the next init container and the app start only once /ready answers 200.
    startupProbe: { ...ready, periodSeconds: 1, timeoutSeconds: 3, failureThreshold: 600 },
    readinessProbe: { ...ready, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
    resources: { requests: { cpu: '10m', memory: '64Mi' } },
    securityContext: {
      runAsUser: id.proxyUid,
      runAsGroup: id.proxyGid,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: tls ? [...planMount(), { name: TLS_VOLUME_NAME, mountPath: TLS_MOUNT_PATH, readOnly: true }] : planMount(),
  };
}

/** The meshc-init container: applies the interception rules once, as root with NET_ADMIN/NET_RAW. */
export function initContainer(o: AdditionOptions): Record<string, unknown> {
  return {
    name: INIT_NAME,
    image: o.image,
    command: ['sh', '-c', INIT_SCRIPT],
    resources: { requests: { cpu: '10m', memory: '16Mi' } },
    securityContext: {
      runAsUser: 0,
      runAsGroup: 0,
      runAsNonRoot: false,
      allowPrivilegeEscalation: false,
      // iptables takes its lock file under /run
      readOnlyRootFilesystem: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
    },
    volumeMounts: planMount(),
  };
}
