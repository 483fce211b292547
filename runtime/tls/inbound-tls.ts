import type { SecureContextOptions, Server as TlsServer, TLSSocket } from 'node:tls';
import { nodeTls } from './node-tls.js';
import { constants } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { TcpConnection } from '../proxy/tcp-proxy.js';
import type { SniffResult } from '../sniff/sniffer.js';
import { Authorizer } from '../authz/authorizer.js';
import { DenialLog } from '../authz/denial-log.js';
import type { Logger } from '../logger.js';
import { TERM_DENIED, TERM_RESET } from '../access-log/record.js';
import { HS_NO_CLIENT_CERTIFICATE, HS_NOT_TLS, HS_SUCCESS, HS_TIMEOUT, HandshakeStats, handshakeResult, handshakeResultName } from './handshake-stats.js';
import { identityOf } from './identity.js';
import type { WorkloadTls } from './workload-tls.js';
import type { TlsMaterial } from './tls-material.js';
import { MeshcError } from '../errors.js';

/** How long a client may take to send its ClientHello and finish the handshake (strict, and TLS in permissive). */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** permissive on a listener without protocol detection: how long to wait for a first byte before treating the client as plaintext. */
export const PERMISSIVE_DETECTION_MS = 1000;
/** A TLS record starts with content type 22 (handshake); no plaintext protocol we proxy starts with it. */
const TLS_HANDSHAKE = 0x16;

/** What the listener does with a connection that passed TLS and authorization. */
export interface SecureOwner {
  readonly name: string;
  readonly logger: Logger;
  /** Proxy `conn` (head first); `r` is the detection result when the listener sniffed. */
  proceed(conn: TcpConnection, head: Buffer | null, r: SniffResult | null): void;
}

/**
 * A listener's inbound security (SPEC 6), decided per connection before anything is connected
 * upstream or forwarded: TLS termination (strict or permissive) and authorization.
 *
 * - strict: the first bytes must be a TLS ClientHello (else `not_tls`), the client must present a
 *   certificate that chains to trustedCA (else `no_client_certificate`, `unknown_ca`, …).
 * - permissive: a ClientHello is terminated exactly as in strict (a TLS client must be a valid
 *   mTLS client); anything else passes as plaintext, without identity.
 * - authorization runs after the handshake, on identity and client IP.
 *
 * TLS is terminated by a per-listener tls.Server that never listens: accepted sockets are
 * injected with `emit('connection')` (documented for tls.Server), so Node's own verification
 * (authorized / authorizationError) applies. The server does not reject by itself
 * (rejectUnauthorized false) so every failure can be classified and counted here, and closed
 * before the application sees a byte. Rotation swaps the server's context
 * (setSecureContext): new handshakes use the new set, live TLS sockets keep theirs.
 */
export class InboundTls {
  readonly stats = new HandshakeStats();
  readonly denials: DenialLog;
  mode: 'strict' | 'permissive' | null = null;
  authz: Authorizer | null = null;
  private server: TlsServer | null = null;
  private workload: WorkloadTls | null = null;
  private unsubscribe: (() => void) | null = null;
  private sniffMs = HANDSHAKE_TIMEOUT_MS;
  /** Connections in their handshake, by the socket's address tuple (tls.Server events carry only the TLSSocket). */
  private readonly pending = new Map<string, TcpConnection>();

  constructor(private readonly owner: SecureOwner) {
    this.denials = new DenialLog(owner.logger);
  }

  /** True when this listener decides anything per connection (tls or authorization). */
  get active(): boolean {
    return this.mode !== null || this.authz !== null;
  }

  /** Apply a plan's listener settings (at plan apply, never per connection). */
  configure(config: ListenerConfig, workload: WorkloadTls | null): void {
    this.authz = config.authorization !== undefined ? new Authorizer(config.authorization, config.workloadPort, config.name) : null;
    const mode = config.tls ?? null;
    if (mode !== null && workload === null) throw new MeshcError('E_PLAN_TLS', `listener ${config.name}: tls ${mode} needs the plan's tls identity`);
    this.mode = mode;
    this.sniffMs = mode === 'permissive' ? (config.detectionTimeoutMs > 0 ? config.detectionTimeoutMs : PERMISSIVE_DETECTION_MS) : HANDSHAKE_TIMEOUT_MS;
    if (mode === null) {
      this.close();
      this.server = null;
      return;
    }
    if (this.server !== null && this.workload === workload) return;
    this.close();
    this.workload = workload;
    this.server = this.createServer(workload!.material);
    this.unsubscribe = workload!.subscribe((m) => this.server?.setSecureContext(contextOptions(m)));
  }

  private createServer(m: TlsMaterial): TlsServer {
    const server = nodeTls().createServer({
      ...contextOptions(m),
      requestCert: true,
      rejectUnauthorized: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      // the TLS socket stays paused until the upstream is connected, as plaintext clients do
      pauseOnConnect: true,
      allowHalfOpen: true,
    });
    server.on('secureConnection', (s: TLSSocket) => this.onSecure(s));
    server.on('tlsClientError', (err: NodeJS.ErrnoException, s: TLSSocket) => this.onTlsError(err, s));
    return server;
  }

