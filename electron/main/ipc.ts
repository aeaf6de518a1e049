/**
 * The IPC surface: one handler per request method of the contract, registered on that method's
 * channel (INVOKE_CHANNELS), each reached only from one of our pages
 * in one of our windows, each checking its (untrusted) arguments before the core sees them.
 * State snapshots and role list updates are pushed to every app page.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { parseAccountKey, parseRoleKey } from '../core/domain/model.js';
import { redact } from '../core/support/redact.js';
import { DEFAULT_SETTINGS, normalizeSettings, settingsForDisplay, unmaskProxyUrl } from '../core/domain/settings.js';
import type { Logger } from '../core/support/log.js';
import { inventoryUpdate } from '../core/domain/inventory-updates.js';
import type {
  InventoryView,
  LanyardCommands,
  LanyardState,
  NewSession,
  OpenConsoleOptions,
} from '../core/domain/views.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  type InvokeMethod,
  type DiagnosticsReport,
  type InvokeResult,
} from '../ipc/contract.js';
import { isAppPageUrl } from './web-security.js';

/** Thrown for arguments no page of ours would send. */
class InvalidArgument extends Error {
  override name = 'InvalidArgument';
}

export interface WindowControls {
  showMain(): void;
  hidePalette(): void;
}

/** What the app answers besides the core's commands. */
export interface AppQueries {
  /** Help → Diagnostics (diagnostics.ts). */
  diagnostics(): Promise<DiagnosticsReport>;
}

/** Request `M`, given its raw (untrusted) arguments; it answers what `window.lanyard[M]` promises. */
type Handler<M extends InvokeMethod = InvokeMethod> = (args: readonly unknown[]) => InvokeResult<M>;

/** One handler per request method, by the method's name. */
export type IpcHandlers = { [M in InvokeMethod]: Handler<M> };

// ---- argument checks ----------------------------------------------------------------------

const LIMITS = {
  name: 128,
  key: 512,
  url: 4096,
  region: 32,
  alias: 100,
  query: 256,
  id: 256,
  settingsBytes: 1 << 20,
  searchResults: 1000,
} as const;

function arity(args: readonly unknown[], max: number): void {
  if (args.length > max) throw new InvalidArgument(`expected at most ${max} argument(s), got ${args.length}`);
}

function text(value: unknown, what: string, max: number, min = 1): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new InvalidArgument(`${what} must be a string of ${min} to ${max} characters`);
  }
  return value;
}

function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

function record(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    throw new InvalidArgument(`${what} must be a plain object`);
  }
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length > 0)
    throw new InvalidArgument(`${what} has unknown field(s): ${unknown.join(', ').slice(0, 200)}`);
  return value as Record<string, unknown>;
}

const sessionName = (value: unknown): string => text(value, 'session name', LIMITS.name);

function roleKeyArg(value: unknown): string {
  const key = text(value, 'role key', LIMITS.key);
  if (!parseRoleKey(key)) throw new InvalidArgument('role key must be session/account-id/role');
  return key;
}

function accountKeyArg(value: unknown): string {
  const key = text(value, 'account key', LIMITS.key);
  if (!parseAccountKey(key)) throw new InvalidArgument('account key must be session/account-id');
  return key;
}

function flowArg(value: unknown): 'auth-code' | 'device-code' {
  if (value !== 'auth-code' && value !== 'device-code')
    throw new InvalidArgument('flow must be auth-code or device-code');
  return value;
}

function newSession(value: unknown): NewSession {
  const fields = record(value, 'session', ['name', 'startUrl', 'region']);
  return {
    name: sessionName(fields.name),
    startUrl: text(fields.startUrl, 'start URL', LIMITS.url),
    region: text(fields.region, 'region', LIMITS.region),
  };
}

function consoleOptions(value: unknown): OpenConsoleOptions {
  const fields = record(value, 'console options', ['isolation', 'destination', 'region']);
  const isolation = optional(fields.isolation, (candidate) => {
    // The settings' own check decides which isolation methods exist.
    if (normalizeSettings({ isolation: candidate }).isolation !== candidate)
      throw new InvalidArgument('unknown isolation method');
    return candidate as OpenConsoleOptions['isolation'];
  });
  const destination = optional(fields.destination, (candidate) => text(candidate, 'destination', LIMITS.url));
  const region = optional(fields.region, (candidate) => text(candidate, 'region', LIMITS.region));
  return { ...(isolation && { isolation }), ...(destination && { destination }), ...(region && { region }) };
}

/** A settings patch: known top-level fields only and a sane size; the core validates the values. */
function settingsPatch(value: unknown): Record<string, unknown> {
  const fields = record(value, 'settings', Object.keys(DEFAULT_SETTINGS));
  if (JSON.stringify(fields).length > LIMITS.settingsBytes) throw new InvalidArgument('settings are too large');
  return fields;
}

function searchLimit(value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > LIMITS.searchResults) {
    throw new InvalidArgument(`limit must be a whole number from 1 to ${LIMITS.searchResults}`);
  }
  return value as number;
}

// ---- handlers -----------------------------------------------------------------------------

