/**
 * A stand-in for the core's Lanyard facade, in memory, for driving the renderer in browser
 * tests: sessions that sign in (browser or device code) when the test approves, a generated
 * inventory of any size, role credentials with expiries, notices, settings, search. Time is
 * whatever `now()` says, so tests can line it up with the page's fake clock. It holds fake
 * secrets (FAKE_SECRETS) the way the real core does, and never hands them to the page, so a
 * test can check that none ever shows up in the DOM.
 */
import { exportCredentials } from '../../../electron/core/credentials/credential-exports.js';
import { environmentMark } from '../../../electron/core/domain/environment.js';
import { accountKey, roleKey } from '../../../electron/core/domain/model.js';
import { RoleSearch } from '../../../electron/core/domain/search.js';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from '../../../electron/core/domain/settings.js';
import type {
  CommandError,
  CommandResult,
  InventoryView,
  LanyardCommands,
  LanyardState,
  NewSession,
  Notice,
  RoleView,
  SearchHit,
  SessionView,
} from '../../../electron/core/domain/views.js';
import { generateAccounts, type AccountSpec } from '../../fake-idc/organization.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Secret-looking values the stand-in keeps to itself; none may ever reach the page. */
export const FAKE_SECRETS = {
  accessToken: 'aoaFakeHarnessAccessTokenJ8vX2mQ4rT6yU1iO3pA5sD7fG9hK0lZ',
  refreshToken: 'aorFakeHarnessRefreshTokenQ2wE4rT6yU8iO0pA1sD3fG5hJ7kL9z',
  clientSecret: 'eyJraWQiOiJmYWtlLWhhcm5lc3MtY2xpZW50LXNlY3JldCJ9.fakeSig',
  accessKeyId: 'ASIAFAKEHARNESS7KEY0',
  secretAccessKey: 'fakeHarnessSecretKey/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEFAKEHARNESSSESSIONTOKENm9yZXhhbXBsZQ==',
} as const;

export const DEVICE_USER_CODE = 'WDJB-MJHT';

/** What the core's signIn resolves to when the user cancels it or starts another. */
const CANCELLED: CommandResult = { ok: false, error: { code: 'USAGE', message: 'Sign-in cancelled.' } };

export interface InMemorySession {
  name: string;
  startUrl?: string;
  region?: string;
  /** Accounts the user is assigned through this session (default: generated ones). */
  accounts?: AccountSpec[];
  /** Signed in and listed from the start (default true). */
  signedIn?: boolean;
  /** What the core says when this computer's clock is off from Identity Center's. */
  clockWarning?: string;
}

export interface InMemoryLanyardOptions {
  /** The current time (epoch ms). Default: Date.now. */
  now?: () => number;
  /** Sessions; default one signed-in session "acme" with `roles` generated roles. */
  sessions?: InMemorySession[];
  /** Roles to generate for sessions that do not list their accounts (default 40). */
  roles?: number;
  rolesPerAccount?: number;
  settings?: Partial<Settings>;
  /** Real-time delay before search answers, as IPC and a busy core may add. */
  searchDelayMs?: number;
  /** Real-time delay before a sign-in starts: a switch of flows then leaves a gap with no sign-in. */
  signInDelayMs?: number;
}

type Listener<T> = (value: T) => void;

