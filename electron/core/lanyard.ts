import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type SsoSessionConfig, upsertSsoSession } from './aws-files/aws-config.js';
import { type Clock, systemClock } from './support/clock.js';
import { type ConfigSyncEvent, ConfigSyncAgent } from './config-sync/agent.js';
import { setDefaultProfile as writeDefaultProfile } from './config-sync/default-profile.js';
import { readManagedProfiles } from './config-sync/record.js';
import { type BrowserHost, nodeBrowserHost } from './console/browser-detection.js';
import type { Spawn } from './console/launcher.js';
import { openConsoleInBrowser } from './console/open-in-browser.js';
import { CONSOLE_CREDENTIALS_MIN_VALIDITY_MS, createConsoleSignIn } from './console/signin-url.js';
import { exportLines, shellDialectFor } from './credentials/credential-exports.js';
import { LanyardError, isLanyardError } from './domain/errors.js';
import type { InventoryDiff } from './accounts/inventory.js';
import { InventoryService, type SessionInventory } from './accounts/inventory-service.js';
import { KeepAlive } from './sessions/keep-alive.js';
import { type Logger, silentLogger } from './support/log.js';
import { type RoleRef, accountKey, environmentOf, parseRoleKey, roleKey } from './domain/model.js';
import { DEFAULT_SCOPES } from './sessions/oidc.js';
import type { Env, LanyardPaths } from './support/paths.js';
import { PortalClients } from './accounts/portal-client.js';
import { PinnedProfiles } from './credentials/pins.js';
import {
  type PreferencesStore,
  type StoredPreferences,
  normalizePreferences,
  withRecent,
} from './support/preferences.js';
import { redact } from './support/redact.js';
import { parseRoleCredentials, roleCredentialsCacheKey } from './credentials/role-credentials-cache.js';
import { RoleCredentialsProvider } from './credentials/role-credentials.js';
import { RoleSearch } from './domain/search.js';
import { type LanyardNotification, assignmentNotice, sessionNotifications } from './notices/session-notices.js';
import { SessionTokens } from './sessions/session-tokens.js';
import { signOutSession } from './sessions/sign-out.js';
import { type Settings, applySettingsPatch } from './domain/settings.js';
import { configuredSessions } from './sessions/sso-sessions.js';
import type {
  ActiveCredentialsView,
  CommandResult,
  InventoryView,
  LanyardCommands,
  LanyardState,
  NewSession,
  Notice,
  OpenConsoleOptions,
  RoleView,
  SearchHit,
  SessionStatus,
  SessionView,
  SignInView,
  SyncView,
} from './domain/views.js';

/** Look for role credentials other tools cached this often, for the countdowns. */
export const CREDENTIAL_SCAN_MS = 60_000;
/** Notices kept for the window, newest first. */
const MAX_NOTICES = 20;

/** What only the host (Electron, or a test) can do. */
export interface LanyardPlatform {
  writeClipboard(text: string): void | Promise<void>;
  /** Opens a URL in the user's default browser (sign-in pages; "default browser" consoles). */
  openExternal(url: string): Promise<void>;
  /** Opens the console in an in-app window (Electron). Without it, in-app falls back to a browser profile. */
  openInAppConsole?(request: InAppConsoleRequest): Promise<void>;
  /** Browser discovery and process spawning (tests replace them). */
  browserHost?: BrowserHost;
  spawn?: Spawn;
  platform?: NodeJS.Platform;
}

export interface InAppConsoleRequest {
  /** The sign-in URL: a bearer secret. */
  url: string;
  role: RoleView;
  /** When the role credentials (and so the console session) expire, epoch ms. */
  expiresAt: number;
  region: string;
}

export interface LanyardOptions {
  paths: LanyardPaths;
  preferences: PreferencesStore;
  platform: LanyardPlatform;
  env?: Env;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  /**
   * The absolute `lanyard` command for credential_process profiles (cli-command.ts); needed
   * only for that profile style.
   */
  credentialProcessCommand?: () => string;
}

interface ActiveSignIn {
  view: SignInView;
  abort: AbortController;
}

/**
 * The core as one service: sessions kept alive, the account/role inventory, console sign-in,
 * credentials for the clipboard, search and preferences. It emits immutable snapshots
 * (`onState`, `onInventory`) without secrets, and answers commands with CommandResult data.
 * The tray app, the renderer (through IPC) and the browser test harness all drive this.
 */
