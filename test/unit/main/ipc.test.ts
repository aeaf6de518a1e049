import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/support/log.js';
import { Event, Invoke, type InvokeChannel } from '../../../electron/ipc/contract.js';
import { forwardEvents, ipcHandlers, isTrustedSender, registerIpc } from '../../../electron/main/ipc.js';
import { fakeCore, inventory, state, type FakeCore } from './fixtures.js';

const MAIN_PAGE = 'file:///app/dist/renderer/index.html';
const PALETTE_PAGE = 'file:///app/dist/renderer/palette.html';
const OUR_CONTENTS = 7;
const policy = { ownsContents: (id: number) => id === OUR_CONTENTS, pageUrls: [MAIN_PAGE, PALETTE_PAGE] };

const ROLE = 'work/111111111111/AdministratorAccess';

interface Setup {
  core: FakeCore;
  windows: { showMain: ReturnType<typeof vi.fn>; hidePalette: ReturnType<typeof vi.fn> };
  invoke(
    channel: InvokeChannel,
    args: unknown[],
    sender?: { id?: number; url?: string; parent?: unknown } | null,
  ): Promise<unknown>;
}

function setup(): Setup {
  const core = fakeCore();
  const windows = { showMain: vi.fn(), hidePalette: vi.fn() };
  const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: never) => registered.set(channel, handler)),
    removeHandler: vi.fn(),
  };
  registerIpc(ipcMain, ipcHandlers(core, windows), policy, silentLogger);
  return {
    core,
    windows,
    invoke(channel, args, sender = {}) {
      const frame = sender === null ? null : { url: sender.url ?? MAIN_PAGE, parent: sender.parent ?? null };
      const event = { sender: { id: sender?.id ?? OUR_CONTENTS }, senderFrame: frame };
      return registered.get(channel)!(event, ...args);
    },
  };
}

/** Each channel with valid arguments, and the core call (or window control) it must make. */
const ROUTES: Array<[InvokeChannel, unknown[], (s: Setup) => unknown, unknown[]]> = [
  [Invoke.GetState, [], (s) => s.core.getState, []],
  [Invoke.GetInventory, [], (s) => s.core.getInventory, []],
  [
    Invoke.AddSession,
    [{ name: 'work', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' }],
    (s) => s.core.addSession,
    [{ name: 'work', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' }],
  ],
  [Invoke.SignIn, ['work', 'device-code'], (s) => s.core.signIn, ['work', 'device-code']],
  [Invoke.CancelSignIn, [], (s) => s.core.cancelSignIn, []],
  [Invoke.SignOut, ['work'], (s) => s.core.signOut, ['work']],
  [Invoke.RefreshInventory, ['work'], (s) => s.core.refreshInventory, ['work']],
  [Invoke.SyncNow, [], (s) => s.core.syncNow, []],
  [
    Invoke.OpenConsole,
    [ROLE, { isolation: 'chrome-profile', region: 'us-east-1' }],
    (s) => s.core.openConsole,
    [ROLE, { isolation: 'chrome-profile', region: 'us-east-1' }],
  ],
  [Invoke.CopyExports, [ROLE], (s) => s.core.copyExports, [ROLE]],
  [Invoke.CopyProfileName, [ROLE], (s) => s.core.copyProfileName, [ROLE]],
  [Invoke.SetDefaultProfile, [ROLE], (s) => s.core.setDefaultProfile, [ROLE]],
  [Invoke.ToggleFavourite, [ROLE], (s) => s.core.toggleFavourite, [ROLE]],
  [Invoke.SetAlias, ['work/111111111111', 'payments'], (s) => s.core.setAlias, ['work/111111111111', 'payments']],
  [Invoke.UpdateSettings, [{ autoSync: false }], (s) => s.core.updateSettings, [{ autoSync: false }]],
  [Invoke.DismissNotice, ['notice-1'], (s) => s.core.dismissNotice, ['notice-1']],
  [Invoke.Search, ['prod adm', 50], (s) => s.core.search, ['prod adm', 50]],
  [Invoke.ShowMainWindow, [], (s) => s.windows.showMain, []],
  [Invoke.HidePalette, [], (s) => s.windows.hidePalette, []],
];

describe('IPC handlers', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(ipcHandlers(fakeCore(), { showMain() {}, hidePalette() {} })).sort()).toEqual(
      Object.values(Invoke).sort(),
    );
    expect(ROUTES.map(([channel]) => channel).sort()).toEqual(Object.values(Invoke).sort());
  });

  it.each(ROUTES)(
    '%s reaches the right core method with the checked arguments',
    async (channel, args, target, expected) => {
      const s = setup();
      await s.invoke(channel, args);
      expect(target(s)).toHaveBeenCalledTimes(1);
      expect(target(s)).toHaveBeenCalledWith(...expected);
    },
  );

  it('leaves optional arguments out rather than passing undefined on', async () => {
    const s = setup();
    await s.invoke(Invoke.SignIn, ['work', undefined]);
    await s.invoke(Invoke.RefreshInventory, [undefined]);
    await s.invoke(Invoke.OpenConsole, [ROLE, undefined]);
    await s.invoke(Invoke.Search, ['', undefined]);
    expect(s.core.signIn).toHaveBeenCalledWith('work');
    expect(s.core.refreshInventory).toHaveBeenCalledWith();
    expect(s.core.openConsole).toHaveBeenCalledWith(ROLE);
    expect(s.core.search).toHaveBeenCalledWith('');
  });

  it("returns the core's results, and nothing but the outcome of copying credentials", async () => {
    const s = setup();
    expect(await s.invoke(Invoke.GetState, [])).toEqual(state());
    s.core.copyExports.mockResolvedValueOnce({ ok: true, value: 'export AWS_SECRET_ACCESS_KEY=abc' } as never);
    expect(await s.invoke(Invoke.CopyExports, [ROLE])).toEqual({ ok: true, value: undefined });
    const failure = { ok: false, error: { code: 'SIGN_IN_REQUIRED', message: 'Sign in to work first.' } };
    s.core.copyExports.mockResolvedValueOnce(failure as never);
    expect(await s.invoke(Invoke.CopyExports, [ROLE])).toEqual(failure);
  });
});

