/**
 * The inventory against the fake Identity Center: paging, bounded concurrency, retries, failed
 * listings that never become the basis, diffs, progress, the disk cache. Backoff and rate
 * limiter waits run on an instant clock, so retries cost no real time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/support/clock.js';
import type { InventoryDiff, InventoryProgress } from '../../electron/core/accounts/inventory.js';
import { InventoryService } from '../../electron/core/accounts/inventory-service.js';
import { inventoryFile } from '../../electron/core/accounts/inventory-store.js';
import { PORTAL_MAX_ATTEMPTS, PortalClients } from '../../electron/core/accounts/portal-client.js';
import type { PortalClient } from '../../electron/core/accounts/portal-client.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import type { FakeAccount, FakeIdentityCenterOptions, OperationName } from '../fake-idc/index.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { setAsideCopies } from '../support/damaged-files.js';

/** Real time for expiries, no time at all for backoff and pacing. */
const instantClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback) => setImmediate(callback),
  clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface Harness {
  fixture: SsoFixture;
  service: InventoryService;
  portal: PortalClient;
  /** A fresh service on the same files, as a second process (or the next app start) would have. */
  restart(): InventoryService;
}

async function setUp(options: FakeIdentityCenterOptions & { concurrency?: number } = {}): Promise<Harness> {
  fixture = await createSsoFixture({ rolesPerAccount: 2, ...options });
  await fixture.seedToken();
  const { paths } = fixture.temp;
  const portals = new PortalClients({ tokens: new SessionTokens({ paths }), clock: instantClock, random: () => 0.5 });
  const create = (): InventoryService =>
    new InventoryService({
      paths,
      portal: (session) => portals.get(session),
      clock: instantClock,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });
  return { fixture, service: create(), portal: portals.get(fixture.session), restart: create };
}

function calls(fixture: SsoFixture, operation: OperationName): number {
  return fixture.fake.counters(operation).calls;
}

function accountAt(fixture: SsoFixture, index: number): FakeAccount {
  const account = fixture.fake.accounts[index];
  if (!account) throw new Error(`the fake has no account #${index}`);
  return account;
}

function rolesOf(fixture: SsoFixture): Array<[string, string[]]> {
  return fixture.fake.accounts.map((account) => [account.accountId, [...account.roles].sort()]);
}

