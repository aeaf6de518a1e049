/**
 * The main process's log: `logs/main.log` in Lanyard's data folder (a tray app has no
 * terminal), also on stderr from a checkout. Lines are redacted by core/support/log.ts. The file
 * is started afresh once it passes a size, keeping the previous one as `main.log.1`.
 */
import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { type LogLevel, type Logger, createLogger } from '../core/support/log.js';
import type { Env } from '../core/support/paths.js';

const MAX_BYTES = 1 << 20;
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function logFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'main.log');
}

export function createMainLogger(dataDir: string, env: Env, alsoStderr: boolean): Logger {
  const file = logFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    if (statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  // A log that cannot be written must not take the app down.
  stream.on('error', () => {});
  const level = LEVELS.find((candidate) => candidate === env.LANYARD_LOG_LEVEL) ?? 'info';
  return createLogger({
    level,
    write: (line) => {
      stream.write(`${line}\n`);
      if (alsoStderr) process.stderr.write(`${line}\n`);
    },
  });
}
