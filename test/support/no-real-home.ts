/**
 * Runs before every test file (vitest `setupFiles`): the test process's own HOME, AWS file
 * variables and Lanyard data folder point into a throwaway folder. Each test makes its own
 * temporary HOME (temp-home.ts); this is the net under it, so code that reads
 * `process.env` directly (a helper imported by mistake, a default argument) can never reach
 * the developer's real `~/.aws`.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const home = mkdtempSync(path.join(os.tmpdir(), 'lanyard-test-process-home-'));
Object.assign(process.env, {
  HOME: home,
  USERPROFILE: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
  LANYARD_DATA_DIR: path.join(home, 'lanyard-data'),
});
