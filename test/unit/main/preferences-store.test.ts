import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/support/log.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../../electron/core/support/preferences.js';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);
vi.mock('electron-store', async () => (await import('./electron-store-fake.js')).electronStoreModule);

const { createPreferencesStore } = await import('../../../electron/main/preferences-store.js');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-prefs-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const preferences = {
  settings: { ...DEFAULT_SETTINGS, favourites: ['work/111111111111/Admin'] },
  recents: ['work/111111111111/Admin'],
  defaultProfile: 'work/111111111111/Admin',
};

describe('electron-store preferences', () => {
  it("writes settings.json as plain JSON in the CLI's own format, private to the user", () => {
    createPreferencesStore(dataDir, silentLogger).write(preferences);
    const file = path.join(dataDir, 'settings.json');
    const cliStore = new JsonFilePreferencesStore(dataDir);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(preferences, null, 2)}\n`);
    expect(normalizePreferences(cliStore.read())).toEqual(preferences);
    if (process.platform !== 'win32') expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('reads what the CLI wrote', () => {
    new JsonFilePreferencesStore(dataDir).write(preferences);
    expect(createPreferencesStore(dataDir, silentLogger).read()).toEqual(preferences);
  });

  it('moves a damaged file aside and starts from defaults instead of failing to start', () => {
    const file = path.join(dataDir, 'settings.json');
    writeFileSync(file, '{"settings": {"hotkey": "Alt+K"');
    const warn = vi.fn();
    const store = createPreferencesStore(dataDir, { ...silentLogger, warn });
    expect(store.read()).toEqual({});
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('settings.json.invalid-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe('{"settings": {"hotkey": "Alt+K"');
    expect(warn).toHaveBeenCalled();
  });

  it('reads a file damaged after start as empty rather than throwing', () => {
    const store = createPreferencesStore(dataDir, silentLogger);
    store.write(preferences);
    writeFileSync(path.join(dataDir, 'settings.json'), 'not json');
    expect(store.read()).toEqual({});
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(true);
  });
});
