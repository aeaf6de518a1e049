import { EventEmitter } from 'node:events';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { BackgroundPace } from './background-pace.js';
import {
  type InventoryDiff,
  type InventoryProgress,
  type InventorySnapshot,
  compareAccounts,
  diffInventories,
  isEmptyDiff,
  knownAccounts,
  listInventory,
} from './inventory.js';
import { InventoryStore, type StoredInventory } from './inventory-store.js';
import { type Logger, silentLogger } from '../support/log.js';
import type { AccountWithRoles } from '../domain/model.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { LanyardPaths } from '../support/paths.js';
import type { PortalClient } from './portal-client.js';
import type { InventoryStatus } from '../domain/views.js';

/** A stored complete inventory younger than this is not listed again by background work. */
export const INVENTORY_MAX_AGE_MS = 15 * 60_000;

/**
 * While a first listing runs, the accounts listed so far are shown: the first at once, then
 * at most this often, so the catalogue is not rebuilt for every account.
 */
export const PARTIAL_INVENTORY_INTERVAL_MS = 300;

/** One session's inventory as the app and CLI show it. */
export interface SessionInventory {
  sessionName: string;
  /** Best knowledge: the last complete listing, updated by a newer incomplete one. */
  accounts: AccountWithRoles[];
  lastComplete?: InventorySnapshot;
  latest?: InventorySnapshot;
  /**
   * Set while a first listing runs (nothing usable was known): `accounts` are those listed so
   * far, in memory only; the listing's snapshot replaces them when it finishes.
   */
  partial?: true;
}

/**
 * Who waits for a listing. `foreground`: a person (a first sign-in with nothing to show yet,
 * `lanyard accounts`, a Refresh in the app): as fast as the service allows. `background`:
 * nobody (revalidating a list already shown): at the background pace, so the user's other AWS
 * tools are never throttled because of Lanyard.
 */
export type ListingPace = 'foreground' | 'background';

export interface RefreshOptions {
  signal?: AbortSignal;
  /**
   * Default: `background` when the session's list is known already (loaded or listed before:
   * this is revalidation), else `foreground`. A foreground call joining a background listing
   * lifts its pace.
   */
  pace?: ListingPace;
}

export interface RefreshResult {
  snapshot: InventorySnapshot;
  inventory: SessionInventory;
  diff: InventoryDiff;
}

export interface InventoryEvents {
  /** An account's roles were listed (or failed) during a live listing. */
  progress: [InventoryProgress];
  /**
   * A session's inventory changed: loaded from disk, a listing finished, or a first listing
   * listed more accounts (`partial`, at most every PARTIAL_INVENTORY_INTERVAL_MS).
   */
  updated: [SessionInventory];
  /** A listing found accounts or roles added (or, when complete, removed) since the last complete one. */
  diff: [InventoryDiff];
  /** Something to tell the user that is no failure, e.g. a damaged inventory file was ignored. */
  warning: [{ sessionName: string; message: string }];
  /** A live listing of the session is over (finished, failed or aborted): `status` no longer says listing. */
  settled: [string];
}

export interface InventoryServiceDeps {
  paths: LanyardPaths;
  /** The session's shared portal client (PortalClients.get). */
  portal: (session: SsoSessionConfig) => PortalClient;
  clock?: Clock;
  logger?: Logger;
  concurrency?: number;
  /**
   * The most portal requests a second background listings send (the
   * `backgroundRequestsPerSecond` setting), read when one starts. Default: that setting's default.
   */
  backgroundRequestsPerSecond?: () => number;
}

interface Listing {
  promise: Promise<RefreshResult>;
  progress?: InventoryProgress;
  /** Set while the listing keeps to the background pace. */
  pace?: BackgroundPace;
}

/**
 * Every account and role of each sso-session, kept on disk and revalidated: `load` gives the
 * last known inventory at once, `refresh` lists live (one listing per session at a time;
 * callers during a listing share it; revalidation goes at the gentle background pace), and
 * `open` does both, refreshing in the background.
 */
export class InventoryService extends EventEmitter<InventoryEvents> {
  private readonly store: InventoryStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly inventories = new Map<string, SessionInventory>();
  private readonly listings = new Map<string, Listing>();
  private readonly roleCounts = new WeakMap<readonly AccountWithRoles[], number>();

  constructor(private readonly deps: InventoryServiceDeps) {
    super();
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.store = new InventoryStore({
      paths: deps.paths,
      onWarning: (sessionName, message) => {
        this.logger.warn(message, { session: sessionName });
        this.emit('warning', { sessionName, message });
      },
    });
  }

  /** What is in memory for a session (after `load` or `refresh`). */
  current(sessionName: string): SessionInventory | undefined {
    return this.inventories.get(sessionName);
  }

