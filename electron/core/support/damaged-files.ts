/**
 * Damaged state in Lanyard's data folder (settings, the sync and pins records, stored account
 * lists, locks): what is damaged is moved aside, kept for the user under a name that says so,
 * and reported once, so Lanyard neither crashes on it at every start nor resets anything
 * silently. Once moved, the file is gone from its place, so the next start finds nothing to
 * warn about.
 *
 * Damage is found wherever a file is read, often far from any logger (a record loaded in the
 * middle of a sync, a lock taken by the token cache), so reports go to one channel instead:
 * the composition root listens on it for its data folder (to the log, hence the CLI's
 * stderr) and the app adds a notice. A report nobody listens for goes to stderr, not nowhere.
 */
import { lstatSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { escapeLogText } from './log.js';

/** Between a file's name and the time it was set aside: `settings.json.damaged-20250102T030405.678Z`. */
export const DAMAGED_MARK = '.damaged-';
/** Set-aside copies kept per file: enough to look into, never a pile that grows with every start. */
export const KEEP_DAMAGED = 3;

export interface DamageReport {
  /** The damaged file or folder, where it was. */
  file: string;
  /** Where it is now. */
  movedTo: string;
  /** A short title for a notice: "Damaged settings file set aside". */
  title: string;
  /** What happened and what Lanyard did, in one sentence or two. */
  message: string;
}

type DamageListener = (report: DamageReport) => void;
const listeners = new Map<DamageListener, string>();

/** Calls `listener` for every damaged file set aside inside `folder`. Returns the unsubscribe. */
export function onDamagedFile(folder: string, listener: DamageListener): () => void {
  listeners.set(listener, path.resolve(folder));
  return () => listeners.delete(listener);
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Tells whoever listens for the file's folder; stderr when nobody does (the CLI's fast paths build no services). */
export function reportDamagedFile(report: DamageReport): void {
  let heard = false;
  for (const [listener, folder] of listeners) {
    if (!isInside(folder, report.file)) continue;
    heard = true;
    try {
      listener(report);
    } catch {
      // A listener that fails must not turn a repaired file into a failed read.
    }
  }
  if (!heard) process.stderr.write(`Lanyard: ${escapeLogText(report.message)}\n`);
}

/** "The settings file F was damaged (it is not valid JSON); it was moved to M", then what Lanyard did. */
export function damageMessage(what: string, problem: string, movedTo: string, outcome: string): string {
  return `${what} was damaged (${problem}); it was moved to ${movedTo}${outcome}`;
}

/**
 * `setAside: false` is for readers that only look, whose stderr nobody reads (the fast CLI
 * paths behind credential_process and shell completion): damage reads as it will once
 * repaired, but stays where it is, unreported, for the next full run to set aside and report.
 */
export interface LookOnly {
  setAside?: boolean;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: string };

/** JSON text as Lanyard reads its own files: a leading BOM (an editor's) is no damage. */
export function parseStoredJson(text: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problem: 'it is empty' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
}

/** What a folder where a file should be is called in a report. */
export const FOLDER_NOT_FILE = 'it is a folder, not a file';

/** The problem of a read error that moving the path aside fixes; undefined for others (missing, no permission, ...). */
export function damagedReadProblem(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code === 'EISDIR' ? FOLDER_NOT_FILE : undefined;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '');
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A set-aside copy's name in order: its time, then the `-N` of copies made in the same millisecond. */
interface Copy {
  name: string;
  stamp: string;
  n: number;
}

const COPY_NAME = /^(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?$/;

const byAge = (a: Copy, b: Copy): number => (a.stamp === b.stamp ? a.n - b.n : a.stamp < b.stamp ? -1 : 1);

/** The file's set-aside copies, oldest first; names not of this form are none of ours and never removed. */
function copiesOf(file: string): Copy[] {
  const prefix = `${path.basename(file)}${DAMAGED_MARK}`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(file));
  } catch {
    return [];
  }
  const copies: Copy[] = [];
  for (const name of names) {
    const match = name.startsWith(prefix) ? COPY_NAME.exec(name.slice(prefix.length)) : null;
    if (match) copies.push({ name, stamp: match[1]!, n: match[2] ? Number(match[2]) : 1 });
  }
  return copies.sort(byAge);
}

/**
 * The name for a new copy, newer than every copy there: usually the time now, but after the
 * newest one (`-N`) when that is from the same millisecond, or from a clock that was ahead, so
 * the copy kept is always the newest and pruning never takes the one just made.
 */
function newCopyName(file: string, copies: readonly Copy[], now: number): string {
  const newest = copies.at(-1);
  let next: Copy = { name: '', stamp: stamp(now), n: 1 };
  if (newest && byAge(newest, next) >= 0) next = { ...newest, n: newest.n + 1 };
  const nameOf = (copy: Copy): string => `${file}${DAMAGED_MARK}${copy.stamp}${copy.n > 1 ? `-${copy.n}` : ''}`;
  // Another process may be setting a copy aside at the same moment.
  while (exists(nameOf(next))) next = { ...next, n: next.n + 1 };
  return nameOf(next);
}

/** Removes all but the newest KEEP_DAMAGED set-aside copies of the file. */
function pruneDamaged(file: string): void {
  for (const copy of copiesOf(file).slice(0, -KEEP_DAMAGED)) {
    try {
      rmSync(path.join(path.dirname(file), copy.name), { recursive: true, force: true });
    } catch {
      // An old copy left behind costs only disk space.
    }
  }
}

/**
 * Moves a damaged file (or folder) to `<file>.damaged-<time>` beside it and keeps the newest
 * few such copies. Only while it is still what the caller judged damaged: with `expected`, the
 * file still holds that text; with `sameAs`, it is still that inode with that mtime. What
 * another process has repaired or replaced meanwhile (a lock it took afresh, a record it
 * rewrote) is left where it is. Returns where it went, or undefined when it was gone or changed
 * (the caller reads it again). Throws what the rename throws otherwise: a file Lanyard can
 * neither use nor move needs the user.
 */
export function setAsideDamaged(
  file: string,
  options: { expected?: string; sameAs?: { ino: number; mtimeMs: number }; now?: number } = {},
): string | undefined {
  const target = newCopyName(file, copiesOf(file), options.now ?? Date.now());
  try {
    if (options.expected !== undefined && readFileSync(file, 'utf8') !== options.expected) return undefined;
    if (options.sameAs) {
      const now = lstatSync(file);
      if (now.ino !== options.sameAs.ino || now.mtimeMs !== options.sameAs.mtimeMs) return undefined;
    }
    renameSync(file, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  pruneDamaged(file);
  return target;
}
