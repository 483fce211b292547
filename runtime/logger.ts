import { pino, type Logger } from 'pino';

export type { Logger };

/** The runtime's logger: JSON lines on stderr (stdout stays free for tooling). */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { svc: 'meshc' } }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that discards everything (tests and library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
