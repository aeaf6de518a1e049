import path from 'node:path';
import { upsertSsoSession, type SsoSessionConfig } from './aws-files/aws-config.js';
import type { InventoryDiff } from './accounts/inventory.js';
import { RoleCatalogue } from './accounts/role-catalogue.js';
import type { BackgroundEngine, EngineEvent } from './background-engine.js';
import type { ConfigSyncEvent } from './config-sync/agent.js';
import { setDefaultProfile as writeDefaultProfile } from './config-sync/default-profile.js';
import { readManagedProfiles } from './config-sync/record.js';
import { profileCommandFor } from './config-sync/sync.js';
import { type BrowserHost, nodeBrowserHost } from './console/browser-detection.js';
import type { Spawn } from './console/launcher.js';
import { openConsole } from './console/open-console.js';
import { ActiveCredentials } from './credentials/active-credentials.js';
import { defaultExportFormat, exportCredentials } from './credentials/credential-exports.js';
import { type ClipboardAccess, SecretClipboard } from './credentials/secret-clipboard.js';
import { markOf } from './domain/environment.js';
import { LanyardError, isLanyardError } from './domain/errors.js';
import { DEFAULT_REGISTRATION_SCOPES, parseAccountKey } from './domain/model.js';
import { type Settings, applySettingsPatch, regionFor } from './domain/settings.js';
import type { DiagnosticsReport } from './domain/diagnostics.js';
import { type DiagnosticsDeps, runDiagnostics } from './doctor/diagnostics.js';
import { NoticeBoard } from './notices/notice-board.js';
import { clockSkewNotice } from './notices/clock-notices.js';
import { describeClockSkew, isClockSkewed } from './sessions/service-clock.js';
import { type LanyardNotification, assignmentNotice, sessionNotifications } from './notices/session-notices.js';
import { type CoreOptions, type CoreServices, createServices } from './services.js';
import { signOutSession } from './sessions/sign-out.js';
import type { Clock } from './support/clock.js';
import { onDamagedFile } from './support/damaged-files.js';
import type { Logger } from './support/log.js';
import type { Env, LanyardPaths } from './support/paths.js';
import {
  type PreferencesStore,
  type StoredPreferences,
  normalizePreferences,
  withRecent,
} from './support/preferences.js';
import { redact } from './support/redact.js';
import type {
  CommandResult,
  InventoryView,
  LanyardCommands,
  LanyardState,
  NewSession,
  OpenConsoleOptions,
  RoleView,
  SearchHit,
  SessionStatus,
  SessionView,
  SignInView,
  SyncView,
} from './domain/views.js';

/** What only the host (Electron, or a test) can do. */
export interface LanyardPlatform {
  writeClipboard(text: string): void | Promise<void>;
  /**
   * The clipboard for secrets (copied credentials): written marked as concealed where the OS
   * allows, read back and cleared after a while. Without it, secrets go through writeClipboard
   * and stay.
   */
  secretClipboard?: ClipboardAccess;
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
  /** The SDK clients' request handlers and the console federation fetch (CoreOptions); the app passes Chromium's network. */
  requestHandler?: CoreOptions['requestHandler'];
  fetch?: CoreOptions['fetch'];
}

const CLOCK_NOTICE_ID = 'clock-skew';

interface ActiveSignIn {
  view: SignInView;
  abort: AbortController;
}

/**
 * The core for the desktop app: the background engine (sessions kept alive, the AWS config in
 * step, pinned keys) with the app's projections on top: the role catalogue and its search,
 * notices and notifications, sign-in in progress, credentials for the clipboard, console
 * windows and preferences. It emits immutable snapshots (`onState`, `onInventory`) without
 * secrets, and answers commands with CommandResult data. The tray app, the renderer (through
 * IPC) and the browser test harness all drive this.
 */
export class Lanyard implements LanyardCommands {
  private readonly services: CoreServices;
  private readonly engine: BackgroundEngine;
  private readonly catalogue = new RoleCatalogue();
  private readonly notices: NoticeBoard;
  private readonly activeCredentials: ActiveCredentials;
  private readonly secretClipboard?: SecretClipboard;
  private readonly stopDamageNotices: () => void;

  private preferences: StoredPreferences;
  private activeSignIn?: ActiveSignIn;
  private readonly sessionViews = new Map<string, SessionView>();
  private readonly stateListeners = new Set<(state: LanyardState) => void>();
  private readonly inventoryListeners = new Set<(inventory: InventoryView) => void>();
  private stateScheduled = false;
  /** Role key -> the profile name the sync manages for it. */
  private profileNames: Record<string, string> = {};
  private syncView?: SyncView;
  private started = false;

