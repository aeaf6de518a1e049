import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONSOLE_PERMISSIONS } from '../../../electron/core/console/navigation.js';
import { isLanyardError } from '../../../electron/core/domain/errors.js';
import { ENVIRONMENT_COLOUR_HEX } from '../../../electron/core/domain/environment.js';
import type { RoleRef } from '../../../electron/core/domain/model.js';
import { FakeClock } from '../../support/fake-clock.js';

/** Just enough of Electron's BrowserWindow, WebContents and Session to watch what the adapter does. */
const electron = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports above, so it loads what it needs itself.
  const { EventEmitter: Emitter } = await import('node:events');

  class FakeWebContents extends Emitter {
    openHandler?: (details: { url: string }) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown };
    readonly insertedCss: string[] = [];
    setWindowOpenHandler(handler: NonNullable<FakeWebContents['openHandler']>): void {
      this.openHandler = handler;
    }
    async insertCSS(css: string): Promise<string> {
      this.insertedCss.push(css);
      return `key-${this.insertedCss.length}`;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    static loadFailure: Error | undefined;
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    title: string;
    focused = 0;
    restored = 0;
    minimized = false;
    destroyed = false;
    constructor(
      readonly options: { title: string; backgroundColor?: string; webPreferences: Record<string, unknown> },
    ) {
      super();
      this.title = options.title;
      FakeBrowserWindow.instances.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      if (FakeBrowserWindow.loadFailure) throw FakeBrowserWindow.loadFailure;
    }
    setTitle(title: string): void {
      this.title = title;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.restored += 1;
    }
    show(): void {}
    focus(): void {
      this.focused += 1;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  class FakeSession extends Emitter {
    permissionRequest?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; isMainFrame: boolean },
    ) => void;
    permissionCheck?: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string; embeddingOrigin?: string; isMainFrame: boolean },
    ) => boolean;
    devicePermission?: (details: unknown) => boolean;
    constructor(readonly partition: string) {
      super();
    }
    setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheck']>): void {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: NonNullable<FakeSession['devicePermission']>): void {
      this.devicePermission = handler;
    }
  }

  const sessions = new Map<string, FakeSession>();
  return {
    FakeBrowserWindow,
    FakeWebContents,
    sessions,
    fromPartition: (partition: string) => {
      if (!sessions.has(partition)) sessions.set(partition, new FakeSession(partition));
      return sessions.get(partition) as FakeSession;
    },
    openExternal: async (_url: string) => undefined,
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  session: { fromPartition: (partition: string) => electron.fromPartition(partition) },
  shell: { openExternal: (url: string) => electron.openExternal(url) },
}));

const { ConsoleWindows, consoleFrameCss } = await import('../../../electron/main/console-window.js');

type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;

const PROD_READ_ONLY: RoleRef = { sessionName: 'work', accountId: '111111111111', roleName: 'ReadOnlyAccess' };
const DEV_ADMIN: RoleRef = { sessionName: 'work', accountId: '222222222222', roleName: 'AdministratorAccess' };
const SIGN_IN_URL =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=Lanyard&Destination=x&SigninToken=SECRET';
const HOUR = 60 * 60_000;

/** A navigation event as Electron passes it: the details and preventDefault in one object. */
function navigationEvent(
  url: string,
  isMainFrame = true,
): { url: string; isMainFrame: boolean; preventDefault: () => void; prevented: boolean } {
  const event = {
    url,
    isMainFrame,
    prevented: false,
    preventDefault: () => {
      event.prevented = true;
    },
  };
  return event;
}

let clock: FakeClock;
let external: string[];
let windows: InstanceType<typeof ConsoleWindows>;

function request(ref: RoleRef, overrides: Partial<Parameters<InstanceType<typeof ConsoleWindows>['show']>[0]> = {}) {
  return {
    ref,
    accountName: ref === PROD_READ_ONLY ? 'acme-prod' : 'acme-dev',
    signInUrl: SIGN_IN_URL,
    expiresAt: clock.now() + HOUR,
    region: 'us-east-1',
    ...overrides,
  };
}