export class Lanyard implements LanyardCommands {
  private readonly paths: LanyardPaths;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly env: Env;
  private readonly tokens: SessionTokens;
  private readonly keepAlive: KeepAlive;
  private readonly portals: PortalClients;
  private readonly inventory: InventoryService;
  private readonly credentials: RoleCredentialsProvider;
  private readonly pins: PinnedProfiles;
  private readonly configSync: ConfigSyncAgent;

  private sessions: SsoSessionConfig[] = [];
  private problems: string[] = [];
  private preferences: StoredPreferences;
  private activeSignIn?: ActiveSignIn;
  private notices: Notice[] = [];
  private readonly activeCredentials = new Map<string, number>();
  private readonly sessionViews = new Map<string, SessionView>();
  private readonly shownNotifications = new Set<string>();

  private inventoryView: InventoryView = { version: 0, roles: [] };
  private roleIndex = new Map<string, RoleView>();
  private searchIndex?: { version: number; index: RoleSearch };

  private readonly stateListeners = new Set<(state: LanyardState) => void>();
  private readonly inventoryListeners = new Set<(inventory: InventoryView) => void>();
  private readonly notificationListeners = new Set<(notification: LanyardNotification) => void>();
  private stateScheduled = false;
  private credentialScanTimer?: unknown;
  private cacheNames?: { version: number; names: Map<string, string> };
  /** Role key -> the profile name the sync manages for it. */
  private profileNames: Record<string, string> = {};
  private syncView?: SyncView;
  private lastSyncEvent?: ConfigSyncEvent;
  private started = false;

  constructor(private readonly options: LanyardOptions) {
    this.paths = options.paths;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.env = options.env ?? process.env;
    this.preferences = normalizePreferences(options.preferences.read());
    this.tokens = new SessionTokens({ paths: this.paths, clock: this.clock, logger: this.logger });
    this.keepAlive = new KeepAlive({
      tokens: this.tokens,
      clock: this.clock,
      logger: this.logger,
      ...(options.random ? { random: options.random } : {}),
    });
    this.portals = new PortalClients({
      tokens: this.tokens,
      clock: this.clock,
      logger: this.logger,
      ...(options.random ? { random: options.random } : {}),
    });
    const portal = (session: SsoSessionConfig) => this.portals.get(session);
    this.inventory = new InventoryService({ paths: this.paths, portal, clock: this.clock, logger: this.logger });
    this.credentials = new RoleCredentialsProvider({
      paths: this.paths,
      portal,
      clock: this.clock,
      logger: this.logger,
    });
    this.pins = new PinnedProfiles({
      paths: this.paths,
      credentials: this.credentials,
      sessions: async () => this.sessions,
      clock: this.clock,
      logger: this.logger,
    });
    this.configSync = new ConfigSyncAgent({
      paths: this.paths,
      inventory: this.inventory,
      sessions: () => this.sessions,
      isSignedIn: (name) => this.isSignedIn(name),
      settings: () => this.settings,
      credentialProcessCommand: () => this.credentialProcessCommand(),
      pins: this.pins,
      reloadSessions: () => this.reloadConfig(),
      onEvent: (event) => this.onSyncEvent(event),
      clock: this.clock,
      logger: this.logger,
    });

    this.keepAlive.onChange((status) => this.onSessionStatus(status));
    this.inventory.on('updated', () => this.rebuildInventory());
    this.inventory.on('progress', () => this.emitState());
    this.inventory.on('settled', () => this.emitState());
    this.inventory.on('diff', (diff) => this.onAssignmentsChanged(diff));
    this.inventory.on('warning', ({ sessionName, message }) =>
      this.addNotice({ kind: 'error', title: `Account list of ${sessionName}`, body: message, sessionName }),
    );
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** Reads the config, starts keeping sessions alive, shows the stored inventory and revalidates it. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.reloadConfig();
    this.profileNames = await readManagedProfiles(this.paths).catch(() => ({}));
    // Loads the stored inventories, lists stale ones, syncs, watches the config, renews pins.
    await this.configSync.start();
    await this.loadActiveCredentials();
    this.scheduleCredentialScan();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.activeSignIn?.abort.abort();
    this.keepAlive.stop();
    this.configSync.stop();
    await Promise.all([this.keepAlive.idle(), this.configSync.idle()]);
    this.portals.destroy();
    if (this.credentialScanTimer !== undefined) this.clock.clearTimeout(this.credentialScanTimer);
  }

