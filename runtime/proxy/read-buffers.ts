import net, { type Socket } from 'node:net';

/**
 * Reusable read buffers for bulk TCP flows (Node's `onread: { buffer, callback }` mode).
 *
 * In Node's default mode every read allocates a fresh 64 KiB ArrayBuffer that becomes garbage
 * once written; for a connection moving gigabytes that is the dominant allocation. A socket
 * switched to a user buffer reads every chunk into the same memory and hands it to a callback
 * instead of emitting 'data'. The catch is ownership: the chunk given to `write()` still points
 * into that buffer, so the next read must not happen while a write is pending in the kernel
 * queue. The proxy keeps that rule by stopping reads whenever `write()` reports a pending write
 * (writable highWaterMark 1: `false` exactly when the kernel did not take everything) and resuming
 * on 'drain'.
 *
 * Buffers are taken only when a connection shows bulk traffic (a read of BULK_READ bytes or
 * more), so idle and request/response connections cost nothing extra, and go back to a small pool
 * when both sockets of the connection are closed (never earlier: a pending write on the other
 * socket may still reference them until its handle is closed).
 */

/** Read buffer size; bigger reads mean fewer syscalls and callbacks per GB (measured: 64 KiB vs 256 KiB). */
export const READ_BUFFER_SIZE = 256 * 1024;
/** A read at least this large marks a bulk flow (Node's default reads are up to 64 KiB). */
export const BULK_READ = 32 * 1024;
/** Buffers kept for reuse; beyond this they are left to the GC. */
const POOL_MAX = 32;

const pool: Buffer[] = [];

/** A buffer from the pool, or a new one. */
export function takeBuffer(): Buffer {
  return pool.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_SIZE);
}

/** Return a buffer no socket reads into and no pending write references. */
export function giveBuffer(b: Buffer): void {
  if (pool.length < POOL_MAX) pool.push(b);
}

/** Buffers currently pooled (tests, metrics). */
export function pooledBuffers(): number {
  return pool.length;
}

// Node keeps the onread buffer and callback under private symbols; net.connect({ onread }) sets
// them at construction, but an accepted socket (and a socket that should switch only once it
// turns out to be bulk) needs them set afterwards. Found by description once; when a future Node
// renames them the proxy silently stays in the default mode.
const probe = new net.Socket();
const symbols = Object.getOwnPropertySymbols(probe);
const find = (d: string): symbol | undefined => symbols.find((s) => s.description === d);
const kBuffer = find('kBuffer');
const kBufferCb = find('kBufferCb');
const kBufferGen = find('kBufferGen');
probe.destroy();

/** Whether this Node supports switching a live socket to a user read buffer. */
export const userBuffersSupported = kBuffer !== undefined && kBufferCb !== undefined && kBufferGen !== undefined && process.env.MESHC_NO_USER_BUFFERS === undefined;

type Handle = { useUserBuffer?: (b: Uint8Array) => void } | null;
/** Socket.prototype._read would restart reads behind our back (Readable's read-ahead); user-buffer sockets read only when we say. */
function noRead(): void {}

/**
 * Switch `socket` to reading into `buf`, calling `onChunk` (with `this` = the socket) for every
 * read; returning false from it stops reading until `socket.resume()`. Only call it when nothing
 * is buffered in the socket's readable state, so no older chunk can be overtaken. Returns false
 * (and changes nothing) when the socket cannot switch.
 */
export function useReadBuffer(socket: Socket, buf: Buffer, onChunk: (this: Socket, n: number, b: Buffer) => boolean): boolean {
  const handle = (socket as unknown as { _handle: Handle })._handle;
  if (!userBuffersSupported || handle === null || typeof handle.useUserBuffer !== 'function' || socket.readableLength !== 0) return false;
  const s = socket as unknown as Record<symbol, unknown>;
  s[kBuffer!] = buf;
  s[kBufferCb!] = onChunk;
  s[kBufferGen!] = null;
  (socket as unknown as { _read: () => void })._read = noRead;
  handle.useUserBuffer(buf);
  return true;
}
