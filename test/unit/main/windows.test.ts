import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, electronFake, resetElectronFake } from './electron-fake.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { appLocations } = await import('../../../electron/main/app-locations.js');
const { AppWindows, shouldShowDock } = await import('../../../electron/main/windows.js');
const { ConsoleWindows } = await import('../../../electron/main/console-window.js');
const { appWindowOptions, paletteBounds, PALETTE_SIZE } = await import('../../../electron/main/window-options.js');
const { APP_CONTENT_SECURITY_POLICY, externalLinkVerdict, hardenAppSession, isAppPageUrl, isAppPermission } =
  await import('../../../electron/main/web-security.js');
const { appResponseHeaders } = await import('../../../electron/main/app-protocol.js');
const { EVENT_CHANNELS } = await import('../../../electron/ipc/contract.js');

const locations = appLocations({
  appPath: '/checkout',
  resourcesPath: '/checkout/node_modules/electron/dist/resources',
  isPackaged: false,
  platform: 'linux',
  env: {},
});
const pageUrls = Object.values(locations.pageUrls);

/** Fails with the option's name when a window's web preferences are weaker than Lanyard allows. */
function expectLockedDown(options: Record<string, unknown>, label: string): void {
  const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
  expect(prefs.contextIsolation, `${label}: contextIsolation`).toBe(true);
  expect(prefs.sandbox, `${label}: sandbox`).toBe(true);
  expect(prefs.nodeIntegration, `${label}: nodeIntegration`).toBe(false);
  expect(prefs.nodeIntegrationInWorker, `${label}: nodeIntegrationInWorker`).toBe(false);
  expect(prefs.nodeIntegrationInSubFrames, `${label}: nodeIntegrationInSubFrames`).toBe(false);
  expect(prefs.webSecurity, `${label}: webSecurity`).not.toBe(false);
  expect(prefs.allowRunningInsecureContent, `${label}: allowRunningInsecureContent`).not.toBe(true);
  expect(prefs.webviewTag, `${label}: webviewTag`).not.toBe(true);
  expect(prefs.experimentalFeatures, `${label}: experimentalFeatures`).not.toBe(true);
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  resetElectronFake();
});

describe('window options', () => {
  it('locks down every window Lanyard opens: app pages, the palette and console windows', async () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showMain();
    windows.showPalette();
    await new ConsoleWindows({ env: {} }).show({
      ref: { sessionName: 'work', accountId: '111111111111', roleName: 'Admin' },
      signInUrl: 'https://signin.aws.amazon.com/federation?Action=login',
      expiresAt: Date.now() + 3_600_000,
      region: 'eu-west-1',
    });
    const created = FakeBrowserWindow.instances;
    expect(created).toHaveLength(3);
    created.forEach((window, index) =>
      expectLockedDown(window.options, `window ${index} (${String(window.options.title)})`),
    );

    const [main, palette, consoleWindow] = created.map(
      (window) => window.options.webPreferences as Record<string, unknown>,
    );
    expect(main?.preload).toBe(locations.preload);
    expect(palette?.preload).toBe(locations.preload);
    // AWS's pages get no bridge into Lanyard at all.
    expect(consoleWindow).not.toHaveProperty('preload');
  });

  it('gives the same locked-down preferences on every platform, DevTools only when asked', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const page of ['main', 'palette'] as const) {
        const options = appWindowOptions(page, { preload: '/p.cjs', platform, devTools: false });
        expectLockedDown(options as Record<string, unknown>, `${page} on ${platform}`);
        expect(options.webPreferences?.devTools).toBe(false);
        expect(options.show).toBe(false);
      }
    }
  });

  it('makes the palette a small frameless window on top, a panel on macOS', () => {
    expect(appWindowOptions('palette', { preload: '/p.cjs', platform: 'darwin', devTools: false })).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      type: 'panel',
      ...PALETTE_SIZE,
    });
    expect(appWindowOptions('palette', { preload: '/p.cjs', platform: 'linux', devTools: false })).not.toHaveProperty(
      'type',
    );
  });

  it('centres the palette across the active screen, in its upper part', () => {
    expect(paletteBounds({ x: 1920, y: 0, width: 2560, height: 1400 })).toEqual({
      x: 1920 + 960,
      y: 320,
      width: 640,
      height: 440,
    });
    // A screen smaller than the palette still gets all of it on screen.
    expect(paletteBounds({ x: 0, y: 25, width: 600, height: 400 })).toEqual({ x: 0, y: 25, width: 600, height: 400 });
  });
});

