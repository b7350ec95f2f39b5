/**
 * The one structured logger. Everything writes to standard error so that standard output stays
 * free for the CLI's JSON documents; modules take a child logger with their name.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the root logger, writing JSON lines to standard error. */
export function createLogger(level: string = process.env['CTBANK_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ level, base: { app: 'ctbank' } }, pino.destination(2));
}

/** A logger that drops everything, for library callers and tests that do not watch logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
