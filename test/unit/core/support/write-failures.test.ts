/**
 * Writes that fail: the disk is full, the file system is read-only, permission is denied, a
 * folder stands where the file should be. Simulated through the file layer (the tests run as
 * root, which no permission stops) for every file Lanyard keeps: each failure is reported in
 * words with what to do, and the previous version of the file stays as it was, with no temp
 * file left behind.
 */
import { promises as fs, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LanyardError } from '../../../../electron/core/domain/errors.js';
import { inventoryFile } from '../../../../electron/core/accounts/inventory-store.js';
import { syncRecordFile } from '../../../../electron/core/config-sync/record.js';
import { roleCredentialsFile } from '../../../../electron/core/credentials/role-credentials-cache.js';
import { tokenCacheFile } from '../../../../electron/core/sessions/token-cache.js';
import type { LanyardPaths } from '../../../../electron/core/support/paths.js';
import { CRASH_ROLE, CRASH_SESSION, CRASH_WRITES } from '../../../support/crash-writer.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let temp: TempHome | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  temp?.cleanup();
  temp = undefined;
});

/** The file each write replaces. */
const TARGETS: Record<string, (paths: LanyardPaths) => string> = {
  'token cache': (paths) => tokenCacheFile(paths, CRASH_SESSION.name),
  'AWS CLI credential cache': (paths) => roleCredentialsFile(paths.cliCacheDir, CRASH_ROLE),
  inventory: (paths) => inventoryFile(paths, CRASH_SESSION.name),
  'config and sync record': (paths) => paths.awsConfigFile,
  credentials: (paths) => paths.awsCredentialsFile,
};
// Settings are written synchronously by their own store; see the preferences tests.
const WRITES = CRASH_WRITES.filter(([name]) => name in TARGETS);
const syncConfig = CRASH_WRITES.find(([name]) => name === 'config and sync record')![1];

/** What a write needs first: pinning needs the profile in the config. */
async function prepare(name: string, paths: LanyardPaths): Promise<void> {
  if (name === 'credentials') await syncConfig(paths, 1);
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

const isTemp = (file: unknown): boolean => String(file).endsWith('.lanyard-tmp');

/** Each fault, made to happen where it would: opening the temp file, writing it, renaming it. */
const FAULTS: Record<string, { words: RegExp; hint: RegExp; inject: () => void }> = {
  ENOSPC: {
    words: /the disk is full/,
    hint: /Free some space/,
    inject: () => {
      const open = fs.open.bind(fs);
      vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
        const handle = await open(...args);
        if (isTemp(args[0])) handle.writeFile = () => Promise.reject(errno('ENOSPC'));
        return handle;
      });
    },
  },
  EROFS: {
    words: /the file system is read-only/,
    hint: /Make .* writable/,
    inject: () => {
      const open = fs.open.bind(fs);
      vi.spyOn(fs, 'open').mockImplementation((...args: Parameters<typeof fs.open>) =>
        isTemp(args[0]) ? Promise.reject(errno('EROFS')) : open(...args),
      );
    },
  },
  EACCES: {
    words: /permission denied/,
    hint: /Check that you own/,
    inject: () => {
      const rename = fs.rename.bind(fs);
      vi.spyOn(fs, 'rename').mockImplementation((from, to) =>
        isTemp(from) ? Promise.reject(errno('EACCES')) : rename(from, to),
      );
    },
  },
};

function leftovers(home: string): string[] {
  return readdirSync(home, { recursive: true, encoding: 'utf8' }).filter((name) => /\.lanyard-(tmp|hold)$/.test(name));
}

describe.each(WRITES)('writing the %s', (name, write) => {
  it.each(Object.keys(FAULTS))('fails clearly on %s and keeps the previous version', async (code) => {
    temp = createTempHome();
    const { paths, home } = temp;
    await prepare(name, paths);
    await write(paths, 1);
    const target = TARGETS[name]!(paths);
    const before = readFileSync(target);
    const record = name === 'config and sync record' ? readFileSync(syncRecordFile(paths)) : undefined;
    const fault = FAULTS[code]!;
    fault.inject();
    const error = await write(paths, 2).catch((caught: unknown) => caught);
    vi.restoreAllMocks();
    expect(error).toBeInstanceOf(LanyardError);
    expect((error as LanyardError).message).toMatch(fault.words);
    expect((error as LanyardError).message).toContain('The file was left as it was.');
    expect((error as LanyardError).hint).toMatch(fault.hint);
    expect(readFileSync(target).equals(before)).toBe(true);
    // The record is written after the config, so it never says what the file does not.
    if (record) expect(readFileSync(syncRecordFile(paths)).equals(record)).toBe(true);
    expect(leftovers(home)).toEqual([]);
  });

  it('fails clearly when a folder stands where the file should be, or sets its own aside', async () => {
    temp = createTempHome();
    const { paths } = temp;
    await prepare(name, paths);
    const target = TARGETS[name]!(paths);
    mkdirSync(path.join(target, 'something'), { recursive: true });
    const outcome = await write(paths, 1).catch((caught: unknown) => caught);
    if (name === 'inventory') {
      // Lanyard's own account list: what is in the way is set aside (kept), and the list written.
      expect(outcome).toBeUndefined();
      expect(statSync(target).isFile()).toBe(true);
      const aside = readdirSync(path.dirname(target)).filter((entry) => entry.startsWith(`${path.basename(target)}.`));
      expect(aside.some((entry) => statSync(path.join(path.dirname(target), entry, 'something')).isDirectory())).toBe(
        true,
      );
      return;
    }
    // A file other tools read too: never moved by Lanyard; the error says what to do.
    expect(outcome).toBeInstanceOf(LanyardError);
    expect((outcome as LanyardError).message).toContain('a folder is in the way where the file should be');
    expect((outcome as LanyardError).hint).toContain(`Move the folder ${target} away`);
    expect(statSync(path.join(target, 'something')).isDirectory()).toBe(true);
    rmSync(target, { recursive: true });
    await write(paths, 1);
    expect(statSync(target).isFile()).toBe(true);
  });
});
