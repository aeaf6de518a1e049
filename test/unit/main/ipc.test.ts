import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/support/log.js';
import { applyInventoryUpdate, type InventoryUpdate } from '../../../electron/core/domain/inventory-updates.js';
import type { InventoryView } from '../../../electron/core/domain/views.js';
import { DEFAULT_SETTINGS, MASKED_PASSWORD } from '../../../electron/core/domain/settings.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type InvokeMethod,
  type LanyardCommands,
} from '../../../electron/ipc/contract.js';
import {
  forwardEvents,
  ipcHandlers,
  isTrustedSender,
  registerIpc,
  type IpcHandlers,
} from '../../../electron/main/ipc.js';
import { fakeCore, inventory, manyRoles, state, type FakeCore } from './fixtures.js';

const MAIN_PAGE = 'app://lanyard/index.html';
const PALETTE_PAGE = 'app://lanyard/palette.html';
const OUR_CONTENTS = 7;
const policy = { ownsContents: (id: number) => id === OUR_CONTENTS, pageUrls: [MAIN_PAGE, PALETTE_PAGE] };

const ROLE = 'work/111111111111/AdministratorAccess';

interface Setup {
  core: FakeCore;
  windows: { showMain: ReturnType<typeof vi.fn>; hidePalette: ReturnType<typeof vi.fn> };
  app: { diagnostics: ReturnType<typeof vi.fn> };
  /** What registerIpc put on each channel. */
  registered: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  /** Calls what is registered on `method`'s channel, as a page's `window.lanyard[method]` would. */
  invoke(
    method: InvokeMethod,
    args: unknown[],
    sender?: { id?: number; url?: string; parent?: unknown } | null,
  ): Promise<unknown>;
}

function setup(): Setup {
  const core = fakeCore();
  const windows = { showMain: vi.fn(), hidePalette: vi.fn() };
  const app = { diagnostics: vi.fn(async () => ({ checks: [] })) };
  const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: never) => registered.set(channel, handler)),
    removeHandler: vi.fn(),
  };
  registerIpc(ipcMain, ipcHandlers(core, windows, app), policy, silentLogger);
  return {
    core,
    windows,
    app,
    invoke(method, args, sender = {}) {
      const frame = sender === null ? null : { url: sender.url ?? MAIN_PAGE, parent: sender.parent ?? null };
      const event = { sender: { id: sender?.id ?? OUR_CONTENTS }, senderFrame: frame };
      return registered.get(INVOKE_CHANNELS[method])!(event, ...args);
    },
    registered,
  };
}