  /** Reads the stored inventory; a damaged file counts as none (with a `warning` event). */
  async load(session: SsoSessionConfig): Promise<SessionInventory> {
    const stored = await this.store.load(session.name);
    // A listing of another organization (the session now points elsewhere) is not shown.
    const usable = stored && stored.latest.startUrl === session.startUrl ? stored : undefined;
    return this.remember(session.name, usable);
  }

  /** Whether the stored inventory is complete, of this start URL and younger than `maxAgeMs`. */
  isFresh(inventory: SessionInventory, maxAgeMs: number = INVENTORY_MAX_AGE_MS): boolean {
    const latest = inventory.latest;
    return Boolean(latest?.complete && this.clock.now() - latest.listedAt < maxAgeMs);
  }

  /** Background work's rule (stale-while-revalidate): list again unless the list in memory is complete and fresh. */
  needsListing(sessionName: string): boolean {
    const inventory = this.inventories.get(sessionName);
    return !inventory || !this.isFresh(inventory);
  }

  /**
   * A person's request (`lanyard accounts`, `lanyard sync`): a live listing in the foreground,
   * or with `cached` the stored one (listed live when nothing is stored yet).
   */
  async obtain(
    session: SsoSessionConfig,
    options: { cached?: boolean } = {},
  ): Promise<{ inventory: SessionInventory; source: 'cache' | 'live' }> {
    if (options.cached) {
      const stored = await this.load(session);
      if (stored.latest) return { inventory: stored, source: 'cache' };
    }
    return { inventory: (await this.refresh(session, { pace: 'foreground' })).inventory, source: 'live' };
  }

  /** Loads from disk, then revalidates in the background unless the stored list is fresh. */
  async open(session: SsoSessionConfig, maxAgeMs: number = INVENTORY_MAX_AGE_MS): Promise<SessionInventory> {
    const inventory = await this.load(session);
    if (!this.isFresh(inventory, maxAgeMs)) {
      this.refresh(session, { pace: 'background' }).catch((error: unknown) =>
        this.logger.warn('background inventory refresh failed', {
          session: session.name,
          reason: (error as Error).message,
        }),
      );
    }
    return inventory;
  }

  /**
   * Lists the session live and stores the result, at the pace of who waits for it (RefreshOptions).
   * A failed listing resolves too, with a snapshot marked incomplete; this rejects only when
   * the listing is aborted or the file cannot be written.
   */
  refresh(session: SsoSessionConfig, options: RefreshOptions = {}): Promise<RefreshResult> {
    const pace = options.pace ?? (this.inventories.get(session.name)?.latest ? 'background' : 'foreground');
    const running = this.listings.get(session.name);
    if (running) {
      if (pace === 'foreground') running.pace?.lift();
      return running.promise;
    }
    const listing: Omit<Listing, 'promise'> =
      pace === 'background' ? { pace: new BackgroundPace(this.backgroundRate(), this.clock) } : {};
    const promise = this.list(session, options.signal, listing.pace, (progress) => {
      listing.progress = progress;
      this.emit('progress', progress);
    }).finally(() => {
      this.listings.delete(session.name);
      this.emit('settled', session.name);
    });
    this.listings.set(session.name, Object.assign(listing, { promise }));
    return promise;
  }

  /** The listing in progress for a session, if any. */
  listing(sessionName: string): Promise<RefreshResult> | undefined {
    return this.listings.get(sessionName)?.promise;
  }

  /** The UI's summary of a session's inventory. */
  status(sessionName: string): InventoryStatus {
    const inventory = this.inventories.get(sessionName);
    const listing = this.listings.get(sessionName);
    const latest = inventory?.latest;
    const accounts = inventory?.accounts ?? [];
    return {
      state: listing ? 'listing' : latest && !latest.complete ? 'failed' : 'idle',
      done: listing?.progress?.done ?? accounts.length,
      total: listing?.progress?.total ?? accounts.length,
      complete: latest?.complete ?? false,
      ...(inventory?.lastComplete ? { updatedAt: inventory.lastComplete.listedAt } : {}),
      accounts: accounts.length,
      roles: this.roleCount(accounts),
      ...(latest?.problem ? { error: latest.problem.message } : {}),
    };
  }

  /** Roles in a list of accounts; counted once per list (status is asked for on every step of a listing). */
  private roleCount(accounts: readonly AccountWithRoles[]): number {
    let count = this.roleCounts.get(accounts);
    if (count === undefined) {
      count = accounts.reduce((sum, account) => sum + account.roles.length, 0);
      this.roleCounts.set(accounts, count);
    }
    return count;
  }

  /** The configured background rate, or the setting's default when it is no positive number. */
  private backgroundRate(): number {
    const rate = this.deps.backgroundRequestsPerSecond?.();
    return typeof rate === 'number' && rate > 0 && Number.isFinite(rate)
      ? rate
      : DEFAULT_SETTINGS.backgroundRequestsPerSecond;
  }

