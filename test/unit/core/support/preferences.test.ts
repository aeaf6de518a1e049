import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A file no read may open, as one `sudo lanyard` left (root, which runs these tests, reads anything). */
const unreadable = vi.hoisted(() => ({ file: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((...args: Parameters<typeof actual.readFileSync>) => {
    if (unreadable.file && String(args[0]) === unreadable.file)
      throw Object.assign(new Error(`EACCES: permission denied, open '${unreadable.file}'`), { code: 'EACCES' });
    return actual.readFileSync(...args);
  }) as typeof actual.readFileSync;
  return { ...actual, default: { ...actual, readFileSync }, readFileSync };
});
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import { type DamageReport, onDamagedFile } from '../../../../electron/core/support/damaged-files.js';
import {
  JsonFilePreferencesStore,
  type StoredPreferences,
  normalizePreferences,
  preferencesBackupFile,
} from '../../../../electron/core/support/preferences.js';
import { DAMAGES, type Damage, expectSetAside, plantDamage, setAsideCopies } from '../../../support/damaged-files.js';

const preferences: StoredPreferences = {
  settings: {
    ...DEFAULT_SETTINGS,
    favourites: ['work/111111111111/Admin'],
    aliases: { 'work/111111111111': 'Production' },
  },
  recents: ['work/111111111111/Admin'],
  defaultProfile: 'work/111111111111/Admin',
};

/** Damage only a settings file has: JSON objects that would silently cost favourites or aliases. */
const SETTINGS_DAMAGES: readonly Damage[] = [
  ...DAMAGES,
  {
    name: 'favourites that are no list',
    bytes: Buffer.from('{"settings": {"favourites": "Admin"}}'),
    problem: /favourites/,
  },
  { name: 'aliases that are no names', bytes: Buffer.from('{"settings": {"aliases": {"a": 1}}}'), problem: /aliases/ },
  {
    name: 'settings that are no object',
    bytes: Buffer.from('{"settings": [], "recents": []}'),
    problem: /settings are not/,
  },
];

let dataDir: string;
let file: string;
let reports: DamageReport[];
let stopReports: () => void;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-prefs-'));
  file = path.join(dataDir, 'settings.json');
  reports = [];
  stopReports = onDamagedFile(dataDir, (report) => reports.push(report));
});
afterEach(() => {
  stopReports();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(SETTINGS_DAMAGES)('a settings file damaged by $name', (damage) => {
  it('is set aside and the settings come back from the backup, with one warning', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    const backup = readFileSync(preferencesBackupFile(file), 'utf8');
    rmSync(file);
    plantDamage(file, damage);

    expect(normalizePreferences(new JsonFilePreferencesStore(dataDir).read())).toEqual(preferences);
    const aside = expectSetAside(file, damage);
    expect(readFileSync(file, 'utf8')).toBe(backup);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.file).toBe(file);
    expect(reports[0]!.movedTo).toBe(aside);
    expect(reports[0]!.message).toContain(`The settings file ${file} was damaged (`);
    expect(reports[0]!.message).toMatch(damage.problem);
    expect(reports[0]!.message).toContain(`it was moved to ${aside}`);
    expect(reports[0]!.message).toMatch(
      /your settings were restored from the backup of \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );

    // The next start finds a good file: nothing more to say.
    expect(normalizePreferences(new JsonFilePreferencesStore(dataDir).read())).toEqual(preferences);
    expect(reports).toHaveLength(1);
    expect(setAsideCopies(file)).toHaveLength(1);
  });

  it('without a backup, is set aside and Lanyard starts from defaults, saying so once', () => {
    plantDamage(file, damage);
    expect(new JsonFilePreferencesStore(dataDir).read()).toEqual({});
    const aside = expectSetAside(file, damage);
    expect(existsSync(file)).toBe(false);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain(`it was moved to ${aside}. Lanyard starts from default settings`);
    expect(reports[0]!.message).toContain('there is no backup to restore');
    expect(reports[0]!.message).toContain('your favourites and aliases may still be read in the moved file');

    expect(new JsonFilePreferencesStore(dataDir).read()).toEqual({});
    expect(reports).toHaveLength(1);
  });
});

