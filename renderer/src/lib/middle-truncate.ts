/**
 * Where a name is cut when it does not fit: it keeps its start and its end, the ellipsis in
 * the middle, so `acme-payments-platform-eu-02` and `acme-payments-platform-apac` stay apart.
 *
 * The cut is done by CSS, not by measuring: the name is drawn as two spans, a head that
 * shrinks and ends in an ellipsis, and a tail that never shrinks. Nothing is measured or
 * observed, so a virtualised list pays nothing per row and any column width works at once;
 * a name that fits reads as one piece of text. This only decides where the tail starts.
 */

/** Names this short are drawn whole (one span): they fit every column they appear in. */
const MIN_SPLIT_LENGTH = 14;
/** The tail: at least this many characters (its separator included), ... */
const MIN_TAIL = 5;
/** ... at most this many, ... */
const MAX_TAIL = 12;
/** ... starting at a separator or a camelCase hump when there is one, so the tail reads as words. */
const SEPARATOR = /[-_. /:@]/;

/** A lower-case letter, then an upper-case one (`ReadOnly|Access`). */
function camelHump(text: string, index: number): boolean {
  const before = text[index - 1] ?? '';
  const at = text[index] ?? '';
  return /\p{Ll}/u.test(before) && /\p{Lu}/u.test(at);
}

/** The index the tail starts at, or undefined when `text` is drawn whole. */
export function tailStart(text: string): number | undefined {
  if (text.length < MIN_SPLIT_LENGTH) return undefined;
  const latest = text.length - MIN_TAIL;
  const earliest = Math.max(Math.ceil(text.length / 2), text.length - MAX_TAIL);
  // The separator closest to MAX_TAIL characters from the end: the longest tail of whole words.
  for (let index = earliest; index <= latest; index++) {
    // A space stays with the head (where the ellipsis takes its place); other separators
    // start the tail, to show it is the end of a longer name (`…-eu-02`).
    if (text[index] === ' ') return index + 1;
    if (SEPARATOR.test(text[index] ?? '') || camelHump(text, index)) return index;
  }
  return Math.max(earliest, text.length - Math.round((MIN_TAIL + MAX_TAIL) / 2));
}

/** Highlighted positions split at `start`: the head's as they are, the tail's from 0. */
export function splitPositions(
  positions: readonly number[] | undefined,
  start: number,
): [head: number[] | undefined, tail: number[] | undefined] {
  if (!positions || positions.length === 0) return [undefined, undefined];
  const head = positions.filter((position) => position < start);
  const tail = positions.filter((position) => position >= start).map((position) => position - start);
  return [head.length > 0 ? head : undefined, tail.length > 0 ? tail : undefined];
}
