import { redact, redactFields } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  time: string;
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * A logger that writes one redacted line per record. Secrets are scrubbed twice: by field
 * name (anything named like a token or secret) and by pattern in the message text.
 */
export function createLogger(options: {
  level?: LogLevel;
  write: (line: string, record: LogRecord) => void;
  now?: () => number;
}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < threshold) return;
    const record: LogRecord = {
      time: new Date(now()).toISOString(),
      level,
      message: redact(message),
      ...(fields ? { fields: redactFields(fields) } : {}),
    };
    const extra = record.fields
      ? ' ' +
        Object.entries(record.fields)
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join(' ')
      : '';
    options.write(`${record.time} ${level.padEnd(5)} ${record.message}${extra}`, record);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
