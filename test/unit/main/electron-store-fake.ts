/**
 * electron-store without Electron: electron-store is `conf` with `name` read as the file name
 * and Electron's userData as the default folder. Tests mock it with this, so the real `conf`
 * (the code that reads and writes the file) still runs.
 *
 *   vi.mock('electron-store', async () => (await import('./electron-store-fake.js')).electronStoreModule);
 */
import Conf, { type Options } from 'conf';

class ElectronStore<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: Partial<Options<T>> & { name?: string }) {
    const { name = 'config', ...rest } = options;
    super({ ...rest, configName: name });
  }
}

export const electronStoreModule = { default: ElectronStore };
