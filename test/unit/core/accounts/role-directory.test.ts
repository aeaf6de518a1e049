import { afterEach, describe, expect, it } from 'vitest';
import { RoleDirectory, type RoleMatch } from '../../../../electron/core/accounts/role-directory.js';
import { STORED_START_URL, homeWithStoredOrg } from '../../../support/stored-org.js';
import type { TempHome } from '../../../support/temp-home.js';

const PROD = '111111111111';
const DEV = '222222222222';
const DATA = '333333333333';

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

async function directory(extraConfig = '', options: { sessionName?: string; startUrl?: string } = {}) {
  temp = await homeWithStoredOrg({
    config: [
      '[sso-session other]',
      'sso_start_url = https://other.awsapps.com/start',
      'sso_region = eu-west-1',
      '',
      '[profile prod-admin]',
      'sso_session = work',
      `sso_account_id = ${PROD}`,
      'sso_role_name = AdministratorAccess',
      'region = eu-central-1',
      '',
      '[profile legacy-dev]',
      `sso_start_url = ${STORED_START_URL}`,
      'sso_region = us-east-1',
      `sso_account_id = ${DEV}`,
      'sso_role_name = ReadOnly',
      '',
      '[profile process-data]',
      `credential_process = /usr/bin/lanyard credential-process --sso-session work --account-id=${DATA} --role-name "DataEngineer"`,
      '',
      extraConfig,
    ].join('\n'),
    accounts: [
      { accountId: PROD, accountName: 'acme-payments-prod', roles: ['AdministratorAccess', 'ReadOnly'] },
      { accountId: DEV, accountName: 'acme-payments-dev', roles: ['AdministratorAccess', 'ReadOnly'] },
      { accountId: DATA, accountName: 'acme-data-nonprod', roles: ['DataEngineer'] },
    ],
    aliases: { [`work/${DATA}`]: 'lake' },
    ...(options.startUrl ? { listedFor: options.startUrl } : {}),
  });
  return RoleDirectory.load(temp.paths, options.sessionName ? { sessionName: options.sessionName } : {});
}

function one(match: RoleMatch): { sessionName: string; accountId: string; roleName: string; label: string } {
  if (match.kind !== 'one') throw new Error(`expected one match, got ${JSON.stringify(match)}`);
  return { ...match.role.ref, label: match.role.label };
}

describe('RoleDirectory.find', () => {
  it('finds a profile by its name: sso-session, legacy SSO and Lanyard credential_process profiles', async () => {
    const roles = await directory();
    expect(one(roles.find('prod-admin'))).toEqual({
      sessionName: 'work',
      accountId: PROD,
      roleName: 'AdministratorAccess',
      label: 'prod-admin',
    });
    const match = roles.find('prod-admin');
    expect(match.kind === 'one' && match.role.region).toBe('eu-central-1');
    expect(one(roles.find('legacy-dev'))).toMatchObject({ accountId: DEV, roleName: 'ReadOnly' });
    expect(one(roles.find('process-data'))).toMatchObject({ accountId: DATA, roleName: 'DataEngineer' });
  });

  it('finds ACCOUNT/ROLE by account name, alias or id, in any case, and labels it with its profile', async () => {
    const roles = await directory();
    expect(one(roles.find('ACME-payments-dev/readonly'))).toMatchObject({ accountId: DEV, roleName: 'ReadOnly' });
    expect(one(roles.find('lake/DataEngineer'))).toMatchObject({ accountId: DATA, label: 'process-data' });
    expect(one(roles.find(`${PROD}/ReadOnly`))).toMatchObject({
      accountId: PROD,
      label: 'acme-payments-prod/ReadOnly',
    });
  });

  it('uses a query with one match, lists several, and suggests the nearest for none', async () => {
    const roles = await directory();
    expect(one(roles.find('payments prod read'))).toMatchObject({ accountId: PROD, roleName: 'ReadOnly' });
    const several = roles.find('payments admin');
    expect(several.kind).toBe('several');
    expect(several.kind === 'several' && several.candidates.map((role) => role.ref.accountId).sort()).toEqual([
      PROD,
      DEV,
    ]);
    expect(roles.find('acme-paymnts-dev/ReadOnly')).toEqual({
      kind: 'none',
      suggestions: ['acme-payments-dev/ReadOnly'],
    });
    expect(roles.find('zzzz')).toEqual({ kind: 'none', suggestions: [] });
  });

  it('ignores a stored list of another organisation, and narrows to one session', async () => {
    const roles = await directory('', { startUrl: 'https://elsewhere.awsapps.com/start' });
    expect(roles.roles).toEqual([]);
    expect(roles.find('payments').kind).toBe('none');
    // An id it has no list for is still a role, when there is only one session to ask.
    const narrowed = await directory('', { sessionName: 'work' });
    expect(one(narrowed.find('999999999999/Auditor'))).toMatchObject({
      sessionName: 'work',
      accountId: '999999999999',
    });
  });

  it('does not take hostile text for anything but text', async () => {
    const roles = await directory('[profile __proto__]\nsso_session = work\n');
    expect(roles.find('__proto__').kind).toBe('none');
    expect(roles.find('constructor').kind).toBe('none');
    expect(roles.find('/').kind).toBe('none');
  });
});