describe('inventory listing', () => {
  it('pages through hundreds of accounts and every role, with at most `concurrency` calls in flight', async () => {
    const { fixture, service, portal } = await setUp({ accounts: 250, latencyMs: 10, concurrency: 4 });
    fixture.fake.addAccount({
      accountName: 'acme-many-roles',
      roles: Array.from({ length: 150 }, (_, index) => `Role${index}`),
    });
    // Watch the calls: how many are in flight, and whether roles are listed before the last page arrives.
    let inFlight = 0;
    let peak = 0;
    const events: string[] = [];
    const watch =
      <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        events.push(`${name} start`);
        try {
          return await call(...args);
        } finally {
          inFlight -= 1;
          events.push(`${name} end`);
        }
      };
    portal.listAccountsPage = watch('page', portal.listAccountsPage.bind(portal));
    portal.listAccountRoles = watch('roles', portal.listAccountRoles.bind(portal));

    const { snapshot } = await service.refresh(fixture.session);

    expect(snapshot.complete).toBe(true);
    expect(snapshot.accounts).toHaveLength(251);
    expect(new Map(snapshot.accounts.map((account) => [account.accountId, account.roles]))).toEqual(
      new Map(rolesOf(fixture)),
    );
    expect(calls(fixture, 'ListAccounts')).toBe(3); // 251 accounts, 100 a page
    expect(calls(fixture, 'ListAccountRoles')).toBe(252); // one account has 150 roles: two pages
    expect(peak).toBe(4);
    expect(events.indexOf('roles start')).toBeLessThan(events.lastIndexOf('page end'));
  });

  it('retries TooManyRequests, 500s and dropped connections until the listing is complete', async () => {
    const { fixture, service } = await setUp({ accounts: 30 });
    fixture.fake.failNext('ListAccounts', 2, 'InternalServer');
    fixture.fake.failNext('ListAccountRoles', 3, 'TooManyRequests');
    fixture.fake.failNext('ListAccountRoles', 2, 'NetworkDrop');

    const { snapshot } = await service.refresh(fixture.session);

    expect(snapshot.complete).toBe(true);
    expect(snapshot.accounts).toHaveLength(30);
    expect(fixture.fake.counters('ListAccounts')).toMatchObject({ calls: 3, successes: 1, errors: 2 });
    expect(fixture.fake.counters('ListAccountRoles')).toMatchObject({
      calls: 35,
      successes: 30,
      throttled: 3,
      errors: 2,
    });
  });

  it('marks a listing that fails half way incomplete; the last complete one stays the basis', async () => {
    const { fixture, service, portal } = await setUp({ accounts: 250 });
    const first = await service.refresh(fixture.session);
    const [gone, kept] = [accountAt(fixture, 0), accountAt(fixture, 1)];
    fixture.fake.removeAccount(gone.accountId);
    const added = fixture.fake.addAccount({ accountId: '999999999999', accountName: 'acme-new', roles: ['Admin'] });

    // The second page of accounts fails on every attempt.
    const listPage = portal.listAccountsPage.bind(portal);
    portal.listAccountsPage = async (nextToken, signal) => {
      const page = await listPage(nextToken, signal);
      if (!nextToken) fixture.fake.failNext('ListAccounts', PORTAL_MAX_ATTEMPTS, 'InternalServer');
      return page;
    };
    const diffs: InventoryDiff[] = [];
    service.on('diff', (diff) => diffs.push(diff));
    const failed = await service.refresh(fixture.session);

    expect(failed.snapshot.complete).toBe(false);
    expect(failed.snapshot.problem).toMatchObject({ code: 'SERVICE' });
    expect(failed.snapshot.problem?.message).toContain('ListAccounts');
    expect(failed.snapshot.accounts).toHaveLength(100);
    // Nothing removed on its word: the removed account is still known, and the basis is unchanged.
    expect(failed.inventory.lastComplete).toEqual(first.snapshot);
    expect(failed.inventory.accounts.map((account) => account.accountId)).toContain(gone.accountId);
    expect(failed.diff).toMatchObject({
      complete: false,
      basisListedAt: first.snapshot.listedAt,
      removedAccounts: [],
      removedRoles: [],
    });
    expect(service.status(fixture.session.name)).toMatchObject({
      state: 'failed',
      complete: false,
      updatedAt: first.snapshot.listedAt,
    });

    portal.listAccountsPage = listPage;
    const next = await service.refresh(fixture.session);
    expect(next.snapshot.complete).toBe(true);
    expect(next.diff.basisListedAt).toBe(first.snapshot.listedAt);
    expect(next.diff.removedAccounts.map((account) => account.accountId)).toEqual([gone.accountId]);
    expect(next.diff.addedAccounts.map((account) => account.accountId)).toEqual([added.accountId]);
    expect(next.inventory.accounts.map((account) => account.accountId)).toContain(kept.accountId);
    expect(diffs.map((diff) => diff.complete)).toEqual([true]);
  });

  it('emits a diff of added and removed accounts and roles', async () => {
    const { fixture, service } = await setUp({ accounts: 5 });
    await service.refresh(fixture.session);
    const [a, b, c] = [accountAt(fixture, 0), accountAt(fixture, 1), accountAt(fixture, 2)];
    fixture.fake.removeAccount(b.accountId);
    const added = fixture.fake.addAccount({ accountId: '999999999999', accountName: 'acme-sandbox', roles: ['Admin'] });
    fixture.fake.assignRole(a.accountId, 'Billing');
    fixture.fake.unassignRole(c.accountId, c.roles[0] as string);
    const diffs: InventoryDiff[] = [];
    service.on('diff', (diff) => diffs.push(diff));

    await service.refresh(fixture.session);

    expect(diffs).toHaveLength(1);
    const diff = diffs[0] as InventoryDiff;
    expect(diff.complete).toBe(true);
    expect(diff.addedAccounts.map((account) => account.accountId)).toEqual([added.accountId]);
    expect(diff.removedAccounts.map((account) => account.accountId)).toEqual([b.accountId]);
    expect(diff.addedRoles).toEqual(
      expect.arrayContaining([
        { sessionName: 'work', accountId: a.accountId, roleName: 'Billing' },
        { sessionName: 'work', accountId: added.accountId, roleName: 'Admin' },
      ]),
    );
    expect(diff.addedRoles).toHaveLength(2);
    expect(diff.removedRoles).toEqual(
      expect.arrayContaining([{ sessionName: 'work', accountId: c.accountId, roleName: c.roles[0] }]),
    );
    expect(diff.removedRoles).toHaveLength(3); // c's role, and b's two roles
  });

  it('reports progress: accounts done of accounts found, until every page is in', async () => {
    const { fixture, service } = await setUp({ accounts: 120 });
    const progress: InventoryProgress[] = [];
    service.on('progress', (event) => {
      progress.push(event);
      expect(service.status('work').state).toBe('listing');
    });
    await service.refresh(fixture.session);

    const done = progress.map((event) => event.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(progress.some((event) => !event.allAccountsFound && event.total === 100)).toBe(true);
    expect(progress.at(-1)).toEqual({ sessionName: 'work', done: 120, total: 120, allAccountsFound: true });
    expect(service.status('work')).toMatchObject({
      state: 'idle',
      done: 120,
      total: 120,
      complete: true,
      accounts: 120,
      roles: 240,
    });
  });

  it('stops at once when the SSO session is over, saying how to sign in', async () => {
    const { fixture, service } = await setUp({ accounts: 50 });
    fixture.fake.endAllSessions();
    const { snapshot } = await service.refresh(fixture.session);
    expect(snapshot.complete).toBe(false);
    expect(snapshot.problem?.code).toBe('SIGN_IN_REQUIRED');
    expect(snapshot.problem?.hint).toContain('lanyard login --sso-session work');
    expect(calls(fixture, 'ListAccounts')).toBe(1);
    expect(calls(fixture, 'ListAccountRoles')).toBe(0);
  });
});