/** Each request method with valid arguments, and the core call (or window control) it must make. */
const ROUTES: Array<[InvokeMethod, unknown[], (s: Setup) => unknown, unknown[]]> = [
  ['getState', [], (s) => s.core.getState, []],
  ['getInventory', [], (s) => s.core.getInventory, []],
  [
    'addSession',
    [{ name: 'work', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' }],
    (s) => s.core.addSession,
    [{ name: 'work', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' }],
  ],
  ['signIn', ['work', 'device-code'], (s) => s.core.signIn, ['work', 'device-code']],
  ['cancelSignIn', [], (s) => s.core.cancelSignIn, []],
  ['signOut', ['work'], (s) => s.core.signOut, ['work']],
  ['refreshInventory', ['work'], (s) => s.core.refreshInventory, ['work']],
  ['syncNow', [], (s) => s.core.syncNow, []],
  [
    'openConsole',
    [ROLE, { isolation: 'chrome-profile', region: 'us-east-1' }],
    (s) => s.core.openConsole,
    [ROLE, { isolation: 'chrome-profile', region: 'us-east-1' }],
  ],
  ['copyExports', [ROLE], (s) => s.core.copyExports, [ROLE]],
  ['copyProfileName', [ROLE], (s) => s.core.copyProfileName, [ROLE]],
  ['setDefaultProfile', [ROLE], (s) => s.core.setDefaultProfile, [ROLE]],
  ['toggleFavourite', [ROLE], (s) => s.core.toggleFavourite, [ROLE]],
  ['setAlias', ['work/111111111111', 'payments'], (s) => s.core.setAlias, ['work/111111111111', 'payments']],
  ['updateSettings', [{ autoSync: false }], (s) => s.core.updateSettings, [{ autoSync: false }]],
  ['dismissNotice', ['notice-1'], (s) => s.core.dismissNotice, ['notice-1']],
  ['search', ['prod adm', 50], (s) => s.core.search, ['prod adm', 50]],
  ['showMainWindow', [], (s) => s.windows.showMain, []],
  ['hidePalette', [], (s) => s.windows.hidePalette, []],
  ['getDiagnostics', [], (s) => s.app.diagnostics, []],
];

describe('IPC handlers', () => {
  it('has a handler for every request method of the contract, registered on every channel', () => {
    expect(
      Object.keys(
        ipcHandlers(fakeCore(), { showMain() {}, hidePalette() {} }, { diagnostics: async () => ({ checks: [] }) }),
      ).sort(),
    ).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    expect(ROUTES.map(([method]) => method).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    expect([...setup().registered.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('keeps the channel names on the wire', () => {
    expect(INVOKE_CHANNELS).toEqual({
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
    });
    expect(EVENT_CHANNELS).toEqual({
      onState: 'lanyard:state-changed',
      onInventory: 'lanyard:inventory-changed',
      onPaletteShown: 'lanyard:palette-shown',
      onShowDiagnostics: 'lanyard:show-diagnostics',
    });
  });

  it('types each handler by the answer its own method promises', () => {
    const core: LanyardCommands = fakeCore();
    // @ts-expect-error getState's handler must answer a LanyardState, not an inventory.
    const answersAnotherMethod: IpcHandlers['getState'] = () => core.getInventory();
    // @ts-expect-error handlers are keyed by method name, not by channel.
    const keyedByChannel: Partial<IpcHandlers> = { 'lanyard:get-state': () => core.getState() };
    expect([answersAnotherMethod, keyedByChannel]).toHaveLength(2);
  });

  it.each(ROUTES)(
    '%s reaches the right core method with the checked arguments',
    async (method, args, target, expected) => {
      const s = setup();
      await s.invoke(method, args);
      expect(target(s)).toHaveBeenCalledTimes(1);
      expect(target(s)).toHaveBeenCalledWith(...expected);
    },
  );

  it('leaves optional arguments out rather than passing undefined on', async () => {
    const s = setup();
    await s.invoke('signIn', ['work', undefined]);
    await s.invoke('refreshInventory', [undefined]);
    await s.invoke('openConsole', [ROLE, undefined]);
    await s.invoke('search', ['', undefined]);
    expect(s.core.signIn).toHaveBeenCalledWith('work');
    expect(s.core.refreshInventory).toHaveBeenCalledWith();
    expect(s.core.openConsole).toHaveBeenCalledWith(ROLE);
    expect(s.core.search).toHaveBeenCalledWith('');
  });

  it("returns the core's results, and nothing but the outcome of copying credentials", async () => {
    const s = setup();
    expect(await s.invoke('getState', [])).toEqual(state());
    s.core.copyExports.mockResolvedValueOnce({ ok: true, value: 'export AWS_SECRET_ACCESS_KEY=abc' } as never);
    expect(await s.invoke('copyExports', [ROLE])).toEqual({ ok: true, value: undefined });
    const failure = { ok: false, error: { code: 'SIGN_IN_REQUIRED', message: 'Sign in to work first.' } };
    s.core.copyExports.mockResolvedValueOnce(failure as never);
    expect(await s.invoke('copyExports', [ROLE])).toEqual(failure);
  });
});

describe('IPC sender check', () => {
  it.each([
    ['a foreign page in our window', { url: 'https://evil.example/' }],
    ['another file in our window', { url: 'file:///tmp/evil.html' }],
    ['our page as a file: URL', { url: 'file:///app/dist/renderer/index.html' }],
    ['another app:// host', { url: 'app://evil/index.html' }],
    ['another app:// file', { url: 'app://lanyard/assets/main.js' }],
    ['our page with a query', { url: `${MAIN_PAGE}?x=${PALETTE_PAGE}` }],
    ['a sub-frame of our page', { parent: {} }],
    ['our page in a window we did not create', { id: 99 }],
    ['a frame that is gone', null],
  ] as const)('refuses %s, before the core sees anything', async (_name, sender) => {
    const s = setup();
    await expect(s.invoke('signOut', ['work'], sender)).rejects.toThrow('not a Lanyard page');
    await expect(s.invoke('getState', [], sender)).rejects.toThrow('not a Lanyard page');
    expect(s.core.signOut).not.toHaveBeenCalled();
    expect(s.core.getState).not.toHaveBeenCalled();
  });

  it('logs a refused page by its origin only, since its URL may carry a token', async () => {
    const warn = vi.fn();
    const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    registerIpc(
      { handle: (channel: string, handler: never) => void registered.set(channel, handler), removeHandler: vi.fn() },
      ipcHandlers(fakeCore(), { showMain() {}, hidePalette() {} }, { diagnostics: async () => ({ checks: [] }) }),
      policy,
      { ...silentLogger, warn },
    );
    const url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=very-secret';
    await expect(
      registered.get(INVOKE_CHANNELS.getState)!({ sender: { id: OUR_CONTENTS }, senderFrame: { url, parent: null } }),
    ).rejects.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.any(String), {
      channel: INVOKE_CHANNELS.getState,
      origin: 'https://signin.aws.amazon.com',
    });
  });

  it('accepts both of our pages, with a fragment', () => {
    const event = (url: string) => ({ sender: { id: OUR_CONTENTS }, senderFrame: { url, parent: null } }) as never;
    expect(isTrustedSender(event(`${MAIN_PAGE}#roles`), policy)).toBe(true);
    expect(isTrustedSender(event(PALETTE_PAGE), policy)).toBe(true);
  });
});

describe('IPC argument validation', () => {
  it.each([
    ['getState', ['extra']],
    ['signIn', [42]],
    ['signIn', ['']],
    ['signIn', ['x'.repeat(129)]],
    ['signIn', ['work', 'magic-link']],
    ['signOut', [{ toString: () => 'work' }]],
    ['openConsole', ['not-a-role-key']],
    ['openConsole', ['work/12345/Admin']],
    ['openConsole', [ROLE, { isolation: 'telnet' }]],
    ['openConsole', [ROLE, { destination: 'x'.repeat(5000) }]],
    ['openConsole', [ROLE, { evil: true }]],
    ['openConsole', [ROLE, ['isolation']]],
    ['copyExports', [`${ROLE}/../../x`]],
    ['setAlias', ['work', 'alias']],
    ['setAlias', ['work/111111111111', 'x'.repeat(101)]],
    ['addSession', [{ name: 'work', startUrl: 'https://x', region: 'eu-west-1', extra: 1 }]],
    ['addSession', [{ name: 'work', startUrl: 7, region: 'eu-west-1' }]],
    ['addSession', ['work']],
    ['updateSettings', [{ notARealSetting: 1 }]],
    ['updateSettings', [{ favourites: Array.from({ length: 40_000 }, () => ROLE) }]],
    ['updateSettings', [null]],
    ['dismissNotice', [undefined]],
    ['search', ['q'.repeat(257)]],
    ['search', ['prod', 0]],
    ['search', ['prod', 1.5]],
    ['search', ['prod', 1e9]],
  ] as Array<[InvokeMethod, unknown[]]>)('%s refuses bad input (case %#)', async (method, args) => {
    const s = setup();
    await expect(s.invoke(method, args)).rejects.toThrow(/^Invalid request/);
    for (const method of Object.values(s.core)) {
      if (
        typeof method === 'function' &&
        'mock' in method &&
        method !== s.core.onState &&
        method !== s.core.onInventory
      )
        expect(method).not.toHaveBeenCalled();
    }
  });

  it('redacts secrets from unexpected errors before they reach the page', async () => {
    const s = setup();
    s.core.syncNow.mockRejectedValueOnce(new Error('boom {"accessToken": "aoa-secret-token"}'));
    const error = await s.invoke('syncNow', []).catch((caught: Error) => caught);
    expect((error as Error).message).toContain('boom');
    expect((error as Error).message).not.toContain('aoa-secret-token');
  });
});

describe('IPC events', () => {
  it('forwards state and inventory snapshots until unsubscribed', () => {
    const core = fakeCore();
    const send = vi.fn();
    const stop = forwardEvents(core, send);
    const next = state({ recents: [ROLE] });
    core.emitState(next);
    core.emitInventory(inventory([], 4));
    expect(send.mock.calls).toEqual([
      [EVENT_CHANNELS.onState, next],
      [EVENT_CHANNELS.onInventory, { version: 4, roles: [] }],
    ]);
    stop();
    core.emitState(next);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends the whole role list first, then only what changed against the list sent before', () => {
    const core = fakeCore();
    const send = vi.fn();
    forwardEvents(core, send);
    const [alpha, beta, gamma] = manyRoles(3, 1);
    const first = inventory([alpha!, gamma!], 1);
    // Rebuilt: alpha is the same object, gamma an equal copy, beta new; then alpha is renamed and gamma goes.
    const second = inventory([alpha!, beta!, { ...gamma! }], 2);
    const renamed = { ...alpha!, alias: 'Alpha' };
    const third = inventory([renamed, beta!], 3);
    for (const view of [first, second, third]) core.emitInventory(view);
    const updates = send.mock.calls.map(([channel, update]) => {
      expect(channel).toBe(EVENT_CHANNELS.onInventory);
      return update as InventoryUpdate;
    });
    expect(updates).toEqual([
      { version: 1, roles: [alpha, gamma] },
      { version: 2, from: 1, insert: [{ at: 1, role: beta }] },
      { version: 3, from: 2, remove: [gamma!.key], change: [{ key: alpha!.key, alias: 'Alpha' }] },
    ]);
    // A page that applies them holds what the core holds.
    let held: InventoryView | undefined;
    for (const update of updates) held = applyInventoryUpdate(held, update);
    expect(held).toEqual(third);
  });
});

describe('the proxy password', () => {
  const withProxy = state({
    settings: { ...DEFAULT_SETTINGS, proxyMode: 'url', proxyUrl: 'http://me:s3cret-pass@proxy.corp:3128' },
  });

  it('never reaches a page: state, pushed snapshots and saved settings show it as dots', async () => {
    const core = fakeCore(withProxy);
    const send = vi.fn();
    forwardEvents(core, send);
    core.emitState(withProxy);
    const handlers = ipcHandlers(core, { showMain: vi.fn(), hidePalette: vi.fn() }, { diagnostics: vi.fn() });
    core.updateSettings.mockResolvedValueOnce({ ok: true, value: withProxy.settings } as never);
    const seen = JSON.stringify([
      await handlers.getState([]),
      send.mock.calls,
      await handlers.updateSettings([{ proxyMode: 'url' }]),
    ]);
    expect(seen).not.toContain('s3cret-pass');
    expect(seen).toContain(`http://me:${MASKED_PASSWORD}@proxy.corp:3128`);
  });

  it('is kept when the page saves the URL with the dots, and replaced when a new one is typed', async () => {
    const core = fakeCore(withProxy);
    const handlers = ipcHandlers(core, { showMain: vi.fn(), hidePalette: vi.fn() }, { diagnostics: vi.fn() });
    await handlers.updateSettings([{ proxyUrl: `http://me:${MASKED_PASSWORD}@proxy2.corp:8080` }]);
    expect(core.updateSettings).toHaveBeenLastCalledWith({ proxyUrl: 'http://me:s3cret-pass@proxy2.corp:8080' });
    await handlers.updateSettings([{ proxyUrl: 'http://me:new-pass@proxy2.corp:8080' }]);
    expect(core.updateSettings).toHaveBeenLastCalledWith({ proxyUrl: 'http://me:new-pass@proxy2.corp:8080' });
  });
});