function accountsFor(session: InMemorySession, roles: number, rolesPerAccount: number): AccountSpec[] {
  return session.accounts ?? generateAccounts(Math.ceil(roles / rolesPerAccount), rolesPerAccount);
}

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryLanyard implements LanyardCommands {
  readonly now: () => number;
  private readonly searchDelayMs: number;
  private readonly signInDelayMs: number;
  /** What copy commands put on the (Node-side) clipboard. */
  readonly clipboard: string[] = [];
  /** Role keys the console was opened for. */
  readonly openedConsoles: string[] = [];
  private state: LanyardState;
  private roles: RoleView[] = [];
  private version = 0;
  private searchIndex?: { version: number; index: RoleSearch };
  private readonly organisation = new Map<string, AccountSpec[]>();
  private readonly failures = new Map<string, CommandError>();
  private pendingSignIn?: (result: CommandResult) => void;
  private readonly stateListeners = new Set<Listener<LanyardState>>();
  private readonly inventoryListeners = new Set<Listener<InventoryView>>();

  constructor(options: InMemoryLanyardOptions = {}) {
    this.now = options.now ?? Date.now;
    this.searchDelayMs = options.searchDelayMs ?? 0;
    this.signInDelayMs = options.signInDelayMs ?? 0;
    const rolesPerAccount = options.rolesPerAccount ?? 2;
    const sessions = options.sessions ?? [{ name: 'acme' }];
    this.state = {
      sessions: [],
      activeCredentials: [],
      recents: [],
      settings: { ...DEFAULT_SETTINGS, ...options.settings },
      notices: [],
      problems: [],
    };
    for (const session of sessions) {
      this.organisation.set(session.name, accountsFor(session, options.roles ?? 40, rolesPerAccount));
      this.state.sessions.push(
        this.signedOutSession({
          name: session.name,
          startUrl: session.startUrl ?? 'https://acme.awsapps.com/start',
          region: session.region ?? 'eu-west-1',
        }),
      );
      if (session.signedIn !== false) this.activate(session.name);
      const view = this.state.sessions.at(-1);
      if (view && session.clockWarning) view.clockWarning = session.clockWarning;
    }
    this.rebuildInventory();
  }

  // ---- LanyardCommands -------------------------------------------------------------------

  async getState(): Promise<LanyardState> {
    return copy(this.state);
  }

  async getInventory(): Promise<InventoryView> {
    return copy(this.inventoryView());
  }

  async addSession(session: NewSession): Promise<CommandResult> {
    return this.command('addSession', () => {
      if (this.session(session.name))
        return this.fail('CONFIG', `There is already an sso-session named ${session.name}.`, 'Choose another name.');
      this.organisation.set(session.name, generateAccounts(3, 2));
      this.state.sessions.push(this.signedOutSession(session));
      return undefined;
    });
  }

  /** Like the core's: resolves when the sign-in ends (approved, failed, cancelled or replaced). */
  async signIn(sessionName: string, flow: 'auth-code' | 'device-code' = 'auth-code'): Promise<CommandResult> {
    const failure = this.takeFailure('signIn');
    if (failure) return failure;
    if (!this.session(sessionName)) return this.fail('UNKNOWN_SESSION', `No sso-session named ${sessionName}.`);
    if (this.signInDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.signInDelayMs));
    this.endSignIn(CANCELLED);
    const startedAt = this.now();
    this.state.signIn = {
      sessionName,
      flow,
      startedAt,
      prompt:
        flow === 'device-code'
          ? {
              kind: 'device',
              userCode: DEVICE_USER_CODE,
              verificationUri: 'https://device.sso.eu-west-1.amazonaws.com/',
              expiresAt: startedAt + 10 * MINUTE,
            }
          : { kind: 'browser' },
    };
    this.emitState();
    return new Promise((resolve) => {
      this.pendingSignIn = resolve;
    });
  }

  async cancelSignIn(): Promise<CommandResult> {
    return this.command('cancelSignIn', () => {
      this.endSignIn(CANCELLED);
      return undefined;
    });
  }

  async signOut(sessionName: string): Promise<CommandResult> {
    return this.command('signOut', () => {
      const session = this.session(sessionName);
      if (!session) return this.fail('UNKNOWN_SESSION', `No sso-session named ${sessionName}.`);
      this.replaceSession(this.signedOutSession(session));
      this.state.activeCredentials = this.state.activeCredentials.filter(
        (entry) => !entry.key.startsWith(`${sessionName}/`),
      );
      this.rebuildInventory();
      return undefined;
    });
  }

  async refreshInventory(sessionName?: string): Promise<CommandResult> {
    return this.command('refreshInventory', () => {
      for (const session of this.state.sessions) {
        if ((sessionName === undefined || session.name === sessionName) && session.health === 'active')
          this.activate(session.name);
      }
      this.rebuildInventory();
      return undefined;
    });
  }

  async syncNow(): Promise<CommandResult> {
    return this.command('syncNow', () => {
      this.state.sync = { lastSyncAt: this.now(), added: this.roles.length, updated: 0, removed: 0, skipped: [] };
      return undefined;
    });
  }

  async openConsole(key: string): Promise<CommandResult> {
    return this.command('openConsole', () => {
      if (!this.role(key))
        return this.fail('NOT_FOUND', 'That role is no longer assigned to you.', 'Refresh the account list.');
      this.openedConsoles.push(key);
      this.useRole(key);
      return undefined;
    });
  }

  async copyExports(key: string): Promise<CommandResult> {
    return this.command('copyExports', () => {
      if (!this.role(key))
        return this.fail('NOT_FOUND', 'That role is no longer assigned to you.', 'Refresh the account list.');
      this.clipboard.push(
        exportCredentials(
          { ...FAKE_SECRETS, expiration: this.now() + HOUR },
          { format: this.state.settings.exportFormat || 'sh' },
        ),
      );
      this.useRole(key);
      return undefined;
    });
  }

  async copyProfileName(key: string): Promise<CommandResult> {
    return this.command('copyProfileName', () => {
      const role = this.role(key);
      if (!role?.profileName)
        return this.fail('NOT_FOUND', 'That role has no profile yet.', 'Sync the AWS config first.');
      this.clipboard.push(role.profileName);
      this.useRole(key, false);
      return undefined;
    });
  }

  async setDefaultProfile(key: string): Promise<CommandResult> {
    return this.command('setDefaultProfile', () => {
      const role = this.role(key);
      if (!role)
        return this.fail('NOT_FOUND', 'That account and role are not in your list.', 'Refresh the account list.');
      this.state.defaultProfile = {
        roleKey: role.key,
        label: role.profileName ?? `${role.accountName} / ${role.roleName}`,
      };
      this.useRole(key, false);
      return undefined;
    });
  }

  async toggleFavourite(key: string): Promise<CommandResult> {
    return this.command('toggleFavourite', () => {
      const favourites = this.state.settings.favourites;
      this.state.settings = {
        ...this.state.settings,
        favourites: favourites.includes(key) ? favourites.filter((entry) => entry !== key) : [...favourites, key],
      };
      return undefined;
    });
  }

  async setAlias(account: string, alias: string): Promise<CommandResult> {
    return this.command('setAlias', () => {
      const aliases = { ...this.state.settings.aliases };
      if (alias.trim()) aliases[account] = alias.trim();
      else delete aliases[account];
      this.state.settings = { ...this.state.settings, aliases };
      this.rebuildInventory();
      return undefined;
    });
  }

  async updateSettings(patch: Partial<Settings>): Promise<CommandResult<Settings>> {
    const failure = this.takeFailure('updateSettings');
    if (failure) return failure;
    this.state.settings = applySettingsPatch(this.state.settings, patch);
    this.rebuildInventory();
    this.emitState();
    return { ok: true, value: copy(this.state.settings) };
  }

  async dismissNotice(id: string): Promise<CommandResult> {
    return this.command('dismissNotice', () => {
      this.state.notices = this.state.notices.filter((notice) => notice.id !== id);
      return undefined;
    });
  }

  /** The core's own search over the current roles. */
  async search(query: string, limit = 50): Promise<SearchHit[]> {
    if (this.searchDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.searchDelayMs));
    if (this.searchIndex?.version !== this.version)
      this.searchIndex = { version: this.version, index: new RoleSearch(this.roles) };
    return this.searchIndex.index.search(query, limit);
  }

  onState(listener: Listener<LanyardState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onInventory(listener: Listener<InventoryView>): () => void {
    this.inventoryListeners.add(listener);
    return () => this.inventoryListeners.delete(listener);
  }

  // ---- Test controls ----------------------------------------------------------------------

  /** All roles, as the page sees them (sorted as generated). */
  listRoles(): RoleView[] {
    return copy(this.roles);
  }

  /** The next call to `method` fails with `error`. */
  failNext(method: keyof LanyardCommands, error: CommandError): void {
    this.failures.set(method, error);
  }

  /** The user approves the sign-in under way (in the browser or by entering the device code). */
  approveSignIn(): void {
    const signIn = this.state.signIn;
    if (!signIn) throw new Error('No sign-in is under way');
    this.activate(signIn.sessionName);
    this.rebuildInventory();
    this.endSignIn({ ok: true, value: undefined });
    this.emitState();
  }

  /** The sign-in under way fails (declined, timed out, ...). */
  failSignIn(error: CommandError): void {
    if (!this.state.signIn) throw new Error('No sign-in is under way');
    this.endSignIn({ ok: false, error });
    this.emitState();
  }

  /** Role credentials for `key`, valid for `ms`. */
  activateCredentials(key: string, ms: number): void {
    this.state.activeCredentials = [
      ...this.state.activeCredentials.filter((entry) => entry.key !== key),
      { key, expiresAt: this.now() + ms },
    ];
    this.emitState();
  }

  /** Changes a session's state (e.g. health 'sign-in-needed', a new expiresAt, listing progress). */
  updateSession(name: string, patch: Partial<SessionView>): void {
    const session = this.session(name);
    if (!session) throw new Error(`No session ${name}`);
    this.replaceSession({ ...session, ...patch });
    this.emitState();
  }

  addNotice(notice: Omit<Notice, 'at'> & { at?: number }): void {
    this.state.notices = [...this.state.notices, { at: this.now(), ...notice }];
    this.emitState();
  }

  setState(patch: Partial<LanyardState>): void {
    this.state = { ...this.state, ...patch };
    this.emitState();
  }

  // ---- Internals --------------------------------------------------------------------------

  private endSignIn(result: CommandResult): void {
    delete this.state.signIn;
    const resolve = this.pendingSignIn;
    this.pendingSignIn = undefined;
    resolve?.(result);
  }

  private async command(method: string, run: () => CommandResult | undefined): Promise<CommandResult> {
    const failure = this.takeFailure(method);
    if (failure) return failure;
    const failed = run();
    if (failed) return failed;
    this.emitState();
    return { ok: true, value: undefined };
  }

  private takeFailure(method: string): { ok: false; error: CommandError } | undefined {
    const error = this.failures.get(method);
    if (!error) return undefined;
    this.failures.delete(method);
    return { ok: false, error };
  }

  private fail(code: string, message: string, hint?: string): CommandResult {
    return { ok: false, error: { code, message, ...(hint ? { hint } : {}) } };
  }

  private session(name: string): SessionView | undefined {
    return this.state.sessions.find((session) => session.name === name);
  }

  private role(key: string): RoleView | undefined {
    return this.roles.find((role) => role.key === key);
  }

  private replaceSession(next: SessionView): void {
    this.state.sessions = this.state.sessions.map((session) => (session.name === next.name ? next : session));
  }

  private signedOutSession(session: NewSession): SessionView {
    return {
      name: session.name,
      startUrl: session.startUrl,
      region: session.region,
      health: 'signed-out',
      refreshable: false,
      message: 'Not signed in.',
      inventory: { state: 'idle', done: 0, total: 0, complete: false, accounts: 0, roles: 0 },
    };
  }

  private activate(name: string): void {
    const session = this.session(name);
    const accounts = this.organisation.get(name) ?? [];
    if (!session) return;
    const now = this.now();
    const roles = accounts.reduce((sum, account) => sum + (account.roles?.length ?? 0), 0);
    this.replaceSession({
      name: session.name,
      startUrl: session.startUrl,
      region: session.region,
      health: 'active',
      refreshable: true,
      expiresAt: now + HOUR,
      sessionEndsAt: now + 8 * HOUR,
      lastRefreshAt: now,
      nextRefreshAt: now + 50 * MINUTE,
      inventory: {
        state: 'idle',
        done: accounts.length,
        total: accounts.length,
        complete: true,
        updatedAt: now,
        accounts: accounts.length,
        roles,
      },
    });
  }

  private rebuildInventory(): void {
    const aliases = this.state.settings.aliases;
    const template = this.state.settings.profileNameTemplate;
    this.roles = this.state.sessions
      .filter((session) => session.health === 'active')
      .flatMap((session) =>
        (this.organisation.get(session.name) ?? []).flatMap((account) =>
          (account.roles ?? []).map((roleName): RoleView => {
            const accountId = account.accountId ?? '000000000000';
            const alias = aliases[accountKey(session.name, accountId)];
            const mark = environmentMark(
              { accountId, accountName: account.accountName, ...(alias ? { alias } : {}) },
              this.state.settings.environmentOverrides,
            );
            return {
              key: roleKey({ sessionName: session.name, accountId, roleName }),
              sessionName: session.name,
              accountId,
              accountName: account.accountName,
              ...(alias ? { alias } : {}),
              roleName,
              profileName: template
                .replace('{account_name}', account.accountName)
                .replace('{account_id}', accountId)
                .replace('{role_name}', roleName)
                .replace('{session}', session.name),
              ...(mark ? { environment: mark.environment, environmentColour: mark.colour } : {}),
            };
          }),
        ),
      );
    this.version += 1;
    const inventory = this.inventoryView();
    for (const listener of this.inventoryListeners) listener(copy(inventory));
  }

  private inventoryView(): InventoryView {
    return { version: this.version, roles: this.roles };
  }

  private useRole(key: string, withCredentials = true): void {
    this.state.recents = [key, ...this.state.recents.filter((entry) => entry !== key)].slice(0, 20);
    if (withCredentials) {
      this.state.activeCredentials = [
        ...this.state.activeCredentials.filter((entry) => entry.key !== key),
        { key, expiresAt: this.now() + HOUR },
      ];
    }
  }

  private emitState(): void {
    for (const listener of this.stateListeners) listener(copy(this.state));
  }
}
