import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SsoSessionConfig } from '../../../../electron/core/aws-files/aws-config.js';
import { loadSyncRecord, syncRecordFile } from '../../../../electron/core/config-sync/record.js';
import { type ProfileSyncInput, syncProfiles } from '../../../../electron/core/config-sync/sync.js';
import type { AccountWithRoles } from '../../../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import { type DamageReport, onDamagedFile } from '../../../../electron/core/support/damaged-files.js';
import { DAMAGES, type Damage, expectSetAside, plantDamage, setAsideCopies } from '../../../support/damaged-files.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const WORK: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};
const ACCOUNTS: AccountWithRoles[] = [
  { accountId: '111111111111', accountName: 'acme-dev', roles: ['Admin', 'ReadOnly'] },
  { accountId: '222222222222', accountName: 'acme-prod', roles: ['ReadOnly'] },
];

function input(accounts: AccountWithRoles[] = ACCOUNTS): ProfileSyncInput {
  return {
    sessions: [WORK],
    inventories: new Map([['work', { accounts, complete: true }]]),
    settings: { profileNameTemplate: DEFAULT_SETTINGS.profileNameTemplate, defaultRegion: '', profileStyle: 'sso' },
    credentialProcessCommand: '',
  };
}

/** Record damage beyond any JSON file's: another shape that would lose Lanyard's list of its profiles. */
const RECORD_DAMAGES: readonly Damage[] = [
  ...DAMAGES,
  { name: 'no format number', bytes: Buffer.from('{"profiles": {}}'), problem: /no format number/ },
  {
    name: 'profile lists that are no objects',
    bytes: Buffer.from('{"format": 1, "configFile": "x", "profiles": []}'),
    problem: /profile lists are not JSON objects/,
  },
];

let temp: TempHome;
let reports: DamageReport[];
let stopReports: () => void;
beforeEach(() => {
  temp = createTempHome();
  reports = [];
  stopReports = onDamagedFile(temp.paths.dataDir, (report) => reports.push(report));
});
afterEach(() => {
  stopReports();
  temp.cleanup();
});

const readConfig = (): Promise<string> => fs.readFile(temp.paths.awsConfigFile, 'utf8');

describe.each(RECORD_DAMAGES)('a sync record damaged by $name', (damage) => {
  it('is set aside with a warning and loads as none, once', async () => {
    const file = syncRecordFile(temp.paths);
    plantDamage(file, damage);
    const record = await loadSyncRecord(temp.paths);
    expect(record.profiles.size).toBe(0);
    const aside = expectSetAside(file, damage);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain(
      `Lanyard's record of the profiles it manages in ${temp.paths.awsConfigFile} (${file}) was damaged (`,
    );
    expect(reports[0]!.message).toMatch(damage.problem);
    expect(reports[0]!.message).toContain(`it was moved to ${aside}. Lanyard now manages only the profiles`);

    expect((await loadSyncRecord(temp.paths)).profiles.size).toBe(0);
    expect(reports).toHaveLength(1);
  });

  it('costs no profile the user edited, and removes nothing, at the next sync', async () => {
    await syncProfiles(temp.paths, input());
    // The user makes acme-dev.ReadOnly theirs.
    const edited = (await readConfig()).replace(
      '[profile acme-dev.ReadOnly]\n',
      '[profile acme-dev.ReadOnly]\noutput = json\n',
    );
    await fs.writeFile(temp.paths.awsConfigFile, edited);
    const file = syncRecordFile(temp.paths);
    await fs.rm(file, { recursive: true });
    plantDamage(file, damage);

    // acme-dev's Admin role is gone from a complete listing: with its record, Lanyard would remove its profile.
    const result = await syncProfiles(temp.paths, input([{ ...ACCOUNTS[0]!, roles: ['ReadOnly'] }, ACCOUNTS[1]!]));
    expect(result.removed).toEqual([]);
    expect(result.added).toEqual([]);
    expect(await readConfig()).toBe(edited);
    expect(result.skipped).toContainEqual(expect.objectContaining({ profile: 'acme-dev.ReadOnly' }));
    // The profile still exactly as Lanyard wrote it is Lanyard's again.
    expect(result.profiles).toEqual({ 'work/222222222222/ReadOnly': 'acme-prod.ReadOnly' });
    expect(reports).toHaveLength(1);
    expect(setAsideCopies(file)).toHaveLength(1);

    await syncProfiles(temp.paths, input([{ ...ACCOUNTS[0]!, roles: ['ReadOnly'] }, ACCOUNTS[1]!]));
    expect(reports).toHaveLength(1);
    expect((await loadSyncRecord(temp.paths)).profiles.has('acme-prod.ReadOnly')).toBe(true);
  });
});

it('a reader that only looks counts a damaged record as none and leaves it, unreported', async () => {
  const file = syncRecordFile(temp.paths);
  plantDamage(file, DAMAGES[0]!);
  expect((await loadSyncRecord(temp.paths, { setAside: false })).profiles.size).toBe(0);
  expect(readFileSync(file).equals(DAMAGES[0]!.bytes!)).toBe(true);
  expect(reports).toEqual([]);
});

it('a record of another format counts as none without being called damaged', async () => {
  const file = syncRecordFile(temp.paths);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify({ format: 99, anything: true }));
  expect((await loadSyncRecord(temp.paths)).profiles.size).toBe(0);
  expect(reports).toEqual([]);
  expect(setAsideCopies(file)).toEqual([]);
});