describe('app windows', () => {
  it('denies navigation and new windows, sending web links to the default browser', () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showMain();
    const contents = FakeBrowserWindow.instances[0]!.webContents;

    for (const [url, external] of [
      ['https://docs.aws.amazon.com/singlesignon/', true],
      ['http://127.0.0.1:4566/device', true],
      ['http://evil.example/device', false],
      ['file:///etc/passwd', false],
      ['javascript:alert(1)', false],
      ['ms-settings:privacy', false],
      ['https://user:pass@example.com/', false],
      ['not a url', false],
    ] as const) {
      electronFake.shell.openExternal.mockClear();
      const event = navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
      expect(electronFake.shell.openExternal.mock.calls.length, url).toBe(external ? 2 : 0);
    }
    const attach = navigationEvent('');
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('shows the main window once rendered, and creates a new one after it was closed', () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showMain();
    const first = FakeBrowserWindow.instances[0]!;
    expect(first.loadURL).toHaveBeenCalledWith('app://lanyard/index.html');
    expect(first.loadFile).not.toHaveBeenCalled();
    expect(first.visible).toBe(false);
    first.ready();
    expect(first.visible).toBe(true);
    expect(windows.ownsContents(first.webContents.id)).toBe(true);

    first.close();
    expect(windows.ownsContents(first.webContents.id)).toBe(false);
    windows.showMain();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('shows the palette on the screen under the cursor, tells the page, and hides it on blur', () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showPalette();
    const palette = FakeBrowserWindow.instances[0]!;
    expect(palette.loadURL).toHaveBeenCalledWith('app://lanyard/palette.html');
    expect(palette.loadFile).not.toHaveBeenCalled();
    palette.ready();
    expect(palette.visible).toBe(true);
    expect(palette.setBounds).toHaveBeenCalledWith(paletteBounds({ x: 1920, y: 0, width: 2560, height: 1400 }));
    expect(palette.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.onPaletteShown);

    palette.emit('blur');
    expect(palette.visible).toBe(false);
    windows.togglePalette();
    expect(palette.visible).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(palette.webContents.send).toHaveBeenCalledTimes(2);
    windows.togglePalette();
    expect(palette.visible).toBe(false);
  });

  it('shows the diagnostics in the main window, telling its page once it has rendered', () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showDiagnostics();
    const main = FakeBrowserWindow.instances[0]!;
    expect(main.webContents.send).not.toHaveBeenCalled();
    main.ready();
    expect(main.visible).toBe(true);
    expect(main.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.onShowDiagnostics);
    windows.showDiagnostics();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(main.webContents.send).toHaveBeenCalledTimes(2);
  });

  it('sends events to every open app page', () => {
    const windows = new AppWindows(locations, 'linux', false);
    windows.showMain();
    windows.showPalette();
    windows.send(EVENT_CHANNELS.onState, { sessions: [] });
    for (const window of FakeBrowserWindow.instances)
      expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.onState, { sessions: [] });
  });

  it('shows the Dock icon on macOS only while a window other than the palette is visible', () => {
    const windows = new AppWindows(locations, 'darwin', false);
    const dock = electronFake.app.dock!;
    windows.showPalette();
    FakeBrowserWindow.instances[0]!.ready();
    expect(dock.show).not.toHaveBeenCalled();
    windows.showMain();
    const main = FakeBrowserWindow.instances[1]!;
    main.ready();
    expect(dock.show).toHaveBeenCalled();
    main.close();
    expect(dock.hide).toHaveBeenCalled();

    expect(shouldShowDock([{ visible: true, palette: true }])).toBe(false);
    expect(
      shouldShowDock([
        { visible: false, palette: false },
        { visible: true, palette: false },
      ]),
    ).toBe(true);
  });
});

