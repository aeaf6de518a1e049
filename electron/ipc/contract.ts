/**
 * The one list of IPC channels and payloads shared by the main process, the preload and the
 * renderer. The renderer reaches the core only through `window.lanyard` (LanyardApi); no
 * token, secret key or sign-in URL ever crosses this boundary.
 */
import type { LanyardCommands } from '../core/domain/views.js';

export type {
  CommandError,
  CommandResult,
  InventoryView,
  LanyardCommands,
  LanyardState,
  NewSession,
  Notice,
  OpenConsoleOptions,
  RoleView,
  SearchField,
  SearchHit,
  SessionView,
  SignInView,
} from '../core/domain/views.js';
export type { IsolationMethod, ProfileStyle, Settings } from '../core/domain/settings.js';

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

/** What `window.lanyard` offers the renderer: the core's commands plus window controls. */
export interface LanyardApi extends LanyardCommands {
  showMainWindow(): Promise<void>;
  hidePalette(): Promise<void>;
  onPaletteShown(listener: () => void): () => void;
}

declare global {
  interface Window {
    lanyard: LanyardApi;
  }
}
