/**
 * Lossless reader and editor for the AWS shared config and credentials files.
 *
 * Why not an INI library from npm: `ini`, `js-ini`, `ini-parser`, `configparser` and friends
 * parse into plain objects and write back their own rendering, so comments, blank lines,
 * spacing, key spelling, CRLF, a byte-order mark, a missing final newline, duplicate sections
 * and botocore's indented `s3 =` blocks are dropped or normalised; the AWS SDK's own parser
 * (`@smithy/core` `parseIni`) is read-only and disagrees with botocore on several points. The
 * user's `~/.aws/config` must stay byte for byte, so this module keeps every line exactly as it
 * was and edits by splicing text: `serializeAwsIni(parseAwsIni(text)) === text` for any string.
 *
 * Structure follows botocore (Python's `configparser.RawConfigParser`, which is what the AWS CLI
 * reads with), line by line:
 * - line endings are `\r\n`, `\n` or a lone `\r` (Python's universal newlines);
 * - a line whose trimmed text starts with `#` or `;` is a comment, wherever it is;
 * - a non-blank line indented deeper than the key line above it continues that key
 *   (blank and comment lines in between do not end the block);
 * - otherwise a trimmed line matching `[...]` is a section header (the name runs to the
 *   last `]`; text after it is ignored);
 * - otherwise, inside a section, `key = value` or `key: value` (the first `=` or `:` splits);
 * - anything else (including any non-comment text before the first header) is kept verbatim
 *   as an `invalid` line. botocore refuses a file that has one; the JS SDK skips it.
 * A UTF-8 byte-order mark is kept aside and not part of the first line (botocore rejects such
 * a file, the JS SDK reads it).
 *
 * Reading values. Keys are trimmed and lower-cased, as botocore does (the JS SDK keeps case).
 * Inline comments are where the two readers differ: the JS SDK cuts a value at `#` or `;`
 * preceded by whitespace, botocore (Python 3 configparser, `inline_comment_prefixes=None`)
 * keeps them, so `region = us-east-1 # eu later` is `us-east-1 # eu later` to the AWS CLI.
 * Values without ` #`/` ;` read the same in both, and a `#` not preceded by whitespace
 * (`https://host/start#/`) is part of the value for both. `IniEntry.value` is the JS SDK's
 * reading (what the user meant); `IniEntry.rawValue` is botocore's; where they differ
 * `IniEntry.inlineComment` is set so callers can warn, and `setValue` rewrites such a line so
 * both readers agree again.
 *
 * Which lines belong to a section: a section runs from its header through its last content
 * line (key, continuation or unparseable line), with that line's ending. Blank and comment
 * lines *between* its keys are inside it; blank and comment lines *after* its last content
 * line are the leading trivia of the next section (or trail the document). So removing or
 * rewriting a section never takes a comment that sits above the next header, and a hash of
 * `section.span` changes when anything from the header to the last key changes, but not when
 * the user adds comments or blank lines below it.
 */

export type LineEnding = '\r\n' | '\n' | '\r';
export type IniLineKind = 'blank' | 'comment' | 'header' | 'entry' | 'continuation' | 'invalid';
export type AwsIniFile = 'config' | 'credentials';

/** Offsets into the serialised document (UTF-16 code units, the byte-order mark included). */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface IniLine {
  readonly kind: IniLineKind;
  /** The line without its ending. */
  readonly text: string;
  /** `''` only for a last line with no final newline. */
  readonly eol: LineEnding | '';
  readonly start: number;
}

export interface IniEntry {
  /** The key as botocore names it: trimmed, lower-cased. */
  readonly key: string;
  /** Lanyard's (and the JS SDK's) reading: trimmed, inline comment removed; continuation lines joined by `\n`. */
  readonly value: string;
  /** botocore's reading: trimmed, inline comment kept; continuation lines joined by `\n`. */
  readonly rawValue: string;
  /** The `# ...` or `; ...` on the key line that botocore reads as part of the value, when there is one. */
  readonly inlineComment?: string;
  /** An indented block under an empty value (`s3 =` then `  max_concurrent_requests = 20`). */
  readonly nested?: Readonly<Record<string, string>>;
  /** Index of the key line in `IniDocument.lines`. */
  readonly line: number;
  /** Index of its last continuation line (`line` when it has none). */
  readonly lastLine: number;
  /** Key line through the last continuation line, with its line ending. */
  readonly span: TextSpan;
}

