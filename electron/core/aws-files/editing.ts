/**
 * What every writer of the AWS config and credentials files shares: one cross-process lock per
 * file, strict reading (Lanyard never rewrites bytes it could not decode), and the small
 * records Lanyard keeps in its data folder about the sections it wrote in those files.
 */
import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import { type FileEdit, editFile } from '../support/file-edit.js';
import { sha1Hex, sha256Base64 } from '../support/digest.js';
import { LanyardError } from '../domain/errors.js';
import {
  type LookOnly,
  damageMessage,
  damagedReadProblem,
  parseStoredJson,
  reportDamagedFile,
  setAsideDamaged,
} from '../support/damaged-files.js';
import type { LanyardPaths } from '../support/paths.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's bytes as text for editing; refuses bytes that are not UTF-8 rather than change them. */
function decodeForEditing(file: string, bytes: Buffer): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new LanyardError(
      'CONFIG',
      `${file} is not valid UTF-8, so Lanyard will not rewrite it.`,
      'Save it as UTF-8 (your editor can convert it), then try again.',
    );
  }
}

/**
 * A read-plan-write of an AWS file that loses no edit made meanwhile by the user or another
 * tool (see editFile). Take the file's lock around it, so Lanyard's own writers take turns.
 */
export function editAwsFile<T>(file: string, task: (edit: FileEdit) => Promise<T>): Promise<T> {
  return editFile(file, (bytes) => decodeForEditing(file, bytes), task);
}

/**
 * The fingerprint of a section's text as Lanyard last wrote it, to tell later whether someone
 * edited it. Line endings do not count (converting a whole file to CRLF edits no profile),
 * nor does whether the section's last line has one.
 */
export function sectionFingerprint(text: string): string {
  // The one-shot hash: a sync fingerprints thousands of small sections.
  return sha256Base64(canonicalSectionText(text));
}

/** A section's text as fingerprinted: `\n` line endings, none after the last line. */
export function canonicalSectionText(text: string): string {
  const unified = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return unified.endsWith('\n') ? unified.slice(0, -1) : unified;
}

/** `<dataDir>/<folder>/<sha1(file)>.json`: one record per AWS file, so AWS_CONFIG_FILE can change. */
export function recordFileFor(paths: LanyardPaths, folder: string, awsFile: string): string {
  return path.join(paths.dataDir, folder, `${sha1Hex(awsFile)}.json`);
}

/** What a record is about, for the report when it is found damaged. */
export interface RecordDamage {
  /** Starts the report's sentence: "Lanyard's record of ... (FILE)". */
  what: string;
  /** The notice's title. */
  title: string;
  /** What Lanyard does without the record, after "it was moved to M": ". Lanyard now ...". */
  outcome: string;
  /** Why a record of the current format cannot be used as it is; undefined when it can. */
  shape?: (value: Record<string, unknown>) => string | undefined;
}

function recordProblem(text: string, damage: RecordDamage): string | Record<string, unknown> {
  const parsed = parseStoredJson(text);
  if (!parsed.ok) return parsed.problem;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const record = value as Record<string, unknown>;
  // Every record Lanyard writes has one; another number is another version's record, not damage.
  if (typeof record.format !== 'number') return 'it has no format number';
  return damage.shape?.(record) ?? record;
}

/**
 * A record's JSON, or undefined when there is none. A damaged record (not JSON, empty, not an
 * object, no format, a folder where the file should be) is moved aside, kept, and reported
 * once (damaged-files.ts); it then counts as none, which the record's owner must make safe.
 * With `setAside: false` it only counts as none.
 */
export async function readJsonRecord(
  file: string,
  damage: RecordDamage,
  options: LookOnly = {},
): Promise<Record<string, unknown> | undefined> {
  let text: string | undefined;
  let problem: string | undefined;
  try {
    text = await readTextIfExists(file);
  } catch (error) {
    problem = damagedReadProblem(error instanceof Error ? error.cause : error);
    if (problem === undefined) throw error;
  }
  if (text !== undefined) {
    const found = recordProblem(text, damage);
    if (typeof found !== 'string') return found;
    problem = found;
  }
  if (problem === undefined || options.setAside === false) return undefined;
  let movedTo: string | undefined;
  try {
    movedTo = setAsideDamaged(file, text !== undefined ? { expected: text } : {});
  } catch (error) {
    throw new LanyardError(
      'FILE',
      `${damage.what} is damaged (${problem}) and Lanyard could not move it aside: ${(error as Error).message}`,
      `Move ${file} out of the way yourself, then try again.`,
      { cause: error },
    );
  }
  // Replaced meanwhile by another process, which reported what it found: read its version.
  if (movedTo === undefined) return readJsonRecord(file, damage, options);
  reportDamagedFile({
    file,
    movedTo,
    title: damage.title,
    message: damageMessage(damage.what, problem, movedTo, damage.outcome),
  });
  return undefined;
}

export async function writeJsonRecord(file: string, value: unknown): Promise<void> {
  await writeFileAtomically(file, JSON.stringify(value), { mode: 0o600, enforceMode: true });
}

/** Entries of a JSON object whose values pass `parse` (others are dropped), as a Map (safe for any key). */
export function recordEntries<T>(raw: unknown, parse: (value: unknown) => T | undefined): Map<string, T> {
  const entries = new Map<string, T>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return entries;
  for (const [key, value] of Object.entries(raw)) {
    const parsed = parse(value);
    if (parsed !== undefined) entries.set(key, parsed);
  }
  return entries;
}
