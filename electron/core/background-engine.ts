/**
 * The background work of Lanyard, the same in the tray app and in `lanyard agent` (the agent
 * is the app without windows): keep every SSO session alive, reload the sessions when the AWS
 * config changes, keep the config's profiles in step with the assignments, renew pinned keys,
 * and when a session becomes signed in, list its accounts and put its pinned keys back.
 * Whoever runs it listens to its events: the facade turns them into views and notices, the
 * agent into log lines.
 */
import type { SsoSessionConfig } from './aws-files/aws-config.js';
import { type ConfigSyncEvent, ConfigSyncAgent } from './config-sync/agent.js';
import { isLanyardError } from './domain/errors.js';
import { becameSignedIn, isSignedIn } from './domain/session-health.js';
import type { SessionStatus } from './domain/views.js';
import type { CoreServices } from './services.js';

export type EngineEvent =
  /** The sso-sessions were (re)read from the AWS config; `problems` says what to fix in it. */
  | { kind: 'sessions'; sessions: readonly SsoSessionConfig[]; problems: readonly string[] }
  /** A session's keep-alive status changed; `previous` is absent for its first status. */
  | { kind: 'session'; status: SessionStatus; previous?: SessionStatus }
  | ConfigSyncEvent;

type EngineServices = Pick<
  CoreServices,
  | 'paths'
  | 'clock'
  | 'logger'
  | 'sessions'
  | 'keepAlive'
  | 'inventory'
  | 'pins'
  | 'settings'
  | 'credentialProcessCommand'
>;

export class BackgroundEngine {
  private readonly configSync: ConfigSyncAgent;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly statuses = new Map<string, SessionStatus>();
  private problems: readonly string[] = [];
  private lastSync?: ConfigSyncEvent;
  private started = false;
  private stopKeepAliveListener?: () => void;

  constructor(private readonly services: EngineServices) {
    this.configSync = new ConfigSyncAgent({
      paths: services.paths,
      inventory: services.inventory,
      sessions: () => services.sessions.list,
      isSignedIn: (name) => this.isSignedIn(name),
      settings: () => services.settings(),
      credentialProcessCommand: () => services.credentialProcessCommand(),
      pins: services.pins,
      reloadSessions: () => this.reloadConfig(),
      onEvent: (event) => {
        if (event.kind === 'synced' || event.kind === 'sync-failed') this.lastSync = event;
        this.emit(event);
      },
      clock: services.clock,
      logger: services.logger,
    });
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the config, starts keeping sessions alive, loads the stored inventories, syncs, watches, renews pins. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopKeepAliveListener = this.services.keepAlive.onChange((status) => this.onStatus(status));
    await this.reloadConfig();
    await this.configSync.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopKeepAliveListener?.();
    this.configSync.stop();
    this.services.keepAlive.stop();
    await this.idle();
  }

  /** Waits until no keep-alive step or sync is running. */
  async idle(): Promise<void> {
    await Promise.all([this.services.keepAlive.idle(), this.configSync.idle()]);
  }

  /** The config's problems as last read (a malformed section, an unreadable file). */
  get configProblems(): readonly string[] {
    return this.problems;
  }

  isSignedIn(sessionName: string): boolean {
    return isSignedIn(this.services.keepAlive.status(sessionName)?.health);
  }

  /**
   * Re-reads the sso-sessions and keeps exactly those alive. An unreadable config keeps the
   * sessions as they were and says why. A session now pointing at another start URL shows its
   * own stored accounts, not the old organization's.
   */
  async reloadConfig(): Promise<void> {
    const { sessions, keepAlive, inventory, paths } = this.services;
    const before = new Map(sessions.list.map((session) => [session.name, session]));
    try {
      this.problems = (await sessions.load()).problems;
    } catch (error) {
      this.problems = [isLanyardError(error) ? error.message : `Cannot read ${paths.awsConfigFile}.`];
      this.emit({ kind: 'sessions', sessions: sessions.list, problems: this.problems });
      return;
    }
    keepAlive.setSessions([...sessions.list]);
    await keepAlive.idle();
    for (const session of sessions.list) {
      const previous = before.get(session.name);
      if (previous && (previous.startUrl !== session.startUrl || previous.region !== session.region)) {
        await inventory.load(session);
      }
    }
    this.emit({ kind: 'sessions', sessions: sessions.list, problems: this.problems });
  }

  /**
   * Syncs the AWS config now (coalesced with a sync already running); only with auto-sync on,
   * unless `evenIfAutoSyncOff` (the user's "Sync now"). Resolves with the outcome, if a sync ran.
   */
  async syncNow(reason: string, options: { evenIfAutoSyncOff?: boolean } = {}): Promise<ConfigSyncEvent | undefined> {
    this.lastSync = undefined;
    await this.configSync.syncNow(reason, options);
    return this.lastSync;
  }

  /** Checks a session's token now (after a sign-in or sign-out) and reacts as to any change. */
  async checkSession(sessionName: string): Promise<void> {
    await this.services.keepAlive.check(sessionName);
  }

  /** A session was signed in here: list its accounts if stale and put its pinned keys back. */
  sessionSignedIn(sessionName: string): Promise<void> {
    return this.configSync.sessionSignedIn(sessionName);
  }

  private onStatus(status: SessionStatus): void {
    const previous = this.statuses.get(status.name);
    this.statuses.set(status.name, status);
    this.emit({ kind: 'session', status, ...(previous ? { previous } : {}) });
    if (becameSignedIn(previous?.health, status.health)) void this.configSync.sessionSignedIn(status.name);
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