function lastWindow(): FakeWindow {
  const window = electron.FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

beforeEach(() => {
  electron.FakeBrowserWindow.instances = [];
  electron.FakeBrowserWindow.loadFailure = undefined;
  electron.sessions.clear();
  clock = new FakeClock();
  external = [];
  windows = new ConsoleWindows({ env: {}, clock, openExternal: async (url) => void external.push(url) });
});

describe('console window options', () => {
  it('has no preload, a sandbox, context isolation, no Node, and the role partition', async () => {
    expect(await windows.show(request(PROD_READ_ONLY))).toBe('opened');
    const window = lastWindow();
    const preferences = window.options.webPreferences;
    expect(preferences).not.toHaveProperty('preload');
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
    expect((preferences.session as { partition: string }).partition).toBe(
      'persist:console-111111111111-ReadOnlyAccess',
    );
    expect(window.loaded).toEqual([SIGN_IN_URL]);
  });

  it('gives each account/role its own session partition', async () => {
    await windows.show(request(PROD_READ_ONLY));
    await windows.show(request(DEV_ADMIN));
    expect([...electron.sessions.keys()]).toEqual([
      'persist:console-111111111111-ReadOnlyAccess',
      'persist:console-222222222222-AdministratorAccess',
    ]);
    expect(electron.FakeBrowserWindow.instances).toHaveLength(2);
  });

  const CONSOLE_PAGE = 'https://us-east-1.console.aws.amazon.com/console/home';
  const REFUSED_PERMISSIONS = [
    'media',
    'display-capture',
    'geolocation',
    'notifications',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'clipboard-read',
    'midiSysex',
  ];

  async function consoleSession(region = 'us-east-1') {
    await windows.show(request(PROD_READ_ONLY, { region }));
    const found = electron.sessions.get('persist:console-111111111111-ReadOnlyAccess');
    if (!found?.permissionRequest || !found.permissionCheck) throw new Error('the session has no permission handlers');
    return found as typeof found & Required<Pick<typeof found, 'permissionRequest' | 'permissionCheck'>>;
  }

  function requested(
    session: Awaited<ReturnType<typeof consoleSession>>,
    permission: string,
    requestingUrl: string,
  ): boolean {
    let answer: boolean | undefined;
    session.permissionRequest(undefined, permission, (value) => (answer = value), { requestingUrl, isMainFrame: true });
    if (answer === undefined) throw new Error('the request was never answered');
    return answer;
  }

  function checked(
    session: Awaited<ReturnType<typeof consoleSession>>,
    permission: string,
    requestingUrl: string,
    embeddingOrigin?: string,
  ): boolean {
    return session.permissionCheck(undefined, permission, new URL(requestingUrl).origin, {
      requestingUrl,
      ...(embeddingOrigin ? { embeddingOrigin } : {}),
      isMainFrame: embeddingOrigin === undefined,
    });
  }

  it('grants AWS console pages only the clipboard and full screen', async () => {
    const session = await consoleSession();
    for (const permission of CONSOLE_PERMISSIONS) {
      expect(requested(session, permission, CONSOLE_PAGE), permission).toBe(true);
      expect(checked(session, permission, CONSOLE_PAGE), permission).toBe(true);
      expect(requested(session, permission, 'https://signin.aws.amazon.com/oauth'), permission).toBe(true);
    }
    for (const permission of REFUSED_PERMISSIONS) {
      expect(requested(session, permission, CONSOLE_PAGE), permission).toBe(false);
      expect(checked(session, permission, CONSOLE_PAGE), permission).toBe(false);
    }
  });

  it('grants nothing to pages that are not the partition console or sign-in', async () => {
    const session = await consoleSession();
    for (const url of [
      'https://evil.example/',
      'https://console.aws.amazon.com.evil.example/',
      'http://console.aws.amazon.com/',
      'https://console.amazonaws-us-gov.com/',
    ]) {
      for (const permission of CONSOLE_PERMISSIONS) {
        expect(requested(session, permission, url), `${permission} for ${url}`).toBe(false);
        expect(checked(session, permission, url), `${permission} for ${url}`).toBe(false);
      }
    }
    // An AWS page framed by another site, and another site framed by AWS.
    expect(checked(session, 'clipboard-sanitized-write', CONSOLE_PAGE, 'https://evil.example')).toBe(false);
    expect(
      checked(session, 'clipboard-sanitized-write', 'https://evil.example/', 'https://console.aws.amazon.com'),
    ).toBe(false);
    expect(session.permissionCheck(undefined, 'fullscreen', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });

  it('follows the partition of the region', async () => {
    const session = await consoleSession('us-gov-west-1');
    expect(requested(session, 'fullscreen', 'https://console.amazonaws-us-gov.com/console/home')).toBe(true);
    expect(requested(session, 'fullscreen', CONSOLE_PAGE)).toBe(false);
  });

  it('permits no device, and cancels every device chooser', async () => {
    const session = await consoleSession();
    expect(session.devicePermission?.({ deviceType: 'hid', origin: 'https://console.aws.amazon.com' })).toBe(false);
    expect(session.devicePermission?.({ deviceType: 'usb', origin: 'https://evil.example' })).toBe(false);
    for (const [event, cancelled] of [
      ['select-hid-device', undefined],
      ['select-usb-device', undefined],
      ['select-serial-port', ''],
    ] as const) {
      const chooser = navigationEvent('');
      const chosen: unknown[] = [];
      const callback = (...args: unknown[]) => void chosen.push(args);
      const devices = [{ deviceId: 'device-1', portId: 'port-1' }];
      if (event === 'select-serial-port') session.emit(event, chooser, devices, undefined, callback);
      else session.emit(event, chooser, { deviceList: devices, frame: null }, callback);
      expect(chooser.prevented, event).toBe(true);
      expect(chosen, event).toEqual([cancelled === undefined ? [] : [cancelled]]);
    }
  });
});

describe('console window title', () => {
  it('shows account, role and time left, updated every minute, and ignores the page title', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const window = lastWindow();
    expect(window.title).toBe('acme-prod (111111111111) — ReadOnlyAccess — 1 h left');
    clock.advance(60_000);
    expect(window.title).toBe('acme-prod (111111111111) — ReadOnlyAccess — 59 min left');
    clock.advance(59 * 60_000);
    expect(window.title).toBe('acme-prod (111111111111) — ReadOnlyAccess — credentials expired');

    const titleEvent = navigationEvent('');
    window.emit('page-title-updated', titleEvent, 'AWS Console Home');
    expect(titleEvent.prevented).toBe(true);
  });

  it('names the environment first, and paints the frame in its colour on every page', async () => {
    const mark = { environment: 'prod', colour: 'pink' } as const;
    await windows.show(request(PROD_READ_ONLY, { accountName: 'payments-prod', mark }));
    const window = lastWindow();
    expect(window.title).toBe('PROD · payments-prod (111111111111) — ReadOnlyAccess — 1 h left');
    clock.advance(60_000);
    expect(window.title).toBe('PROD · payments-prod (111111111111) — ReadOnlyAccess — 59 min left');
    expect(window.options.backgroundColor).toBe(ENVIRONMENT_COLOUR_HEX.pink);
    expect(window.webContents.insertedCss).toEqual([]);
    window.webContents.emit('dom-ready');
    window.webContents.emit('dom-ready');
    expect(window.webContents.insertedCss).toEqual([consoleFrameCss(mark), consoleFrameCss(mark)]);
    expect(consoleFrameCss(mark)).toContain(ENVIRONMENT_COLOUR_HEX.pink);
    expect(consoleFrameCss(mark)).toContain('pointer-events: none');
  });

  it('has no environment prefix nor frame colour for a role without a mark', async () => {
    await windows.show(request(DEV_ADMIN));
    const window = lastWindow();
    expect(window.title).toBe('acme-dev (222222222222) — AdministratorAccess — 1 h left');
    expect(window.options).not.toHaveProperty('backgroundColor');
    window.webContents.emit('dom-ready');
    expect(window.webContents.insertedCss).toEqual([]);
  });

  it('takes a changed mark when the window signs in again', async () => {
    await windows.show(request(DEV_ADMIN, { mark: { environment: 'dev', colour: 'blue' } }));
    const window = lastWindow();
    clock.advance(HOUR);
    await windows.show(request(DEV_ADMIN, { mark: { environment: 'staging', colour: 'orange' } }));
    expect(window.title).toBe('STAGING · acme-dev (222222222222) — AdministratorAccess — 1 h left');
    window.webContents.emit('dom-ready');
    expect(window.webContents.insertedCss).toEqual([consoleFrameCss({ environment: 'staging', colour: 'orange' })]);
  });

  it('stops updating once the window is closed', async () => {
    await windows.show(request(PROD_READ_ONLY));
    expect(clock.pendingTimers).toBe(1);
    lastWindow().close();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('console window navigation', () => {
  it('stays on AWS console and sign-in pages', async () => {
    await windows.show(request(PROD_READ_ONLY));
    for (const url of ['https://us-east-1.console.aws.amazon.com/s3/home', 'https://signin.aws.amazon.com/oauth']) {
      const event = navigationEvent(url);
      lastWindow().webContents.emit('will-navigate', event);
      expect(event.prevented).toBe(false);
    }
    expect(external).toEqual([]);
  });

  it('sends other web pages to the default browser and refuses everything else', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const contents = lastWindow().webContents;
    const toExample = navigationEvent('https://example.com/docs');
    const toFile = navigationEvent('file:///etc/passwd');
    const toPlainHttp = navigationEvent('http://evil.example/');
    const toCustomScheme = navigationEvent('ms-settings:privacy');
    for (const event of [toExample, toFile, toPlainHttp, toCustomScheme]) {
      contents.emit('will-navigate', event);
      expect(event.prevented, event.url).toBe(true);
    }
    expect(external).toEqual(['https://example.com/docs']);
  });

  it('never hands the browser anything but https: or loopback pages, whatever asks', async () => {
    const opened: string[] = [];
    electron.openExternal = async (url) => void opened.push(url);
    try {
      windows = new ConsoleWindows({ env: {}, clock });
      await windows.show(request(PROD_READ_ONLY));
      const handler = lastWindow().webContents.openHandler;
      for (const url of ['https://example.com/', 'http://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)'])
        expect(handler?.({ url })).toEqual({ action: 'deny' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(opened).toEqual(['https://example.com/']);
    } finally {
      electron.openExternal = async () => undefined;
    }
  });

  it('checks main-frame redirects too', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const contents = lastWindow().webContents;
    const away = navigationEvent('https://phish.example/login');
    const frame = navigationEvent('https://widget.example/embed', false);
    contents.emit('will-redirect', away);
    contents.emit('will-redirect', frame);
    expect(away.prevented).toBe(true);
    expect(frame.prevented).toBe(false);
  });

  it('denies new windows off AWS (opening web ones in the default browser) and lets AWS ones open hardened', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const contents = lastWindow().webContents;
    const handler = contents.openHandler;
    expect(handler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://example.com/']);

    const allowed = handler?.({ url: 'https://docs.aws.amazon.com/s3/' }) as {
      action: string;
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
    };
    expect(allowed.action).toBe('allow');
    expect(allowed.overrideBrowserWindowOptions.webPreferences).not.toHaveProperty('preload');
    expect(allowed.overrideBrowserWindowOptions.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect((allowed.overrideBrowserWindowOptions.webPreferences.session as { partition: string }).partition).toBe(
      'persist:console-111111111111-ReadOnlyAccess',
    );
  });

  it('holds windows the console opens to the same rules', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const child = { webContents: new electron.FakeWebContents() };
    lastWindow().webContents.emit('did-create-window', child);
    const away = navigationEvent('https://example.com/');
    child.webContents.emit('will-navigate', away);
    expect(away.prevented).toBe(true);
    expect(child.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('follows the partition of the region', async () => {
    await windows.show(request(PROD_READ_ONLY, { region: 'us-gov-west-1' }));
    const contents = lastWindow().webContents;
    const gov = navigationEvent('https://console.amazonaws-us-gov.com/console/home');
    const commercial = navigationEvent('https://console.aws.amazon.com/console/home');
    contents.emit('will-navigate', gov);
    contents.emit('will-navigate', commercial);
    expect(gov.prevented).toBe(false);
    expect(commercial.prevented).toBe(true);
  });

  it('allows an overridden sign-in endpoint (LANYARD_SIGNIN_ENDPOINT) only by its exact origin', async () => {
    windows = new ConsoleWindows({
      env: { LANYARD_SIGNIN_ENDPOINT: 'http://127.0.0.1:4566' },
      clock,
      openExternal: async (url) => void external.push(url),
    });
    await windows.show(request(PROD_READ_ONLY));
    const contents = lastWindow().webContents;
    const toFake = navigationEvent('http://127.0.0.1:4566/console?destination=x');
    const toOtherPort = navigationEvent('http://127.0.0.1:9999/');
    contents.emit('will-navigate', toFake);
    contents.emit('will-navigate', toOtherPort);
    expect(toFake.prevented).toBe(false);
    expect(toOtherPort.prevented).toBe(true);
  });

  it('refuses webviews', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const event = navigationEvent('');
    lastWindow().webContents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });
});

describe('reusing console windows', () => {
  it('focuses the open window of the same account/role instead of opening another', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const window = lastWindow();
    window.minimized = true;
    expect(windows.hasLiveWindow(PROD_READ_ONLY)).toBe(true);
    expect(await windows.show(request(PROD_READ_ONLY, { signInUrl: `${SIGN_IN_URL}-2` }))).toBe('focused');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.focused).toBe(1);
    expect(window.restored).toBe(1);
    expect(window.loaded).toEqual([SIGN_IN_URL]);
  });

  it('signs the open window in again once its credentials have run out', async () => {
    await windows.show(request(PROD_READ_ONLY));
    const window = lastWindow();
    clock.advance(HOUR);
    expect(windows.hasLiveWindow(PROD_READ_ONLY)).toBe(false);
    expect(await windows.show(request(PROD_READ_ONLY, { signInUrl: `${SIGN_IN_URL}-2` }))).toBe('signed-in-again');
    expect(window.loaded).toEqual([SIGN_IN_URL, `${SIGN_IN_URL}-2`]);
    expect(window.title).toBe('acme-prod (111111111111) — ReadOnlyAccess — 1 h left');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('opens a new window once the old one is closed', async () => {
    await windows.show(request(PROD_READ_ONLY));
    lastWindow().close();
    expect(windows.focus(PROD_READ_ONLY)).toBe(false);
    expect(await windows.show(request(PROD_READ_ONLY))).toBe('opened');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('closes them all', async () => {
    await windows.show(request(PROD_READ_ONLY));
    await windows.show(request(DEV_ADMIN));
    windows.closeAll();
    expect(electron.FakeBrowserWindow.instances.every((window) => window.destroyed)).toBe(true);
    expect(windows.hasLiveWindow(DEV_ADMIN)).toBe(false);
  });
});

describe('a sign-in page that does not load', () => {
  it('is reported by its code, without the URL', async () => {
    electron.FakeBrowserWindow.loadFailure = Object.assign(
      new Error(`ERR_CONNECTION_REFUSED (-102) loading '${SIGN_IN_URL}'`),
      { code: 'ERR_CONNECTION_REFUSED' },
    );
    const error = await windows.show(request(PROD_READ_ONLY)).catch((caught: unknown) => caught);
    expect(isLanyardError(error, 'NETWORK') && error.describe()).toBe(
      'The console window could not load the AWS sign-in page (ERR_CONNECTION_REFUSED).\nCheck your network connection and open the console again.',
    );
    expect(String((error as Error).stack)).not.toContain('SECRET');
  });

  it('is fine when a redirect replaced the load', async () => {
    electron.FakeBrowserWindow.loadFailure = Object.assign(new Error('ERR_ABORTED (-3)'), { code: 'ERR_ABORTED' });
    expect(await windows.show(request(PROD_READ_ONLY))).toBe('opened');
  });
});
