/**
 * RoleCatalogue.rebuild: the same list as catalogueRoles, with every role that shows the same
 * as before kept as the same object (what changed is found by identity), and accounts whose
 * inventory object and other sources did not change not built again.
 */
import { describe, expect, it } from 'vitest';
import {
  type CatalogueSources,
  RoleCatalogue,
  catalogueRoles,
} from '../../../../electron/core/accounts/role-catalogue.js';
import type { AccountWithRoles } from '../../../../electron/core/domain/model.js';

const SESSIONS = ['work', 'lab'].map((name) => ({
  name,
  startUrl: `https://${name}.awsapps.com/start`,
  region: 'eu-west-1',
  registrationScopes: [],
}));

const account = (index: number, roles = ['Admin', 'ReadOnly']): AccountWithRoles => ({
  accountId: String(100000000000 + index),
  accountName: `acme-${index}-prod`,
  roles,
});

function sources(
  accounts: Record<string, AccountWithRoles[]>,
  overrides: Partial<CatalogueSources> = {},
): CatalogueSources {
  return {
    sessions: SESSIONS,
    inventory: (sessionName) => ({ sessionName, accounts: accounts[sessionName] ?? [] }),
    aliases: {},
    profileNames: {},
    environmentOverrides: [],
    ...overrides,
  };
}

describe('RoleCatalogue.rebuild', () => {
  it('lists what catalogueRoles lists, in its order, and reuses the roles that did not change', () => {
    const catalogue = new RoleCatalogue();
    const work = [account(1), account(2)];
    const lab = [account(3)];
    const first = catalogue.rebuild(sources({ work, lab }));
    expect(first.roles).toEqual(catalogueRoles(sources({ work, lab })));
    expect(first.version).toBe(1);

    // A first listing's next step: the same account objects plus one more, in sorted place.
    const grown = sources({ work: [work[0]!, account(5), work[1]!], lab });
    const second = catalogue.rebuild(grown);
    expect(second.roles).toEqual(catalogueRoles(grown));
    expect(second.version).toBe(2);
    for (const role of first.roles) expect(second.roles).toContain(role);

    // A new listing: new account objects, equal content: still the same role objects.
    const relisted = sources({ work: [account(1), account(5), account(2)], lab: [account(3)] });
    const third = catalogue.rebuild(relisted);
    third.roles.forEach((role, index) => expect(role).toBe(second.roles[index]));
    expect(catalogue.role(third.roles[0]!.key)).toBe(third.roles[0]);
  });

  it('builds an account again when its roles, its session or another source change', () => {
    const catalogue = new RoleCatalogue();
    const work = [account(1), account(2)];
    const before = catalogue.rebuild(sources({ work }));

    const aliased = sources({ work }, { aliases: { 'work/100000000001': 'Payments' } });
    const after = catalogue.rebuild(aliased);
    expect(after.roles).toEqual(catalogueRoles(aliased));
    expect(after.roles[0]).toMatchObject({ alias: 'Payments' });
    expect(after.roles[2]).toBe(before.roles[2]);

    const profiles = sources({ work }, { profileNames: { 'work/100000000002/Admin': 'acme-2.Admin' } });
    expect(catalogue.rebuild(profiles).roles).toEqual(catalogueRoles(profiles));

    const moved = sources({ lab: work });
    expect(catalogue.rebuild(moved).roles).toEqual(catalogueRoles(moved));
    expect(catalogue.view.roles.every((role) => role.sessionName === 'lab')).toBe(true);

    const fewer = sources({ lab: [account(1, ['Admin']), work[1]!] });
    expect(catalogue.rebuild(fewer).roles).toEqual(catalogueRoles(fewer));
  });

  it('searches the latest list, built on demand before the index is due', () => {
    const catalogue = new RoleCatalogue();
    catalogue.rebuild(sources({ work: [account(1)] }));
    catalogue.rebuild(sources({ work: [account(1), account(7)] }));
    expect(catalogue.search('acme-7', 5).map((hit) => hit.key)).toContain('work/100000000007/Admin');
  });
});