  constructor(private readonly options: LanyardOptions) {
    this.services = createServices({
      paths: options.paths,
      ...(options.env ? { env: options.env } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.random ? { random: options.random } : {}),
      preferences: options.preferences,
      settings: () => this.settings,
      credentialProcessCommand: () => this.credentialProcessCommand(),
      ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const { inventory, clock } = this.services;
    this.engine = this.services.engine;
    this.notices = new NoticeBoard(() => clock.now());
    // Subscribed before the settings are first read, so a damaged settings file found then is on the board too.
    this.stopDamageNotices = onDamagedFile(options.paths.dataDir, ({ file, title, message }) =>
      this.addNotice({ id: `damaged:${file}`, kind: 'error', title, body: message }),
    );
    this.preferences = normalizePreferences(options.preferences.read());
    this.activeCredentials = new ActiveCredentials({
      cliCacheDir: options.paths.cliCacheDir,
      clock,
      roles: () => this.catalogue.view,
      onChange: () => this.emitState(),
    });

    if (options.platform.secretClipboard)
      this.secretClipboard = new SecretClipboard(options.platform.secretClipboard, clock);

    this.engine.on((event) => this.onEngineEvent(event));
    inventory.on('updated', () => this.rebuildInventory());
    inventory.on('progress', () => this.emitState());
    inventory.on('settled', () => this.emitState());
    inventory.on('diff', (diff) => this.onAssignmentsChanged(diff));
    this.services.serviceClock.onChange((skewMs) => this.onClockSkew(skewMs));
    inventory.on('warning', ({ sessionName, message }) =>
      this.addNotice({ kind: 'error', title: `Account list of ${sessionName}`, body: message, sessionName }),
    );
  }

  private get paths(): LanyardPaths {
    return this.services.paths;
  }

  private get clock(): Clock {
    return this.services.clock;
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** Reads the config, starts keeping sessions alive, shows the stored inventory and revalidates it. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.profileNames = await readManagedProfiles(this.paths).catch(() => ({}));
    // Reads the config, loads the stored inventories, lists stale ones, syncs, watches the config, renews pins.
    await this.engine.start();
    await this.activeCredentials.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.activeSignIn?.abort.abort();
    this.activeCredentials.stop();
    // Copied credentials do not outlive the app on the clipboard.
    await this.secretClipboard?.flush();
    await this.services.close();
    this.stopDamageNotices();
  }

  /** Waits until no keep-alive step or sync is running (tests). */
  async idle(): Promise<void> {
    await this.engine.idle();
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
    return this.notices.onNotification(listener);
  }

  // ---- queries --------------------------------------------------------------------------

  async getState(): Promise<LanyardState> {
    return this.state();
  }

  async getInventory(): Promise<InventoryView> {
    return this.catalogue.view;
  }

  async search(query: string, limit = 50): Promise<SearchHit[]> {
    if (typeof query !== 'string') return [];
    return this.catalogue.search(query.slice(0, 200), Math.max(1, Math.min(limit, 500)));
  }

  /**
   * The `lanyard doctor` report, for Help → Diagnostics: plain JSON with no secret in it. The
   * network check's request can be replaced (the app's own network stack).
   */
  async diagnostics(deps: DiagnosticsDeps = {}): Promise<DiagnosticsReport> {
    const { paths, env, clock, serviceClock } = this.services;
    const { platform } = this.options;
    return runDiagnostics(
      { paths, env, clock, serviceClock, settings: this.settings },
      {
        ...(platform.browserHost ? { browserHost: platform.browserHost } : {}),
        ...(platform.platform ? { platform: platform.platform } : {}),
        ...deps,
      },
    );
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
      const existing = this.services.sessions.list.find((session) => session.name === name);
      const registrationScopes = existing?.registrationScopes ?? [...DEFAULT_REGISTRATION_SCOPES];
      await upsertSsoSession(this.paths, { name, startUrl, region, registrationScopes });
      await this.engine.reloadConfig();
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
        await this.services.tokens.signIn(session, {
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
      await this.engine.checkSession(session.name);
      void this.engine.sessionSignedIn(session.name);
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
      await signOutSession(this.paths, this.services.tokens, session);
      this.activeCredentials.forgetSession(session.name);
      await this.engine.checkSession(session.name);
      this.emitState();
    });
  }

  refreshInventory(sessionName?: string): Promise<CommandResult> {
    return this.command(async () => {
      const targets = sessionName ? [this.session(sessionName)] : this.services.sessions.list;
      // Someone pressed Refresh and waits for it: as fast as Identity Center allows.
      const results = await Promise.all(
        targets.map((session) => this.services.inventory.refresh(session, { pace: 'foreground' })),
      );
      const failed = results.find((result) => !result.snapshot.complete && result.snapshot.problem);
      if (failed?.snapshot.problem) {
        const { code, message, hint } = failed.snapshot.problem;
        throw new LanyardError(code, message, hint);
      }
    });
  }

  syncNow(): Promise<CommandResult> {
    return this.command(async () => {
      const event = await this.engine.syncNow('sync now', { evenIfAutoSyncOff: true });
      if (event?.kind === 'sync-failed') {
        throw new LanyardError('FILE', `Could not update ${this.paths.awsConfigFile}: ${event.message}`);
      }
    });
  }

  openConsole(key: string, options: OpenConsoleOptions = {}): Promise<CommandResult> {
    return this.command(async () => {
      const { role, session } = this.role(key);
      const { platform } = this.options;
      const { env, clock, credentials } = this.services;
      const openInAppConsole = platform.openInAppConsole?.bind(platform);
      const opened = await openConsole(
        {
          session,
          ref: { sessionName: role.sessionName, accountId: role.accountId, roleName: role.roleName },
          region: regionFor(this.settings, session.region, options.region),
          ...(options.destination ? { destination: options.destination } : {}),
          accountName: role.alias ?? role.accountName,
          ...(role.environment ? { mark: markOf(role) } : {}),
          isolation: options.isolation ?? this.settings.isolation,
          ...(this.settings.browser ? { browser: this.settings.browser } : {}),
        },
        {
          credentials,
          env,
          fetch: this.services.fetch,
          browsers: {
            dataDir: this.paths.dataDir,
            host: platform.browserHost ?? nodeBrowserHost(env),
            clock,
            openDefault: (url) => platform.openExternal(url),
            ...(platform.spawn ? { spawn: platform.spawn } : {}),
          },
          ...(openInAppConsole
            ? { openInApp: ({ url, expiresAt, region }) => openInAppConsole({ url, role, expiresAt, region }) }
            : {}),
        },
      );
      this.activeCredentials.note(role.key, opened.expiresAt);
      this.remember(role.key);
    });
  }

  copyExports(key: string): Promise<CommandResult> {
    return this.command(async () => {
      const { role, session } = this.role(key);
      const credentials = await this.services.credentials.get(session, role);
      this.activeCredentials.note(role.key, credentials.expiration);
      const format =
        this.settings.exportFormat || defaultExportFormat(this.options.platform.platform ?? process.platform);
      const lines = exportCredentials(credentials, {
        format,
        region: regionFor(this.settings, session.region),
        role: `${role.alias ?? role.accountName}/${role.roleName}`,
      });
      if (this.secretClipboard) await this.secretClipboard.copy(lines);
      else await this.options.platform.writeClipboard(lines);
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
        credentialProcessCommand: profileCommandFor(this.settings, () => this.credentialProcessCommand()),
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
      if (typeof key !== 'string' || !parseAccountKey(key)) throw new LanyardError('USAGE', 'Not an account key.');
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
      const before = this.settings.environmentOverrides;
      const remarked = JSON.stringify(settings.environmentOverrides) !== JSON.stringify(before);
      this.savePreferences({ ...this.preferences, settings });
      // Badges and colours are on every role of the list, as aliases are.
      if (remarked) this.rebuildInventory();
    });
    return result.ok ? { ok: true, value: this.settings } : result;
  }

  dismissNotice(id: string): Promise<CommandResult> {
    return this.command(async () => {
      this.notices.dismiss(id);
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
      if (isLanyardError(error)) {
        const hint = error.hint ? { hint: redact(error.hint) } : {};
        return { ok: false, error: { code: error.code, message: redact(error.message), ...hint } };
      }
      this.services.logger.error('command failed', { reason: error instanceof Error ? error.message : String(error) });
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
    const session = this.services.sessions.list.find((candidate) => candidate.name === name);
    if (!session)
      throw new LanyardError('UNKNOWN_SESSION', `There is no SSO session named "${String(name).slice(0, 80)}".`);
    return session;
  }

  private role(key: string): { role: RoleView; session: SsoSessionConfig } {
    const role = this.catalogue.role(key);
    if (!role)
      throw new LanyardError('NOT_FOUND', 'That account and role are not in your list.', 'Refresh the account list.');
    return { role, session: this.session(role.sessionName) };
  }

  private remember(key: string): void {
    this.savePreferences({ ...this.preferences, recents: withRecent(this.preferences.recents, key) });
  }

  private savePreferences(next: StoredPreferences): void {
    this.preferences = next;
    this.options.preferences.write(next);
    this.emitState();
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

  private defaultProfileView(): { defaultProfile?: LanyardState['defaultProfile'] } {
    const roleKey = this.preferences.defaultProfile;
    if (!roleKey) return {};
    const role = this.catalogue.role(roleKey);
    const label = role ? (role.profileName ?? `${role.alias ?? role.accountName} / ${role.roleName}`) : roleKey;
    return { defaultProfile: { roleKey, label } };
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.kind) {
      case 'sessions':
        this.rebuildInventory();
        break;
      case 'session':
        this.onSessionStatus(event.status);
        break;
      case 'synced':
      case 'sync-failed':
        this.onSyncEvent(event);
        break;
      case 'pins':
      case 'config-changed':
        break;
    }
    this.emitState();
  }

  private onSyncEvent(event: Extract<ConfigSyncEvent, { kind: 'synced' | 'sync-failed' }>): void {
    if (event.kind === 'synced') {
      const { result } = event;
      this.profileNames = result.profiles;
      this.syncView = {
        lastSyncAt: this.clock.now(),
        added: result.added.length,
        updated: result.updated.length,
        removed: result.removed.length,
        skipped: [
          ...result.skipped.map((item) => `${item.profile}: ${item.reason}`),
          ...result.notPruned.map((item) => `${item.sessionName}: ${item.reason}`),
        ],
      };
      this.rebuildInventory();
    } else {
      this.syncView = { ...(this.syncView ?? { added: 0, updated: 0, removed: 0, skipped: [] }), error: event.message };
      this.addNotice({
        kind: 'error',
        title: `Could not update ${path.basename(this.paths.awsConfigFile)}`,
        body: event.message,
      });
    }
  }

  private onSessionStatus(status: SessionStatus): void {
    const previous = this.sessionViews.get(status.name);
    const view = this.sessionView(status);
    for (const notification of sessionNotifications(previous, view, this.settings, this.clock.now())) {
      this.notices.notify(notification);
    }
    if (view.health === 'sign-in-needed' && previous?.health !== 'sign-in-needed') {
      this.addNotice({
        kind: 'sign-in-needed',
        title: `Sign in to ${status.name} again`,
        body: status.message ?? 'The SSO session has ended.',
        sessionName: status.name,
      });
    }
    this.sessionViews.set(status.name, view);
  }

  private onAssignmentsChanged(diff: InventoryDiff): void {
    if (diff.basisListedAt === undefined) return; // the first listing is no change
    const notice = assignmentNotice(diff, this.clock.now());
    if (!notice) return;
    this.addNotice(notice);
    if (this.settings.notifications.assignmentChanges) {
      this.notices.notify({ id: notice.id, title: notice.title, body: notice.body });
    }
  }

  /** A clock minutes off Identity Center's: a notice and one notification; gone once the clock agrees. */
  private onClockSkew(skewMs: number): void {
    const notice = clockSkewNotice(skewMs);
    if (!notice) {
      this.notices.dismiss(CLOCK_NOTICE_ID);
    } else {
      this.notices.add({ id: CLOCK_NOTICE_ID, ...notice });
      this.notices.notify({
        id: `${CLOCK_NOTICE_ID}:${Math.round(skewMs / 60_000)}`,
        title: notice.title,
        body: notice.body,
      });
    }
    this.emitState();
  }

  private addNotice(notice: Parameters<NoticeBoard['add']>[0]): void {
    this.notices.add(notice);
    this.emitState();
  }

  private sessionView(status: SessionStatus): SessionView {
    const skew = this.services.serviceClock.skewMs;
    return {
      ...status,
      inventory: this.services.inventory.status(status.name),
      ...(skew !== undefined ? { clockSkewMs: skew } : {}),
      ...(isClockSkewed(skew) ? { clockWarning: `${describeClockSkew(skew)}: expiry times are off.` } : {}),
    };
  }

  private rebuildInventory(): void {
    const view = this.catalogue.rebuild({
      sessions: this.services.sessions.list,
      inventory: (name) => this.services.inventory.current(name),
      aliases: this.settings.aliases,
      profileNames: this.profileNames,
      environmentOverrides: this.settings.environmentOverrides,
    });
    for (const listener of this.inventoryListeners) listener(view);
    this.emitState();
  }

  private state(): LanyardState {
    const sessions = this.services.sessions.list.map((session) => {
      const status = this.services.keepAlive.status(session.name) ?? {
        name: session.name,
        startUrl: session.startUrl,
        region: session.region,
        health: 'signed-out' as const,
        refreshable: false,
      };
      return this.sessionView(status);
    });
    return {
      sessions,
      ...(this.activeSignIn ? { signIn: this.activeSignIn.view } : {}),
      // Role credentials expire by the service's clock.
      activeCredentials: this.activeCredentials.list(this.services.serviceClock.now()),
      recents: this.preferences.recents,
      ...this.defaultProfileView(),
      notices: this.notices.list,
      ...(this.syncView ? { sync: this.syncView } : {}),
      problems: [...this.engine.configProblems],
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
