import { setMaxListeners } from 'node:events';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { ConcurrencyLimit } from '../support/concurrency-limit.js';
import { type LanyardErrorCode, isLanyardError } from '../domain/errors.js';
import type { AccountInfo, AccountWithRoles, RoleRef } from '../domain/model.js';
import type { BackgroundPace } from './background-pace.js';
import type { PortalClient } from './portal-client.js';

/**
 * Portal calls in flight at once per listing. Enough to list 5,000 accounts in about a minute
 * at the portal's usual latency; past the service's rate the shared rate limiter paces anyway.
 */
export const DEFAULT_INVENTORY_CONCURRENCY = 16;

/** Why a listing is incomplete, in words for people (never a secret). */
export interface InventoryProblem {
  code: LanyardErrorCode;
  message: string;
  hint?: string;
}

/** Every account and role of one sso-session, as one listing found them. */
export interface InventorySnapshot {
  sessionName: string;
  /** The session's start URL when listed: a listing of another organization is no basis. */
  startUrl: string;
  /** When the listing finished, epoch ms. */
  listedAt: number;
  /** True only when every page of accounts and every account's roles were listed. */
  complete: boolean;
  /** Sorted by name (then id); each account's roles sorted. */
  accounts: AccountWithRoles[];
  /** Accounts found whose roles were not listed (incomplete listings only). */
  unlistedAccountIds?: string[];
  /** What stopped an incomplete listing. */
  problem?: InventoryProblem;
}

export interface InventoryProgress {
  sessionName: string;
  /** Accounts whose roles are listed (or failed), ... */
  done: number;
  /** ...of the accounts found so far. */
  total: number;
  /** Whether every page of accounts has arrived, so `total` is final. */
  allAccountsFound: boolean;
}

/**
 * What changed against the last complete inventory. Roles of added (removed) accounts are in
 * `addedRoles` (`removedRoles`) too, so a consumer can work from the role lists alone.
 */
export interface InventoryDiff {
  sessionName: string;
  /** An incomplete listing proves nothing is gone: its diff only ever adds. */
  complete: boolean;
  /** `listedAt` of the complete inventory compared against; absent for the first one. */
  basisListedAt?: number;
  addedAccounts: AccountInfo[];
  removedAccounts: AccountInfo[];
  addedRoles: RoleRef[];
  removedRoles: RoleRef[];
}

export interface ListInventoryOptions {
  concurrency?: number;
  clock?: Clock;
  signal?: AbortSignal;
  onProgress?: (progress: InventoryProgress) => void;
  /**
   * An account's roles were listed (before its `onProgress`): the account as the snapshot will
   * hold it, so a listing can be shown while it runs. Accounts whose roles failed are not given.
   */
  onAccount?: (account: AccountWithRoles) => void;
  /** Background work (revalidation): every portal call keeps to this pace. */
  pace?: BackgroundPace;
}

const LISTENERS_PER_CALL = 4;
/** Errors that concern one account only; any other error stops the listing. */
const PER_ACCOUNT_ERRORS: ReadonlySet<LanyardErrorCode> = new Set(['NOT_FOUND', 'ACCESS_DENIED']);

/** What `localeCompare(other, 'en', { sensitivity: 'base' })` does, without building a collator per call. */
const ACCOUNT_NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });

/** The order of accounts in a snapshot: by name (case and accents aside), then id. */
export function compareAccounts(a: AccountInfo, b: AccountInfo): number {
  return ACCOUNT_NAME_ORDER.compare(a.accountName, b.accountName) || a.accountId.localeCompare(b.accountId);
}

function problemOf(error: unknown): InventoryProblem {
  if (isLanyardError(error))
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return {
    code: 'SERVICE',
    message: `Listing failed unexpectedly: ${error instanceof Error ? error.name : 'unknown error'}.`,
    hint: 'Try again; if it persists, report it with `LANYARD_LOG_LEVEL=debug`.',
  };
}

/**
 * Lists every account of a session and every role in each, with at most `concurrency` portal
 * calls in flight. Roles are listed as soon as an account's page arrives, while the next page
 * of accounts is fetched ahead of them. Never throws for a failed listing: it returns a
 * snapshot marked incomplete, with what it found and why it stopped. Throws only when
 * `signal` aborts.
 */
