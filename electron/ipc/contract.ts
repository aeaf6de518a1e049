/**
 * The one list of IPC channels and payloads shared by the main process, the preload and the
 * renderer. The renderer reaches the core only through `window.lanyard` (LanyardApi); no
 * token, secret key or sign-in URL ever crosses this boundary.
 */
import type { Settings } from '../core/settings.js';
import type { InventoryView, LanyardState } from '../core/views.js';

export type { InventoryView, LanyardState, Notice, RoleView, SessionView, SignInView } from '../core/views.js';
export type { IsolationMethod, ProfileStyle, Settings } from '../core/settings.js';

/** renderer -> main requests (ipcRenderer.invoke / ipcMain.handle). */
export const Invoke = {
  GetState: 'lanyard:get-state',
  GetInventory: 'lanyard:get-inventory',
  AddSession: 'lanyard:add-session',
  SignIn: 'lanyard:sign-in',
  CancelSignIn: 'lanyard:cancel-sign-in',
  SignOut: 'lanyard:sign-out',
  RefreshInventory: 'lanyard:refresh-inventory',
  SyncNow: 'lanyard:sync-now',
  OpenConsole: 'lanyard:open-console',
  CopyExports: 'lanyard:copy-exports',
  CopyProfileName: 'lanyard:copy-profile-name',
  SetDefaultProfile: 'lanyard:set-default-profile',
  ToggleFavourite: 'lanyard:toggle-favourite',
  SetAlias: 'lanyard:set-alias',
  UpdateSettings: 'lanyard:update-settings',
  DismissNotice: 'lanyard:dismiss-notice',
  Search: 'lanyard:search',
  ShowMainWindow: 'lanyard:show-main-window',
  HidePalette: 'lanyard:hide-palette',
} as const;

/** main -> renderer events (webContents.send / ipcRenderer.on). */
export const Event = {
  StateChanged: 'lanyard:state-changed',
  InventoryChanged: 'lanyard:inventory-changed',
  PaletteShown: 'lanyard:palette-shown',
} as const;

export type InvokeChannel = (typeof Invoke)[keyof typeof Invoke];
export type EventChannel = (typeof Event)[keyof typeof Event];

/** Errors cross IPC as data: Electron drops custom fields of thrown errors. */
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

/** What `window.lanyard` offers the renderer. */
export interface LanyardApi {
  getState(): Promise<LanyardState>;
  getInventory(): Promise<InventoryView>;
  addSession(session: NewSession): Promise<CommandResult>;
  signIn(sessionName: string, flow?: 'auth-code' | 'device-code'): Promise<CommandResult>;
  cancelSignIn(): Promise<CommandResult>;
  signOut(sessionName: string): Promise<CommandResult>;
  refreshInventory(sessionName?: string): Promise<CommandResult>;
  syncNow(): Promise<CommandResult>;
  openConsole(roleKey: string, options?: OpenConsoleOptions): Promise<CommandResult>;
  /** Puts `export AWS_ACCESS_KEY_ID=...` lines on the clipboard (in the main process). */
  copyExports(roleKey: string): Promise<CommandResult>;
  copyProfileName(roleKey: string): Promise<CommandResult>;
  setDefaultProfile(roleKey: string): Promise<CommandResult>;
  toggleFavourite(roleKey: string): Promise<CommandResult>;
  setAlias(accountKey: string, alias: string): Promise<CommandResult>;
  updateSettings(patch: Partial<Settings>): Promise<CommandResult<Settings>>;
  dismissNotice(id: string): Promise<CommandResult>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  showMainWindow(): Promise<void>;
  hidePalette(): Promise<void>;
  onState(listener: (state: LanyardState) => void): () => void;
  onInventory(listener: (inventory: InventoryView) => void): () => void;
  onPaletteShown(listener: () => void): () => void;
}

declare global {
  interface Window {
    lanyard: LanyardApi;
  }
}
