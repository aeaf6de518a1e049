/**
 * The one list of IPC channels and payloads shared by the main process, the preload and the
 * renderer, keyed by the API's method names: `INVOKE_CHANNELS.signOut` is the channel that
 * `window.lanyard.signOut` travels on, and `EVENT_CHANNELS.onState` the one `onState` listens
 * to. The preload and the main process build their halves from these maps, so a method is
 * paired with its channel here and nowhere else. The renderer reaches the core only through
 * `window.lanyard` (LanyardApi); no token, secret key or sign-in URL ever crosses this boundary.
 *
 * The preload bundles this file into a sandboxed script: it imports only types.
 */
import type { InventoryUpdate } from '../core/domain/inventory-updates.js';
import type { LanyardCommands } from '../core/domain/views.js';

export type { LanyardCommands } from '../core/domain/views.js';
export type { InventoryUpdate } from '../core/domain/inventory-updates.js';

/** One check of the diagnostics (`lanyard doctor`'s report): plain data, never a secret. */
export interface DiagnosticsCheck {
  /** Stable and machine-readable, e.g. `config` or `token:work`. */
  id: string;
  status: 'ok' | 'warn' | 'fail';
  message: string;
  /** What to do about it; empty when there is nothing to do. */
  fix: string;
}

export interface DiagnosticsReport {
  checks: DiagnosticsCheck[];
}

/**
 * What `window.lanyard` offers the renderer: the core's commands plus window controls. The
 * role list arrives as updates (inventory-updates.ts): the first carries the whole list, the
 * rest only what changed since the one before; `getInventory` answers the whole list.
 */
export interface LanyardApi extends Omit<LanyardCommands, 'onInventory'> {
  /** Each change of the role list; apply with applyInventoryUpdate, and fetch `getInventory` when it does not fit. */
  onInventory(listener: (update: InventoryUpdate) => void): () => void;
  showMainWindow(): Promise<void>;
  hidePalette(): Promise<void>;
  onPaletteShown(listener: () => void): () => void;
  /** Runs the checks of `lanyard doctor` (Help → Diagnostics). */
  getDiagnostics(): Promise<DiagnosticsReport>;
  /** The tray's Help → Diagnostics was chosen: the main window shows the diagnostics. */
  onShowDiagnostics(listener: () => void): () => void;
}

/** The request/response methods of LanyardApi: those that return a Promise. */
export type InvokeMethod = {
  [M in keyof LanyardApi]: LanyardApi[M] extends (...args: never[]) => Promise<unknown> ? M : never;
}[keyof LanyardApi];

/** The subscriptions of LanyardApi (`onState`, ...): those that take a listener and return its unsubscribe. */
export type SubscriptionMethod = {
  [M in keyof LanyardApi]: LanyardApi[M] extends (listener: never) => () => void ? M : never;
}[keyof LanyardApi];

/** What a page passes to, and gets back from, request `M`. */
export type InvokeArgs<M extends InvokeMethod> = Parameters<LanyardApi[M]>;
export type InvokeResult<M extends InvokeMethod> = ReturnType<LanyardApi[M]>;

/** The listener a page hands to subscription `M`. */
export type SubscriptionListener<M extends SubscriptionMethod> = Parameters<LanyardApi[M]>[0];

/** renderer -> main requests (ipcRenderer.invoke / ipcMain.handle), by the method that sends them. */
export const INVOKE_CHANNELS = {
  getState: 'lanyard:get-state',
  getInventory: 'lanyard:get-inventory',
  addSession: 'lanyard:add-session',
  signIn: 'lanyard:sign-in',
  cancelSignIn: 'lanyard:cancel-sign-in',
  signOut: 'lanyard:sign-out',
  refreshInventory: 'lanyard:refresh-inventory',
  syncNow: 'lanyard:sync-now',
  openConsole: 'lanyard:open-console',
  copyExports: 'lanyard:copy-exports',
  copyProfileName: 'lanyard:copy-profile-name',
  setDefaultProfile: 'lanyard:set-default-profile',
  toggleFavourite: 'lanyard:toggle-favourite',
  setAlias: 'lanyard:set-alias',
  updateSettings: 'lanyard:update-settings',
  dismissNotice: 'lanyard:dismiss-notice',
  search: 'lanyard:search',
  showMainWindow: 'lanyard:show-main-window',
  hidePalette: 'lanyard:hide-palette',
  getDiagnostics: 'lanyard:get-diagnostics',
} as const satisfies Record<InvokeMethod, `lanyard:${string}`>;

/** main -> renderer events (webContents.send / ipcRenderer.on), by the subscription that receives them. */
export const EVENT_CHANNELS = {
  onState: 'lanyard:state-changed',
  onInventory: 'lanyard:inventory-changed',
  onPaletteShown: 'lanyard:palette-shown',
  onShowDiagnostics: 'lanyard:show-diagnostics',
} as const satisfies Record<SubscriptionMethod, `lanyard:${string}`>;

export type EventChannel = (typeof EVENT_CHANNELS)[SubscriptionMethod];

/** Every request method, in the contract's order. */
export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as readonly InvokeMethod[];
/** Every subscription method, in the contract's order. */
export const SUBSCRIPTION_METHODS = Object.keys(EVENT_CHANNELS) as readonly SubscriptionMethod[];

declare global {
  interface Window {
    lanyard: LanyardApi;
  }
}
