import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Settings, normalizeSettings } from '../domain/settings.js';

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

/**
 * The preferences file in Lanyard's data folder, read and written as plain JSON (the same file
 * electron-store keeps for the app: `cwd: dataDir, name: 'settings'`). A damaged file reads as
 * defaults; writes are atomic (temp file and rename).
 */
export class JsonFilePreferencesStore implements PreferencesStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PREFERENCES_FILE);
  }

  read(): unknown {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
  }

  write(value: StoredPreferences): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
