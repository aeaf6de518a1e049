/**
 * Names from the service that the AWS config cannot hold (or must not: escapes, bidi
 * controls) cost only their own profile: skipped and reported, the rest written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SsoSessionConfig } from '../../../../electron/core/aws-files/aws-config.js';
import { getEntry, parseAwsIni } from '../../../../electron/core/aws-files/aws-ini.js';
import {
  setDefaultProfile,
  syncProfiles,
  type ProfileSyncInput,
  type ProfileSyncResult,
} from '../../../../electron/core/config-sync/sync.js';
import { SKIP_REASONS } from '../../../../electron/core/config-sync/plan.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';
import type { AccountWithRoles } from '../../../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const WORK: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};
const DEV = '111111111111';
const COMMAND = '/usr/bin/node /opt/lanyard/bin/lanyard.js';
/** Profile names as profile-names.ts makes them. */
const SAFE_NAME = /^[A-Za-z0-9_@+](?:[A-Za-z0-9._@+-]*[A-Za-z0-9_@+])?$/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

function home(): TempHome {
  temp = createTempHome();
  return temp;
}

function input(
  accounts: AccountWithRoles[],
  profileStyle: ProfileSyncInput['settings']['profileStyle'] = 'sso',
  credentialProcessCommand = COMMAND,
): ProfileSyncInput {
  return {
    sessions: [WORK],
    inventories: new Map([['work', { accounts, complete: true }]]),
    settings: { profileNameTemplate: DEFAULT_SETTINGS.profileNameTemplate, defaultRegion: '', profileStyle },
    credentialProcessCommand,
  };
}

const readConfig = (current: TempHome): Promise<string> => fs.readFile(current.paths.awsConfigFile, 'utf8');

function profileRoles(text: string): Map<string, string | undefined> {
  const doc = parseAwsIni(text);
  return new Map(
    doc.sections
      .filter((section) => section.header.startsWith('profile '))
      .map((section) => [section.header.slice('profile '.length), getEntry(section, 'sso_role_name')?.value]),
  );
}

const reasonOf = (result: ProfileSyncResult, profile: string): string | undefined =>
  result.skipped.find((item) => item.profile === profile)?.reason;