export interface IniSection {
  /** Text between `[` and the last `]`, untrimmed: `profile x` for `[profile x]`. */
  readonly header: string;
  /** Index of the header line in `IniDocument.lines`. */
  readonly line: number;
  /** Index of the section's last content line (`line` for a header alone). */
  readonly lastLine: number;
  readonly entries: readonly IniEntry[];
  /** Header line through the last content line, with its line ending: the bytes to hash. */
  readonly span: TextSpan;
  /** The blank and comment lines right above the header that belong to it. */
  readonly leadingTrivia: TextSpan;
}

export interface IniDocument {
  /** `'\uFEFF'` when the text starts with a byte-order mark, else `''`. */
  readonly bom: string;
  readonly lines: readonly IniLine[];
  readonly sections: readonly IniSection[];
  /** The line ending the text uses most (`\n` when it has none); new lines use it. */
  readonly eol: LineEnding;
  /** The whole text as parsed, byte-order mark included (what `serializeAwsIni` gives back). */
  readonly text: string;
}

/** What a section is to botocore: `[profile x]` and `[default]` are profiles, and so on. */
export interface SectionId {
  readonly type: 'profile' | 'sso-session' | 'services' | 'other';
  readonly name: string;
}

/** A key and value to write. */
export type IniPair = readonly [key: string, value: string];