describe('app session rules', () => {
  it('knows our pages and nothing else', () => {
    expect(pageUrls).toEqual(['app://lanyard/index.html', 'app://lanyard/palette.html']);
    expect(isAppPageUrl(locations.pageUrls.main, pageUrls)).toBe(true);
    expect(isAppPageUrl(locations.pageUrls.palette, pageUrls)).toBe(true);
    expect(isAppPageUrl(`${locations.pageUrls.main}#/settings`, pageUrls)).toBe(true);
    for (const url of [
      // The same files as file: URLs, as they loaded before app://.
      'file:///checkout/dist/renderer/index.html',
      'file:///checkout/dist/renderer/palette.html',
      'file:///checkout/dist/renderer/other.html',
      'https://checkout/dist/renderer/index.html',
      'https://lanyard/index.html',
      // Other hosts, ports, users and files on app://.
      'app://evil/index.html',
      'app://lanyard.evil/index.html',
      'app://lanyard:8080/index.html',
      'app://user@lanyard/index.html',
      'app://lanyard/other.html',
      'app://lanyard/assets/main.js',
      'app://lanyard/',
      // Query tricks and spellings that only normalise to our page.
      `${locations.pageUrls.palette}?q=1`,
      `${locations.pageUrls.main}?`,
      `https://evil.example/?next=${locations.pageUrls.main}`,
      'app://LANYARD/index.html',
      'app://lanyard/./index.html',
      'app://lanyard/x/../index.html',
      'app://lanyard/%69ndex.html',
      'not a url',
      '',
    ]) {
      expect(isAppPageUrl(url, pageUrls), url).toBe(false);
    }
    expect(isAppPageUrl(undefined, pageUrls)).toBe(false);
    expect(externalLinkVerdict('https://example.com')).toBe('open-external');
    expect(externalLinkVerdict('vscode://file/etc')).toBe('deny');
  });

  it('refuses every permission but writing the clipboard from our pages', async () => {
    const session = electronFake.session.defaultSession;
    hardenAppSession(session as never, pageUrls);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
      d: { requestingUrl?: string },
    ) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      o: string,
      d: { requestingUrl?: string },
    ) => boolean;
    const answers: Record<string, boolean> = {};
    for (const permission of [
      'clipboard-sanitized-write',
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
    ]) {
      request(null, permission, (ok) => (answers[permission] = ok), { requestingUrl: locations.pageUrls.main });
      expect(check(null, permission, 'app://lanyard', { requestingUrl: locations.pageUrls.main })).toBe(
        answers[permission],
      );
    }
    expect(answers).toEqual({
      'clipboard-sanitized-write': true,
      'clipboard-read': false,
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
    });
    expect(isAppPermission('clipboard-sanitized-write', 'https://evil.example/', pageUrls)).toBe(false);
    expect(isAppPermission('clipboard-sanitized-write', 'file:///checkout/dist/renderer/index.html', pageUrls)).toBe(
      false,
    );
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false);
  });

  it("serves the pages with a CSP header that matches the pages' own policy, no header hook left", () => {
    const session = electronFake.session.defaultSession;
    hardenAppSession(session as never, pageUrls);
    // The header comes with app:// responses (app-protocol.ts), not from a webRequest hook.
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
    expect(appResponseHeaders('text/html')['Content-Security-Policy']).toBe(
      `${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    for (const page of ['index.html', 'palette.html']) {
      const html = readFileSync(path.join(import.meta.dirname, '../../../renderer', page), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
      expect(meta, page).toBe(APP_CONTENT_SECURITY_POLICY);
    }
  });
});
