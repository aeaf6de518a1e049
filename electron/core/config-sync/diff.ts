/**
 * A unified diff of an edited AWS file, read straight off the edit (which lines were kept,
 * which are new) instead of diffing two texts: linear in the file's size, so a dry run over
 * thousands of profiles in a large config is as fast as the sync itself. The `diff` package
 * formats it; `applyPatch` from the same package turns the old text into the new one with it.
 */
import { formatPatch, structuredPatch, type StructuredPatchHunk } from 'diff';
import { serializeAwsIni, type EditedDocument, type IniLine } from '../aws-files/aws-ini.js';

/** Unchanged lines shown around each change, as `diff -u` does. */
export const DIFF_CONTEXT_LINES = 3;
const NO_NEWLINE = '\\ No newline at end of file';

interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
  /** The last line of its file, written without a line ending. */
  unterminated: boolean;
}

/** A line as unified diffs show it: CRLF keeps its `\r` (as `diff -u` does), other endings are implied. */
function shown(line: Pick<IniLine, 'text' | 'eol'>): string {
  return line.eol === '\r\n' ? `${line.text}\r` : line.text;
}

/** The edit as a sequence of context, removed and added lines (removals before additions in each change). */
function diffLines(edited: EditedDocument): DiffLine[] {
  const { doc, parts } = edited;
  // The byte-order mark is part of the first line's bytes, for diff tools (that line is kept here).
  const withBom = (isFirst: boolean, text: string): string => (isFirst ? doc.bom + text : text);
  const out: DiffLine[] = [];
  const oldLast = doc.lines.length - 1;
  const lastPart = parts.at(-1);
  let added: DiffLine[] = [];
  let nextOld = 0;
  const removeUntil = (end: number): void => {
    for (; nextOld < end; nextOld += 1) {
      const line = doc.lines[nextOld]!;
      out.push({
        kind: '-',
        text: withBom(nextOld === 0, shown(line)),
        unterminated: nextOld === oldLast && line.eol === '',
      });
    }
    out.push(...added);
    added = [];
  };
  for (const part of parts) {
    if ('from' in part) {
      removeUntil(part.from);
      for (let index = part.from; index < part.to; index += 1) {
        const kept = doc.lines[index]!;
        out.push({ kind: ' ', text: withBom(index === 0, shown(kept)), unterminated: kept.eol === '' });
      }
      nextOld = part.to;
    } else {
      added.push({ kind: '+', text: shown(part), unterminated: part === lastPart && part.eol === '' });
    }
  }
  removeUntil(doc.lines.length);
  return out;
}

function hunk(
  lines: readonly DiffLine[],
  from: number,
  to: number,
  oldStart: number,
  newStart: number,
): StructuredPatchHunk {
  const body: string[] = [];
  let oldLines = 0;
  let newLines = 0;
  for (let index = from; index < to; index += 1) {
    const line = lines[index]!;
    body.push(line.kind + line.text);
    if (line.unterminated) body.push(NO_NEWLINE);
    if (line.kind !== '+') oldLines += 1;
    if (line.kind !== '-') newLines += 1;
  }
  return { oldStart, oldLines, newStart, newLines, lines: body };
}

/** Hunks with `context` unchanged lines around each change; changes closer than twice that share one. */
function hunks(lines: readonly DiffLine[], context: number): StructuredPatchHunk[] {
  const result: StructuredPatchHunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  let index = 0;
  while (index < lines.length) {
    if (lines[index]!.kind === ' ') {
      oldLine += 1;
      newLine += 1;
      index += 1;
      continue;
    }
    const start = Math.max(0, index - context);
    const oldStart = oldLine - (index - start);
    const newStart = newLine - (index - start);
    let end = index;
    let unchangedRun = 0;
    for (; end < lines.length && unchangedRun <= 2 * context; end += 1)
      unchangedRun = lines[end]!.kind === ' ' ? unchangedRun + 1 : 0;
    const stop = Math.min(lines.length, end - unchangedRun + context);
    result.push(hunk(lines, start, stop, oldStart, newStart));
    for (; index < stop; index += 1) {
      if (lines[index]!.kind !== '+') oldLine += 1;
      if (lines[index]!.kind !== '-') newLine += 1;
    }
  }
  return result;
}

const FILE_HEADERS = { includeIndex: false, includeUnderline: false, includeFileHeaders: true };

/**
 * The edit as a unified diff of `file` (`''` when nothing changed). Diff tools end lines at
 * `\n` only, so a file with lone-CR line endings (old Mac style, rare) is diffed as text instead;
 * so is a file with a byte-order mark whose first line changes (the mark is part of that line
 * to diff tools).
 */
export function unifiedDiff(edited: EditedDocument, file: string, context: number = DIFF_CONTEXT_LINES): string {
  if (!edited.changed) return '';
  const { doc } = edited;
  const first = edited.parts[0];
  const bomMoves = doc.bom !== '' && !(first && 'from' in first && first.from === 0);
  if (bomMoves || doc.lines.some((line) => line.eol === '\r')) {
    return formatPatch(
      structuredPatch(file, file, serializeAwsIni(doc), edited.text, undefined, undefined, { context }),
      FILE_HEADERS,
    );
  }
  return formatPatch(
    {
      oldFileName: file,
      newFileName: file,
      oldHeader: undefined,
      newHeader: undefined,
      hunks: hunks(diffLines(edited), context),
    },
    FILE_HEADERS,
  );
}