describe('roles the AWS config cannot hold', () => {
  it('a role name with a line break is skipped and reported; every other profile is written', async () => {
    const current = home();
    const accounts: AccountWithRoles[] = [
      { accountId: DEV, accountName: 'acme-dev', roles: ['Admin', 'Admin\n[profile evil]', 'ReadOnly'] },
      { accountId: '222222222222', accountName: 'x]\n[profile evil]', roles: ['ReadOnly'] },
    ];
    const result = await syncProfiles(current.paths, input(accounts));
    expect(result.added).toEqual(['acme-dev.Admin', 'acme-dev.ReadOnly', 'x-profile-evil.ReadOnly']);
    expect(result.skipped).toEqual([
      { profile: 'acme-dev.Admin-profile-evil', reason: SKIP_REASONS.controlCharacters },
    ]);
    const text = await readConfig(current);
    expect([...profileRoles(text).keys()]).toEqual(['acme-dev.Admin', 'acme-dev.ReadOnly', 'x-profile-evil.ReadOnly']);
    expect(text).not.toMatch(/^\[profile evil\]/m);
    // Again: the same answer, nothing written.
    const again = await syncProfiles(current.paths, input(accounts));
    expect(again).toMatchObject({ changed: false, added: [], skipped: result.skipped });
  });

  it.each([
    ['a carriage return', 'Role\rReturn'],
    ['an OSC title escape', '\u001b]0;TITLE\u0007Admin'],
    ['an SGR colour', '\u001b[31mAdmin\u001b[0m'],
    ['a C1 CSI', '\u009b31mAdmin'],
    ['a right-to-left override', 'Admin\u202Etxt.exe'],
    ['an isolate', 'Read\u2066Only\u2069'],
    ['a tab', 'tab\tbed'],
  ])('never writes %s into the file', async (_what, roleName) => {
    const current = home();
    const result = await syncProfiles(
      current.paths,
      input([{ accountId: DEV, accountName: 'acme', roles: [roleName] }]),
    );
    expect(result.added).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toBe(SKIP_REASONS.controlCharacters);
    expect(result.skipped[0]!.profile).toMatch(SAFE_NAME);
    await expect(fs.access(current.paths.awsConfigFile)).rejects.toThrow();
  });

  it.each([' Padded', 'Padded ', 'semi ;colon', '#hash', ';semi'])(
    'skips a role name the INI writer refuses (%j)',
    async (roleName) => {
      const current = home();
      const result = await syncProfiles(
        current.paths,
        input([{ accountId: DEV, accountName: 'acme', roles: [roleName, 'Admin'] }]),
      );
      expect(result.added).toEqual(['acme.Admin']);
      expect(result.skipped.map((item) => item.reason)).toEqual([SKIP_REASONS.unwritable]);
    },
  );

  it('a skipped role takes no name from another: the writable role keeps its plain name', async () => {
    const current = home();
    // Sorted first by key (" Admin" < "Admin"), and the same name once sanitised.
    const result = await syncProfiles(
      current.paths,
      input([{ accountId: DEV, accountName: 'acme', roles: [' Admin', 'Admin'] }]),
    );
    expect(result.added).toEqual(['acme.Admin']);
    expect(result.profiles[`work/${DEV}/Admin`]).toBe('acme.Admin');
    expect(result.skipped).toEqual([{ profile: `acme.Admin-${DEV}`, reason: SKIP_REASONS.unwritable }]);
  });

  it('reports a skipped role under a name no profile of the user has', async () => {
    const current = home();
    await fs.mkdir(path.dirname(current.paths.awsConfigFile), { recursive: true });
    await fs.writeFile(current.paths.awsConfigFile, '[profile acme.Admin-profile-evil]\nregion = us-east-1\n');
    const result = await syncProfiles(
      current.paths,
      input([{ accountId: DEV, accountName: 'acme', roles: ['Admin\n[profile evil]'] }]),
    );
    expect(result.skipped).toEqual([
      { profile: `acme.Admin-profile-evil-${DEV}`, reason: SKIP_REASONS.controlCharacters },
    ]);
  });

  it('in the credential_process style, skips roles whose names shells split differently', async () => {
    const current = home();
    const result = await syncProfiles(
      current.paths,
      input(
        [{ accountId: DEV, accountName: 'acme', roles: ['$(touch /tmp/x)', 'a;b|c&d`e`', 'Admin'] }],
        'credential-process',
      ),
    );
    expect(result.added).toEqual(['acme.Admin']);
    expect(result.skipped).toHaveLength(2);
    for (const { reason } of result.skipped) expect(reason).toMatch(/credential_process command cannot pass/);
    expect(await readConfig(current)).not.toContain('touch');
  });

  it('still refuses the whole credential_process sync when it does not know its own command', async () => {
    const current = home();
    await expect(
      syncProfiles(
        current.paths,
        input([{ accountId: DEV, accountName: 'acme', roles: ['Admin'] }], 'credential-process', ''),
      ),
    ).rejects.toSatisfy((error) => isLanyardError(error, 'CONFIG'));
  });

  it('keeps, as it is, a profile written for a role that can no longer be written', async () => {
    const current = home();
    const accounts: AccountWithRoles[] = [{ accountId: DEV, accountName: 'acme', roles: ['a b', 'Admin'] }];
    expect((await syncProfiles(current.paths, input(accounts))).added).toEqual(['acme.a-b', 'acme.Admin']);
    const before = await readConfig(current);
    const result = await syncProfiles(current.paths, input(accounts, 'credential-process'));
    expect(result.updated).toEqual(['acme.Admin']);
    expect(result.removed).toEqual([]);
    expect(result.skipped.map((item) => item.profile)).toEqual(['acme.a-b']);
    const after = await readConfig(current);
    expect(profileRoles(after).get('acme.a-b')).toBe('a b');
    const section = (text: string): string => text.slice(text.indexOf('[profile acme.a-b]')).split('\n\n')[0]!;
    expect(section(after)).toBe(section(before));
  });

  it('keeps the config free of control characters whatever the names', async () => {
    const current = home();
    const hostile = ['\u001b]0;x\u0007', 'line\nbreak', 'cr\rreturn', '\u202Eevil', '../../x', '<b>&amp;</b>'];
    const accounts: AccountWithRoles[] = hostile.map((name, index) => ({
      accountId: String(300000000000 + index),
      accountName: name,
      roles: [...hostile, 'Admin'],
    }));
    const result = await syncProfiles(current.paths, input(accounts));
    const text = await readConfig(current);
    expect(text).not.toMatch(CONTROLS);
    expect(text).not.toContain('\r');
    for (const name of profileRoles(text).keys()) expect(name).toMatch(SAFE_NAME);
    for (const { profile } of result.skipped) expect(profile).toMatch(SAFE_NAME);
    expect(reasonOf(result, 'x.line-break')).toBe(SKIP_REASONS.controlCharacters);
  });
});

describe('setDefaultProfile with a hostile role name', () => {
  it.each(['Admin\n[profile evil]', '\u001b[31mAdmin', ' Admin'])('refuses %j and writes nothing', async (roleName) => {
    const current = home();
    await expect(
      setDefaultProfile(current.paths, {
        session: WORK,
        role: { accountId: DEV, roleName },
        settings: { defaultRegion: '', profileStyle: 'sso' },
        credentialProcessCommand: COMMAND,
      }),
    ).rejects.toSatisfy((error) => isLanyardError(error, 'CONFIG'));
    await expect(fs.access(current.paths.awsConfigFile)).rejects.toThrow();
  });
});
