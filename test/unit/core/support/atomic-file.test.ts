import { chmodSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_SUFFIX,
  writeFileAtomically,
  writeFileIfChanged,
} from '../../../../electron/core/support/atomic-file.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

describe('atomic file writes', () => {
  let temp: TempHome;
  let file: string;
  beforeEach(() => {
    temp = createTempHome();
    file = path.join(temp.home, '.aws', 'config');
  });
  afterEach(() => temp.cleanup());

  it('creates a new file 0600 with its folders', async () => {
    await writeFileAtomically(file, 'a\n');
    expect(readFileSync(file, 'utf8')).toBe('a\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the permissions of an existing file and leaves a backup of the previous bytes', async () => {
    await writeFileAtomically(file, 'before\r\n');
    chmodSync(file, 0o640);
    await writeFileAtomically(file, 'after\n', { backup: true });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('before\r\n');
    expect(statSync(file + BACKUP_SUFFIX).mode & 0o777).toBe(0o640);
  });

  it('does not touch a file whose bytes would not change', async () => {
    await writeFileAtomically(file, 'same');
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    expect(await writeFileIfChanged(file, 'same')).toBe(false);
    expect(Math.round(statSync(file).mtimeMs)).toBe(past.getTime());
    expect(await writeFileIfChanged(file, 'other')).toBe(true);
  });
});
