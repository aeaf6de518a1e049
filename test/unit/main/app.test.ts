// The main process wired together, with `electron` and the core faked: single instance, start-up,
// settings applied, notifications, console windows and quitting.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import type { Clock } from '../../../electron/core/support/clock.js';
import type { LanyardState } from '../../../electron/core/domain/views.js';
import { INVOKE_CHANNELS } from '../../../electron/ipc/contract.js';
import { FakeBrowserWindow, FakeNotification, FakeTray, electronFake, resetElectronFake } from './electron-fake.js';
import { fakeCore, role, session, state, type FakeCore } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);
vi.mock('electron-store', async () => (await import('./electron-store-fake.js')).electronStoreModule);

type FakeLanyard = FakeCore & {
  options: {
    clock: Clock;
    preferences: { read(): unknown };
    platform: { openInAppConsole(request: unknown): Promise<void>; writeClipboard(text: string): void };
    fetch?: typeof fetch;
    requestHandler?: () => unknown;
  };
  start: ReturnType<typeof vi.fn>;
  stop: ReturnType<typeof vi.fn>;
  notify(notification: {
    id: string;
    title: string;
    body: string;
    action?: { kind: 'sign-in'; sessionName: string };
  }): void;
};
const cores: FakeLanyard[] = [];
let initialState: LanyardState;

