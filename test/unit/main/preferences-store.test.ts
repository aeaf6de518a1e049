import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DamageReport, onDamagedFile } from '../../../electron/core/support/damaged-files.js';
import {
  JsonFilePreferencesStore,
  type PreferencesStore,
  normalizePreferences,
  preferencesBackupFile,
} from '../../../electron/core/support/preferences.js';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import { DAMAGES, expectSetAside, plantDamage, setAsideCopies } from '../../support/damaged-files.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);
vi.mock('electron-store', async () => (await import('./electron-store-fake.js')).electronStoreModule);

const { createPreferencesStore } = await import('../../../electron/main/preferences-store.js');

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

const preferences = {
  settings: {
    ...DEFAULT_SETTINGS,
    favourites: ['work/111111111111/Admin'],
    aliases: { 'work/111111111111': 'Production' },
  },
  recents: ['work/111111111111/Admin'],
  defaultProfile: 'work/111111111111/Admin',
};

describe('electron-store preferences', () => {
  it("writes settings.json as plain JSON in the CLI's own format, private to the user, with the same backup", () => {
    createPreferencesStore(dataDir).write(preferences);
    const cliStore = new JsonFilePreferencesStore(dataDir);
    const text = `${JSON.stringify(preferences, null, 2)}\n`;
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readFileSync(preferencesBackupFile(file), 'utf8')).toBe(text);
    expect(normalizePreferences(cliStore.read())).toEqual(preferences);
    if (process.platform !== 'win32') {
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(preferencesBackupFile(file)).mode & 0o777).toString(8)).toBe('600');
    }
  });

  it('reads what the CLI wrote', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    expect(createPreferencesStore(dataDir).read()).toEqual(preferences);
  });

  it('starts on a file that is not JSON instead of failing to start, and keeps writing', () => {
    writeFileSync(file, '{"settings": {"hotkey": "Alt+K"');
    const store = createPreferencesStore(dataDir);
    expect(store.read()).toEqual({});
    store.write(preferences);
    expect(store.read()).toEqual(preferences);
    expect(readFileSync(setAsideCopies(file)[0]!, 'utf8')).toBe('{"settings": {"hotkey": "Alt+K"');
    expect(reports).toHaveLength(1);
  });

  it('restores a file damaged while the app runs from the backup of its last write', () => {
    const store = createPreferencesStore(dataDir);
    store.write(preferences);
    writeFileSync(file, 'not json');
    expect(store.read()).toEqual(preferences);
    expect(readFileSync(setAsideCopies(file)[0]!, 'utf8')).toBe('not json');
    expect(normalizePreferences(JSON.parse(readFileSync(file, 'utf8')))).toEqual(preferences);
    expect(reports).toHaveLength(1);
  });
});

const STORES: Array<{ name: string; open: (dataDir: string) => PreferencesStore }> = [
  { name: "the app's (electron-store)", open: (dir) => createPreferencesStore(dir) },
  { name: "the CLI's (JSON file)", open: (dir) => new JsonFilePreferencesStore(dir) },
];

// Both stores share the core's reading and backup, so each damage ends the same way in either.
describe.each(STORES)('$name store', ({ open }) => {
  describe.each(DAMAGES)('with a settings file damaged by $name', (damage) => {
    it('sets it aside, restores favourites and aliases from the backup, and warns once', () => {
      open(dataDir).write(preferences);
      rmSync(file);
      plantDamage(file, damage);

      expect(normalizePreferences(open(dataDir).read())).toEqual(preferences);
      const aside = expectSetAside(file, damage);
      expect(reports).toHaveLength(1);
      expect(reports[0]!.message).toMatch(damage.problem);
      expect(reports[0]!.message).toContain(`The settings file ${file} was damaged`);
      expect(reports[0]!.message).toContain(
        `it was moved to ${aside} and your settings were restored from the backup of`,
      );

      // A second start: a good file, no new warning.
      const again = open(dataDir);
      expect(normalizePreferences(again.read())).toEqual(preferences);
      again.write({ ...preferences, recents: [] });
      expect(reports).toHaveLength(1);
      expect(setAsideCopies(file)).toHaveLength(1);
    });

    it('without a backup, sets it aside and starts from defaults, saying so once', () => {
      plantDamage(file, damage);
      const store = open(dataDir);
      expect(store.read()).toEqual({});
      expectSetAside(file, damage);
      expect(reports).toHaveLength(1);
      expect(reports[0]!.message).toContain('Lanyard starts from default settings, as there is no backup to restore');
      expect(open(dataDir).read()).toEqual({});
      expect(existsSync(file)).toBe(false);
      expect(reports).toHaveLength(1);
    });
  });
});
