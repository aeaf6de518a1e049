/** Small, dependency-free formatting for terminal output. */

import { escapeUnsafe } from '../core/domain/display-text.js';
import { LanyardError, isLanyardError } from '../core/domain/errors.js';

export { formatDuration } from '../core/domain/durations.js';

/**
 * Text from the service (account and role names an administrator chose) made safe for a
 * terminal: control characters and bidi controls become visible `\u{..}` escapes, so a name
 * cannot move the cursor, retitle the window or forge a line. `--json` output stays exact.
 */
export function terminalSafe(text: string): string {
  return escapeUnsafe(text);
}

/** Left-aligned columns, two spaces apart; cells are made terminal-safe. */
export function table(rows: string[][]): string {
  const safe = rows.map((row) => row.map(terminalSafe));
  const widths: number[] = [];
  for (const row of safe) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return safe
    .map((row) =>
      row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '),
    )
    .join('\n');
}

/** What JSON.stringify leaves raw but a terminal may act on: DEL, C1 controls, bidi controls, U+2028/U+2029. */
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * `JSON.stringify`, with the characters it leaves raw that a terminal may act on written as
 * `\uXXXX` escapes: the same value once parsed (`--json` stays exact), and no byte of it can
 * move the cursor or retitle the window (C0 controls JSON escapes already).
 */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
}

/** `error.describe()` with its message and hint made terminal-safe (each stays one line). */
export function describeSafely(error: Pick<LanyardError, 'message' | 'hint'>): string {
  return error.hint ? `${terminalSafe(error.message)}\n${terminalSafe(error.hint)}` : terminalSafe(error.message);
}

/**
 * A Lanyard error whose text may hold names or messages from the service, remade with that text
 * terminal-safe (same code, exit code and cause) for the command line's error line; any other
 * error as it is.
 */
export function terminalSafeError(error: unknown): unknown {
  if (!isLanyardError(error)) return error;
  const message = terminalSafe(error.message);
  const hint = error.hint === undefined ? undefined : terminalSafe(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new LanyardError(error.code, message, hint, { cause: error });
}

/** Runs a command, its Lanyard errors made terminal-safe (see terminalSafeError). */
export async function withTerminalSafeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw terminalSafeError(error);
  }
}