export async function listInventory(
  portal: PortalClient,
  session: SsoSessionConfig,
  options: ListInventoryOptions = {},
): Promise<InventorySnapshot> {
  const clock = options.clock ?? systemClock;
  const limit = new ConcurrencyLimit(options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY);
  const stopper = new AbortController();
  // Each call in flight listens on the signal (SDK request, backoff sleep, rate limiter wait,
  // background pace wait).
  setMaxListeners(limit.limit * LISTENERS_PER_CALL + 1, stopper.signal);
  const onAbort = (): void => stopper.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const found = new Map<string, AccountInfo>();
  const roles = new Map<string, string[]>();
  const tasks: Array<Promise<void>> = [];
  let problem: InventoryProblem | undefined;
  let allAccountsFound = false;
  let done = 0;

  const report = (): void =>
    options.onProgress?.({ sessionName: session.name, done, total: found.size, allAccountsFound });
  const fail = (error: unknown): void => {
    if (stopper.signal.aborted) return;
    const failure = problemOf(error);
    problem ??= failure;
    if (!PER_ACCOUNT_ERRORS.has(failure.code)) stopper.abort();
  };
  const listRoles = async (accountId: string): Promise<void> => {
    if (stopper.signal.aborted) return;
    let listed: string[] | undefined;
    try {
      listed = await portal.listAccountRoles(accountId, stopper.signal, options.pace);
      roles.set(accountId, listed);
    } catch (error) {
      fail(error);
    }
    const account = found.get(accountId);
    if (listed && account) options.onAccount?.({ ...account, roles: listed });
    done += 1;
    report();
  };

  try {
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await limit.run(() => portal.listAccountsPage(token, stopper.signal, options.pace), {
        urgent: true,
      });
      for (const account of page.accounts) {
        if (found.has(account.accountId)) continue;
        found.set(account.accountId, account);
        tasks.push(limit.run(() => listRoles(account.accountId)));
      }
      nextToken = page.nextToken;
      report();
    } while (nextToken);
    allAccountsFound = true;
  } catch (error) {
    fail(error);
  }
  await Promise.all(tasks);
  options.signal?.removeEventListener('abort', onAbort);
  if (options.signal?.aborted) throw options.signal.reason;
  report();

  const accounts = [...found.values()]
    .map((account) => ({ ...account, roles: roles.get(account.accountId) ?? [] }))
    .sort(compareAccounts);
  const unlisted = accounts.filter((account) => !roles.has(account.accountId)).map((account) => account.accountId);
  const complete = allAccountsFound && unlisted.length === 0 && problem === undefined;
  return {
    sessionName: session.name,
    startUrl: session.startUrl,
    listedAt: clock.now(),
    complete,
    accounts,
    ...(complete ? {} : { unlistedAccountIds: unlisted, problem: problem ?? problemOf(undefined) }),
  };
}

function roleRefs(
  sessionName: string,
  account: AccountWithRoles,
  roleNames: readonly string[] = account.roles,
): RoleRef[] {
  return roleNames.map((roleName) => ({ sessionName, accountId: account.accountId, roleName }));
}

function accountInfo({ accountId, accountName, emailAddress }: AccountWithRoles): AccountInfo {
  return { accountId, accountName, ...(emailAddress ? { emailAddress } : {}) };
}

/**
 * The changes from `basis` (the last complete inventory, if any) to `next`. For an incomplete
 * `next`, only additions are reported, and only from accounts whose roles were listed.
 */
export function diffInventories(basis: InventorySnapshot | undefined, next: InventorySnapshot): InventoryDiff {
  const before = new Map((basis?.accounts ?? []).map((account) => [account.accountId, account]));
  const unlisted = new Set(next.unlistedAccountIds ?? []);
  const diff: InventoryDiff = {
    sessionName: next.sessionName,
    complete: next.complete,
    ...(basis ? { basisListedAt: basis.listedAt } : {}),
    addedAccounts: [],
    removedAccounts: [],
    addedRoles: [],
    removedRoles: [],
  };
  for (const account of next.accounts) {
    const previous = before.get(account.accountId);
    if (!previous) diff.addedAccounts.push(accountInfo(account));
    if (unlisted.has(account.accountId)) continue;
    const had = new Set(previous?.roles ?? []);
    diff.addedRoles.push(
      ...roleRefs(
        next.sessionName,
        account,
        account.roles.filter((role) => !had.has(role)),
      ),
    );
    if (previous && next.complete) {
      const has = new Set(account.roles);
      diff.removedRoles.push(
        ...roleRefs(
          next.sessionName,
          previous,
          previous.roles.filter((role) => !has.has(role)),
        ),
      );
    }
  }
  if (next.complete) {
    const now = new Set(next.accounts.map((account) => account.accountId));
    for (const account of before.values()) {
      if (now.has(account.accountId)) continue;
      diff.removedAccounts.push(accountInfo(account));
      diff.removedRoles.push(...roleRefs(next.sessionName, account));
    }
  }
  return diff;
}

export function isEmptyDiff(diff: InventoryDiff): boolean {
  return (
    diff.addedAccounts.length + diff.removedAccounts.length + diff.addedRoles.length + diff.removedRoles.length === 0
  );
}

/**
 * The best current knowledge of a session's accounts: the last complete inventory updated
 * with what a newer, incomplete listing found (accounts it could not finish keep their last
 * known roles). Nothing is dropped on the word of an incomplete listing.
 */
export function knownAccounts(
  lastComplete: InventorySnapshot | undefined,
  latest: InventorySnapshot | undefined,
): AccountWithRoles[] {
  if (!latest || latest === lastComplete || latest.complete) return (latest ?? lastComplete)?.accounts ?? [];
  const merged = new Map((lastComplete?.accounts ?? []).map((account) => [account.accountId, account]));
  const unlisted = new Set(latest.unlistedAccountIds ?? []);
  for (const account of latest.accounts) {
    const previous = merged.get(account.accountId);
    merged.set(
      account.accountId,
      unlisted.has(account.accountId) ? { ...account, roles: previous?.roles ?? [] } : account,
    );
  }
  return [...merged.values()].sort(compareAccounts);
}
