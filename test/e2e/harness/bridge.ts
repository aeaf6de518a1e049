/**
 * `window.lanyard` for a page under test, bridged to a Node-side LanyardCommands (and window
 * controls) the way the preload bridges to the main process: calls go page -> Node through a
 * Playwright binding; state snapshots and role list updates (the main process's
 * inventoryUpdate) go Node -> page as events. Arguments and results are copied across, as over IPC.
 */
import type { Page } from 'playwright';
import { inventoryUpdate } from '../../../electron/core/domain/inventory-updates.js';
import type { InventoryView } from '../../../electron/core/domain/views.js';
import type { LanyardApi, LanyardCommands } from '../../../electron/ipc/contract.js';
import { pageScript } from './page-script.js';

type Subscription = 'onState' | 'onInventory';
type WindowControl = 'showMainWindow' | 'hidePalette' | 'getDiagnostics';
/** Every request/response method of LanyardCommands. */
export type CommandMethod = Exclude<keyof LanyardCommands, Subscription>;
export type BridgedMethod = CommandMethod | WindowControl;

export const COMMAND_METHODS = [
  'getState',
  'getInventory',
  'addSession',
  'signIn',
  'cancelSignIn',
  'signOut',
  'refreshInventory',
  'syncNow',
  'openConsole',
  'copyExports',
  'copyProfileName',
  'setDefaultProfile',
  'toggleFavourite',
  'setAlias',
  'updateSettings',
  'dismissNotice',
  'search',
] as const satisfies readonly CommandMethod[];

// Fails to compile when LanyardCommands gains a method the list above lacks.
type Unlisted = Exclude<CommandMethod, (typeof COMMAND_METHODS)[number]>;
const everyCommandListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCommandListed;

const WINDOW_CONTROLS = ['showMainWindow', 'hidePalette', 'getDiagnostics'] as const satisfies readonly WindowControl[];

/** What the main process answers besides the core's commands: window controls and the diagnostics. */
export type WindowControls = Pick<LanyardApi, WindowControl>;

export interface RecordedCall {
  method: BridgedMethod;
  args: unknown[];
}

/** The page-side half: defines window.lanyard before any page script runs. Self-contained (serialised into the page). */
function pageBridge(methods: readonly string[]): void {
  type Listener = (payload: unknown) => void;
  const scope = globalThis as unknown as Record<string, unknown>;
  const channels: Record<string, Set<Listener>> = {
    state: new Set(),
    inventory: new Set(),
    paletteShown: new Set(),
    showDiagnostics: new Set(),
  };
  const subscribe = (channel: string) => (listener: Listener) => {
    channels[channel]?.add(listener);
    return () => {
      channels[channel]?.delete(listener);
    };
  };
  const api: Record<string, unknown> = {
    onState: subscribe('state'),
    onInventory: subscribe('inventory'),
    onPaletteShown: subscribe('paletteShown'),
    onShowDiagnostics: subscribe('showDiagnostics'),
  };
  for (const method of methods) {
    api[method] = (...args: unknown[]) =>
      (scope.__lanyardInvoke as (method: string, args: unknown[]) => Promise<unknown>)(method, args);
  }
  scope.lanyard = Object.freeze(api);
  scope.__lanyardEmit = (channel: string, payload: unknown) => {
    for (const listener of channels[channel] ?? []) listener(payload);
  };
}

export interface Bridge {
  /** Every call the page made, in order. */
  readonly calls: RecordedCall[];
  /** Fires the page's onPaletteShown listeners, as the main process does when the hotkey shows the palette. */
  showPalette(): Promise<void>;
  /** Fires onShowDiagnostics, as the main process does for the tray's Help → Diagnostics. */
  showDiagnostics(): Promise<void>;
  /** Stops forwarding events. */
  dispose(): void;
}

/** Installs the bridge on `page`; call before the page's first navigation. */
export async function installBridge(
  page: Page,
  commands: LanyardCommands,
  windowControls: WindowControls,
): Promise<Bridge> {
  const calls: RecordedCall[] = [];
  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const method of COMMAND_METHODS)
    handlers.set(method, (commands[method] as (...args: unknown[]) => Promise<unknown>).bind(commands));
  for (const method of WINDOW_CONTROLS) handlers.set(method, windowControls[method].bind(windowControls));

  await page.exposeBinding('__lanyardInvoke', async (_source, method: string, args: unknown[]) => {
    const handler = handlers.get(method);
    if (!handler) throw new Error(`window.lanyard has no method ${method}`);
    calls.push({ method: method as BridgedMethod, args });
    return handler(...args);
  });
  await page.addInitScript(pageScript(pageBridge, [...COMMAND_METHODS, ...WINDOW_CONTROLS]));

  const emit = (channel: string, payload?: unknown): Promise<void> =>
    page
      .evaluate(
        ([name, data]) =>
          (globalThis as unknown as { __lanyardEmit?: (channel: string, payload: unknown) => void }).__lanyardEmit?.(
            name as string,
            data,
          ),
        [channel, payload] as const,
      )
      .catch((error: unknown) => {
        // The page may be navigating or closed; a snapshot it misses is superseded by the next.
        if (!page.isClosed() && !/context was destroyed|Target closed|has been closed/i.test(String(error)))
          throw error;
      });
  let sent: InventoryView | undefined;
  const unsubscribe = [
    commands.onState((state) => void emit('state', state)),
    // As the main process sends it (forwardEvents): updates against the view sent before.
    commands.onInventory((inventory) => {
      const update = inventoryUpdate(sent, inventory);
      sent = inventory;
      void emit('inventory', update);
    }),
  ];

  return {
    calls,
    showPalette: () => emit('paletteShown'),
    showDiagnostics: () => emit('showDiagnostics'),
    dispose: () => unsubscribe.forEach((stop) => stop()),
  };
}
