/**
 * Keeps the AWS config in step while Lanyard runs in the background (the `lanyard agent`):
 * re-syncs profiles when assignments change (the inventory's diff events, with a re-listing
 * every RELIST_INTERVAL_MS while signed in) and when someone else edits the config file (a
 * debounced watch of its folder, with a slow poll as a safety net for file systems that do
 * not report changes), and renews pinned keys before they expire. Its own writes are told
 * apart by content, and the sync's ownership rules mean a user's edit is never undone. All
 * timing comes from the injected clock.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { readTextIfExists } from '../support/atomic-file.js';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { type ProfileSyncResult, listingOf, profileCommandFor, runProfileSync } from './sync.js';
import type { SessionListing } from './plan.js';
import type { InventoryService } from '../accounts/inventory-service.js';
import { type Logger, silentLogger } from '../support/log.js';
import type { LanyardPaths } from '../support/paths.js';
import { PIN_RETRY_MS, type PinRefreshReport, type PinnedProfiles } from '../credentials/pins.js';
import type { Settings } from '../domain/settings.js';

/** Wait this long after the config folder changes before reading it (editors write in steps). */
export const CONFIG_DEBOUNCE_MS = 500;
/** Read the config this often anyway, and check whether pinned keys are due. */
export const CONFIG_POLL_MS = 10_000;
/** List every signed-in session's accounts again this often, to notice assignment changes. */
export const RELIST_INTERVAL_MS = 15 * 60_000;

export type SyncSettings = Pick<Settings, 'profileNameTemplate' | 'defaultRegion' | 'profileStyle' | 'autoSync'>;

export type ConfigSyncEvent =
  | { kind: 'synced'; reason: string; result: ProfileSyncResult }
  | { kind: 'sync-failed'; reason: string; message: string }
  | { kind: 'config-changed' }
  | { kind: 'pins'; report: PinRefreshReport };

export interface ConfigSyncAgentDeps {
  paths: LanyardPaths;
  inventory: InventoryService;
  /** The configured sso-sessions now. */
  sessions: () => readonly SsoSessionConfig[];
  isSignedIn: (sessionName: string) => boolean;
  /** Read before every sync: the user may change them at any time. */
  settings: () => SyncSettings;
  /** The CLI command for credential_process profiles (called only for that style). */
  credentialProcessCommand: () => string;
  pins?: PinnedProfiles;
  /** Called when the config file changed, before the re-sync: re-read the sessions. */
  reloadSessions?: () => Promise<void>;
  onEvent?: (event: ConfigSyncEvent) => void;
  clock?: Clock;
  logger?: Logger;
}

