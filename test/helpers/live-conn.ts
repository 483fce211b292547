import net from 'node:net';

/**
 * A long-lived TCP client through a proxy to an echo backend (test/helpers/net.ts
 * startEchoServer): remembers which backend greeted it, and checks that every byte it sends comes
 * back, in order, for as long as it lives.
 */
export class LiveConn {
  /** The backend's greeting (its name). */
  backend = '';
  sent = 0;
  private received = '';
  private expected = '';
  private closedErr: Error | null = null;
  private waiter: (() => void) | null = null;

  private constructor(readonly sock: net.Socket) {}

  /** Connect through `port` and wait for the backend's greeting line. */
  static open(port: number, host = '127.0.0.1'): Promise<LiveConn> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ port, host });
      const c = new LiveConn(sock);
      let greeted = false;
      let head = '';
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => {
        if (!greeted) {
          head += d;
          const i = head.indexOf('\n');
          if (i < 0) return;
          greeted = true;
          c.backend = head.slice(0, i);
          c.received = head.slice(i + 1);
          resolve(c);
        } else c.received += d;
        c.waiter?.();
      });
      const end = (err?: Error): void => {
        c.closedErr ??= err ?? new Error('connection closed');
        if (!greeted) reject(c.closedErr);
        c.waiter?.();
      };
      sock.on('error', end);
      sock.on('close', () => end());
    });
  }

  /** True once the socket closed (either side). */
  get closed(): boolean {
    return this.closedErr !== null;
  }

  /** Send `msg` and resolve once everything sent so far has been echoed back intact. */
  echo(msg: string, timeoutMs = 5000): Promise<void> {
    this.expected += msg;
    this.sent += msg.length;
    this.sock.write(msg);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`echo timed out: got ${this.received.length}/${this.expected.length} bytes via ${this.backend}`));
      }, timeoutMs);
      const check = (): void => {
        if (this.received.length >= this.expected.length) {
          clearTimeout(timer);
          this.waiter = null;
          if (this.received === this.expected) resolve();
          else reject(new Error(`echo corrupted via ${this.backend}`));
        } else if (this.closedErr) {
          clearTimeout(timer);
          this.waiter = null;
          reject(new Error(`connection via ${this.backend} closed after ${this.received.length}/${this.expected.length} bytes: ${this.closedErr.message}`));
        }
      };
      this.waiter = check;
      check();
    });
  }

  /** Resolves once the socket is closed. */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.sock.once('close', () => resolve()));
  }

  /** Close our side. */
  destroy(): void {
    this.sock.destroy();
  }
}