  /**
   * Stop taking rotations (listener removed, tls switched off or another identity). The server
   * object stays for handshakes already under way.
   */
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.workload = null;
  }

  /** Start the security checks for a freshly accepted (paused) connection. */
  accept(conn: TcpConnection): void {
    if (this.mode === null) {
      if (this.authorize(conn, null)) this.owner.proceed(conn, null, null);
      return;
    }
    void peekFirstByte(conn.client, this.sniffMs).then((b) => this.peeked(conn, b));
  }

  /** TLS or not, from the first byte (-1: none came before the timeout or the client's FIN). */
  private peeked(conn: TcpConnection, first: number): void {
    const raw = conn.client;
    if (raw.destroyed) return;
    if (first === TLS_HANDSHAKE) {
      this.terminate(conn, raw);
      return;
    }
    if (this.mode === 'strict') {
      const result = first < 0 && !raw.readableEnded ? HS_TIMEOUT : HS_NOT_TLS;
      this.stats.record(result);
      this.refused(conn, handshakeResultName(result), 'tls handshake failed: closing the connection');
      return;
    }
    // permissive, plaintext: no identity (the listener's own detection, if any, runs next)
    if (this.authorize(conn, null)) this.owner.proceed(conn, null, null);
  }

  private terminate(conn: TcpConnection, raw: Socket): void {
    const server = this.server;
    if (server === null) {
      // a reload switched tls off while this client's first byte was awaited
      conn.refuse(TERM_RESET);
      return;
    }
    conn.protocol = 'tls';
    const key = tupleKey(raw);
    conn.tlsKey = key;
    this.pending.set(key, conn);
    server.emit('connection', raw);
  }

  /** The connection is gone (any reason): forget a pending handshake. */
  forget(conn: TcpConnection): void {
    if (conn.tlsKey !== null && this.pending.get(conn.tlsKey) === conn) this.pending.delete(conn.tlsKey);
  }

  private onSecure(s: TLSSocket): void {
    const key = tupleKey(s);
    const conn = this.pending.get(key);
    if (conn === undefined) {
      s.destroy();
      return;
    }
    this.pending.delete(key);
    conn.tlsKey = null;
    conn.upgrade(s);
    if (!s.authorized) {
      const cert = s.getPeerX509Certificate();
      const result = cert === undefined ? HS_NO_CLIENT_CERTIFICATE : handshakeResult(s.authorizationError as unknown as string);
      this.stats.record(result);
      this.refused(conn, handshakeResultName(result), 'tls handshake failed: closing the connection', cert === undefined ? undefined : { peer: identityOf(cert), error: String(s.authorizationError) });
      return;
    }
    this.stats.record(HS_SUCCESS);
    const identity = identityOf(s.getPeerX509Certificate());
    conn.identity = identity;
    if (this.authorize(conn, identity)) this.owner.proceed(conn, null, null);
  }

  private onTlsError(err: NodeJS.ErrnoException, s: TLSSocket): void {
    const result = handshakeResult(err.code);
    this.stats.record(result);
    this.denials.note(handshakeResultName(result), { listener: this.owner.name, error: err.code ?? err.message }, 'tls handshake failed: closing the connection');
    const key = tupleKey(s);
    const conn = this.pending.get(key);
    if (conn !== undefined) {
      this.pending.delete(key);
      conn.tlsKey = null;
      conn.refuse(TERM_RESET);
    }
    // closing the TLS socket closes the accepted socket, which ends the connection
    s.destroy();
  }

  /** The native data path refused a plaintext connection from `ip` at accept: count and log it. */
  deniedAtAccept(ip: string): void {
    this.stats.denied++;
    this.denials.note('denied', { listener: this.owner.name, client: ip, identity: null }, 'connection denied by authorization');
  }

  /** Authorization; on refusal counts, logs (rate-limited) and closes. */
  private authorize(conn: TcpConnection, identity: string | null): boolean {
    const a = this.authz;
    if (a === null || a.allows(identity, conn.clientIp)) return true;
    this.stats.denied++;
    this.refused(conn, 'denied', 'connection denied by authorization', { identity }, TERM_DENIED);
    return false;
  }

  private refused(conn: TcpConnection, reason: string, msg: string, extra?: Record<string, unknown>, term = TERM_RESET): void {
    this.denials.note(reason, { listener: this.owner.name, client: conn.clientIp, ...extra }, msg);
    conn.refuse(term);
  }
}

/**
 * Wait for the first chunk of a paused socket, put it back (unshift) and resolve with its first
 * byte; -1 when the client sent nothing before `timeoutMs` or closed. The socket is paused again.
 * Only the first byte is needed, so no protocol parsing waits for more (SniffResult's HTTP
 * detection would wait for a whole request line).
 */
function peekFirstByte(socket: Socket, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const done = (b: number): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onStop);
      socket.off('close', onStop);
      socket.off('error', onStop);
      socket.pause();
      resolve(b);
    };
    const onData = (chunk: Buffer): void => {
      socket.pause();
      socket.unshift(chunk);
      done(chunk[0]!);
    };
    const onStop = (): void => done(-1);
    const timer = setTimeout(onStop, timeoutMs);
    socket.on('data', onData);
    socket.once('end', onStop);
    socket.once('close', onStop);
    socket.once('error', onStop);
    socket.resume();
  });
}

/**
 * The server context of one certificate generation. Session tickets are off: every inbound
 * handshake is a full one, verified against the trustedCA in force (a resumed session would
 * carry a verdict reached under an older CA bundle). meshc's own clients never resume anyway.
 */
function contextOptions(m: TlsMaterial): SecureContextOptions {
  return { cert: m.cert, key: m.key, ca: m.ca, secureOptions: constants.SSL_OP_NO_TICKET };
}

/** remote+local address of a socket: unique among a listener's live connections. */
function tupleKey(s: Socket): string {
  return `${s.remoteAddress}|${s.remotePort}|${s.localAddress}|${s.localPort}`;
}