  /** Whether a session's list in memory is worth showing: some accounts, or a complete listing of none. */
  private hasUsableList(sessionName: string): boolean {
    const inventory = this.inventories.get(sessionName);
    return Boolean(inventory && !inventory.partial && (inventory.accounts.length > 0 || inventory.latest?.complete));
  }

  private async list(
    session: SsoSessionConfig,
    signal: AbortSignal | undefined,
    pace: BackgroundPace | undefined,
    onProgress: (progress: InventoryProgress) => void,
  ): Promise<RefreshResult> {
    const startedAt = this.clock.now();
    const before = this.inventories.get(session.name);
    // A first listing shows its accounts as they arrive; a revalidation keeps the shown list until it finishes.
    const partial = this.hasUsableList(session.name)
      ? undefined
      : new PartialAccounts(this.clock, (accounts) => this.showPartial(session.name, accounts));
    let snapshot: InventorySnapshot;
    let stored: StoredInventory;
    let basis: InventorySnapshot | undefined;
    try {
      snapshot = await listInventory(this.deps.portal(session), session, {
        clock: this.clock,
        onProgress,
        ...(partial ? { onAccount: (account: AccountWithRoles) => partial.add(account) } : {}),
        ...(signal ? { signal } : {}),
        ...(pace ? { pace } : {}),
        ...(this.deps.concurrency ? { concurrency: this.deps.concurrency } : {}),
      });
      partial?.stop();
      ({ stored, basis } = await this.store.save(snapshot));
    } catch (error) {
      partial?.stop();
      // Aborted, or not stored: the accounts shown so far go, and what was known before is back.
      if (this.inventories.get(session.name)?.partial) this.restore(session.name, before);
      throw error;
    }
    const inventory = this.remember(session.name, stored);
    const diff = diffInventories(basis, snapshot);
    this.logger.info('listed accounts', {
      session: session.name,
      ...(pace ? { background: true, ...pace.stats() } : {}),
      complete: snapshot.complete,
      accounts: snapshot.accounts.length,
      seconds: Math.round((this.clock.now() - startedAt) / 100) / 10,
      ...(snapshot.problem ? { problem: snapshot.problem.message } : {}),
    });
    if (!isEmptyDiff(diff)) this.emit('diff', diff);
    return { snapshot, inventory, diff };
  }

  /** Shows the accounts a first listing has listed so far, unless a usable list came meanwhile. */
  private showPartial(sessionName: string, accounts: AccountWithRoles[]): void {
    if (this.hasUsableList(sessionName)) return;
    const inventory: SessionInventory = { ...this.inventories.get(sessionName), sessionName, accounts, partial: true };
    this.inventories.set(sessionName, inventory);
    this.emit('updated', inventory);
  }

  private restore(sessionName: string, inventory: SessionInventory | undefined): void {
    if (inventory) this.inventories.set(sessionName, inventory);
    else this.inventories.delete(sessionName);
    this.emit('updated', inventory ?? { sessionName, accounts: [] });
  }

  private remember(sessionName: string, stored: StoredInventory | undefined): SessionInventory {
    const inventory: SessionInventory = {
      sessionName,
      accounts: knownAccounts(stored?.lastComplete, stored?.latest),
      ...(stored?.lastComplete ? { lastComplete: stored.lastComplete } : {}),
      ...(stored?.latest ? { latest: stored.latest } : {}),
    };
    this.inventories.set(sessionName, inventory);
    this.emit('updated', inventory);
    return inventory;
  }
}

/**
 * The accounts a live listing has listed so far, handed to `show` sorted as a snapshot holds
 * them (a copy: what was shown never changes): the first at once, later ones together at most
 * every PARTIAL_INVENTORY_INTERVAL_MS.
 */
class PartialAccounts {
  private readonly accounts: AccountWithRoles[] = [];
  private shownAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly show: (accounts: AccountWithRoles[]) => void,
  ) {}

  add(account: AccountWithRoles): void {
    // Kept sorted as it grows: a binary search per account, not a sort per showing.
    let low = 0;
    let high = this.accounts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareAccounts(this.accounts[middle] as AccountWithRoles, account) <= 0) low = middle + 1;
      else high = middle;
    }
    this.accounts.splice(low, 0, account);
    if (this.stopped || this.timer !== undefined) return;
    const wait = this.shownAt + PARTIAL_INVENTORY_INTERVAL_MS - this.clock.now();
    if (wait <= 0) this.flush();
    else
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
  }

  /** No more showing: the listing is over. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    if (this.stopped) return;
    this.shownAt = this.clock.now();
    this.show([...this.accounts]);
  }
}