describe('JsonFilePreferencesStore', () => {
  it('writes the file and its backup, both private to the user, and leaves no temp file', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    const text = `${JSON.stringify(preferences, null, 2)}\n`;
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readFileSync(preferencesBackupFile(file), 'utf8')).toBe(text);
    expect(readdirSync(dataDir).sort()).toEqual(['settings.json', 'settings.json.lanyard-backup']);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(preferencesBackupFile(file)).mode & 0o777).toBe(0o600);
    }
  });

  it('says when the backup is damaged too, and starts from defaults', () => {
    writeFileSync(file, '{"settings": ');
    writeFileSync(preferencesBackupFile(file), 'garbage');
    expect(new JsonFilePreferencesStore(dataDir).read()).toEqual({});
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain(
      `its backup ${preferencesBackupFile(file)} is damaged too (it is not valid JSON)`,
    );
    expect(readFileSync(preferencesBackupFile(file), 'utf8')).toBe('garbage');
  });

  it('reads a file an editor saved with a byte order mark, and one bad value falls back alone', () => {
    writeFileSync(file, `\uFEFF${JSON.stringify({ settings: { hotkey: 5, favourites: ['a/111111111111/R'] } })}`);
    const read = normalizePreferences(new JsonFilePreferencesStore(dataDir).read());
    expect(read.settings.favourites).toEqual(['a/111111111111/R']);
    expect(read.settings.hotkey).toBe(DEFAULT_SETTINGS.hotkey);
    expect(reports).toEqual([]);
    expect(setAsideCopies(file)).toEqual([]);
  });

  it('sets aside a file it may not read (left by `sudo lanyard`) and restores the backup', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    unreadable.file = file;
    try {
      expect(normalizePreferences(new JsonFilePreferencesStore(dataDir).read())).toEqual(preferences);
    } finally {
      unreadable.file = '';
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('it could not be read (EACCES)');
    expect(setAsideCopies(file)).toHaveLength(1);
  });

  it('a reader that only looks (the fast CLI paths) reads the backup and leaves the damage for the next full run', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    writeFileSync(file, '{ broken');
    const lookOnly = new JsonFilePreferencesStore(dataDir, { setAside: false });
    expect(normalizePreferences(lookOnly.read())).toEqual(preferences);
    expect(readFileSync(file, 'utf8')).toBe('{ broken');
    expect(setAsideCopies(file)).toEqual([]);
    expect(reports).toEqual([]);

    expect(normalizePreferences(new JsonFilePreferencesStore(dataDir).read())).toEqual(preferences);
    expect(reports).toHaveLength(1);
  });

  it('keeps only the newest few damaged copies', () => {
    for (let round = 0; round < 5; round++) {
      writeFileSync(file, `{ broken ${round}`);
      new JsonFilePreferencesStore(dataDir).read();
    }
    const copies = setAsideCopies(file);
    expect(copies).toHaveLength(3);
    expect(copies.map((copy) => readFileSync(copy, 'utf8'))).toEqual(['{ broken 2', '{ broken 3', '{ broken 4']);
    expect(reports).toHaveLength(5);
  });

  it('a process killed at any instant of a write leaves the old or the new file, and a good backup', async () => {
    const esbuild = await import('esbuild');
    const core = fileURLToPath(new URL('../../../../electron/core/support/preferences.ts', import.meta.url));
    const writer = path.join(dataDir, 'writer.cjs');
    // Writes version 1, 2, 3... for ever; each version's favourites say its number, many times over (a longer write).
    await esbuild.build({
      stdin: {
        contents: `
          import { writePreferencesFile } from ${JSON.stringify(core)};
          const file = process.argv[2];
          for (let version = 1; ; version++) {
            const favourites = Array.from({ length: 2000 }, () => 'v' + version);
            writePreferencesFile(file, { settings: { favourites }, recents: [] });
            if (version === 1) process.stdout.write('written\\n');
          }`,
        resolveDir: dataDir,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: writer,
      logLevel: 'silent',
    });
    const target = path.join(dataDir, 'crash', 'settings.json');
    for (let kill = 0; kill < 8; kill++) {
      const child = spawn(process.execPath, [writer, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + kill * 7));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      for (const written of [target, preferencesBackupFile(target)]) {
        const favourites = JSON.parse(readFileSync(written, 'utf8')).settings.favourites as string[];
        expect(favourites).toHaveLength(2000);
        expect(new Set(favourites).size).toBe(1);
      }
    }
  }, 30_000);
});
