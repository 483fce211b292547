/**
 * How big a ConfigMap is, measured the way the Kubernetes API server and `kubectl apply` see it,
 * and deterministic gzip for plans that do not fit as text.
 *
 * The API server rejects a ConfigMap whose data exceeds 1 MiB (validation sums the values of
 * `data` and the decoded bytes of `binaryData`); etcd then stores the whole object, bounded by its
 * request limit (1.5 MiB by default). meshc counts conservatively: keys and values of `data` and
 * `binaryData` (decoded bytes, as the server does) PLUS everything else in the object serialized
 * as JSON (apiVersion, kind, metadata). A ConfigMap that passes this count passes both checks.
 */
import { gzipSync, constants } from 'node:zlib';

/** Kubernetes' ConfigMap data limit (core.MaxSecretSize): 1 MiB. */
export const CONFIGMAP_LIMIT = 1_048_576;

/**
 * Client-side `kubectl apply` stores the whole object as JSON in the annotation
 * kubectl.kubernetes.io/last-applied-configuration, and the API server caps all annotations of
 * an object at 256 KiB (TotalAnnotationSizeLimitB).
 */
export const CLIENT_APPLY_LIMIT = 262_144;

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** A ConfigMap as meshc builds it: `binaryData` holds raw bytes (base64 only when rendered). */
export interface ConfigMapObject {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  binaryData?: Record<string, Buffer>;
}

/** Bytes counted against CONFIGMAP_LIMIT (see the file comment for what is counted). */
export function configMapSize(cm: ConfigMapObject): number {
  const { data, binaryData, ...rest } = cm;
  let size = Buffer.byteLength(JSON.stringify(rest));
  for (const [k, v] of Object.entries(data ?? {})) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  for (const [k, v] of Object.entries(binaryData ?? {})) size += Buffer.byteLength(k) + v.length;
  return size;
}

/** The object as it goes over the wire (JSON): `binaryData` base64-encoded. */
export function toWire(cm: ConfigMapObject): Record<string, unknown> {
  const { binaryData, ...rest } = cm;
  if (binaryData === undefined) return { ...rest };
  return { ...rest, binaryData: Object.fromEntries(Object.entries(binaryData).map(([k, v]) => [k, v.toString('base64')])) };
}

/**
 * Bytes of annotations the object would carry after a client-side `kubectl apply`: its own
 * annotations plus last-applied-configuration, whose value is the object as compact JSON. Go's
 * encoding/json escapes <, >, & and U+2028/U+2029 as \uXXXX, which JSON.stringify does not, so
 * those are counted at their escaped length.
 */
export function clientApplyAnnotationSize(cm: ConfigMapObject): number {
  const json = JSON.stringify(toWire(cm));
  let size = Buffer.byteLength(json) + LAST_APPLIED_ANNOTATION.length;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x26) size += 5; // 1 byte -> 6
    else if (c === 0x2028 || c === 0x2029) size += 3; // 3 bytes -> 6
  }
  for (const [k, v] of Object.entries(cm.metadata.annotations ?? {})) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  return size;
}

/**
 * gzip whose bytes depend only on the input: header mtime 0 (zlib's default), no file name,
 * level 9, and the OS byte set to 255 ("unknown", RFC 1952) instead of the platform zlib was
 * built for. The deflate stream itself is zlib's and stable for a given zlib version.
 */
export function gzipDeterministic(text: string): Buffer {
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY });
  gz.writeUInt32LE(0, 4); // MTIME
  gz[9] = 0xff; // OS
  return gz;
}
