import type * as TlsModule from 'node:tls';

let mod: typeof TlsModule | null = null;

/**
 * node:tls, loaded on first use. A static import would load Node's TLS stack (about 15 ms and
 * 3.4 MiB RSS on the footprint machine) in every sidecar, also in the many that never use mTLS.
 */
export function nodeTls(): typeof TlsModule {
  return (mod ??= process.getBuiltinModule('node:tls'));
}

/** Whether `s` is a TLS socket; false without loading node:tls when nothing has used it yet. */
export function isTlsSocket(s: object): s is TlsModule.TLSSocket {
  return mod !== null && s instanceof mod.TLSSocket;
}
