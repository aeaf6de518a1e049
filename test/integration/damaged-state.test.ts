/**
 * Damaged state found at start: settings, the sync record, a stored account list and a lock
 * in the way, all at once. Lanyard (the app's core, and the CLI as users run it) starts
 * anyway, says what it set aside on the notice board, in the log or on stderr, keeps the
 * user's favourites and aliases, and says nothing more the next time.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryFile } from '../../electron/core/accounts/inventory-store.js';
import { syncRecordFile } from '../../electron/core/config-sync/record.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { Lanyard } from '../../electron/core/lanyard.js';
import { sha1Hex } from '../../electron/core/support/digest.js';
import { createLogger } from '../../electron/core/support/log.js';
import {
  JsonFilePreferencesStore,
  type StoredPreferences,
  normalizePreferences,
} from '../../electron/core/support/preferences.js';
import { runCli } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { SMALL_ORG, configText, profileNames } from '../support/sync-org.js';
import { setAsideCopies } from '../support/damaged-files.js';

let fixture: SsoFixture | undefined;
let lanyard: Lanyard | undefined;
afterEach(async () => {
  await lanyard?.stop();
  lanyard = undefined;
  await fixture?.close();
  fixture = undefined;
});

const PREFERENCES: StoredPreferences = {
  settings: {
    ...DEFAULT_SETTINGS,
    favourites: ['work/111111111111/Admin'],
    aliases: { 'work/111111111111': 'Development' },
  },
  recents: [],
};

/** Every damaged thing at once: truncated settings, a garbage record, an empty account list, a file for a lock. */
function damageEverything(current: SsoFixture): { settings: string; record: string; inventory: string; lock: string } {
  const { paths } = current.temp;
  const files = {
    settings: path.join(paths.dataDir, 'settings.json'),
    record: syncRecordFile(paths),
    inventory: inventoryFile(paths, 'work'),
    lock: path.join(paths.dataDir, 'locks', `${sha1Hex('aws-config')}.lock`),
  };
  writeFileSync(files.settings, '{"settings": {"favourites": ["work/1111');
  writeFileSync(files.record, Buffer.from([0xff, 0x00, 0x7b, 0x22]));
  writeFileSync(files.inventory, '');
  mkdirSync(path.dirname(files.lock), { recursive: true });
  rmSync(files.lock, { recursive: true, force: true });
  writeFileSync(files.lock, 'in the way');
  return files;
}

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts the app's core and waits for its first sync to be over. */
async function startAndSync(app: Lanyard): Promise<void> {
  await app.start();
  await until(async () => (await app.getState()).sync?.lastSyncAt);
  await app.idle();
}

function startLanyard(current: SsoFixture, log: string[]): Lanyard {
  lanyard = new Lanyard({
    paths: current.temp.paths,
    env: current.temp.env,
    preferences: new JsonFilePreferencesStore(current.temp.paths.dataDir),
    logger: createLogger({ level: 'warn', write: (line) => log.push(line) }),
    random: () => 0.5,
    platform: { writeClipboard: () => {}, openExternal: async () => {}, platform: 'linux' },
  });
  return lanyard;
}

describe('damaged state at start', () => {
  it('the app starts, lists on the notice board and in the log what it set aside, and keeps favourites', async () => {
    fixture = await createSsoFixture({ accounts: SMALL_ORG });
    await fixture.seedToken();
    new JsonFilePreferencesStore(fixture.temp.paths.dataDir).write(PREFERENCES);
    const first = startLanyard(fixture, []);
    await startAndSync(first);
    await until(async () => profileNames(configText(fixture!)).length === 3);
    await first.idle();
    await first.stop();
    lanyard = undefined;
    const synced = profileNames(configText(fixture));
    expect(synced).toHaveLength(3);

    const files = damageEverything(fixture);
    const log: string[] = [];
    const second = startLanyard(fixture, log);
    expect(second.settings.favourites).toEqual(PREFERENCES.settings.favourites);
    expect(second.settings.aliases).toEqual(PREFERENCES.settings.aliases);
    await startAndSync(second);
    // The lock and the record are found by the sync after the listing: wait for all four.
    await until(
      async () => (await second.getState()).notices.filter((notice) => /damaged/i.test(notice.body)).length >= 4,
    );
    const notices = (await second.getState()).notices;
    const bodies = notices.map((notice) => notice.body).join('\n');
    for (const file of Object.values(files)) {
      const copies = setAsideCopies(file);
      expect(copies, file).toHaveLength(1);
      expect(bodies).toContain(`it was moved to ${copies[0]}`);
    }
    expect(notices.map((notice) => notice.title)).toEqual(
      expect.arrayContaining([
        'Damaged settings file set aside',
        'Damaged profile sync record set aside',
        'Damaged lock set aside',
        'Account list of work',
      ]),
    );
    expect(log.join('\n')).toContain(`The settings file ${files.settings} was damaged (it is not valid JSON)`);
    // Lanyard's profiles read exactly as it wrote them, so it takes them back; none is lost.
    expect(profileNames(configText(fixture))).toEqual(synced);
    await second.stop();
    lanyard = undefined;

    const log3: string[] = [];
    const third = startLanyard(fixture, log3);
    await startAndSync(third);
    expect((await third.getState()).notices.filter((notice) => notice.body.includes('was damaged'))).toEqual([]);
    expect(log3.filter((line) => line.includes('was damaged'))).toEqual([]);
    expect(third.settings.favourites).toEqual(PREFERENCES.settings.favourites);
  });

  it('the CLI runs, says on stderr what it set aside, and says nothing the next time', async () => {
    fixture = await createSsoFixture({ accounts: SMALL_ORG });
    await fixture.seedToken();
    new JsonFilePreferencesStore(fixture.temp.paths.dataDir).write(PREFERENCES);
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);

    const files = damageEverything(fixture);
    const damaged = await runCli(['sync', '--cached'], fixture.temp.env);
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.stderr).toContain(
      `The settings file ${files.settings} was damaged (it is not valid JSON); it was moved to ${setAsideCopies(files.settings)[0]} and your settings were restored from the backup of`,
    );
    for (const file of Object.values(files))
      expect(damaged.stderr).toContain(`it was moved to ${setAsideCopies(file)[0]}`);
    expect(damaged.stderr).toMatch(/The lock .* was damaged \(it is a file, not a folder\)/);
    expect(damaged.stderr).toMatch(/record of the profiles it manages .* was damaged \(it is not valid JSON\)/);
    expect(damaged.stderr).toMatch(/The stored account list .* was damaged \(it is empty\)/);
    const restored = normalizePreferences(JSON.parse(readFileSync(files.settings, 'utf8')));
    expect(restored.settings.favourites).toEqual(PREFERENCES.settings.favourites);

    const again = await runCli(['sync', '--cached'], fixture.temp.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('was damaged');
  });
});
