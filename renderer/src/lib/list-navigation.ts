/**
 * The keys that move a list's highlight, as one table: `navigate` reads it, and the main
 * window's shortcuts sheet lists it.
 */

interface Move {
  /** The new index, from the current one, before clamping. */
  to(current: number, count: number, pageSize: number): number;
  /** Only when the list itself (not a text field, where these keys move the caret) has focus. */
  listOnly?: boolean;
}

const MOVES: ReadonlyMap<string, Move> = new Map<string, Move>([
  ['ArrowDown', { to: (current) => current + 1 }],
  ['ArrowUp', { to: (current) => current - 1 }],
  ['PageDown', { to: (current, _count, pageSize) => current + pageSize }],
  ['PageUp', { to: (current, _count, pageSize) => current - pageSize }],
  ['Home', { to: () => 0, listOnly: true }],
  ['End', { to: (_current, count) => count - 1, listOnly: true }],
]);

/** The moves as people read them, for the shortcuts sheet. */
export const NAVIGATION_SHORTCUTS: ReadonlyArray<{ label: string; keys: string[][] }> = [
  { label: 'Move the highlight', keys: [['↑'], ['↓']] },
  { label: 'Move a page', keys: [['Page Up'], ['Page Down']] },
  { label: 'First or last role (in the list)', keys: [['Home'], ['End']] },
];

/**
 * The active index after a navigation key in a list of `count` items, or undefined when the
 * key is not a navigation key. Home/End only when the list (not a text field) has focus.
 */
export function navigate(
  key: string,
  current: number,
  count: number,
  options: { pageSize: number; homeEnd: boolean },
): number | undefined {
  const move = MOVES.get(key);
  if (count === 0 || !move || (move.listOnly && !options.homeEnd)) return undefined;
  return Math.min(count - 1, Math.max(0, move.to(current, count, options.pageSize)));
}
