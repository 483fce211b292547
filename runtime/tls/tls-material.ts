import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';
import { nodeTls } from './node-tls.js';
import type { WorkloadTls as WorkloadTlsConfig } from '../../schemas/types/plan.gen.js';
import { MeshcError } from '../errors.js';
import { identityOf } from './identity.js';

/** A loaded, checked certificate set: what every handshake of one generation uses. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca: Buffer;
  /** The leaf's identity (URI SAN, else first DNS SAN; '' when it has neither). */
  identity: string;
  /** The leaf's serial number (hex) and notAfter (epoch seconds). */
  serial: string;
  notAfter: number;
  /** One client context for every upstream handshake of this generation. */
  clientContext: SecureContext;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new MeshcError('E_TLS_FILE', `${file}: cannot read the ${what}: ${e.code ?? e.message}`, { cause: err });
  }
}

function certificates(file: string, pem: Buffer, what: string): X509Certificate[] {
  const blocks = pem.toString('latin1').match(PEM_CERT) ?? [];
  if (blocks.length === 0) throw new MeshcError('E_TLS_PEM', `${file}: the ${what} holds no PEM CERTIFICATE block`);
  return blocks.map((b, i) => {
    try {
      return new X509Certificate(b);
    } catch (err) {
      throw new MeshcError('E_TLS_PEM', `${file}: certificate ${i + 1} of the ${what} does not parse: ${(err as Error).message}`, { cause: err });
    }
  });
}

/**
 * Read and check the sidecar's certificate chain, private key and trusted CA bundle. Every
 * problem is a MeshcError naming the file: unreadable (E_TLS_FILE), not PEM or not parseable
 * (E_TLS_PEM), a key that does not belong to the leaf (E_TLS_KEY_MISMATCH), or a set OpenSSL
 * refuses (E_TLS_CONTEXT). Synchronous: it runs at start, and at rotation once per change.
 */
export function loadTlsMaterial(paths: WorkloadTlsConfig): TlsMaterial {
  const cert = readPem(paths.certificate, 'certificate');
  const key = readPem(paths.privateKey, 'private key');
  const ca = readPem(paths.trustedCA, 'trusted CA bundle');
  const leaf = certificates(paths.certificate, cert, 'certificate')[0]!;
  certificates(paths.trustedCA, ca, 'trusted CA bundle');
  let keyObj: KeyObject;
  try {
    keyObj = createPrivateKey(key);
  } catch (err) {
    throw new MeshcError('E_TLS_PEM', `${paths.privateKey}: the private key does not parse: ${(err as Error).message}`, { cause: err });
  }
  if (!leaf.checkPrivateKey(keyObj)) {
    throw new MeshcError('E_TLS_KEY_MISMATCH', `${paths.privateKey}: the private key does not match the certificate in ${paths.certificate}`);
  }
  let clientContext: SecureContext;
  try {
    clientContext = nodeTls().createSecureContext({ cert, key, ca });
  } catch (err) {
    throw new MeshcError('E_TLS_CONTEXT', `${paths.certificate}: OpenSSL refuses the certificate set: ${(err as Error).message}`, { cause: err });
  }
  return {
    cert,
    key,
    ca,
    identity: identityOf(leaf) ?? '',
    serial: leaf.serialNumber,
    notAfter: Math.floor(Date.parse(leaf.validTo) / 1000),
    clientContext,
  };
}
