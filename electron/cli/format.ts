/** Small, dependency-free formatting for terminal output. */

export { formatDuration } from '../core/domain/durations.js';

/** C0 and C1 controls, DEL, and the bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the service (account and role names an administrator chose) made safe for a
 * terminal: control characters and bidi overrides become visible `\u{..}` escapes, so a name
 * cannot move the cursor, retitle the window or forge a line. `--json` output stays exact.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u{${(char.codePointAt(0) as number).toString(16)}}`);
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
