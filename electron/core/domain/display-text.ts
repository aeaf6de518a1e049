/**
 * Text from the service (account and role names any organisation administrator chose, or
 * anything an overridden endpoint sends) made safe to show in native UI: tray menu labels,
 * window titles and notifications. Pure, so every rule here is unit-tested directly.
 *
 * - Bidirectional controls (embeddings, overrides and isolates, U+202A–U+202E and
 *   U+2066–U+2069, plus the LRM/RLM/ALM marks) are removed: a right-to-left override would
 *   make `admin\u202Egnp.exe` read as `adminexe.png`, and one that is never closed reverses
 *   everything after it (the time left, the account id).
 * - C0 and C1 control characters and DEL are removed; line breaks, tabs and the Unicode line
 *   and paragraph separators become a space (a label is one line), and runs of spaces they
 *   leave are folded.
 * - Very long text is cut, with an ellipsis, at a whole code point: a 3,000-character account
 *   name must not make a 3,000-character menu item or window title.
 *
 * Where text is shown escaped rather than plain (terminals, logs), `escapeUnsafe` writes the
 * same characters as visible escapes instead.
 */

/** Bidi embeddings, overrides, isolates and marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Line breaks and tabs (and U+0085 NEL, U+2028, U+2029): a space in one-line text. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same, sparing the line feed (for multi-line text). */
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const SPACE_RUNS = / {2,}/g;

export const ELLIPSIS = '…';
/** Characters of a name shown in a label or title before it is cut. */
export const MAX_NAME_LENGTH = 64;
/** Characters of a whole label or title (names, ids, time left, messages). */
export const MAX_LABEL_LENGTH = 160;
/** Characters of a multi-line text such as a notification body. */
export const MAX_TEXT_LENGTH = 1_000;

/** `text` cut to at most `max` code points, the last being an ellipsis when anything was cut. */
export function capLength(text: string, max: number): string {
  // Code units first: most text is short, and a string of n code units has at most n code points.
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}${ELLIPSIS}`;
}

/**
 * One line of text for a menu label or a window title: no bidi controls, no control
 * characters (line breaks and tabs become spaces), trimmed, and at most `maxLength` characters.
 */
export function plainLabel(text: string, maxLength: number = MAX_LABEL_LENGTH): string {
  const plain = text
    .replace(BIDI_CONTROLS, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(SPACE_RUNS, ' ')
    .trim();
  return capLength(plain, maxLength);
}

/** A name (account, role, session, profile) inside a label or title: plainLabel, cut shorter. */
export function plainName(text: string): string {
  return plainLabel(text, MAX_NAME_LENGTH);
}

/**
 * Text that may keep its lines (a notification body): `\r\n` and `\r` become `\n`, other
 * controls and bidi controls go, and at most `maxLength` characters stay.
 */
export function plainText(text: string, maxLength: number = MAX_TEXT_LENGTH): string {
  const plain = text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(/[\t\v\f]/g, ' ')
    .replace(CONTROLS_BUT_LF, '')
    .trim();
  return capLength(plain, maxLength);
}

const MARKUP_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for a place that reads markup (libnotify notification bodies): `& < > " '` as entities. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => MARKUP_ENTITIES[char] as string);
}

/**
 * Characters that could forge or disguise a line where text is shown escaped rather than
 * plain (a terminal, a log): C0 controls (line breaks, ESC for terminal sequences), DEL and
 * C1, the Unicode line and paragraph separators, and the bidi marks, embeddings, overrides and
 * isolates that make text display in another order than it reads.
 */
export const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with each unsafe character written as a visible `\u{hex}` escape (with `short`,
 * line breaks and tabs as `\n`, `\r`, `\t`): one line, read as written, nothing acted on.
 */
export function escapeUnsafe(text: string, options: { short?: boolean } = {}): string {
  return text.replace(
    UNSAFE_CHARACTERS,
    (char) =>
      (options.short ? SHORT_ESCAPES[char] : undefined) ?? `\\u{${(char.codePointAt(0) as number).toString(16)}}`,
  );
}
