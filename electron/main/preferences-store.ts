/**
 * The core's PreferencesStore on electron-store: `settings.json` in Lanyard's data folder,
 * plain JSON in the same shape and format the CLI reads and writes (core/support/preferences.ts), so
 * both see one set of settings. A file damaged beyond JSON is moved aside (kept for the
 * user) and Lanyard starts from defaults instead of failing to start.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Store from 'electron-store';
import type { Logger } from '../core/support/log.js';
import { PREFERENCES_FILE, type PreferencesStore, type StoredPreferences } from '../core/support/preferences.js';

const STORE_NAME = path.basename(PREFERENCES_FILE, '.json');

function openStore(dataDir: string, logger: Logger): Store {
  const options = {
    cwd: dataDir,
    name: STORE_NAME,
    configFileMode: 0o600,
    // The CLI's own format, so either writer leaves the same file.
    serialize: (value: Record<string, unknown>) => `${JSON.stringify(value, null, 2)}\n`,
  };
  try {
    return new Store(options);
  } catch (error) {
    const file = path.join(dataDir, PREFERENCES_FILE);
    if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
    const aside = `${file}.invalid-${Date.now()}`;
    renameSync(file, aside);
    logger.warn('The settings file was not valid JSON; it was moved aside and Lanyard starts from defaults', {
      file: aside,
    });
    return new Store(options);
  }
}

export function createPreferencesStore(dataDir: string, logger: Logger): PreferencesStore {
  const store = openStore(dataDir, logger);
  return {
    read() {
      try {
        return store.store;
      } catch (error) {
        // Damaged after start (edited by hand): the core falls back to defaults for what is invalid.
        logger.warn('Could not read the settings file', {
          error: error instanceof Error ? error.message : String(error),
        });
        return {};
      }
    },
    write(value: StoredPreferences) {
      store.store = { ...value };
    },
  };
}
