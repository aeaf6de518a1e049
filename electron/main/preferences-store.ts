/**
 * The core's PreferencesStore on electron-store: `settings.json` in Lanyard's data folder,
 * plain JSON in the same shape and format the CLI reads and writes (core/support/preferences.ts), so
 * both see one set of settings. electron-store writes the file (atomically: a temp file,
 * flushed to disk, then renamed into place, with retries for Windows' busy files). Reading,
 * damage and the backup are the core's, shared with the CLI's store: a damaged file is moved
 * aside (kept for the user) and the settings come back from the backup of the last write.
 */
import path from 'node:path';
import Store from 'electron-store';
import {
  PREFERENCES_FILE,
  type PreferencesStore,
  type StoredPreferences,
  preferencesFile,
  preferencesText,
  readPreferencesFile,
  writePreferencesBackup,
} from '../core/support/preferences.js';

const STORE_NAME = path.basename(PREFERENCES_FILE, '.json');

export function createPreferencesStore(dataDir: string): PreferencesStore {
  const file = preferencesFile(dataDir);
  let store: Store | undefined;
  // electron-store reads the file when it is made and throws on one that is not JSON, so it
  // is made only once the core has read the file (and set aside what was damaged).
  const open = (): Store => {
    if (store) return store;
    readPreferencesFile(file);
    store = new Store({
      cwd: dataDir,
      name: STORE_NAME,
      configFileMode: 0o600,
      // The CLI's own format, so either writer leaves the same file.
      serialize: preferencesText,
    });
    return store;
  };
  return {
    read: () => readPreferencesFile(file),
    write(value: StoredPreferences) {
      open().store = { ...value };
      writePreferencesBackup(file, value);
    },
  };
}
