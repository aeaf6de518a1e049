import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type InvokeMethod,
  type LanyardApi,
  type SubscriptionMethod,
} from '../../../electron/ipc/contract.js';
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
  getDiagnostics: 0,
  onShowDiagnostics: 0,
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
      [() => api.getState(), [INVOKE_CHANNELS.getState]],
      [() => api.getInventory(), [INVOKE_CHANNELS.getInventory]],
      [
        () => api.addSession({ name: 'w', startUrl: 'https://x', region: 'eu-west-1' }),
        [INVOKE_CHANNELS.addSession, { name: 'w', startUrl: 'https://x', region: 'eu-west-1' }],
      ],
      [() => api.signIn('work', 'device-code'), [INVOKE_CHANNELS.signIn, 'work', 'device-code']],
      [() => api.cancelSignIn(), [INVOKE_CHANNELS.cancelSignIn]],
      [() => api.signOut('work'), [INVOKE_CHANNELS.signOut, 'work']],
      [() => api.refreshInventory('work'), [INVOKE_CHANNELS.refreshInventory, 'work']],
      [() => api.syncNow(), [INVOKE_CHANNELS.syncNow]],
      [
        () => api.openConsole('k', { region: 'us-east-1' }),
        [INVOKE_CHANNELS.openConsole, 'k', { region: 'us-east-1' }],
      ],
      [() => api.copyExports('k'), [INVOKE_CHANNELS.copyExports, 'k']],
      [() => api.copyProfileName('k'), [INVOKE_CHANNELS.copyProfileName, 'k']],
      [() => api.setDefaultProfile('k'), [INVOKE_CHANNELS.setDefaultProfile, 'k']],
      [() => api.toggleFavourite('k'), [INVOKE_CHANNELS.toggleFavourite, 'k']],
      [() => api.setAlias('a', 'b'), [INVOKE_CHANNELS.setAlias, 'a', 'b']],
      [() => api.updateSettings({ autoSync: false }), [INVOKE_CHANNELS.updateSettings, { autoSync: false }]],
      [() => api.dismissNotice('n'), [INVOKE_CHANNELS.dismissNotice, 'n']],
      [() => api.search('q', 5), [INVOKE_CHANNELS.search, 'q', 5]],
      [() => api.showMainWindow(), [INVOKE_CHANNELS.showMainWindow]],
      [() => api.hidePalette(), [INVOKE_CHANNELS.hidePalette]],
      [() => api.getDiagnostics(), [INVOKE_CHANNELS.getDiagnostics]],
    ];
    for (const [call, expected] of calls) {
      invoke.mockClear();
      await call();
      expect(invoke.mock.calls[0]?.filter((arg: unknown, index: number) => index === 0 || arg !== undefined)).toEqual(
        expected,
      );
    }
    const used = new Set(calls.map(([, [channel]]) => channel));
    expect([...used].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('subscribes to events, hands listeners the payload only, and unsubscribes', () => {
    const { on, removeListener } = electronFake.ipcRenderer;
    const subscriptions: Array<[(listener: (value: unknown) => void) => () => void, string]> = [
      [(listener) => api.onState(listener), EVENT_CHANNELS.onState],
      [(listener) => api.onInventory(listener), EVENT_CHANNELS.onInventory],
      [(listener) => api.onPaletteShown(() => listener(undefined)), EVENT_CHANNELS.onPaletteShown],
      [(listener) => api.onShowDiagnostics(() => listener(undefined)), EVENT_CHANNELS.onShowDiagnostics],
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

  it('sends each request on the channel of its own name, and subscribes each listener to its own', async () => {
    const { invoke, on } = electronFake.ipcRenderer;
    for (const method of Object.keys(INVOKE_CHANNELS) as InvokeMethod[]) {
      invoke.mockClear();
      await (api[method] as (...args: unknown[]) => Promise<unknown>)();
      expect(invoke, method).toHaveBeenCalledTimes(1);
      expect((invoke.mock.calls[0] as unknown[] | undefined)?.[0], method).toBe(INVOKE_CHANNELS[method]);
    }
    for (const method of Object.keys(EVENT_CHANNELS) as SubscriptionMethod[]) {
      on.mockClear();
      api[method](() => {})();
      expect(on, method).toHaveBeenCalledTimes(1);
      expect(on.mock.calls[0]?.[0], method).toBe(EVENT_CHANNELS[method]);
    }
    // Between them the two maps name every method window.lanyard has.
    expect([...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort()).toEqual([...API_METHODS].sort());
  });
});
