import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyPatch } from 'diff';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_SUFFIX } from '../../../../electron/core/support/atomic-file.js';
import type { SsoSessionConfig } from '../../../../electron/core/aws-files/aws-config.js';
import { editSections, findSections, parseAwsIni, sectionText } from '../../../../electron/core/aws-files/aws-ini.js';
import {
  MANAGED_MARKER,
  readManagedProfiles,
  setDefaultProfile,
  syncProfiles,
  type ProfileSyncInput,
  type SessionListing,
} from '../../../../electron/core/config-sync/sync.js';
import { SKIP_REASONS } from '../../../../electron/core/config-sync/plan.js';
import { syncRecordFile } from '../../../../electron/core/config-sync/record.js';
import type { AccountWithRoles } from '../../../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';
import { hostileFixtures } from '../aws-files/fixtures/hostile-configs/index.js';

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
const SETTINGS = {
  profileNameTemplate: DEFAULT_SETTINGS.profileNameTemplate,
  defaultRegion: '',
  profileStyle: 'sso' as const,
};
const COMMAND = '/usr/bin/node "/opt/my apps/lanyard/bin/lanyard.js"';

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
  accounts: AccountWithRoles[] = ACCOUNTS,
  listing: Partial<SessionListing> = {},
  settings: Partial<ProfileSyncInput['settings']> = {},
): ProfileSyncInput {
  return {
    sessions: [WORK],
    inventories: new Map([['work', { accounts, complete: true, ...listing }]]),
    settings: { ...SETTINGS, ...settings },
    credentialProcessCommand: COMMAND,
  };
}

async function writeConfig(current: TempHome, text: string): Promise<void> {
  await fs.mkdir(path.dirname(current.paths.awsConfigFile), { recursive: true });
  await fs.writeFile(current.paths.awsConfigFile, text);
}

const readConfig = (current: TempHome): Promise<string> => fs.readFile(current.paths.awsConfigFile, 'utf8');
const mtime = async (file: string): Promise<number> => (await fs.stat(file)).mtimeMs;

/** The config text without the profiles Lanyard manages (and the blank line each brought). */
function withoutManaged(text: string, names: Iterable<string>): string {
  const doc = parseAwsIni(text);
  return editSections(doc, { remove: [...names].flatMap((name) => findSections(doc, 'profile', name)) }).text;
}

describe('syncProfiles into the hostile corpus', () => {
  it.each(
    hostileFixtures()
      .filter((item) => item.kind === 'config')
      .map((item) => [item.name, item.text] as const),
  )('%s: every byte outside Lanyard’s profiles stays, and a second sync writes nothing', async (_name, text) => {
    const current = home();
    await writeConfig(current, text);
    const first = await syncProfiles(current.paths, input());
    expect(first.added).toEqual(['acme-dev.Admin', 'acme-dev.ReadOnly', 'acme-prod.ReadOnly']);
    const after = await readConfig(current);
    expect(withoutManaged(after, first.added)).toBe(text);
    expect(after.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));

    const before = await mtime(current.paths.awsConfigFile);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = await syncProfiles(current.paths, input());
    expect(second).toMatchObject({ changed: false, added: [], updated: [], removed: [], diff: '' });
    expect(await mtime(current.paths.awsConfigFile)).toBe(before);
    expect(await readConfig(current)).toBe(after);
  });
});

