import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { type Settings, normalizeSettings } from '../domain/settings.js';
import { BACKUP_MODE, BACKUP_SUFFIX } from './atomic-file.js';
import {
  type LookOnly,
  damageMessage,
  damagedReadProblem,
  parseStoredJson,
  reportDamagedFile,
  setAsideDamaged,
} from './damaged-files.js';

/**
 * What Lanyard remembers between runs besides the AWS files: settings (with favourites and
 * aliases), recently used roles, and which role is the default profile. No secrets.
 */
export interface StoredPreferences {
  settings: Settings;
  /** Role keys, newest first. */
  recents: string[];
  /** Role key whose profile is `[default]`, if the user chose one. */
  defaultProfile?: string;
}

/** Where preferences live: electron-store in the app, a JSON file for the CLI and tests (same file). */
export interface PreferencesStore {
  read(): unknown;
  write(value: StoredPreferences): void;
}

export const PREFERENCES_FILE = 'settings.json';
export const MAX_RECENTS = 10;

/** Preferences from untrusted stored data: what is invalid falls back to defaults. */
export function normalizePreferences(raw: unknown): StoredPreferences {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const recents = Array.isArray(value.recents)
    ? value.recents.filter((item): item is string => typeof item === 'string').slice(0, MAX_RECENTS)
    : [];
  return {
    settings: normalizeSettings(value.settings),
    recents,
    ...(typeof value.defaultProfile === 'string' ? { defaultProfile: value.defaultProfile } : {}),
  };
}

/** Puts a role first in the recents list. */
export function withRecent(recents: readonly string[], key: string): string[] {
  return [key, ...recents.filter((item) => item !== key)].slice(0, MAX_RECENTS);
}

export function preferencesFile(dataDir: string): string {
  return path.join(dataDir, PREFERENCES_FILE);
}

/**
 * The one backup of the settings: `settings.json.lanyard-backup`, the settings as Lanyard last
 * wrote them (so a damaged file costs no favourites or aliases), owner-only like every backup.
 */
export function preferencesBackupFile(file: string): string {
  return `${file}${BACKUP_SUFFIX}`;
}

/** The text of settings.json, the same whichever process (app or CLI) writes it. */
export function preferencesText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isStringRecord = (value: unknown): boolean =>
  isObject(value) && Object.values(value).every((item) => typeof item === 'string');

/**
 * Why parsed settings cannot be used as they are; undefined when they can. A single bad value
 * (a hotkey that is no text) falls back to its default in normalizeSettings; what counts here
 * is what would silently cost favourites, aliases or everything.
 */
function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not a JSON object';
  const { settings, recents } = value;
  if (settings !== undefined) {
    if (!isObject(settings)) return 'its settings are not a JSON object';
    if (settings.favourites !== undefined && !isStringArray(settings.favourites))
      return 'its favourites are not a list of roles';
    if (settings.aliases !== undefined && !isStringRecord(settings.aliases))
      return 'its aliases are not a list of names';
  }
  if (recents !== undefined && !Array.isArray(recents)) return 'its recent roles are not a list';
  return undefined;
}

type Inspected =
  | { state: 'missing' }
  | { state: 'good'; value: Record<string, unknown>; text: string }
  | { state: 'damaged'; problem: string; text?: string };

function inspect(file: string): Inspected {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: the data folder itself is a file; there is no settings file to move, and writing reports it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
    // Every start and every command reads the settings: one that cannot be read is moved aside
    // too (kept as it is), rather than failing all of them until someone finds it.
    return {
      state: 'damaged',
      problem: damagedReadProblem(error) ?? `it could not be read (${code ?? String(error)})`,
    };
  }
  const parsed = parseStoredJson(text);
  if (!parsed.ok) return { state: 'damaged', problem: parsed.problem, text };
  const problem = shapeProblem(parsed.value);
  if (problem) return { state: 'damaged', problem, text };
  return { state: 'good', value: parsed.value as Record<string, unknown>, text };
}