  /** Waits until no keep-alive step or sync is running (tests). */
  async idle(): Promise<void> {
    await Promise.all([this.keepAlive.idle(), this.configSync.idle()]);
  }

  // ---- subscriptions --------------------------------------------------------------------

  onState(listener: (state: LanyardState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onInventory(listener: (inventory: InventoryView) => void): () => void {
    this.inventoryListeners.add(listener);
    return () => this.inventoryListeners.delete(listener);
  }

  /** System notifications the desktop should show (sign-in needed, session ending, access changed). */
  onNotification(listener: (notification: LanyardNotification) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  // ---- queries --------------------------------------------------------------------------

  async getState(): Promise<LanyardState> {
    return this.state();
  }

  async getInventory(): Promise<InventoryView> {
    return this.inventoryView;
  }

  async search(query: string, limit = 50): Promise<SearchHit[]> {
    if (typeof query !== 'string') return [];
    return this.roleSearch().search(query.slice(0, 200), Math.max(1, Math.min(limit, 500)));
  }

  /** The search index of the current inventory (built once per inventory version). */
  private roleSearch(): RoleSearch {
    if (!this.searchIndex || this.searchIndex.version !== this.inventoryView.version) {
      this.searchIndex = { version: this.inventoryView.version, index: new RoleSearch(this.inventoryView.roles) };
    }
    return this.searchIndex.index;
  }

  /** The current settings. */
  get settings(): Settings {
    return this.preferences.settings;
  }

  // ---- commands -------------------------------------------------------------------------

  addSession(input: NewSession): Promise<CommandResult> {
    return this.command(async () => {
      // upsertSsoSession validates the name, start URL and region, with hints.
      const [name, startUrl, region] = [input?.name, input?.startUrl, input?.region].map((value) =>
        String(value ?? '').trim(),
      ) as [string, string, string];
      const existing = this.sessions.find((session) => session.name === name);
      await upsertSsoSession(this.paths, {
        name,
        startUrl,
        region,
        registrationScopes: existing?.registrationScopes ?? [...DEFAULT_SCOPES],
      });
      await this.reloadConfig();
    });
  }

  signIn(sessionName: string, flow: 'auth-code' | 'device-code' = 'auth-code'): Promise<CommandResult> {
    return this.command(async () => {
      const session = this.session(sessionName);
      this.activeSignIn?.abort.abort();
      const abort = new AbortController();
      const active: ActiveSignIn = {
        view: {
          sessionName: session.name,
          flow: flow === 'device-code' ? 'device-code' : 'auth-code',
          startedAt: this.clock.now(),
        },
        abort,
      };
      this.activeSignIn = active;
      this.emitState();
      try {
        await this.tokens.signIn(session, {
          flow: active.view.flow,
          signal: abort.signal,
          onPrompt: async (prompt) => {
            if (prompt.kind === 'browser') {
              active.view = { ...active.view, prompt: { kind: 'browser' } };
              this.emitState();
              await this.options.platform.openExternal(prompt.url);
            } else {
              active.view = {
                ...active.view,
                prompt: {
                  kind: 'device',
                  userCode: prompt.userCode,
                  verificationUri: prompt.verificationUri,
                  expiresAt: prompt.expiresAt,
                },
              };
              this.emitState();
              await this.options.platform.openExternal(prompt.verificationUriComplete).catch(() => undefined);
            }
          },
        });
      } finally {
        if (this.activeSignIn === active) this.activeSignIn = undefined;
        this.emitState();
      }
      await this.keepAlive.check(session.name);
      void this.configSync.sessionSignedIn(session.name);
    });
  }

  cancelSignIn(): Promise<CommandResult> {
    return this.command(async () => {
      this.activeSignIn?.abort.abort();
      this.activeSignIn = undefined;
      this.emitState();
    });
  }

  signOut(sessionName: string): Promise<CommandResult> {
    return this.command(async () => {
      const session = this.session(sessionName);
      await signOutSession(this.paths, this.tokens, session);
      for (const key of [...this.activeCredentials.keys()])
        if (parseRoleKey(key)?.sessionName === session.name) this.activeCredentials.delete(key);
      await this.keepAlive.check(session.name);
      this.emitState();
    });
  }

  refreshInventory(sessionName?: string): Promise<CommandResult> {
    return this.command(async () => {
      const targets = sessionName ? [this.session(sessionName)] : this.sessions;
      const results = await Promise.all(targets.map((session) => this.inventory.refresh(session)));
      const failed = results.find((result) => !result.snapshot.complete && result.snapshot.problem);
      if (failed?.snapshot.problem)
        throw new LanyardError(
          failed.snapshot.problem.code,
          failed.snapshot.problem.message,
          failed.snapshot.problem.hint,
        );
    });
  }

  syncNow(): Promise<CommandResult> {
    return this.command(async () => {
      this.lastSyncEvent = undefined;
      await this.configSync.syncNow('sync now', { evenIfAutoSyncOff: true });
      const event = this.lastSyncEvent as ConfigSyncEvent | undefined;
      if (event?.kind === 'sync-failed')
        throw new LanyardError('FILE', `Could not update ${this.paths.awsConfigFile}: ${event.message}`);
    });
  }

  openConsole(key: string, options: OpenConsoleOptions = {}): Promise<CommandResult> {
    return this.command(async () => {
      const { role, session } = this.role(key);
      const region = this.regionFor(session, options.region);
      const credentials = await this.credentials.get(session, role, {
        minValidityMs: CONSOLE_CREDENTIALS_MIN_VALIDITY_MS,
      });
      this.noteCredentials(role.key, credentials.expiration);
      const signIn = await createConsoleSignIn(credentials, {
        region,
        ...(options.destination ? { destination: options.destination } : {}),
        env: this.env,
      });
      const isolation = options.isolation ?? this.settings.isolation;
      const platform = this.options.platform;
      if (isolation === 'in-app' && platform.openInAppConsole) {
        await platform.openInAppConsole({ url: signIn.url, role, expiresAt: credentials.expiration, region });
      } else {
        await openConsoleInBrowser(
          {
            ...(isolation === 'in-app' ? {} : { isolation }),
            ...(this.settings.browser ? { browser: this.settings.browser } : {}),
            signInUrl: signIn.url,
            ref: parseRoleKey(role.key) as RoleRef,
            accountName: role.alias ?? role.accountName,
          },
          {
            dataDir: this.paths.dataDir,
            host: platform.browserHost ?? nodeBrowserHost(this.env),
            clock: this.clock,
            openDefault: (url) => platform.openExternal(url),
            ...(platform.spawn ? { spawn: platform.spawn } : {}),
          },
        );
      }
      this.remember(role.key);
    });
  }

  copyExports(key: string): Promise<CommandResult> {
    return this.command(async () => {
      const { role, session } = this.role(key);
      const credentials = await this.credentials.get(session, role);
      this.noteCredentials(role.key, credentials.expiration);
      await this.options.platform.writeClipboard(
        exportLines(
          credentials,
          this.regionFor(session),
          shellDialectFor(this.options.platform.platform ?? process.platform),
        ),
      );
      this.remember(role.key);
    });
  }

  copyProfileName(key: string): Promise<CommandResult> {
    return this.command(async () => {
      const { role } = this.role(key);
      if (!role.profileName)
        throw new LanyardError(
          'NOT_FOUND',
          `No profile in ${this.paths.awsConfigFile} for ${role.accountName} / ${role.roleName} yet.`,
          'Sync your AWS config first (Sync now).',
        );
      await this.options.platform.writeClipboard(role.profileName);
      this.remember(role.key);
    });
  }

  setDefaultProfile(key: string): Promise<CommandResult> {
    return this.command(async () => {
      const { role, session } = this.role(key);
      const result = await writeDefaultProfile(this.paths, {
        session,
        role: { accountId: role.accountId, roleName: role.roleName },
        settings: this.settings,
        credentialProcessCommand:
          this.settings.profileStyle === 'credential-process' ? this.credentialProcessCommand() : '',
      });
      this.savePreferences({
        ...this.preferences,
        defaultProfile: role.key,
        recents: withRecent(this.preferences.recents, role.key),
      });
      for (const warning of result.warnings) this.addNotice({ kind: 'sync', title: 'Default profile', body: warning });
    });
  }

  toggleFavourite(key: string): Promise<CommandResult> {
    return this.command(async () => {
      const { role } = this.role(key);
      const favourites = this.settings.favourites.includes(role.key)
        ? this.settings.favourites.filter((item) => item !== role.key)
        : [...this.settings.favourites, role.key];
      this.savePreferences({ ...this.preferences, settings: { ...this.settings, favourites } });
    });
  }

  setAlias(key: string, alias: string): Promise<CommandResult> {
    return this.command(async () => {
      if (typeof key !== 'string' || !/^.+\/\d{12}$/.test(key)) throw new LanyardError('USAGE', 'Not an account key.');
      const trimmed = String(alias ?? '')
        .trim()
        .slice(0, 80);
      const aliases = { ...this.settings.aliases };
      if (trimmed) aliases[key] = trimmed;
      else delete aliases[key];
      this.savePreferences({ ...this.preferences, settings: { ...this.settings, aliases } });
      this.rebuildInventory();
    });
  }

  async updateSettings(patch: Partial<Settings>): Promise<CommandResult<Settings>> {
    const result = await this.command(async () => {
      const settings = applySettingsPatch(this.settings, patch);
      this.savePreferences({ ...this.preferences, settings });
    });
    return result.ok ? { ok: true, value: this.settings } : result;
  }

  dismissNotice(id: string): Promise<CommandResult> {
    return this.command(async () => {
      this.notices = this.notices.filter((notice) => notice.id !== id);
      this.emitState();
    });
  }

  // ---- internals ------------------------------------------------------------------------

  /** Runs a command and turns any failure into CommandResult data with no secret in it. */
  private async command(run: () => Promise<void>): Promise<CommandResult> {
    try {
      await run();
      return { ok: true, value: undefined };
    } catch (error) {
      if (isLanyardError(error))
        return {
          ok: false,
          error: {
            code: error.code,
            message: redact(error.message),
            ...(error.hint ? { hint: redact(error.hint) } : {}),
          },
        };
      this.logger.error('command failed', { reason: error instanceof Error ? error.message : String(error) });
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong inside Lanyard.',
          hint: 'Try again; if it keeps happening, check the log.',
        },
      };
    }
  }

  private session(name: string): SsoSessionConfig {
    const session = this.sessions.find((candidate) => candidate.name === name);
    if (!session)
      throw new LanyardError('UNKNOWN_SESSION', `There is no SSO session named "${String(name).slice(0, 80)}".`);
    return session;
  }

  private role(key: string): { role: RoleView; session: SsoSessionConfig } {
    const role = typeof key === 'string' ? this.roleIndex.get(key) : undefined;
    if (!role)
      throw new LanyardError('NOT_FOUND', 'That account and role are not in your list.', 'Refresh the account list.');
    return { role, session: this.session(role.sessionName) };
  }

  private regionFor(session: SsoSessionConfig, override?: string): string {
    return override || this.settings.defaultRegion || session.region;
  }

  private remember(key: string): void {
    this.savePreferences({ ...this.preferences, recents: withRecent(this.preferences.recents, key) });
  }

  private noteCredentials(key: string, expiresAt: number): void {
    this.activeCredentials.set(key, expiresAt);
    this.emitState();
  }

  private savePreferences(next: StoredPreferences): void {
    this.preferences = next;
    this.options.preferences.write(next);
    this.emitState();
  }

  private async reloadConfig(): Promise<void> {
    const configured = await configuredSessions(this.paths).catch((error: unknown) => {
      this.problems = [isLanyardError(error) ? error.message : `Cannot read ${this.paths.awsConfigFile}.`];
      return undefined;
    });
    if (!configured) {
      this.emitState();
      return;
    }
    const before = new Map(this.sessions.map((session) => [session.name, session]));
    this.sessions = configured.sessions;
    this.problems = configured.problems;
    this.keepAlive.setSessions(this.sessions);
    await this.keepAlive.idle();
    // New sessions' stored lists are loaded by the sync agent; a session now pointing at
    // another start URL must not keep showing the old organization's accounts.
    for (const session of this.sessions) {
      const previous = before.get(session.name);
      if (previous && (previous.startUrl !== session.startUrl || previous.region !== session.region))
        await this.inventory.load(session);
    }
    this.rebuildInventory();
    this.emitState();
  }

  private isSignedIn(name: string): boolean {
    const health = this.keepAlive.status(name)?.health;
    return health === 'active' || health === 'refreshing' || health === 'retrying';
  }

  private defaultProfileView(): { defaultProfile?: LanyardState['defaultProfile'] } {
    const roleKey = this.preferences.defaultProfile;
    if (!roleKey) return {};
    const role = this.roleIndex.get(roleKey);
    const label = role ? (role.profileName ?? `${role.alias ?? role.accountName} / ${role.roleName}`) : roleKey;
    return { defaultProfile: { roleKey, label } };
  }

  private credentialProcessCommand(): string {
    if (!this.options.credentialProcessCommand) {
      throw new LanyardError(
        'CONFIG',
        'This Lanyard cannot write credential_process profiles.',
        'Use the "sso" profile style in the settings.',
      );
    }
    return this.options.credentialProcessCommand();
  }

  private onSyncEvent(event: ConfigSyncEvent): void {
    this.lastSyncEvent = event;
    const at = this.clock.now();
    if (event.kind === 'synced') {
      const { result } = event;
      this.profileNames = result.profiles;
      this.syncView = {
        lastSyncAt: at,
        added: result.added.length,
        updated: result.updated.length,
        removed: result.removed.length,
        skipped: [
          ...result.skipped.map((item) => `${item.profile}: ${item.reason}`),
          ...result.notPruned.map((item) => `${item.sessionName}: ${item.reason}`),
        ],
      };
      this.rebuildInventory();
    } else if (event.kind === 'sync-failed') {
      this.syncView = { ...(this.syncView ?? { added: 0, updated: 0, removed: 0, skipped: [] }), error: event.message };
      this.addNotice({
        kind: 'error',
        title: `Could not update ${path.basename(this.paths.awsConfigFile)}`,
        body: event.message,
      });
    }
    this.emitState();
  }

  /**
   * Finds role credentials other tools (or an earlier run) left in the AWS CLI's cache, so the
   * UI can count them down. The cache names files by a hash of the role, so we hash every role
   * we know (once per inventory version) and look for those names.
   */
  private async loadActiveCredentials(): Promise<void> {
    if (!this.cacheNames || this.cacheNames.version !== this.inventoryView.version) {
      const names = new Map<string, string>();
      for (const role of this.inventoryView.roles)
        names.set(`${roleCredentialsCacheKey(parseRoleKey(role.key) as RoleRef)}.json`, role.key);
      this.cacheNames = { version: this.inventoryView.version, names };
    }
    const files = await fs.readdir(this.paths.cliCacheDir).catch(() => [] as string[]);
    const now = this.clock.now();
    let changed = false;
    for (const file of files) {
      const key = this.cacheNames.names.get(file);
      if (!key) continue;
      const credentials = parseRoleCredentials(
        await fs.readFile(path.join(this.paths.cliCacheDir, file), 'utf8').catch(() => ''),
      );
      if (credentials && credentials.expiration > now && this.activeCredentials.get(key) !== credentials.expiration) {
        this.activeCredentials.set(key, credentials.expiration);
        changed = true;
      }
    }
    if (changed) this.emitState();
  }

  private scheduleCredentialScan(): void {
    if (!this.started) return;
    this.credentialScanTimer = this.clock.setTimeout(() => {
      void this.loadActiveCredentials().finally(() => this.scheduleCredentialScan());
    }, CREDENTIAL_SCAN_MS);
  }

  private onSessionStatus(status: SessionStatus): void {
    const wasSignedIn = this.sessionViews.get(status.name);
    const view = this.sessionView(status);
    for (const notification of sessionNotifications(wasSignedIn, view, this.settings, this.clock.now()))
      this.notify(notification);
    if (view.health === 'sign-in-needed' && wasSignedIn?.health !== 'sign-in-needed') {
      this.addNotice({
        kind: 'sign-in-needed',
        title: `Sign in to ${status.name} again`,
        body: status.message ?? 'The SSO session has ended.',
        sessionName: status.name,
      });
    }
    const becameActive =
      view.health === 'active' &&
      wasSignedIn !== undefined &&
      wasSignedIn.health !== 'active' &&
      wasSignedIn.health !== 'refreshing' &&
      wasSignedIn.health !== 'retrying';
    this.sessionViews.set(status.name, view);
    if (becameActive) void this.configSync.sessionSignedIn(status.name);
    this.emitState();
  }

  private onAssignmentsChanged(diff: InventoryDiff): void {
    if (diff.basisListedAt === undefined) return; // the first listing is no change
    const notice = assignmentNotice(diff, this.clock.now());
    if (!notice) return;
    this.addNotice(notice);
    if (this.settings.notifications.assignmentChanges)
      this.notify({ id: notice.id, title: notice.title, body: notice.body });
  }

  private addNotice(notice: Omit<Notice, 'id' | 'at'> & { id?: string; at?: number }): void {
    const at = notice.at ?? this.clock.now();
    const full: Notice = { ...notice, id: notice.id ?? `${notice.kind}:${notice.sessionName ?? ''}:${at}`, at };
    this.notices = [full, ...this.notices.filter((existing) => existing.id !== full.id)].slice(0, MAX_NOTICES);
    this.emitState();
  }

  private notify(notification: LanyardNotification): void {
    if (this.shownNotifications.has(notification.id)) return;
    this.shownNotifications.add(notification.id);
    for (const listener of this.notificationListeners) listener(notification);
  }

  private sessionView(status: SessionStatus): SessionView {
    return { ...status, inventory: this.inventory.status(status.name) };
  }

  private rebuildInventory(): void {
    const roles: RoleView[] = [];
    const aliases = this.settings.aliases;
    for (const session of this.sessions) {
      const inventory: SessionInventory | undefined = this.inventory.current(session.name);
      for (const account of inventory?.accounts ?? []) {
        const alias = aliases[accountKey(session.name, account.accountId)];
        const environment = environmentOf(alias ?? account.accountName) ?? environmentOf(account.accountName);
        for (const roleName of account.roles) {
          const key = roleKey({ sessionName: session.name, accountId: account.accountId, roleName });
          const profileName = this.profileNames[key];
          roles.push({
            key,
            sessionName: session.name,
            ...(profileName ? { profileName } : {}),
            accountId: account.accountId,
            accountName: account.accountName,
            roleName,
            ...(alias ? { alias } : {}),
            ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
            ...(environment ? { environment } : {}),
          });
        }
      }
    }
    this.inventoryView = { version: this.inventoryView.version + 1, roles };
    this.roleIndex = new Map(roles.map((role) => [role.key, role]));
    // Build the search index soon, not on the palette's first keystroke (tens of ms for 10,000 roles).
    setImmediate(() => this.roleSearch());
    for (const listener of this.inventoryListeners) listener(this.inventoryView);
    this.emitState();
  }

  private state(): LanyardState {
    const now = this.clock.now();
    const sessions = this.sessions.map((session) => {
      const status = this.keepAlive.status(session.name) ?? {
        name: session.name,
        startUrl: session.startUrl,
        region: session.region,
        health: 'signed-out' as const,
        refreshable: false,
      };
      return this.sessionView(status);
    });
    const activeCredentials: ActiveCredentialsView[] = [...this.activeCredentials]
      .filter(([, expiresAt]) => expiresAt > now)
      .map(([key, expiresAt]) => ({ key, expiresAt }));
    return {
      sessions,
      ...(this.activeSignIn ? { signIn: this.activeSignIn.view } : {}),
      activeCredentials,
      recents: this.preferences.recents,
      ...this.defaultProfileView(),
      notices: this.notices,
      ...(this.syncView ? { sync: this.syncView } : {}),
      problems: this.problems,
      settings: this.settings,
    };
  }

  /** Coalesces bursts of changes (progress events, many statuses) into one snapshot per tick. */
  private emitState(): void {
    if (this.stateScheduled || this.stateListeners.size === 0) return;
    this.stateScheduled = true;
    queueMicrotask(() => {
      this.stateScheduled = false;
      const state = this.state();
      for (const listener of this.stateListeners) listener(state);
    });
  }
}