describe('syncProfiles', () => {
  it('writes one profile per role with the session, account, role, region and a marker', async () => {
    const current = home();
    const result = await syncProfiles(current.paths, input());
    expect(result.profiles).toEqual({
      'work/111111111111/Admin': 'acme-dev.Admin',
      'work/111111111111/ReadOnly': 'acme-dev.ReadOnly',
      'work/222222222222/ReadOnly': 'acme-prod.ReadOnly',
    });
    expect(await readConfig(current)).toBe(
      [
        '[profile acme-dev.Admin]',
        `# ${MANAGED_MARKER}`,
        'sso_session = work',
        'sso_account_id = 111111111111',
        'sso_role_name = Admin',
        'region = eu-west-1',
        '',
        '[profile acme-dev.ReadOnly]',
        `# ${MANAGED_MARKER}`,
        'sso_session = work',
        'sso_account_id = 111111111111',
        'sso_role_name = ReadOnly',
        'region = eu-west-1',
        '',
        '[profile acme-prod.ReadOnly]',
        `# ${MANAGED_MARKER}`,
        'sso_session = work',
        'sso_account_id = 222222222222',
        'sso_role_name = ReadOnly',
        'region = eu-west-1',
        '',
      ].join('\n'),
    );
    expect((await fs.stat(current.paths.awsConfigFile)).mode & 0o777).toBe(0o600);
    expect(await readManagedProfiles(current.paths)).toEqual(result.profiles);
  });

  it('writes credential_process profiles with the quoted command and the default region', async () => {
    const current = home();
    await syncProfiles(
      current.paths,
      input(ACCOUNTS.slice(1), {}, { profileStyle: 'credential-process', defaultRegion: 'ap-south-1' }),
    );
    const section = parseAwsIni(await readConfig(current)).sections[0]!;
    expect(section.entries.map((entry) => [entry.key, entry.value])).toEqual([
      [
        'credential_process',
        `${COMMAND} credential-process --sso-session work --account-id 222222222222 --role-name ReadOnly`,
      ],
      ['region', 'ap-south-1'],
    ]);
  });

  it('refuses a credential_process argument that shells would split differently', async () => {
    const current = home();
    const odd: ProfileSyncInput = {
      ...input(ACCOUNTS, {}, { profileStyle: 'credential-process' }),
      sessions: [{ ...WORK, name: 'we%ird' }],
      inventories: new Map([['we%ird', { accounts: ACCOUNTS, complete: true }]]),
    };
    await expect(syncProfiles(current.paths, odd)).rejects.toThrow(/sso-session name "we%ird"/);
  });

  it('prunes only after a complete listing; an incomplete one prunes nothing and says why', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    const halfway = await syncProfiles(
      current.paths,
      input(
        ACCOUNTS.slice(0, 1).map((account) => ({ ...account, roles: ['Admin'] })),
        { complete: false, problem: 'ListAccountRoles failed: throttled' },
      ),
    );
    expect(halfway).toMatchObject({ changed: false, removed: [] });
    expect(halfway.notPruned).toEqual([
      {
        sessionName: 'work',
        reason: 'its account list is incomplete (ListAccountRoles failed: throttled), so no profile of it was removed',
      },
    ]);
    expect(Object.values(halfway.profiles)).toHaveLength(3);

    const complete = await syncProfiles(current.paths, input([ACCOUNTS[0]!]));
    expect(complete).toMatchObject({ changed: true, removed: ['acme-prod.ReadOnly'], notPruned: [] });
    expect(await readConfig(current)).not.toContain('acme-prod');
  });

  it('leaves sessions without a listing, and sessions not given, alone', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    const other: ProfileSyncInput = { ...input(), inventories: new Map() };
    expect(await syncProfiles(current.paths, other)).toMatchObject({ changed: false, removed: [] });
    expect(await syncProfiles(current.paths, { ...input(), sessions: [] })).toMatchObject({
      changed: false,
      removed: [],
    });
  });

  it('skips a name a profile of the user’s already has and leaves that profile alone', async () => {
    const current = home();
    const mine = '[profile acme-dev.Admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::111111111111:role/Mine\n';
    await writeConfig(current, mine);
    const result = await syncProfiles(current.paths, input());
    expect(result.skipped).toEqual([{ profile: 'acme-dev.Admin', reason: SKIP_REASONS.userOwned }]);
    expect(result.added).toEqual(['acme-dev.ReadOnly', 'acme-prod.ReadOnly']);
    expect((await readConfig(current)).startsWith(mine)).toBe(true);
    expect(result.profiles['work/111111111111/Admin']).toBeUndefined();
  });

  it('stops managing a profile the user edited, reports it and keeps the edit through later syncs', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    const edited = (await readConfig(current)).replace(
      'sso_role_name = Admin\nregion = eu-west-1',
      'sso_role_name = Admin\nregion = us-west-2\noutput = json',
    );
    await writeConfig(current, edited);

    const result = await syncProfiles(current.paths, input(ACCOUNTS, {}, { defaultRegion: 'ca-central-1' }));
    expect(result.skipped).toEqual([{ profile: 'acme-dev.Admin', reason: SKIP_REASONS.edited }]);
    expect(result.updated).toEqual(['acme-dev.ReadOnly', 'acme-prod.ReadOnly']);
    const text = await readConfig(current);
    expect(text).toContain('region = us-west-2\noutput = json');
    expect(text.match(/region = ca-central-1/g)).toHaveLength(2);

    // Later syncs, even a complete listing without the role, never touch it again.
    const later = await syncProfiles(current.paths, input([ACCOUNTS[1]!]));
    expect(later.removed).toEqual(['acme-dev.ReadOnly']);
    expect(await readConfig(current)).toContain('[profile acme-dev.Admin]\n');
  });

  it('keeps reporting an edited profile as the user’s, and treats deleting it as declining it', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    await writeConfig(
      current,
      (await readConfig(current)).replace(
        'sso_role_name = ReadOnly\nregion = eu-west-1',
        'sso_role_name = ReadOnly\nregion = eu-west-3',
      ),
    );
    const edited = { profile: 'acme-dev.ReadOnly', reason: SKIP_REASONS.edited };
    expect((await syncProfiles(current.paths, input())).skipped).toEqual([edited]);
    expect((await syncProfiles(current.paths, input(ACCOUNTS, {}, { defaultRegion: 'us-east-2' }))).skipped).toEqual([
      edited,
    ]);
    const doc = parseAwsIni(await readConfig(current));
    await writeConfig(current, editSections(doc, { remove: findSections(doc, 'profile', 'acme-dev.ReadOnly') }).text);
    const after = await syncProfiles(current.paths, input(ACCOUNTS, {}, { defaultRegion: 'us-east-2' }));
    expect(after).toMatchObject({
      changed: false,
      added: [],
      skipped: [{ profile: 'acme-dev.ReadOnly', reason: SKIP_REASONS.declined }],
    });
  });

  it('answers a repeated sync like a full one, and plans again after any edit of the file', async () => {
    const current = home();
    await writeConfig(current, '[profile acme-prod.ReadOnly]\nregion = us-east-1\n');
    const incomplete = input(ACCOUNTS, { complete: false, problem: 'throttled' });
    const first = await syncProfiles(current.paths, incomplete);
    const repeated = await syncProfiles(current.paths, incomplete);
    expect(repeated).toEqual({ ...first, changed: false, added: [], diff: '' });
    expect(repeated.skipped).toEqual([{ profile: 'acme-prod.ReadOnly', reason: SKIP_REASONS.userOwned }]);
    expect(repeated.notPruned).toHaveLength(1);

    // An edit of the user's own profile: a full plan again, which still writes nothing.
    const text = (await readConfig(current)).replace('region = us-east-1', 'region = us-east-2');
    await writeConfig(current, text);
    const modified = await mtime(current.paths.awsConfigFile);
    const replanned = await syncProfiles(current.paths, incomplete);
    expect(replanned).toEqual(repeated);
    expect(await readConfig(current)).toBe(text);
    expect(await mtime(current.paths.awsConfigFile)).toBe(modified);
    // Another input is another sync.
    expect(
      (await syncProfiles(current.paths, input(ACCOUNTS, {}, { defaultRegion: 'us-west-1' }))).updated,
    ).toHaveLength(2);
  });

  it('does not add back a Lanyard profile the user deleted, unless asked to restore it', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    const doc = parseAwsIni(await readConfig(current));
    await writeConfig(current, editSections(doc, { remove: findSections(doc, 'profile', 'acme-dev.ReadOnly') }).text);

    const result = await syncProfiles(current.paths, input());
    expect(result).toMatchObject({ changed: false, added: [] });
    expect(result.skipped).toEqual([{ profile: 'acme-dev.ReadOnly', reason: SKIP_REASONS.declined }]);
    expect(await syncProfiles(current.paths, input(), { restore: true })).toMatchObject({
      changed: true,
      added: ['acme-dev.ReadOnly'],
    });
  });

  it('starts afresh when the config file was replaced', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    await writeConfig(current, '[default]\nregion = us-east-1\n');
    expect((await syncProfiles(current.paths, input())).added).toHaveLength(3);
  });

  it('adopts sections that read exactly as Lanyard writes them when its record is lost', async () => {
    const current = home();
    await syncProfiles(current.paths, input());
    const text = await readConfig(current);
    await fs.rm(syncRecordFile(current.paths));
    const result = await syncProfiles(current.paths, input());
    expect(result).toMatchObject({ changed: false, added: [], skipped: [] });
    expect(Object.keys(result.profiles)).toHaveLength(3);
    expect(await readConfig(current)).toBe(text);
  });

  it('renames profiles when the template changes, and keeps disambiguated names stable', async () => {
    const current = home();
    const twins: AccountWithRoles[] = [
      { accountId: '333333333333', accountName: 'sandbox', roles: ['Admin'] },
      { accountId: '444444444444', accountName: 'sandbox', roles: ['Admin'] },
    ];
    const first = await syncProfiles(current.paths, input(twins));
    expect(first.added).toEqual(['sandbox.Admin', 'sandbox.Admin-444444444444']);
    // A new twin that sorts first does not take a name away.
    const more = await syncProfiles(
      current.paths,
      input([{ accountId: '222222222220', accountName: 'sandbox', roles: ['Admin'] }, ...twins]),
    );
    expect(more).toMatchObject({ added: ['sandbox.Admin-222222222220'], updated: [], removed: [] });

    const renamed = await syncProfiles(
      current.paths,
      input(twins, {}, { profileNameTemplate: '{account_id}-{role_name}' }),
    );
    expect(renamed.added).toEqual(['333333333333-Admin', '444444444444-Admin']);
    expect(renamed.removed.sort()).toEqual([
      'sandbox.Admin',
      'sandbox.Admin-222222222220',
      'sandbox.Admin-444444444444',
    ]);
  });

  it('keeps CRLF line endings and a missing final newline', async () => {
    const current = home();
    await writeConfig(current, '[default]\r\nregion = us-east-1');
    await syncProfiles(current.paths, input());
    const text = await readConfig(current);
    expect(text.startsWith('[default]\r\nregion = us-east-1\r\n\r\n[profile acme-dev.Admin]\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text.endsWith('region = eu-west-1')).toBe(true);
    await syncProfiles(current.paths, input([]));
    expect(await readConfig(current)).toBe('[default]\r\nregion = us-east-1');
  });

  it('keeps the file’s permissions and leaves the previous version as the backup', async () => {
    const current = home();
    const original = '[default]\nregion = us-east-1\n';
    await writeConfig(current, original);
    await fs.chmod(current.paths.awsConfigFile, 0o640);
    await syncProfiles(current.paths, input());
    expect((await fs.stat(current.paths.awsConfigFile)).mode & 0o777).toBe(0o640);
    expect(await fs.readFile(current.paths.awsConfigFile + BACKUP_SUFFIX, 'utf8')).toBe(original);
  });

  it('writes nothing in a dry run and returns a diff that applies', async () => {
    const current = home();
    const original = '# mine\n[default]\nregion = us-east-1\n';
    await writeConfig(current, original);
    const before = await mtime(current.paths.awsConfigFile);
    const result = await syncProfiles(current.paths, input(), { dryRun: true });
    expect(result.changed).toBe(true);
    expect(result.diff).toContain('+[profile acme-dev.Admin]');
    expect(await readConfig(current)).toBe(original);
    expect(await mtime(current.paths.awsConfigFile)).toBe(before);
    await expect(fs.access(syncRecordFile(current.paths))).rejects.toThrow();
    await expect(fs.access(current.paths.awsConfigFile + BACKUP_SUFFIX)).rejects.toThrow();
    const applied = applyPatch(original, result.diff);
    await syncProfiles(current.paths, input());
    expect(applied).toBe(await readConfig(current));
  });

  it('refuses to rewrite a file that is not UTF-8', async () => {
    const current = home();
    await fs.mkdir(path.dirname(current.paths.awsConfigFile), { recursive: true });
    await fs.writeFile(current.paths.awsConfigFile, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
    await expect(syncProfiles(current.paths, input())).rejects.toThrow(/not valid UTF-8/);
  });

  it('serialises concurrent syncs through the config lock', async () => {
    const current = home();
    await Promise.all([
      syncProfiles(current.paths, input()),
      syncProfiles(current.paths, input()),
      syncProfiles(current.paths, input()),
    ]);
    const doc = parseAwsIni(await readConfig(current));
    expect(doc.sections.map((section) => section.header)).toEqual([
      'profile acme-dev.Admin',
      'profile acme-dev.ReadOnly',
      'profile acme-prod.ReadOnly',
    ]);
  });
});

describe('setDefaultProfile', () => {
  const role = { accountId: '111111111111', roleName: 'Admin' };

  it('points [default] at the role, keeping region, output, comments and nested blocks', async () => {
    const current = home();
    const text =
      '# top\n[default]\n# my default\nregion = us-west-2\noutput = json\naws_access_key_id = AKIAOLD\ns3 =\n  max_concurrent_requests = 20\n\n[profile other]\nregion = eu-west-1\n';
    await writeConfig(current, text);
    const result = await setDefaultProfile(current.paths, {
      session: WORK,
      role,
      settings: SETTINGS,
      credentialProcessCommand: COMMAND,
    });
    expect(result).toEqual({ changed: true, removedKeys: ['aws_access_key_id'], warnings: [] });
    const after = await readConfig(current);
    expect(after).toBe(
      '# top\n[default]\n# my default\nregion = us-west-2\noutput = json\ns3 =\n  max_concurrent_requests = 20\nsso_session = work\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n[profile other]\nregion = eu-west-1\n',
    );
    expect(
      (
        await setDefaultProfile(current.paths, {
          session: WORK,
          role,
          settings: SETTINGS,
          credentialProcessCommand: COMMAND,
        })
      ).changed,
    ).toBe(false);
  });

  it('adds [default] with a region when there is none, and switches style cleanly', async () => {
    const current = home();
    await writeConfig(current, '[profile x]\nregion = a\n');
    await setDefaultProfile(current.paths, {
      session: WORK,
      role,
      settings: SETTINGS,
      credentialProcessCommand: COMMAND,
    });
    const doc = parseAwsIni(await readConfig(current));
    expect(sectionText(doc, doc.sections[1]!)).toBe(
      '[default]\nsso_session = work\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = eu-west-1\n',
    );
    await setDefaultProfile(current.paths, {
      session: WORK,
      role,
      settings: { ...SETTINGS, profileStyle: 'credential-process' },
      credentialProcessCommand: COMMAND,
    });
    const switched = parseAwsIni(await readConfig(current));
    expect(switched.sections[1]!.entries.map((entry) => entry.key)).toEqual(['region', 'credential_process']);
  });

  it('warns about access keys under [default] in the credentials file', async () => {
    const current = home();
    await fs.mkdir(path.dirname(current.paths.awsCredentialsFile), { recursive: true });
    await fs.writeFile(
      current.paths.awsCredentialsFile,
      '[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n',
    );
    const result = await setDefaultProfile(current.paths, {
      session: WORK,
      role,
      settings: SETTINGS,
      credentialProcessCommand: COMMAND,
    });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/has access keys under \[default\]/);
  });
});