describe('inventory on disk', () => {
  it('starts from the stored inventory without any call, and revalidates in the background when stale', async () => {
    const { fixture, service, restart } = await setUp({ accounts: 40 });
    const listed = await service.refresh(fixture.session);
    fixture.fake.resetCounters();

    const next = restart();
    const loaded = await next.load(fixture.session);
    expect(loaded.accounts).toEqual(listed.snapshot.accounts);
    expect(next.isFresh(loaded)).toBe(true);
    await next.open(fixture.session);
    expect(calls(fixture, 'ListAccounts')).toBe(0);

    await next.open(fixture.session, 0);
    const revalidated = await next.listing('work');
    expect(revalidated?.snapshot.complete).toBe(true);
    expect(calls(fixture, 'ListAccountRoles')).toBe(40);
  });

  it('sets a corrupt inventory file aside, with a warning, and rebuilds it', async () => {
    const { fixture, service } = await setUp({ accounts: 10 });
    const file = inventoryFile(fixture.temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"format":1,"sessionName":"work","lastComplete":{"accounts":[{"accountId":');
    const warnings: string[] = [];
    service.on('warning', ({ message }) => warnings.push(message));

    const loaded = await service.load(fixture.session);
    expect(loaded.accounts).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(`The stored account list ${file} of work was damaged`)]);
    expect(setAsideCopies(file)).toHaveLength(1);

    await service.refresh(fixture.session);
    expect(JSON.parse(readFileSync(file, 'utf8')).lastComplete.accounts).toHaveLength(10);
  });
});