/** Runs a task one at a time; calls while it runs make it run once more afterwards. */
class SerialTask {
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.task();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ConfigSyncAgent {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly syncTask: SerialTask;
  private readonly configTask: SerialTask;
  private readonly pinTask: SerialTask;
  private readonly loadedSessions = new Set<string>();
  private readonly timers = new Map<'debounce' | 'poll' | 'relist', unknown>();
  private watcher?: FSWatcher;
  /** The config text as last read or written by us: a change event with the same text is our own write. */
  private lastConfigText?: string;
  private syncReasons = new Set<string>();
  private pinRetryAt = 0;
  private renewAllPins = false;
  /** The next sync runs even with auto-sync off. */
  private forced = false;
  private started = false;
  private stopped = false;
  private readonly onDiff = (): void => void this.syncNow('assignments changed');

  constructor(private readonly deps: ConfigSyncAgentDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.syncTask = new SerialTask(() => this.sync());
    this.configTask = new SerialTask(() => this.checkConfig());
    this.pinTask = new SerialTask(() => this.renewPins());
    deps.inventory.on('diff', this.onDiff);
  }

  /** Loads the stored inventories, syncs, starts watching and listing, and renews due pinned keys. */
  async start(): Promise<void> {
    this.lastConfigText = (await readTextIfExists(this.deps.paths.awsConfigFile)) ?? '';
    this.started = true;
    await this.loadSessions();
    this.watchConfigFolder();
    this.schedule('poll', CONFIG_POLL_MS, () => this.poll());
    this.schedule('relist', RELIST_INTERVAL_MS, () => this.relist());
    await this.syncNow('start');
    await this.renewPinsSoon(true);
  }

  stop(): void {
    this.stopped = true;
    this.deps.inventory.off('diff', this.onDiff);
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
    this.watcher?.close();
  }

  /** Waits for running work (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([this.configTask.idle(), this.syncTask.idle(), this.pinTask.idle()]);
    // A config check may have started a sync.
    await this.syncTask.idle();
  }

  /**
   * Re-syncs now (coalesced with a sync already running). Only when auto-sync is on, unless
   * the user asked for this one (`evenIfAutoSyncOff`: "Sync now").
   */
  syncNow(reason: string, options: { evenIfAutoSyncOff?: boolean } = {}): Promise<void> {
    this.syncReasons.add(reason);
    if (options.evenIfAutoSyncOff) this.forced = true;
    return this.syncTask.run();
  }

  /** A session is signed in again: list it if its stored list is stale, and put its pinned keys back. */
  async sessionSignedIn(sessionName: string): Promise<void> {
    if (!this.started || this.stopped) return;
    const session = this.deps.sessions().find((candidate) => candidate.name === sessionName);
    if (!session) return;
    if (this.deps.inventory.needsListing(sessionName)) await this.list(session);
    await this.renewPinsSoon(true);
  }

  private schedule(name: 'debounce' | 'poll' | 'relist', ms: number, callback: () => void): void {
    if (this.stopped) return;
    const previous = this.timers.get(name);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    this.timers.set(
      name,
      this.clock.setTimeout(() => {
        this.timers.delete(name);
        callback();
      }, ms),
    );
  }

  private watchConfigFolder(): void {
    const file = this.deps.paths.awsConfigFile;
    try {
      // The folder, not the file: editors and Lanyard replace the file by renaming over it.
      this.watcher = watch(path.dirname(file), (_event, name) => {
        if (name && name.toString() !== path.basename(file)) return;
        this.schedule('debounce', CONFIG_DEBOUNCE_MS, () => void this.configTask.run());
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch (error) {
      this.logger.info('not watching the AWS config folder; polling only', { reason: messageOf(error) });
    }
  }

  private poll(): void {
    void this.configTask.run();
    void this.renewPinsSoon(false);
    this.schedule('poll', CONFIG_POLL_MS, () => this.poll());
  }

  private relist(): void {
    const signedIn = this.deps.sessions().filter((session) => this.deps.isSignedIn(session.name));
    // The next one counts from the end of this one: revalidating thousands of accounts at the
    // gentle background pace can take longer than the interval, and must not run back to back.
    void Promise.all(signedIn.map((session) => this.list(session))).then(() =>
      this.schedule('relist', RELIST_INTERVAL_MS, () => this.relist()),
    );
  }

  private async list(session: SsoSessionConfig): Promise<void> {
    // A change shows up as a diff event, which re-syncs.
    await this.deps.inventory
      .refresh(session)
      .catch((error: unknown) =>
        this.logger.warn('listing accounts failed', { session: session.name, reason: messageOf(error) }),
      );
  }

  /** Loads stored inventories of sessions not seen yet; lists the signed-in ones whose list is stale. */
  private async loadSessions(): Promise<void> {
    for (const session of this.deps.sessions()) {
      if (this.loadedSessions.has(session.name)) continue;
      this.loadedSessions.add(session.name);
      await this.deps.inventory.load(session);
      if (this.deps.isSignedIn(session.name) && this.deps.inventory.needsListing(session.name)) void this.list(session);
    }
  }

  private async checkConfig(): Promise<void> {
    if (this.stopped) return;
    const text = (await readTextIfExists(this.deps.paths.awsConfigFile)) ?? '';
    if (text === this.lastConfigText) return;
    this.lastConfigText = text;
    this.deps.onEvent?.({ kind: 'config-changed' });
    try {
      await this.deps.reloadSessions?.();
      await this.loadSessions();
    } catch (error) {
      this.logger.warn('could not reload the AWS config', { reason: messageOf(error) });
    }
    await this.syncNow('config file changed');
  }

  private listings(): Map<string, SessionListing> {
    const listings = new Map<string, SessionListing>();
    for (const session of this.deps.sessions()) {
      const listing = listingOf(this.deps.inventory.current(session.name));
      if (listing) listings.set(session.name, listing);
    }
    return listings;
  }

  private async sync(): Promise<void> {
    const reason = [...this.syncReasons].join(', ');
    this.syncReasons = new Set();
    const settings = this.deps.settings();
    const forced = this.forced;
    this.forced = false;
    if (!this.started || this.stopped || !(settings.autoSync || forced)) return;
    try {
      const command = profileCommandFor(settings, this.deps.credentialProcessCommand);
      const sessions = [...this.deps.sessions()];
      const outcome = await runProfileSync(this.deps.paths, {
        sessions,
        inventories: this.listings(),
        settings,
        credentialProcessCommand: command,
      });
      this.lastConfigText = outcome.configText;
      this.deps.onEvent?.({ kind: 'synced', reason, result: outcome.result });
    } catch (error) {
      this.logger.warn('profile sync failed', { reason: messageOf(error) });
      this.deps.onEvent?.({ kind: 'sync-failed', reason, message: messageOf(error) });
    }
  }

  /** Renews pinned keys: all that need it when `everything` was asked for, else only when some are due. */
  private renewPinsSoon(everything: boolean): Promise<void> {
    if (everything) this.renewAllPins = true;
    return this.pinTask.run();
  }

  private async renewPins(): Promise<void> {
    const pins = this.deps.pins;
    const everything = this.renewAllPins;
    this.renewAllPins = false;
    if (!pins || this.stopped) return;
    if (!everything) {
      const now = this.clock.now();
      const due = now >= this.pinRetryAt ? await pins.nextRefreshAt() : undefined;
      if (due === undefined || due > now) return;
    }
    try {
      const report = await pins.refresh();
      this.pinRetryAt = report.failed.length > 0 ? this.clock.now() + PIN_RETRY_MS : 0;
      if (report.written.length + report.cleared.length + report.released.length + report.failed.length > 0)
        this.deps.onEvent?.({ kind: 'pins', report });
    } catch (error) {
      this.pinRetryAt = this.clock.now() + PIN_RETRY_MS;
      this.logger.warn('renewing pinned keys failed', { reason: messageOf(error) });
    }
  }
}
