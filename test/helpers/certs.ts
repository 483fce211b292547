import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** PEM files of one certificate made by `openssl` (paths and contents). */
export interface CertFiles {
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
  /** Serial number as Node's X509Certificate reports it (upper-case hex). */
  serial: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A self-signed CA (EC P-256) in `dir/<name>.{crt,key}`. */
export function makeCa(dir: string, name: string): CertFiles {
  mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  return read(cert, key);
}

/**
 * A leaf signed by `ca` with the given subjectAltName entries (e.g. `URI:spiffe://td/ns/a/sa/b`,
 * `DNS:orders.shop.svc`), usable as client and server certificate, in `dir/<name>.{crt,key}`.
 */
export function makeLeaf(dir: string, name: string, ca: CertFiles, sans: string[], opts: { days?: number } = {}): CertFiles {
  mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  writeFileSync(ext, `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n${sans.length > 0 ? `subjectAltName=${sans.join(',')}\n` : ''}`);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', String(opts.days ?? 10), '-extfile', ext], dir);
  return read(cert, key);
}

function read(cert: string, key: string): CertFiles {
  const certPem = readFileSync(cert, 'utf8');
  const out = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-serial'], { encoding: 'utf8' });
  return { cert, key, certPem, keyPem: readFileSync(key, 'utf8'), serial: out.trim().replace(/^serial=/, '').toUpperCase() };
}
