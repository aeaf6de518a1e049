/**
 * A first listing shows its accounts as they arrive (throttled on the injected clock); a
 * revalidation keeps the list shown until it finishes; nothing partial reaches the disk.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listInventory } from '../../../../electron/core/accounts/inventory.js';
import {
  InventoryService,
  PARTIAL_INVENTORY_INTERVAL_MS,
  type SessionInventory,
} from '../../../../electron/core/accounts/inventory-service.js';
import { inventoryFile } from '../../../../electron/core/accounts/inventory-store.js';
import type { PortalClient } from '../../../../electron/core/accounts/portal-client.js';
import { LanyardError } from '../../../../electron/core/domain/errors.js';
import type { AccountInfo, AccountWithRoles } from '../../../../electron/core/domain/model.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const SESSION = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: [],
};

/** Account names sort in the reverse of their ids: the listing's order is not the list's. */
const ACCOUNTS: AccountInfo[] = ['echo', 'delta', 'charlie', 'bravo', 'alpha'].map((accountName, index) => ({
  accountId: String(100000000000 + index),
  accountName,
}));

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A portal whose role listings answer when the test says so. */
function controlledPortal() {
  const waiting = new Map<string, { resolve: (roles: string[]) => void; reject: (error: unknown) => void }>();
  const portal = {
    listAccountsPage: async () => ({ accounts: ACCOUNTS }),
    listAccountRoles: (accountId: string, signal?: AbortSignal) =>
      new Promise<string[]>((resolve, reject) => {
        waiting.set(accountId, { resolve, reject });
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  } as unknown as PortalClient;
  const answer = async (index: number, roles: string[] = ['ReadOnly', 'Admin']): Promise<void> => {
    const id = ACCOUNTS[index]!.accountId;
    await until(() => waiting.has(id));
    waiting.get(id)!.resolve([...roles].sort());
    waiting.delete(id);
    await settle();
  };
  const deny = async (index: number): Promise<void> => {
    const id = ACCOUNTS[index]!.accountId;
    await until(() => waiting.has(id));
    waiting.get(id)!.reject(new LanyardError('ACCESS_DENIED', 'No access.'));
    waiting.delete(id);
    await settle();
  };
  return { portal, answer, deny };
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries += 1) {
    if (tries > 100) throw new Error('timed out');
    await settle();
  }
}

const names = (inventory: SessionInventory | undefined): string[] =>
  (inventory?.accounts ?? []).map((account) => account.accountName);

let temp: TempHome | undefined;
afterEach(() => temp?.cleanup());

function setUp() {
  temp = createTempHome();
  const clock = new FakeClock();
  const controlled = controlledPortal();
  const service = new InventoryService({ paths: temp.paths, portal: () => controlled.portal, clock });
  const updates: SessionInventory[] = [];
  service.on('updated', (inventory) => updates.push(inventory));
  return { ...controlled, clock, service, updates, paths: temp.paths };
}

describe('listInventory', () => {
  it('hands over each account once its roles are listed, as the snapshot holds it; not the failed ones', async () => {
    const { portal, answer, deny } = controlledPortal();
    const seen: AccountWithRoles[] = [];
    const listing = listInventory(portal, SESSION, { onAccount: (account) => seen.push(account) });
    await answer(2);
    expect(seen).toEqual([{ ...ACCOUNTS[2], roles: ['Admin', 'ReadOnly'] }]);
    await deny(0);
    for (const index of [1, 3, 4]) await answer(index);
    const snapshot = await listing;
    expect(seen.map((account) => account.accountName)).toEqual(['charlie', 'delta', 'bravo', 'alpha']);
    for (const account of seen) expect(snapshot.accounts).toContainEqual(account);
  });
});

describe('a first listing', () => {
  it('shows the accounts listed so far: the first at once, then at most every interval, sorted', async () => {
    const { service, answer, clock, updates, paths } = setUp();
    const listing = service.refresh(SESSION);
    await answer(1);
    expect(updates.map(names)).toEqual([['delta']]);
    expect(service.current('work')).toMatchObject({ partial: true, accounts: [{ accountName: 'delta' }] });
    expect(service.current('work')?.latest).toBeUndefined();
    expect(service.status('work')).toMatchObject({ state: 'listing', done: 1, total: 5, accounts: 1, roles: 2 });

    await answer(3);
    await answer(0, ['Admin']);
    // Within the interval: nothing more shown yet, while the progress counts on.
    expect(updates).toHaveLength(1);
    expect(service.status('work')).toMatchObject({ done: 3, total: 5, accounts: 1, roles: 2 });
    clock.advance(PARTIAL_INVENTORY_INTERVAL_MS - 1);
    expect(updates).toHaveLength(1);
    clock.advance(1);
    expect(updates.map(names)).toEqual([['delta'], ['bravo', 'delta', 'echo']]);
    expect(service.status('work')).toMatchObject({ state: 'listing', done: 3, total: 5, accounts: 3, roles: 5 });
    // Nothing partial on disk.
    expect(existsSync(inventoryFile(paths, 'work'))).toBe(false);

    await answer(2);
    await answer(4);
    const { inventory } = await listing;
    expect(inventory.partial).toBeUndefined();
    expect(names(inventory)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(updates.at(-1)).toBe(inventory);
    expect(existsSync(inventoryFile(paths, 'work'))).toBe(true);
    // The timer of the last partial showing is gone with the listing.
    expect(clock.pendingTimers).toBe(0);
    expect(service.status('work')).toMatchObject({ state: 'idle', done: 5, total: 5, accounts: 5, roles: 9 });
  });

  it('aborted: the accounts shown go, and nothing is known again', async () => {
    const { service, answer, updates } = setUp();
    const abort = new AbortController();
    const listing = service.refresh(SESSION, { signal: abort.signal });
    await answer(0);
    expect(names(service.current('work'))).toEqual(['echo']);
    abort.abort(new Error('signed out'));
    await expect(listing).rejects.toThrow('signed out');
    expect(service.current('work')).toBeUndefined();
    expect(updates.at(-1)).toEqual({ sessionName: 'work', accounts: [] });
  });
});

describe('a revalidation', () => {
  it('keeps the list shown until the listing finishes', async () => {
    const { service, answer, clock, updates } = setUp();
    const first = service.refresh(SESSION);
    for (const index of [0, 1, 2, 3, 4]) await answer(index);
    const shown = (await first).inventory;
    updates.length = 0;

    const again = service.refresh(SESSION, { pace: 'foreground' });
    await answer(0, ['Admin', 'Billing']);
    clock.advance(PARTIAL_INVENTORY_INTERVAL_MS);
    expect(updates).toEqual([]);
    expect(service.current('work')).toBe(shown);
    for (const index of [1, 2, 3, 4]) await answer(index);
    const { inventory } = await again;
    expect(updates).toEqual([inventory]);
    expect(inventory.accounts.find((account) => account.accountName === 'echo')?.roles).toEqual(['Admin', 'Billing']);
  });
});
