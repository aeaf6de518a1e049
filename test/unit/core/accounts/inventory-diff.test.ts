import { describe, expect, it } from 'vitest';
import {
  type InventorySnapshot,
  diffInventories,
  isEmptyDiff,
  knownAccounts,
} from '../../../../electron/core/accounts/inventory.js';
import type { AccountWithRoles } from '../../../../electron/core/domain/model.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';

function account(accountId: string, accountName: string, roles: string[]): AccountWithRoles {
  return { accountId, accountName, roles };
}

function snapshot(accounts: AccountWithRoles[], extra: Partial<InventorySnapshot> = {}): InventorySnapshot {
  return {
    sessionName: 'work',
    startUrl: 'https://acme.awsapps.com/start',
    listedAt: 1_000,
    complete: true,
    accounts,
    ...extra,
  };
}

const basis = snapshot([account(A, 'alpha', ['Admin', 'ReadOnly']), account(B, 'beta', ['ReadOnly'])]);

describe('diffInventories', () => {
  it('reports added and removed accounts and roles against the last complete inventory', () => {
    const next = snapshot([account(A, 'alpha', ['ReadOnly', 'Billing']), account(C, 'gamma', ['Admin'])], {
      listedAt: 2_000,
    });
    expect(diffInventories(basis, next)).toEqual({
      sessionName: 'work',
      complete: true,
      basisListedAt: 1_000,
      addedAccounts: [{ accountId: C, accountName: 'gamma' }],
      removedAccounts: [{ accountId: B, accountName: 'beta' }],
      addedRoles: [
        { sessionName: 'work', accountId: A, roleName: 'Billing' },
        { sessionName: 'work', accountId: C, roleName: 'Admin' },
      ],
      removedRoles: [
        { sessionName: 'work', accountId: A, roleName: 'Admin' },
        { sessionName: 'work', accountId: B, roleName: 'ReadOnly' },
      ],
    });
  });

  it('only adds for an incomplete listing, and nothing from accounts whose roles it could not list', () => {
    const next = snapshot([account(A, 'alpha', []), account(C, 'gamma', ['Admin'])], {
      complete: false,
      unlistedAccountIds: [A],
      problem: { code: 'NETWORK', message: 'offline' },
    });
    const diff = diffInventories(basis, next);
    expect(diff.complete).toBe(false);
    expect(diff.removedAccounts).toEqual([]);
    expect(diff.removedRoles).toEqual([]);
    expect(diff.addedAccounts.map((added) => added.accountId)).toEqual([C]);
    expect(diff.addedRoles).toEqual([{ sessionName: 'work', accountId: C, roleName: 'Admin' }]);
  });

  it('treats everything as added when there is no complete inventory yet', () => {
    const diff = diffInventories(undefined, basis);
    expect(diff.basisListedAt).toBeUndefined();
    expect(diff.addedRoles).toHaveLength(3);
    expect(isEmptyDiff(diffInventories(basis, { ...basis, listedAt: 5_000 }))).toBe(true);
  });
});

describe('knownAccounts', () => {
  it('keeps what an incomplete listing did not see, and the last known roles of accounts it could not finish', () => {
    const partial = snapshot([account(A, 'alpha renamed', []), account(C, 'gamma', ['Admin'])], {
      complete: false,
      unlistedAccountIds: [A],
      listedAt: 2_000,
    });
    expect(knownAccounts(basis, partial)).toEqual([
      account(A, 'alpha renamed', ['Admin', 'ReadOnly']),
      account(B, 'beta', ['ReadOnly']),
      account(C, 'gamma', ['Admin']),
    ]);
    expect(knownAccounts(basis, basis)).toBe(basis.accounts);
    expect(knownAccounts(undefined, undefined)).toEqual([]);
  });
});
