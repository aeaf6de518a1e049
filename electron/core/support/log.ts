import { redact, redactFields } from './redact.js';
import { UNSAFE_CHARACTERS, escapeUnsafe } from '../domain/display-text.js';

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

/** The text with each unsafe character as `\n`, `\r`, `\t` or `\u{hex}`: always one line, read as written. */
export function escapeLogText(text: string): string {
  return escapeUnsafe(text, { short: true });
}

/** A string value is written bare unless it is empty or holds a space, `"`, `=` or an unsafe character. */
const NEEDS_QUOTES = new RegExp(String.raw`^$|[\s"=]|${UNSAFE_CHARACTERS.source}`);

/**
 * A field's value as logfmt has it: a plain string bare, any other string in double quotes
 * with `\` and `"` escaped (so no value can pass for more fields, or end the line); anything
 * else as JSON, redacted again (nested objects are not redacted by field name) and escaped.
 */
function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return NEEDS_QUOTES.test(value) ? `"${escapeLogText(value.replace(/["\\]/g, '\\$&'))}"` : value;
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return escapeLogText(redact(json ?? String(value)));
}

/**
 * A logger that writes one redacted line per record. Secrets are scrubbed twice: by field
 * name (anything named like a token or secret) and by pattern in the message text. Every
 * line is one line: the message and the fields (an account name is chosen by whoever runs
 * the AWS organization) have their control and bidi characters escaped. The record passed
 * to `write` is redacted but not escaped.
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
      ? Object.entries(record.fields)
          .map(([key, value]) => ` ${escapeLogText(key)}=${formatValue(value)}`)
          .join('')
      : '';
    options.write(`${record.time} ${level.padEnd(5)} ${escapeLogText(record.message)}${extra}`, record);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
