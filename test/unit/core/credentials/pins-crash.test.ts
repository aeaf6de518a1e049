/**
 * Pinned keys when an edit is cut short between the pins record and the credentials file (a
 * kill, a failed write): the next renewal still knows its own section, keeps the pin and
 * writes fresh keys, instead of taking the section for the user's and dropping the pin.
 */
import { promises as fs, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PinnedProfiles } from '../../../../electron/core/credentials/pins.js';
import { CRASH_PINNED_PROFILE, CRASH_SESSION, CRASH_WRITES, crashVersions } from '../../../support/crash-writer.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let temp: TempHome | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  temp?.cleanup();
  temp = undefined;
});

const write = (name: string): ((paths: TempHome['paths'], pass: number) => Promise<void>) =>
  CRASH_WRITES.find(([candidate]) => candidate === name)![1];

/** The pins record: the one JSON file in Lanyard's folder for pins. */
function pinsRecord(paths: TempHome['paths']): string {
  const folder = readdirSync(paths.dataDir).find((name) => name.includes('pin'))!;
  const [file] = readdirSync(path.join(paths.dataDir, folder)).filter((name) => name.endsWith('.json'));
  return path.join(paths.dataDir, folder, file!);
}

describe.each(['the pins record', 'the credentials file'])('a renewal whose write of %s fails', (failing) => {
  it('leaves the next renewal to keep the pin and write fresh keys', async () => {
    temp = createTempHome();
    const { paths } = temp;
    await write('config and sync record')(paths, 1);
    await write('credentials')(paths, 1);
    const target = failing === 'the pins record' ? pinsRecord(paths) : paths.awsCredentialsFile;
    const open = fs.open.bind(fs);
    vi.spyOn(fs, 'open').mockImplementation((...args: Parameters<typeof fs.open>) =>
      String(args[0]).startsWith(`${target}.`)
        ? Promise.reject(Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' }))
        : open(...args),
    );
    await expect(write('credentials')(paths, 2)).rejects.toThrow(/the disk is full/);
    vi.restoreAllMocks();

    const pins = new PinnedProfiles({
      paths,
      sessions: async () => [CRASH_SESSION],
      credentials: { get: async () => crashVersions.credentials(3) },
    });
    const report = await pins.refresh({ force: true });
    expect(report.released).toEqual([]);
    expect(report.written).toEqual([CRASH_PINNED_PROFILE]);
    expect((await pins.list()).map((pin) => pin.profile)).toEqual([CRASH_PINNED_PROFILE]);
    expect(readFileSync(paths.awsCredentialsFile, 'utf8')).toContain(crashVersions.credentials(3).accessKeyId);
  });
});
