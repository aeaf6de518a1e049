import { describe, expect, it } from 'vitest';
import { type CatalogueSources, catalogueRoles } from '../../../../electron/core/accounts/role-catalogue.js';
import type { EnvironmentOverride } from '../../../../electron/core/domain/environment.js';

const SESSION = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: [],
};
const ACCOUNTS = [
  { accountId: '111111111111', accountName: 'payments-prod', roles: ['AdministratorAccess'] },
  { accountId: '222222222222', accountName: 'acme-data-non-prod', roles: ['ReadOnly', 'DataEngineer'] },
  { accountId: '333333333333', accountName: 'shared-services', roles: ['ReadOnly'] },
  { accountId: '444444444444', accountName: 'acme-np-01', roles: ['ReadOnly'] },
];

function sources(environmentOverrides: EnvironmentOverride[], aliases: Record<string, string> = {}): CatalogueSources {
  return {
    sessions: [SESSION],
    inventory: (sessionName) => ({ sessionName, accounts: ACCOUNTS }),
    aliases,
    profileNames: {},
    environmentOverrides,
  };
}

const marks = (source: CatalogueSources) =>
  Object.fromEntries(
    catalogueRoles(source).map((role) => [
      `${role.accountName}/${role.roleName}`,
      role.environmentColour ? `${role.environment} ${role.environmentColour}` : (role.environment ?? '-'),
    ]),
  );

describe('catalogueRoles: environment marks', () => {
  it('marks every role with what its account name says when there are no overrides', () => {
    expect(marks(sources([]))).toEqual({
      'payments-prod/AdministratorAccess': 'prod red',
      'acme-data-non-prod/ReadOnly': 'nonprod turquoise',
      'acme-data-non-prod/DataEngineer': 'nonprod turquoise',
      'shared-services/ReadOnly': '-',
      'acme-np-01/ReadOnly': '-',
    });
  });

  it('follows the overrides: by id, by pattern on the name or the alias, none for no badge', () => {
    const overrides: EnvironmentOverride[] = [
      { match: '*-np-*', environment: 'nonprod', colour: 'purple' },
      { match: 'platform', environment: 'prod', colour: 'pink' },
      { match: '111111111111', environment: 'none' },
    ];
    expect(marks(sources(overrides, { 'work/333333333333': 'Platform' }))).toEqual({
      'payments-prod/AdministratorAccess': '-',
      'acme-data-non-prod/ReadOnly': 'nonprod turquoise',
      'acme-data-non-prod/DataEngineer': 'nonprod turquoise',
      'shared-services/ReadOnly': 'prod pink',
      'acme-np-01/ReadOnly': 'nonprod purple',
    });
  });
});
