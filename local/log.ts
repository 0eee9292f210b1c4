/**
 * Structured logs of the local platform: one JSON object per line on stderr, so that stdout carries only
 * the "ready" line that scripts and people wait for. Callers pass ids and error names, never message
 * bodies, phone numbers or child details.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LocalLogger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Lowest level written; AMBER_LOG_LEVEL or 'info'. */
  level?: LogLevel;
  /** Writes nothing at all (tests, quiet mode). */
  quiet?: boolean;
  write?: (line: string) => void;
}

function levelFromEnv(): LogLevel {
  const value = process.env.AMBER_LOG_LEVEL;
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : 'info';
}

export function createLogger(component: string, options: LoggerOptions = {}): LocalLogger {
  const min = ORDER[options.level ?? levelFromEnv()];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (options.quiet || ORDER[level] < min) return;
      write(JSON.stringify({ at: new Date().toISOString(), level, component, event, ...fields }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: LocalLogger = createLogger('silent', { quiet: true });

/** The name of an error only: messages may quote user input. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
