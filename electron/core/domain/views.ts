/**
 * The shapes the core publishes to the desktop app: immutable snapshots with no secrets in
 * them. Pure types (importing only other pure modules), so the renderer can use them
 * without any Node types.
 */
import type { Environment, EnvironmentColour } from './environment.js';
import type { Settings } from './settings.js';

export type SessionHealth =
  | 'signed-out' // no token in the cache
  | 'active' // token valid, kept alive
  | 'refreshing'
  | 'retrying' // the last refresh failed for a passing reason; retrying with backoff
  | 'sign-in-needed' // the SSO session is over
  | 'corrupt'; // the cache file is damaged

export interface SessionStatus {
  name: string;
  startUrl: string;
  region: string;
  health: SessionHealth;
  /** The access token's expiry (epoch ms). */
  expiresAt?: number;
  refreshable: boolean;
  nextRefreshAt?: number;
  lastRefreshAt?: number;
  /** When the SSO session itself ends, once known (Identity Center shortens the last tokens). */
  sessionEndsAt?: number;
  /** Human-readable reason for a non-active state; never contains secrets. */
  message?: string;
  hint?: string;
}

export interface InventoryStatus {
  state: 'idle' | 'listing' | 'failed';
  /** Accounts whose roles are listed, of all accounts found so far. */
  done: number;
  total: number;
  /** Whether the last finished listing was complete. */
  complete: boolean;
  /** Epoch ms of the last complete listing. */
  updatedAt?: number;
  accounts: number;
  roles: number;
  error?: string;
}

export interface SessionView extends SessionStatus {
  inventory: InventoryStatus;
  /**
   * How far IAM Identity Center's clock is ahead of this computer's (ms, negative: behind),
   * once an answer showed it. Beyond a few minutes the card warns; role credentials' expiry
   * times are the service's, so a countdown to one subtracts (Date.now() + clockSkewMs).
   */
  clockSkewMs?: number;
  /** Set when the skew is large enough to warn about: the card shows it, in words. */
  clockWarning?: string;
}

/** A role as the UI lists it. `key` is model.roleKey(). */
export interface RoleView {
  key: string;
  sessionName: string;
  accountId: string;
  accountName: string;
  /** The user's own name for the account, if any. */
  alias?: string;
  emailAddress?: string;
  roleName: string;
  /** The ~/.aws/config profile Lanyard keeps for this role, if synced. */
  profileName?: string;
  /** What the account is (its name's words, or the user's override), and the colour that marks it everywhere. */
  environment?: Environment;
  environmentColour?: EnvironmentColour;
}

export interface InventoryView {
  /** Increments whenever the list changes. */
  version: number;
  roles: RoleView[];
}

export type SignInPromptView =
  | { kind: 'browser' } // the browser is open at the sign-in page
  | { kind: 'device'; userCode: string; verificationUri: string; expiresAt: number };

export interface SignInView {
  sessionName: string;
  flow: 'auth-code' | 'device-code';
  prompt?: SignInPromptView;
  startedAt: number;
}

export interface Notice {
  id: string;
  at: number;
  kind: 'assignments-changed' | 'sign-in-needed' | 'session-ending' | 'sync' | 'error';
  title: string;
  body: string;
  sessionName?: string;
}

export interface ActiveCredentialsView {
  /** Role key. */
  key: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface SyncView {
  lastSyncAt?: number;
  added: number;
  updated: number;
  removed: number;
  /** Profile names left alone because the user owns them, with why. */
  skipped: string[];
  error?: string;
}

/** Everything small the UI shows; the big role list travels separately as InventoryView. */
export interface LanyardState {
  sessions: SessionView[];
  signIn?: SignInView;
  activeCredentials: ActiveCredentialsView[];
  /** Role keys opened or copied lately, newest first. */
  recents: string[];
  /** Favourites and aliases live in the settings. */
  settings: Settings;
  /** The role `[default]` uses, if the user chose one: its key and how to show it (its profile name, or account / role). */
  defaultProfile?: { roleKey: string; label: string };
  notices: Notice[];
  sync?: SyncView;
  /** Config problems to fix (a malformed sso-session section, an unreadable file). */
  problems: string[];
}

/** Errors cross process boundaries as data (Electron drops custom fields of thrown errors). */
export interface CommandError {
  code: string;
  message: string;
  hint?: string;
}
export type CommandResult<T = undefined> = { ok: true; value: T } | { ok: false; error: CommandError };

export interface NewSession {
  name: string;
  startUrl: string;
  region: string;
}

export interface OpenConsoleOptions {
  /** Override the settings' isolation method for this one open. */
  isolation?: Settings['isolation'];
  /** A console URL to land on instead of the console home. */
  destination?: string;
  region?: string;
}

export type SearchField = 'accountName' | 'alias' | 'accountId' | 'roleName';

export interface SearchHit {
  /** Role key (see RoleView.key). */
  key: string;
  score: number;
  /** Character positions that matched, per field, for highlighting. */
  matches: Partial<Record<SearchField, number[]>>;
}

/**
 * The commands the core offers the desktop app. Results never carry secrets: copying
 * credentials happens in the main process, straight to the clipboard.
 */
export interface LanyardCommands {
  getState(): Promise<LanyardState>;
  getInventory(): Promise<InventoryView>;
  addSession(session: NewSession): Promise<CommandResult>;
  signIn(sessionName: string, flow?: 'auth-code' | 'device-code'): Promise<CommandResult>;
  cancelSignIn(): Promise<CommandResult>;
  signOut(sessionName: string): Promise<CommandResult>;
  refreshInventory(sessionName?: string): Promise<CommandResult>;
  syncNow(): Promise<CommandResult>;
  openConsole(roleKey: string, options?: OpenConsoleOptions): Promise<CommandResult>;
  /** Puts lines that export the role's credentials (quoted for the shell chosen in settings) on the clipboard. */
  copyExports(roleKey: string): Promise<CommandResult>;
  copyProfileName(roleKey: string): Promise<CommandResult>;
  setDefaultProfile(roleKey: string): Promise<CommandResult>;
  toggleFavourite(roleKey: string): Promise<CommandResult>;
  setAlias(accountKey: string, alias: string): Promise<CommandResult>;
  updateSettings(patch: Partial<Settings>): Promise<CommandResult<Settings>>;
  dismissNotice(id: string): Promise<CommandResult>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  onState(listener: (state: LanyardState) => void): () => void;
  onInventory(listener: (inventory: InventoryView) => void): () => void;
}