const BOM = '\uFEFF';
const LINE_BREAK = /\r\n|\n|\r/g;
const HEADER = /^\[(.+)\]/;
const NON_SPACE = /\S/;
const INLINE_COMMENT = /\s[#;]/;
const PREFIXED_TYPES = ['profile', 'sso-session', 'services'] as const;
/** The common header shape, read without shlex: one type word, one space, a name without quotes. */
const PLAIN_PREFIXED_HEADER = /^(profile|sso-session|services) ([^\s'"\\]+)$/;

// ---------------------------------------------------------------------------------------------
// Parsing

interface LineSplit {
  /** The key as written, trimmed. */
  readonly key: string;
  /** Whitespace between the key and the delimiter. */
  readonly gapBefore: string;
  readonly delimiter: number;
  readonly valueStart: number;
}

/** botocore's option pattern on one line: key, first `=` or `:`, value. */
function splitEntryLine(text: string): LineSplit | undefined {
  const delimiter = text.search(/[=:]/);
  if (delimiter < 0) return undefined;
  const before = text.slice(0, delimiter);
  const key = before.trim();
  if (!key) return undefined;
  const afterDelimiter = text.slice(delimiter + 1);
  const valueStart = delimiter + 1 + (afterDelimiter.length - afterDelimiter.trimStart().length);
  return { key, gapBefore: before.slice(before.trimEnd().length), delimiter, valueStart };
}

interface ValueReading {
  value: string;
  rawValue: string;
  inlineComment: string | undefined;
}

/** The JS SDK's reading of what follows a delimiter: cut at `#`/`;` preceded by whitespace. */
function readValue(afterDelimiter: string): ValueReading {
  const rawValue = afterDelimiter.trim();
  const comment = INLINE_COMMENT.exec(afterDelimiter);
  if (!comment) return { value: rawValue, rawValue, inlineComment: undefined };
  return {
    value: afterDelimiter.slice(0, comment.index).trim(),
    rawValue,
    inlineComment: afterDelimiter.slice(comment.index).trim(),
  };
}

/** A line while parsing; `classifyLines` settles its kind. */
type ParsedLine = { -readonly [K in keyof IniLine]: IniLine[K] };

function splitLines(text: string, from: number): ParsedLine[] {
  const lines: ParsedLine[] = [];
  let start = from;
  if (!text.includes('\r')) {
    // The common case, without the regular expression: a big config parses noticeably faster.
    for (let end = text.indexOf('\n', from); end >= 0; end = text.indexOf('\n', start)) {
      lines.push({ kind: 'blank', text: text.slice(start, end), eol: '\n', start });
      start = end + 1;
    }
    if (start < text.length) lines.push({ kind: 'blank', text: text.slice(start), eol: '', start });
    return lines;
  }
  LINE_BREAK.lastIndex = from;
  for (let match = LINE_BREAK.exec(text); match; match = LINE_BREAK.exec(text)) {
    lines.push({ kind: 'blank', text: text.slice(start, match.index), eol: match[0] as LineEnding, start });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ kind: 'blank', text: text.slice(start), eol: '', start });
  return lines;
}

const SPACE = 0x20;
const FIRST_NON_ASCII = 0x80;

/** Index of the first non-whitespace character, or -1 for a blank line. */
function indentOf(text: string): number {
  const first = text.charCodeAt(0);
  // Most lines start with a visible ASCII character; anything else takes the full search.
  if (first > SPACE && first < FIRST_NON_ASCII) return 0;
  return text.search(NON_SPACE);
}

interface OpenEntry {
  line: number;
  lastLine: number;
  split: LineSplit;
}

interface OpenSection {
  header: string;
  line: number;
  lastLine: number;
  entries: OpenEntry[];
}

/** Walks the lines the way configparser does and records which line is what. */
function classifyLines(lines: ParsedLine[]): OpenSection[] {
  const sections: OpenSection[] = [];
  let section: OpenSection | undefined;
  let entry: OpenEntry | undefined;
  let keyIndent = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const indent = indentOf(line.text);
    if (indent < 0) continue;
    const first = line.text[indent];
    if (first === '#' || first === ';') {
      line.kind = 'comment';
      continue;
    }
    if (section && entry && indent > keyIndent) {
      line.kind = 'continuation';
      entry.lastLine = section.lastLine = index;
      continue;
    }
    keyIndent = indent;
    entry = undefined;
    const header = first === '[' ? HEADER.exec(line.text.trim()) : null;
    if (header) {
      section = { header: header[1]!, line: index, lastLine: index, entries: [] };
      sections.push(section);
      line.kind = 'header';
      continue;
    }
    const split = section ? splitEntryLine(line.text) : undefined;
    if (section && split) {
      entry = { line: index, lastLine: index, split };
      section.entries.push(entry);
    }
    line.kind = split ? 'entry' : 'invalid';
    if (section) section.lastLine = index;
  }
  return sections;
}

function lineEnd(line: IniLine): number {
  return line.start + line.text.length + line.eol.length;
}

function spanOf(lines: readonly IniLine[], first: number, last: number): TextSpan {
  return { start: lines[first]!.start, end: lineEnd(lines[last]!) };
}

/** Reads an indented block as botocore does: one `key = value` per line, keys kept as written. */
function readNested(block: readonly IniLine[]): Record<string, string> {
  const nested: Record<string, string> = {};
  for (const line of block) {
    const equals = line.text.indexOf('=');
    if (line.kind !== 'continuation' || equals < 0) continue;
    nested[line.text.slice(0, equals).trim()] = readValue(line.text.slice(equals + 1)).value;
  }
  return nested;
}

/** A multi-line value as botocore joins it: blank lines kept, comment lines left out. */
function joinContinued(first: ValueReading, block: readonly IniLine[]): ValueReading {
  const parts = [first, ...block.filter((line) => line.kind !== 'comment').map((line) => readValue(line.text))];
  return {
    value: parts.map((part) => part.value).join('\n'),
    rawValue: parts.map((part) => part.rawValue).join('\n'),
    inlineComment: first.inlineComment,
  };
}

function buildEntry(lines: readonly IniLine[], open: OpenEntry): IniEntry {
  const keyLine = lines[open.line]!;
  let reading = readValue(keyLine.text.slice(open.split.delimiter + 1));
  let nested: Record<string, string> | undefined;
  if (open.lastLine > open.line) {
    const block = lines.slice(open.line + 1, open.lastLine + 1);
    if (reading.rawValue) reading = joinContinued(reading, block);
    else nested = readNested(block);
  }
  return {
    key: open.split.key.toLowerCase(),
    value: reading.value,
    rawValue: reading.rawValue,
    inlineComment: reading.inlineComment,
    nested,
    line: open.line,
    lastLine: open.lastLine,
    span: spanOf(lines, open.line, open.lastLine),
  };
}

function leadingTriviaStart(lines: readonly IniLine[], headerLine: number): number {
  let first = headerLine;
  while (first > 0 && (lines[first - 1]!.kind === 'blank' || lines[first - 1]!.kind === 'comment')) first -= 1;
  return first;
}

/** A parsed section; its entries are read on first use (a sync over thousands of sections looks at few keys). */
class ParsedSection implements IniSection {
  readonly header: string;
  readonly line: number;
  readonly lastLine: number;
  readonly span: TextSpan;
  readonly leadingTrivia: TextSpan;
  // Private fields are not enumerable: a section prints and compares as its data.
  readonly #lines: readonly IniLine[];
  readonly #open: OpenSection;
  #entries?: IniEntry[];

  constructor(lines: readonly IniLine[], open: OpenSection) {
    this.#lines = lines;
    this.#open = open;
    this.header = open.header;
    this.line = open.line;
    this.lastLine = open.lastLine;
    this.span = spanOf(lines, open.line, open.lastLine);
    this.leadingTrivia = { start: lines[leadingTriviaStart(lines, open.line)]!.start, end: lines[open.line]!.start };
  }

  get entries(): readonly IniEntry[] {
    this.#entries ??= this.#open.entries.map((entry) => buildEntry(this.#lines, entry));
    return this.#entries;
  }
}

function dominantEol(lines: readonly IniLine[]): LineEnding {
  const counts = new Map<LineEnding, number>();
  for (const line of lines) if (line.eol) counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best: LineEnding = '\n';
  for (const [eol, count] of counts) if (count > (counts.get(best) ?? 0)) best = eol;
  return best;
}

/** Parses any text; nothing is rejected and `serializeAwsIni` gives back the same string. */
export function parseAwsIni(text: string): IniDocument {
  const bom = text.startsWith(BOM) ? BOM : '';
  const lines = splitLines(text, bom.length);
  const sections = classifyLines(lines).map((open) => new ParsedSection(lines, open));
  return { bom, lines, sections, eol: text.includes('\r') ? dominantEol(lines) : '\n', text };
}

export function serializeAwsIni(doc: IniDocument): string {
  return doc.text;
}

/** The exact text of `section.span` (header through last content line): the bytes to hash. */
export function sectionText(doc: IniDocument, section: IniSection): string {
  return doc.text.slice(section.span.start, section.span.end);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `shlex.split` as botocore uses it on headers: whitespace-separated words, quotes, backslashes. */
function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (char === '\\' && (quote === undefined || '"\\'.includes(text[index + 1] ?? ''))) {
      index += 1;
      if (index >= text.length) return undefined;
      word = (word ?? '') + text[index];
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * What botocore makes of a section header. In the config file `[profile x]` (also
 * `[profile "x"]`) and `[default]` are profiles, `[sso-session x]` and `[services x]` their
 * own kinds; a header that starts with one of those words but does not split into exactly two
 * words is ignored (`undefined`); anything else is `other`. In the credentials file the header
 * is the profile name as written.
 */
export function sectionId(header: string, file: AwsIniFile = 'config'): SectionId | undefined {
  if (file === 'credentials') return { type: 'profile', name: header };
  if (header === 'default') return { type: 'profile', name: 'default' };
  const plain = PLAIN_PREFIXED_HEADER.exec(header);
  if (plain) return { type: plain[1] as SectionId['type'], name: plain[2]! };
  const type = PREFIXED_TYPES.find((prefix) => header.startsWith(prefix));
  if (!type) return { type: 'other', name: header };
  const words = shellWords(header);
  return words?.length === 2 ? { type, name: words[1]! } : undefined;
}

/** Every section botocore reads as `type` `name`, in file order. */
export function findSections(
  doc: IniDocument,
  type: SectionId['type'],
  name: string,
  file: AwsIniFile = 'config',
): IniSection[] {
  return doc.sections.filter((section) => {
    const id = sectionId(section.header, file);
    return id?.type === type && id.name === name;
  });
}

function normalizeKey(key: string): string {
  return key.trim().toLowerCase();
}

/** The entry for `key` (any case); the last one when the key is repeated, as the JS SDK reads it. */
export function getEntry(section: IniSection, key: string): IniEntry | undefined {
  const wanted = normalizeKey(key);
  return section.entries.findLast((entry) => entry.key === wanted);
}

/**
 * A section's keys and values as one flat record, later keys winning; a nested block's keys
 * appear as `parent.child`, as in the JS SDK (`s3.max_concurrent_requests`).
 */
export function sectionValues(section: IniSection): Record<string, string> {
  const values: Record<string, string> = {};
  for (const entry of section.entries) {
    if (!entry.nested) {
      values[entry.key] = entry.value;
      continue;
    }
    for (const [key, value] of Object.entries(entry.nested)) values[`${entry.key}.${key}`] = value;
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Editing: every operation returns a new document and changes only the bytes of its target.

interface Edit extends TextSpan {
  readonly text: string;
}

function applyEdits(doc: IniDocument, edits: readonly Edit[]): IniDocument {
  if (edits.length === 0) return doc;
  let text = serializeAwsIni(doc);
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return parseAwsIni(text);
}

function assertOwnSection(doc: IniDocument, section: IniSection): void {
  if (!doc.sections.includes(section))
    throw new Error('The section does not belong to this document (parse again after each edit).');
}

/** Empty, surrounding spaces, a line break or `]`, or a comment marker after a space. */
const UNWRITABLE_HEADER = /^\s*$|^\s|\s$|[\r\n\]]|\s[#;]/;
const WRITABLE_KEY = /^[A-Za-z0-9_.-]+$/;
/** A line break, surrounding spaces, or a comment marker at the start or after a space. */
const UNWRITABLE_VALUE = /[\r\n]|^\s|\s$|\s[#;]|^[#;]/;

function assertWritableHeader(header: string): void {
  if (UNWRITABLE_HEADER.test(header)) throw new Error(`Cannot write section header [${header}].`);
}

/** Keys and values Lanyard writes must read back identically in botocore and the JS SDK. */
function assertWritablePair(key: string, value: string): void {
  if (!WRITABLE_KEY.test(key)) throw new Error(`Cannot write config key "${key}".`);
  if (UNWRITABLE_VALUE.test(value)) {
    throw new Error(`Cannot write the value of "${key}": it has a line break, surrounding spaces or a comment marker.`);
  }
}

interface EntryStyle {
  readonly indent: string;
  readonly before: string;
  readonly after: string;
}

const DEFAULT_STYLE: EntryStyle = { indent: '', before: ' ', after: ' ' };

/** Indentation and spacing around `=` of the section's last key, so new keys look like it. */
function entryStyle(doc: IniDocument, section: IniSection): EntryStyle {
  const last = section.entries.at(-1);
  if (!last) return DEFAULT_STYLE;
  const text = doc.lines[last.line]!.text;
  const split = splitEntryLine(text)!;
  const after = text.slice(split.delimiter + 1, split.valueStart);
  return {
    indent: text.slice(0, indentOf(text)),
    before: split.gapBefore,
    after: last.rawValue ? after : split.gapBefore,
  };
}

function formatPairs(pairs: readonly IniPair[], style: EntryStyle, eol: LineEnding): string {
  return pairs.map(([key, value]) => `${style.indent}${key}${style.before}=${style.after}${value}${eol}`).join('');
}

/** Replaces the value of `entry` in place, keeping its key spelling and spacing; drops continuation lines. */
function replaceValue(doc: IniDocument, entry: IniEntry, value: string): Edit {
  const keyLine = doc.lines[entry.line]!;
  const lastLine = doc.lines[entry.lastLine]!;
  const split = splitEntryLine(keyLine.text)!;
  const end = lastLine.start + lastLine.text.length;
  if (!entry.rawValue) return { start: keyLine.start + split.delimiter + 1, end, text: split.gapBefore + value };
  return { start: keyLine.start + split.valueStart, end, text: value };
}

/** Text to insert after `line` so that new lines start on a line of their own. */
function breakAfter(line: IniLine | undefined, eol: LineEnding): string {
  return line && !line.eol ? eol : '';
}

/**
 * Sets `key` in `section`. An existing key keeps its spelling and spacing and only its value
 * changes (an inline comment after it goes, since botocore would read it as part of the
 * value); earlier repeats of the key are removed so every reader sees the one value. A new key
 * goes after the section's last content line, styled like the key above it. Returns `doc`
 * itself when the value is already there.
 */
export function setValue(doc: IniDocument, section: IniSection, key: string, value: string): IniDocument {
  assertOwnSection(doc, section);
  assertWritablePair(key, value);
  const matches = section.entries.filter((entry) => entry.key === normalizeKey(key));
  const target = matches.at(-1);
  if (!target) {
    const last = doc.lines[section.lastLine]!;
    const text = breakAfter(last, doc.eol) + formatPairs([[key, value]], entryStyle(doc, section), doc.eol);
    return applyEdits(doc, [{ start: lineEnd(last), end: lineEnd(last), text }]);
  }
  const edits: Edit[] = matches.slice(0, -1).map((entry) => ({ ...entry.span, text: '' }));
  if (target.rawValue !== value || target.lastLine !== target.line) edits.push(replaceValue(doc, target, value));
  return applyEdits(doc, edits);
}

/** Removes every `key` line (with its continuation lines) from `section`. */
export function deleteKey(doc: IniDocument, section: IniSection, key: string): IniDocument {
  assertOwnSection(doc, section);
  const wanted = normalizeKey(key);
  return applyEdits(
    doc,
    section.entries.filter((entry) => entry.key === wanted).map((entry) => ({ ...entry.span, text: '' })),
  );
}

/**
 * Appends `[header]` with `pairs` at the end of the document, after one blank line (none when
 * the document is empty or already ends with a blank line), in the document's line ending.
 */
export function addSection(doc: IniDocument, header: string, pairs: readonly IniPair[]): IniDocument {
  assertWritableHeader(header);
  pairs.forEach(([key, value]) => assertWritablePair(key, value));
  const last = doc.lines.at(-1);
  const separator = last && last.kind !== 'blank' ? doc.eol : '';
  const text =
    breakAfter(last, doc.eol) + separator + `[${header}]${doc.eol}` + formatPairs(pairs, DEFAULT_STYLE, doc.eol);
  const end = last ? lineEnd(last) : doc.bom.length;
  return applyEdits(doc, [{ start: end, end, text }]);
}

/** Replaces everything under the header (keys, comments between them, unparseable lines) with `pairs`. */
export function replaceSectionBody(doc: IniDocument, section: IniSection, pairs: readonly IniPair[]): IniDocument {
  assertOwnSection(doc, section);
  pairs.forEach(([key, value]) => assertWritablePair(key, value));
  const header = doc.lines[section.line]!;
  const text = breakAfter(header, doc.eol) + formatPairs(pairs, entryStyle(doc, section), doc.eol);
  return applyEdits(doc, [{ start: lineEnd(header), end: section.span.end, text }]);
}

/**
 * Removes a section: its header through its last content line, plus one blank line right
 * after it (the separator `addSection` writes). Comments and blank lines above the next header,
 * and the section's own leading trivia, stay: they may be the user's.
 */
export function removeSection(doc: IniDocument, section: IniSection): IniDocument {
  assertOwnSection(doc, section);
  const next = doc.lines[section.lastLine + 1];
  const end = next?.kind === 'blank' ? lineEnd(next) : section.span.end;
  return applyEdits(doc, [{ start: section.span.start, end, text: '' }]);
}

// ---------------------------------------------------------------------------------------------
// Batch editing: many sections in one pass over the document, for syncs that touch thousands.

/** A line to write under a header: a key and value, or a comment (written as `# text`). */
export type IniBodyLine = IniPair | { readonly comment: string };

/** A section to write: `[header]` and its lines. */
export interface NewSection {
  readonly header: string;
  readonly body: readonly IniBodyLine[];
}

export interface SectionEdits {
  /** Sections whose header through last content line become the new section (a header may change). */
  readonly replace?: ReadonlyArray<{ readonly section: IniSection; readonly with: NewSection }>;
  /** Sections to remove, each with the one blank separator line next to it. */
  readonly remove?: readonly IniSection[];
  /** Sections to add at the end, in order, one blank line apart (as `addSection` does). */
  readonly append?: readonly NewSection[];
}

/** A line that is not the original's: its text and ending. */
export interface NewLine {
  readonly text: string;
  readonly eol: LineEnding | '';
}

/** Part of an edited document: a run of the original's lines (`from` up to, not including, `to`), or a new line. */
export type EditedPart = { readonly from: number; readonly to: number } | NewLine;

export interface EditedDocument {
  /** The original document. */
  readonly doc: IniDocument;
  /** The edited document in order: runs of kept lines (in their original order), new lines between. */
  readonly parts: readonly EditedPart[];
  readonly text: string;
  /** Whether any line changed (a rewritten line identical to the old one at its place counts as kept). */
  readonly changed: boolean;
}

/** The lines of a section as written: header, then `key = value` and `# comment` lines. */
export function renderSection(section: NewSection): string[] {
  assertWritableHeader(section.header);
  const lines = [`[${section.header}]`];
  for (const line of section.body) {
    if ('comment' in line) {
      if (/[\r\n]/.test(line.comment)) throw new Error('Cannot write a comment with a line break.');
      lines.push(line.comment ? `# ${line.comment}` : '#');
    } else {
      const [key, value] = line as IniPair;
      assertWritablePair(key, value);
      lines.push(`${key} = ${value}`);
    }
  }
  return lines;
}

function isBlank(line: IniLine): boolean {
  return line.kind === 'blank';
}

/**
 * Marks the lines `remove` takes out: each section's span, plus one blank line after it or,
 * for a section that ends the document, the blank line before it (the separator that
 * appending wrote), so that removing what was appended gives back the original bytes.
 * Comments and other non-blank lines around a section are never taken.
 */
function linesToRemove(doc: IniDocument, sections: readonly IniSection[]): Uint8Array {
  const removed = new Uint8Array(doc.lines.length);
  for (const section of sections) removed.fill(1, section.line, section.lastLine + 1);
  const byPosition = [...sections].sort((a, b) => b.line - a.line);
  for (const section of byPosition) {
    let after = section.lastLine + 1;
    while (after < doc.lines.length && removed[after]) after += 1;
    if (after < doc.lines.length) {
      if (isBlank(doc.lines[after]!)) removed[after] = 1;
      continue;
    }
    let before = section.line - 1;
    while (before >= 0 && removed[before]) before -= 1;
    if (before >= 0 && isBlank(doc.lines[before]!)) removed[before] = 1;
  }
  return removed;
}

type Run = { from: number; to: number };

/** Builds an edited document's parts: kept lines extend the current run, so no object per kept line. */
class EditedParts {
  readonly parts: Array<Run | NewLine> = [];

  constructor(private readonly doc: IniDocument) {}

  keep(index: number): void {
    const last = this.parts.at(-1);
    if (last && 'from' in last && last.to === index) last.to += 1;
    else this.parts.push({ from: index, to: index + 1 });
  }

  add(text: string, eol: LineEnding | '' = this.doc.eol): void {
    this.parts.push({ text, eol });
  }

  /** The last line so far (kept or new). */
  lastLine(): NewLine | undefined {
    const last = this.parts.at(-1);
    return last && 'from' in last ? this.doc.lines[last.to - 1] : last;
  }

  /** Gives the last line another ending: a kept line then becomes a new one. */
  endLastLine(eol: LineEnding | ''): void {
    const line = this.lastLine();
    if (!line || line.eol === eol) return;
    const last = this.parts.pop()!;
    if ('from' in last && last.to - 1 > last.from) this.parts.push({ from: last.from, to: last.to - 1 });
    this.add(line.text, eol);
  }
}

/** The last line of a part. */
function lastLineOf(doc: IniDocument, part: EditedPart): NewLine {
  return 'from' in part ? doc.lines[part.to - 1]! : part;
}

/**
 * A line ending in a lone `\r` followed by an empty line ending in `\n` would read back as one
 * `\r\n` line ending, losing the blank line; such a blank line (next to each other only here,
 * never in the original) ends in `\r` instead.
 */
function keepBlankLinesApart(doc: IniDocument, parts: readonly EditedPart[]): EditedPart[] {
  const result: EditedPart[] = [];
  for (const part of parts) {
    const before = result.at(-1);
    const first = 'from' in part ? doc.lines[part.from]! : part;
    const merges =
      before !== undefined && lastLineOf(doc, before).eol === '\r' && first.text === '' && first.eol.startsWith('\n');
    if (!merges) result.push(part);
    else if (!('from' in part)) result.push({ text: '', eol: '\r' });
    else {
      result.push({ text: '', eol: '\r' });
      if (part.to > part.from + 1) result.push({ from: part.from + 1, to: part.to });
    }
  }
  return result;
}

/** The text of the parts: runs of kept lines are sliced from the original in one piece. */
function joinParts(doc: IniDocument, parts: readonly EditedPart[]): string {
  let text = doc.bom;
  for (const part of parts) {
    if ('from' in part) text += doc.text.slice(doc.lines[part.from]!.start, lineEnd(doc.lines[part.to - 1]!));
    else text += part.text + part.eol;
  }
  return text;
}

/** Whether the parts are exactly the original, all its lines in one run. */
function keepsEverything(doc: IniDocument, parts: readonly EditedPart[]): boolean {
  if (parts.length === 0) return doc.lines.length === 0;
  const only = parts[0]!;
  return parts.length === 1 && 'from' in only && only.from === 0 && only.to === doc.lines.length;
}

/**
 * Rewrites, removes and appends many sections in one pass and returns the edited document
 * without parsing it again (parse `text` for a document to edit further). New lines use the
 * document's line ending; every other byte stays, the byte-order mark and a missing final
 * newline included (a file that ended without one still does). A rewritten section's lines
 * that are the same as before stay kept lines.
 */
export function editSections(doc: IniDocument, edits: SectionEdits): EditedDocument {
  if (!edits.replace?.length && !edits.remove?.length && !edits.append?.length) {
    return {
      doc,
      parts: doc.lines.length > 0 ? [{ from: 0, to: doc.lines.length }] : [],
      text: doc.text,
      changed: false,
    };
  }
  const own = new Set(doc.sections);
  const assertOwn = (section: IniSection): void => {
    if (!own.has(section)) assertOwnSection(doc, section);
  };
  const replacements = new Map<number, { readonly section: IniSection; readonly with: NewSection }>();
  for (const replacement of edits.replace ?? []) {
    assertOwn(replacement.section);
    replacements.set(replacement.section.line, replacement);
  }
  for (const section of edits.remove ?? []) assertOwn(section);
  const removed = linesToRemove(doc, edits.remove ?? []);
  const edited = new EditedParts(doc);
  for (let index = 0; index < doc.lines.length; index += 1) {
    const replacement = replacements.get(index);
    if (replacement) {
      const written = renderSection(replacement.with);
      written.forEach((text, offset) => {
        const at = index + offset;
        const old = at <= replacement.section.lastLine ? doc.lines[at] : undefined;
        // The document's unterminated last line stays as it is when it is written last.
        const sameEnding = old?.eol === doc.eol || (old?.eol === '' && offset === written.length - 1);
        if (old?.text === text && sameEnding) edited.keep(at);
        else edited.add(text);
      });
      index = replacement.section.lastLine;
    } else if (!removed[index]) {
      edited.keep(index);
    }
  }
  const append = edits.append ?? [];
  if (append.length > 0 && edited.lastLine()) {
    // Always one blank line before the new sections, even after a blank line: then removing
    // them (with the blank line before) gives back exactly the original.
    if (!edited.lastLine()!.eol) edited.endLastLine(doc.eol);
    edited.add('');
  }
  append.forEach((section, position) => {
    if (position > 0) edited.add('');
    for (const text of renderSection(section)) edited.add(text);
  });
  if (doc.lines.at(-1)?.eol === '') edited.endLastLine('');
  const parts = doc.lines.some((line) => line.eol === '\r') ? keepBlankLinesApart(doc, edited.parts) : edited.parts;
  const changed = !keepsEverything(doc, parts);
  return { doc, parts, text: changed ? joinParts(doc, parts) : doc.text, changed };
}