/** "2025-01-02 03:04 UTC": when the backup was written, as a person reads it. */
function backupTime(file: string): string {
  return `${new Date(statSync(file).mtimeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The settings file's contents: `{}` when there is none. A damaged file (not JSON, empty, not
 * an object, favourites or aliases that are not lists, a folder, unreadable) is moved aside and
 * kept for the user; the backup takes its place when it is good, else the settings start from
 * defaults. Either way one report says what happened (damaged-files.ts), and the next read
 * finds a good file or none, so it is said once.
 */
export function readPreferencesFile(file: string, options: LookOnly = {}): Record<string, unknown> {
  const found = inspect(file);
  if (found.state === 'missing') return {};
  if (found.state === 'good') return found.value;
  if (options.setAside === false) {
    const backup = inspect(preferencesBackupFile(file));
    return backup.state === 'good' ? backup.value : {};
  }
  return recoverPreferences(file, found);
}

function recoverPreferences(file: string, damaged: { problem: string; text?: string }): Record<string, unknown> {
  const backupFile = preferencesBackupFile(file);
  const backup = inspect(backupFile);
  let movedTo: string | undefined;
  try {
    movedTo = setAsideDamaged(file, damaged.text !== undefined ? { expected: damaged.text } : {});
  } catch (error) {
    throw new LanyardError(
      'FILE',
      `The settings file ${file} is damaged (${damaged.problem}) and Lanyard could not move it aside: ${(error as Error).message}`,
      `Move ${file} out of the way yourself; Lanyard then restores your settings from its backup, if it has one.`,
      { cause: error },
    );
  }
  if (movedTo === undefined) {
    // Another process repaired or rewrote it meanwhile (and reported it): its version stands.
    const again = inspect(file);
    return again.state === 'good' ? again.value : {};
  }
  let outcome: string;
  let value: Record<string, unknown> = {};
  if (backup.state === 'good') {
    value = backup.value;
    const when = backupTime(backupFile);
    try {
      writeFileDurably(file, backup.text, 0o600);
      outcome = ` and your settings were restored from the backup of ${when}.`;
    } catch (error) {
      outcome = `. Lanyard uses the backup of ${when} for now, but could not copy it back (${(error as Error).message}): it is ${backupFile}.`;
    }
  } else {
    const why =
      backup.state === 'missing'
        ? 'there is no backup to restore'
        : `its backup ${backupFile} is damaged too (${backup.problem})`;
    outcome = `. Lanyard starts from default settings, as ${why}; your favourites and aliases may still be read in the moved file.`;
  }
  reportDamagedFile({
    file,
    movedTo,
    title: 'Damaged settings file set aside',
    message: damageMessage(`The settings file ${file}`, damaged.problem, movedTo, outcome),
  });
  return value;
}

/** Flushes a folder, so a rename in it survives a power cut. */
function syncFolder(folder: string): void {
  // Windows cannot open a folder to flush it (NTFS journals the rename itself).
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The new file is in place; only whether the rename outlives a power cut is less certain.
  }
}

/**
 * Replaces a file so that a process killed at any instant (or a power cut) leaves the old
 * file or the new one, never a part: the text goes to a temp file beside it, is flushed to
 * disk, and only then renamed over the file. Synchronous, as the PreferencesStore is.
 */
function writeFileDurably(file: string, text: string, mode: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      // A temp file left by a killed process of the same pid would keep its own mode.
      if (process.platform !== 'win32') fchmodSync(fd, mode);
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

/**
 * Refreshes the backup with the settings just written. The app's store writes settings.json
 * itself (electron-store) and then calls this; the CLI's does both in writePreferencesFile.
 */
export function writePreferencesBackup(file: string, value: StoredPreferences): void {
  writeFileDurably(preferencesBackupFile(file), preferencesText(value), BACKUP_MODE);
}

/** Writes settings.json crash-safely (0600), then its backup: a crash between leaves the new file and the old backup. */
export function writePreferencesFile(file: string, value: StoredPreferences): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileDurably(file, preferencesText(value), 0o600);
  writePreferencesBackup(file, value);
}

/**
 * The preferences file in Lanyard's data folder, read and written as plain JSON (the same file
 * electron-store keeps for the app: `cwd: dataDir, name: 'settings'`), through the same
 * readPreferencesFile and writePreferencesFile the app's store uses, so both treat damage alike.
 */
export class JsonFilePreferencesStore implements PreferencesStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly options: LookOnly = {},
  ) {
    this.file = preferencesFile(dataDir);
  }

  read(): unknown {
    return readPreferencesFile(this.file, this.options);
  }

  write(value: StoredPreferences): void {
    writePreferencesFile(this.file, value);
  }
}