describe('a sync cut short between the config and its record', () => {
  const both = [{ accountId: '111111111111', accountName: 'acme-dev', roles: ['Admin', 'ReadOnly'] }];
  const one = [{ accountId: '111111111111', accountName: 'acme-dev', roles: ['Admin'] }];

  it.each([
    ['the record', (paths: TempHome['paths']) => syncRecordFile(paths)],
    ['the config', (paths: TempHome['paths']) => paths.awsConfigFile],
  ])('leaves no profile looking deleted or edited when %s cannot be written', async (_what, failing) => {
    const current = home();
    const fresh = createTempHome();
    try {
      await syncProfiles(current.paths, input(both));
      // The next sync removes ReadOnly, and one of its two writes fails (as a kill would stop it).
      const open = fs.open.bind(fs);
      const spy = vi
        .spyOn(fs, 'open')
        .mockImplementation((...args: Parameters<typeof fs.open>) =>
          String(args[0]).startsWith(`${failing(current.paths)}.`)
            ? Promise.reject(Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' }))
            : open(...args),
        );
      await expect(syncProfiles(current.paths, input(one))).rejects.toThrow(/the disk is full/);
      spy.mockRestore();
      // The next syncs read the file as it is: ReadOnly is no profile the user deleted.
      const back = await syncProfiles(current.paths, input(both));
      expect(back.skipped).toEqual([]);
      const gone = await syncProfiles(current.paths, input(one));
      expect(gone.skipped).toEqual([]);
      expect(gone.removed).toEqual(['acme-dev.ReadOnly']);
      const again = await syncProfiles(current.paths, input(both));
      expect(again.added).toEqual(['acme-dev.ReadOnly']);
      for (const accounts of [both, one, both]) await syncProfiles(fresh.paths, input(accounts));
      expect(await readConfig(current)).toBe(await fs.readFile(fresh.paths.awsConfigFile, 'utf8'));
    } finally {
      fresh.cleanup();
    }
  });
});