vi.mock('../../../electron/core/lanyard.js', () => ({
  Lanyard: class {
    constructor(options: unknown) {
      const listeners = new Set<(notification: unknown) => void>();
      const core = Object.assign(fakeCore(initialState), {
        options,
        start: vi.fn(async () => {}),
        stop: vi.fn(async () => {}),
        onNotification: (listener: (notification: unknown) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        notify: (notification: unknown) => listeners.forEach((listener) => listener(notification)),
      });
      cores.push(core as unknown as FakeLanyard);
      return core;
    }
  },
}));

const { startApp, showWindowAtLaunch } = await import('../../../electron/main/app.js');

const flush = () => new Promise((resolve) => setImmediate(resolve));
let dataDir: string;

beforeEach(() => {
  resetElectronFake();
  cores.length = 0;
  initialState = state();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-app-'));
  vi.stubEnv('LANYARD_DATA_DIR', dataDir);
  vi.stubEnv('HOME', dataDir);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

async function started(): Promise<FakeLanyard> {
  await startApp();
  await flush();
  return cores[0]!;
}

const mainWindows = () =>
  FakeBrowserWindow.instances.filter((window) => window.loadURL.mock.calls[0]?.[0] === 'app://lanyard/index.html');
const trayLabels = () =>
  (FakeTray.instances[0]!.setContextMenu.mock.calls.at(-1)![0] as { template: Array<{ label?: string }> }).template.map(
    (item) => item.label,
  );

describe('single instance', () => {
  it('quits at once when Lanyard is already running, before anything starts', async () => {
    electronFake.app.requestSingleInstanceLock.mockReturnValue(false);
    await startApp();
    expect(electronFake.app.quit).toHaveBeenCalled();
    expect(electronFake.app.whenReady).not.toHaveBeenCalled();
    expect(cores).toHaveLength(0);
    expect(FakeTray.instances).toHaveLength(0);
  });

  it("keeps its data in Lanyard's data folder, set before taking the lock", async () => {
    await started();
    expect(electronFake.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(electronFake.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      electronFake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
  });

  it('shows the main window when launched a second time', async () => {
    await started();
    expect(mainWindows()).toHaveLength(0);
    electronFake.app.emit('second-instance');
    await flush();
    expect(mainWindows()).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('starts hidden in the tray with the core, IPC and the hotkey', async () => {
    const core = await started();
    expect(electronFake.app.dock!.hide).toHaveBeenCalled();
    expect(core.start).toHaveBeenCalled();
    expect(FakeTray.instances).toHaveLength(1);
    expect(electronFake.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual(
      Object.values(INVOKE_CHANNELS).sort(),
    );
    expect(electronFake.globalShortcut.register).toHaveBeenCalledWith(DEFAULT_SETTINGS.hotkey, expect.any(Function));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    // From a checkout the login item would start a bare Electron.
    expect(electronFake.app.setLoginItemSettings).not.toHaveBeenCalled();
    // Closing the last window must not quit a tray app.
    expect(electronFake.app.listenerCount('window-all-closed')).toBe(1);
  });

  it('opens the window on first run, when there is no session to sit in the tray for', async () => {
    initialState = state({ sessions: [] });
    await started();
    expect(mainWindows()).toHaveLength(1);
    expect(showWindowAtLaunch(['electron', '.', '--show'], state())).toBe(true);
    expect(showWindowAtLaunch(['electron', '.'], state())).toBe(false);
  });

  it("tells the core's clock when the computer wakes from sleep, so sessions are checked at once", async () => {
    const core = await started();
    const woke = vi.fn();
    const stop = core.options.clock.onWake?.(woke);
    electronFake.powerMonitor.emit('resume');
    expect(woke).toHaveBeenCalledTimes(1);
    stop?.();
    electronFake.powerMonitor.emit('resume');
    expect(woke).toHaveBeenCalledTimes(1);
    // The clock tells the time as the system does.
    expect(Math.abs(core.options.clock.now() - Date.now())).toBeLessThan(1_000);
  });

  it("sends the core's requests through Chromium's network", async () => {
    const core = await started();
    electronFake.net.request.mockImplementationOnce(() => {
      throw new Error('sent through Chromium');
    });
    // The console federation request: Chromium's net.request, not Node's fetch.
    await expect(core.options.fetch?.('https://signin.aws.amazon.com/federation')).rejects.toThrow();
    expect(electronFake.net.request).toHaveBeenCalledTimes(1);
    // And a request handler for each SDK client, built on Chromium's net.request.
    const handler = await core.options.requestHandler?.();
    expect(handler?.constructor.name).toBe('NetRequestHandler');
  });

  it('keeps preferences in settings.json in the data folder, readable by the CLI', async () => {
    const core = await started();
    expect(core.options.preferences.read()).toEqual({});
  });
});

describe('settings', () => {
  it('re-registers the hotkey when the setting changes, and reports one that is taken', async () => {
    const core = await started();
    electronFake.globalShortcut.register.mockReturnValueOnce(false);
    core.emitState(state({ settings: { ...DEFAULT_SETTINGS, hotkey: 'Alt+Space' } }));
    expect(electronFake.globalShortcut.register).toHaveBeenLastCalledWith('Alt+Space', expect.any(Function));
    expect(FakeNotification.instances.map((notification) => notification.options.title)).toEqual([
      'Search shortcut unavailable',
    ]);
    expect(trayLabels().some((label) => label?.startsWith('⚠ Lanyard could not register Alt+Space'))).toBe(true);

    core.emitState(state({ settings: { ...DEFAULT_SETTINGS, hotkey: 'Alt+Shift+Space' } }));
    expect(electronFake.globalShortcut.unregister).toHaveBeenCalledWith(DEFAULT_SETTINGS.hotkey);
    expect(trayLabels().some((label) => label?.startsWith('⚠'))).toBe(false);
  });

  it('registers a login item from the setting in the installed app only', async () => {
    electronFake.app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Lanyard/resources', configurable: true });
    vi.stubEnv('XDG_CONFIG_HOME', path.join(dataDir, 'xdg'));
    const core = await started();
    core.emitState(state({ settings: { ...DEFAULT_SETTINGS, startAtLogin: true } }));
    if (process.platform === 'linux') {
      const { readFileSync } = await import('node:fs');
      const entry = path.join(dataDir, 'xdg', 'autostart', 'lanyard.desktop');
      await vi.waitFor(() => expect(readFileSync(entry, 'utf8')).toContain(`Exec="${process.execPath}"`));
    } else {
      expect(electronFake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    }
  });
});

describe('network', () => {
  it('applies the proxy setting to the default session and to sessions made later', async () => {
    const core = await started();
    const { defaultSession } = electronFake.session;
    await vi.waitFor(() => expect(defaultSession.setProxy).toHaveBeenLastCalledWith({ mode: 'system' }));
    const consoleSession = {
      setProxy: vi.fn(async () => {}),
      setCertificateVerifyProc: vi.fn(),
      closeAllConnections: vi.fn(async () => {}),
    };
    electronFake.app.emit('session-created', consoleSession);
    core.emitState(state({ settings: { ...DEFAULT_SETTINGS, proxyMode: 'none' } }));
    await vi.waitFor(() => expect(defaultSession.setProxy).toHaveBeenLastCalledWith({ mode: 'direct' }));
    await vi.waitFor(() => expect(consoleSession.setProxy).toHaveBeenLastCalledWith({ mode: 'direct' }));
  });

  it("prompts for a proxy's credentials, and leaves a site's own sign-in to Electron", async () => {
    await started();
    const siteLogin = { preventDefault: vi.fn() };
    electronFake.app.emit('login', siteLogin, null, {}, { isProxy: false, host: 'site', port: 443 }, vi.fn());
    expect(siteLogin.preventDefault).not.toHaveBeenCalled();

    const proxyLogin = { preventDefault: vi.fn() };
    const callback = vi.fn();
    const before = FakeBrowserWindow.instances.length;
    electronFake.app.emit(
      'login',
      proxyLogin,
      null,
      {},
      { isProxy: true, host: 'proxy', port: 3128, realm: '' },
      callback,
    );
    expect(proxyLogin.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBe(before + 1));
    const prompt = FakeBrowserWindow.instances.at(-1)!;
    expect(prompt.options.webPreferences).toMatchObject({ javascript: false, partition: 'lanyard-proxy-login' });
    prompt.webContents.emit(
      'will-navigate',
      { preventDefault: vi.fn() },
      'https://lanyard.invalid/proxy-login?username=alice&password=pw&action=sign-in',
    );
    await vi.waitFor(() => expect(callback).toHaveBeenCalledWith('alice', 'pw'));
  });

  it('answers Help → Diagnostics over IPC', async () => {
    await started();
    const handler = electronFake.ipcMain.handle.mock.calls.find(
      ([channel]) => channel === INVOKE_CHANNELS.getDiagnostics,
    )?.[1] as (event: unknown) => Promise<unknown>;
    const main = FakeBrowserWindow.instances.find(
      (window) => window.loadURL.mock.calls[0]?.[0] === 'app://lanyard/index.html',
    );
    const sender = main ?? (electronFake.app.emit('second-instance'), await flush(), mainWindows()[0]!);
    const report = await handler({
      sender: { id: sender.webContents.id },
      senderFrame: { url: 'app://lanyard/index.html', parent: null },
    });
    expect(report).toEqual({ checks: [expect.objectContaining({ id: 'diagnostics', status: 'warn' })] });
  });
});

describe('notifications and console windows', () => {
  it("shows the core's notifications; a click signs in again and opens the window", async () => {
    const core = await started();
    core.notify({
      id: 'n1',
      title: 'Sign in to work again',
      body: 'The SSO session "work" has ended.',
      action: { kind: 'sign-in', sessionName: 'work' },
    });
    const notification = FakeNotification.instances[0]!;
    expect(notification.options).toMatchObject({ title: 'Sign in to work again' });
    expect(notification.show).toHaveBeenCalled();
    notification.emit('click');
    await flush();
    expect(core.signIn).toHaveBeenCalledWith('work');
    expect(mainWindows()).toHaveLength(1);
  });

  it('tells the user when a tray command fails', async () => {
    initialState = state({ sessions: [session('work')] });
    const core = await started();
    core.syncNow.mockResolvedValueOnce({
      ok: false,
      error: { code: 'FILE', message: 'Cannot write ~/.aws/config.', hint: 'Check its permissions.' },
    });
    const menu = FakeTray.instances[0]!.setContextMenu.mock.calls.at(-1)![0] as {
      template: Array<{ label?: string; click?: () => void }>;
    };
    menu.template.find((item) => item.label === 'Sync ~/.aws/config now')!.click!();
    await flush();
    expect(FakeNotification.instances.at(-1)!.options).toEqual({
      title: 'Could not sync ~/.aws/config',
      body: 'Cannot write ~/.aws/config.\nCheck its permissions.',
    });
  });

  it('opens in-app consoles in their own window and writes the clipboard through Electron', async () => {
    const core = await started();
    const admin = role('111111111111', 'acme-prod', 'Admin', { alias: 'payments' });
    await core.options.platform.openInAppConsole({
      url: 'https://signin.aws.amazon.com/federation?Action=login',
      role: admin,
      expiresAt: Date.now() + 3_600_000,
      region: 'eu-west-1',
    });
    const consoleWindow = FakeBrowserWindow.instances.at(-1)!;
    expect(consoleWindow.loadURL).toHaveBeenCalledWith('https://signin.aws.amazon.com/federation?Action=login');
    expect(consoleWindow.options.title).toContain('payments');
    core.options.platform.writeClipboard('profile-name');
    expect(electronFake.clipboard.writeText).toHaveBeenCalledWith('profile-name');
  });
});

describe('quitting', () => {
  it('stops the core before quitting, once', async () => {
    const core = await started();
    const event = { preventDefault: vi.fn() };
    electronFake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(core.stop).toHaveBeenCalledTimes(1);
    await flush();
    expect(electronFake.app.quit).toHaveBeenCalledTimes(1);
    expect(FakeTray.instances[0]!.destroy).toHaveBeenCalled();
    const second = { preventDefault: vi.fn() };
    electronFake.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    electronFake.app.emit('will-quit');
    expect(electronFake.globalShortcut.unregisterAll).toHaveBeenCalled();
  });
});
