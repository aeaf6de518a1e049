import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Event, Invoke, type LanyardApi } from '../../../electron/ipc/contract.js';
import { electronFake, resetElectronFake } from './electron-fake.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

/** Every method LanyardApi declares; the `satisfies` makes the compiler keep this list complete. */
const API_METHODS = Object.keys({
  getState: 0,
  getInventory: 0,
  addSession: 0,
  signIn: 0,
  cancelSignIn: 0,
  signOut: 0,
  refreshInventory: 0,
  syncNow: 0,
  openConsole: 0,
  copyExports: 0,
  copyProfileName: 0,
  setDefaultProfile: 0,
  toggleFavourite: 0,
  setAlias: 0,
  updateSettings: 0,
  dismissNotice: 0,
  search: 0,
  onState: 0,
  onInventory: 0,
  showMainWindow: 0,
  hidePalette: 0,
  onPaletteShown: 0,
} satisfies Record<keyof LanyardApi, 0>);

let exposed: Array<[string, LanyardApi]>;
let api: LanyardApi;

beforeAll(async () => {
  resetElectronFake();
  await import('../../../electron/preload/index.js');
  exposed = electronFake.contextBridge.exposeInMainWorld.mock.calls as Array<[string, LanyardApi]>;
  api = exposed[0]![1];
});

describe('preload', () => {
  it("exposes exactly window.lanyard with the contract's methods, all functions", () => {
    expect(exposed.map(([name]) => name)).toEqual(['lanyard']);
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof api[method as keyof LanyardApi], method).toBe('function');
    // Nothing that would let a page talk IPC on its own.
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send|channel/i);
  });

  it("invokes the contract's channel for each command, passing the arguments through", async () => {
    const invoke = electronFake.ipcRenderer.invoke;
    const calls: Array<[() => Promise<unknown>, unknown[]]> = [
      [() => api.getState(), [Invoke.GetState]],
      [() => api.getInventory(), [Invoke.GetInventory]],
      [
        () => api.addSession({ name: 'w', startUrl: 'https://x', region: 'eu-west-1' }),
        [Invoke.AddSession, { name: 'w', startUrl: 'https://x', region: 'eu-west-1' }],
      ],
      [() => api.signIn('work', 'device-code'), [Invoke.SignIn, 'work', 'device-code']],
      [() => api.cancelSignIn(), [Invoke.CancelSignIn]],
      [() => api.signOut('work'), [Invoke.SignOut, 'work']],
      [() => api.refreshInventory('work'), [Invoke.RefreshInventory, 'work']],
      [() => api.syncNow(), [Invoke.SyncNow]],
      [() => api.openConsole('k', { region: 'us-east-1' }), [Invoke.OpenConsole, 'k', { region: 'us-east-1' }]],
      [() => api.copyExports('k'), [Invoke.CopyExports, 'k']],
      [() => api.copyProfileName('k'), [Invoke.CopyProfileName, 'k']],
      [() => api.setDefaultProfile('k'), [Invoke.SetDefaultProfile, 'k']],
      [() => api.toggleFavourite('k'), [Invoke.ToggleFavourite, 'k']],
      [() => api.setAlias('a', 'b'), [Invoke.SetAlias, 'a', 'b']],
      [() => api.updateSettings({ autoSync: false }), [Invoke.UpdateSettings, { autoSync: false }]],
      [() => api.dismissNotice('n'), [Invoke.DismissNotice, 'n']],
      [() => api.search('q', 5), [Invoke.Search, 'q', 5]],
      [() => api.showMainWindow(), [Invoke.ShowMainWindow]],
      [() => api.hidePalette(), [Invoke.HidePalette]],
    ];
    for (const [call, expected] of calls) {
      invoke.mockClear();
      await call();
      expect(invoke.mock.calls[0]?.filter((arg: unknown, index: number) => index === 0 || arg !== undefined)).toEqual(
        expected,
      );
    }
    const used = new Set(calls.map(([, [channel]]) => channel));
    expect([...used].sort()).toEqual(Object.values(Invoke).sort());
  });

  it('subscribes to events, hands listeners the payload only, and unsubscribes', () => {
    const { on, removeListener } = electronFake.ipcRenderer;
    const subscriptions: Array<[(listener: (value: unknown) => void) => () => void, string]> = [
      [(listener) => api.onState(listener), Event.StateChanged],
      [(listener) => api.onInventory(listener), Event.InventoryChanged],
      [(listener) => api.onPaletteShown(() => listener(undefined)), Event.PaletteShown],
    ];
    for (const [subscribe, channel] of subscriptions) {
      on.mockClear();
      removeListener.mockClear();
      const listener = vi.fn();
      const unsubscribe = subscribe(listener);
      const [subscribedChannel, forward] = on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
      expect(subscribedChannel).toBe(channel);
      forward({ sender: 'the ipcRenderer itself' }, { version: 1 });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(listener.mock.calls[0])).not.toContain('ipcRenderer');
      unsubscribe();
      expect(removeListener).toHaveBeenCalledWith(channel, forward);
    }
  });
});