/** What each request method does, given its raw arguments. */
export function ipcHandlers(core: LanyardCommands, windows: WindowControls, app: AppQueries): IpcHandlers {
  const none =
    <R>(run: () => R) =>
    (args: readonly unknown[]): R => {
      arity(args, 0);
      return run();
    };
  const withRoleKey =
    <R>(run: (key: string) => R) =>
    (args: readonly unknown[]): R => {
      arity(args, 1);
      return run(roleKeyArg(args[0]));
    };
  return {
    getState: none(async () => stateForRenderer(await core.getState())),
    getInventory: none(() => core.getInventory()),
    addSession: (args) => {
      arity(args, 1);
      return core.addSession(newSession(args[0]));
    },
    signIn: (args) => {
      arity(args, 2);
      const name = sessionName(args[0]);
      const flow = optional(args[1], flowArg);
      return flow ? core.signIn(name, flow) : core.signIn(name);
    },
    cancelSignIn: none(() => core.cancelSignIn()),
    signOut: (args) => {
      arity(args, 1);
      return core.signOut(sessionName(args[0]));
    },
    refreshInventory: (args) => {
      arity(args, 1);
      const name = optional(args[0], sessionName);
      return name ? core.refreshInventory(name) : core.refreshInventory();
    },
    syncNow: none(() => core.syncNow()),
    openConsole: (args) => {
      arity(args, 2);
      const key = roleKeyArg(args[0]);
      const options = optional(args[1], consoleOptions);
      return options ? core.openConsole(key, options) : core.openConsole(key);
    },
    // Credentials go to the clipboard in this process; whatever the result holds, only its outcome leaves.
    copyExports: withRoleKey(async (key): InvokeResult<'copyExports'> => {
      const result = await core.copyExports(key);
      return result.ok ? { ok: true, value: undefined } : result;
    }),
    copyProfileName: withRoleKey((key) => core.copyProfileName(key)),
    setDefaultProfile: withRoleKey((key) => core.setDefaultProfile(key)),
    toggleFavourite: withRoleKey((key) => core.toggleFavourite(key)),
    setAlias: (args) => {
      arity(args, 2);
      return core.setAlias(accountKeyArg(args[0]), text(args[1], 'alias', LIMITS.alias, 0));
    },
    updateSettings: async (args) => {
      arity(args, 1);
      const patch = settingsPatch(args[0]);
      // The renderer only ever saw the proxy password as dots: they stand for the stored one.
      if (typeof patch.proxyUrl === 'string')
        patch.proxyUrl = unmaskProxyUrl(patch.proxyUrl, (await core.getState()).settings.proxyUrl);
      const result = await core.updateSettings(patch);
      return result.ok ? { ok: true, value: settingsForDisplay(result.value) } : result;
    },
    dismissNotice: (args) => {
      arity(args, 1);
      return core.dismissNotice(text(args[0], 'notice id', LIMITS.id));
    },
    search: (args) => {
      arity(args, 2);
      const query = text(args[0], 'query', LIMITS.query, 0);
      const limit = optional(args[1], searchLimit);
      return limit === undefined ? core.search(query) : core.search(query, limit);
    },
    showMainWindow: none(async () => windows.showMain()),
    hidePalette: none(async () => windows.hidePalette()),
    getDiagnostics: none(() => app.diagnostics()),
  };
}

// ---- sender check and registration -----------------------------------------------------------

export interface SenderPolicy {
  /** Whether the web contents are one of our app windows'. */
  ownsContents(id: number): boolean;
  /** The app:// URLs of our pages (app-locations.ts). */
  pageUrls: readonly string[];
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** A request counts only from the top frame of one of our pages, in a window we created. */
export function isTrustedSender(event: SenderEvent, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return policy.ownsContents(event.sender.id) && isAppPageUrl(frame.url, policy.pageUrls);
}

/** Registers each request method's handler on that method's channel; returns the unregister. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: IpcHandlers,
  policy: SenderPolicy,
  logger: Logger,
): () => void {
  const channels = INVOKE_METHODS.map((method) => {
    const channel = INVOKE_CHANNELS[method];
    const handler: Handler = handlers[method];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, policy)) {
        // The origin only: a page's full URL may carry a token in its query.
        logger.warn("Refused an IPC request from a page that is not Lanyard's", {
          channel,
          origin: URL.parse(event.senderFrame?.url ?? '')?.origin ?? 'unknown',
        });
        throw new Error('Refused: not a Lanyard page');
      }
      try {
        return await handler(args);
      } catch (error) {
        if (error instanceof InvalidArgument) {
          logger.warn('Refused an IPC request with invalid arguments', { channel, reason: error.message });
          throw new Error(`Invalid request: ${error.message}`, { cause: error });
        }
        // The core reports failures as results; anything thrown is unexpected. Its text may come
        // from a third party, so it is redacted before it crosses to the page.
        const message = redact(error instanceof Error ? error.message : String(error));
        logger.error('IPC handler failed', { channel, error: message });
        throw new Error(message, { cause: error });
      }
    });
    return channel;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** A state snapshot as app pages get it: no secret in it (the proxy password is masked). */
function stateForRenderer(state: LanyardState): LanyardState {
  return { ...state, settings: settingsForDisplay(state.settings) };
}

/**
 * Pushes the core's snapshots to every app page; returns the unsubscribe. The role list goes
 * as InventoryUpdates: the whole list first, then what changed against the view sent before
 * (a page that loads later fetches the whole list with getInventory, then follows the updates).
 */
export function forwardEvents(
  core: Pick<LanyardCommands, 'onState' | 'onInventory'>,
  send: (channel: (typeof EVENT_CHANNELS)['onState' | 'onInventory'], payload: unknown) => void,
): () => void {
  let sent: InventoryView | undefined;
  const stops = [
    core.onState((state) => send(EVENT_CHANNELS.onState, stateForRenderer(state))),
    core.onInventory((inventory) => {
      const update = inventoryUpdate(sent, inventory);
      sent = inventory;
      send(EVENT_CHANNELS.onInventory, update);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