describe('IPC sender check', () => {
  it.each([
    ['a foreign page in our window', { url: 'https://evil.example/' }],
    ['another file in our window', { url: 'file:///tmp/evil.html' }],
    ['a sub-frame of our page', { parent: {} }],
    ['our page in a window we did not create', { id: 99 }],
    ['a frame that is gone', null],
  ] as const)('refuses %s, before the core sees anything', async (_name, sender) => {
    const s = setup();
    await expect(s.invoke(Invoke.SignOut, ['work'], sender)).rejects.toThrow('not a Lanyard page');
    await expect(s.invoke(Invoke.GetState, [], sender)).rejects.toThrow('not a Lanyard page');
    expect(s.core.signOut).not.toHaveBeenCalled();
    expect(s.core.getState).not.toHaveBeenCalled();
  });

  it('logs a refused page by its origin only, since its URL may carry a token', async () => {
    const warn = vi.fn();
    const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    registerIpc(
      { handle: (channel: string, handler: never) => void registered.set(channel, handler), removeHandler: vi.fn() },
      ipcHandlers(fakeCore(), { showMain() {}, hidePalette() {} }),
      policy,
      { ...silentLogger, warn },
    );
    const url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=very-secret';
    await expect(
      registered.get(Invoke.GetState)!({ sender: { id: OUR_CONTENTS }, senderFrame: { url, parent: null } }),
    ).rejects.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.any(String), {
      channel: Invoke.GetState,
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
    [Invoke.GetState, ['extra']],
    [Invoke.SignIn, [42]],
    [Invoke.SignIn, ['']],
    [Invoke.SignIn, ['x'.repeat(129)]],
    [Invoke.SignIn, ['work', 'magic-link']],
    [Invoke.SignOut, [{ toString: () => 'work' }]],
    [Invoke.OpenConsole, ['not-a-role-key']],
    [Invoke.OpenConsole, ['work/12345/Admin']],
    [Invoke.OpenConsole, [ROLE, { isolation: 'telnet' }]],
    [Invoke.OpenConsole, [ROLE, { destination: 'x'.repeat(5000) }]],
    [Invoke.OpenConsole, [ROLE, { evil: true }]],
    [Invoke.OpenConsole, [ROLE, ['isolation']]],
    [Invoke.CopyExports, [`${ROLE}/../../x`]],
    [Invoke.SetAlias, ['work', 'alias']],
    [Invoke.SetAlias, ['work/111111111111', 'x'.repeat(101)]],
    [Invoke.AddSession, [{ name: 'work', startUrl: 'https://x', region: 'eu-west-1', extra: 1 }]],
    [Invoke.AddSession, [{ name: 'work', startUrl: 7, region: 'eu-west-1' }]],
    [Invoke.AddSession, ['work']],
    [Invoke.UpdateSettings, [{ notARealSetting: 1 }]],
    [Invoke.UpdateSettings, [{ favourites: Array.from({ length: 40_000 }, () => ROLE) }]],
    [Invoke.UpdateSettings, [null]],
    [Invoke.DismissNotice, [undefined]],
    [Invoke.Search, ['q'.repeat(257)]],
    [Invoke.Search, ['prod', 0]],
    [Invoke.Search, ['prod', 1.5]],
    [Invoke.Search, ['prod', 1e9]],
  ] as Array<[InvokeChannel, unknown[]]>)('%s refuses bad input (case %#)', async (channel, args) => {
    const s = setup();
    await expect(s.invoke(channel, args)).rejects.toThrow(/^Invalid request/);
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
    const error = await s.invoke(Invoke.SyncNow, []).catch((caught: Error) => caught);
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
      [Event.StateChanged, next],
      [Event.InventoryChanged, { version: 4, roles: [] }],
    ]);
    stop();
    core.emitState(next);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
