/**
 * A stand-in for the `electron` module (no Electron binary runs in these tests):
 *
 *   vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);
 *
 * Objects keep their identity across tests (modules under test hold them); `resetElectronFake()`
 * gives them fresh spies and forgets every window, tray and notification.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly send = vi.fn();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler;
  });
  isLoading = vi.fn(() => false);
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  readonly loadFile = vi.fn(async (_file: string) => {});
  readonly loadURL = vi.fn(async (_url: string) => {});
  readonly setTitle = vi.fn();
  readonly setBounds = vi.fn();
  readonly focus = vi.fn();

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    electronFake.app.emit('browser-window-created', {}, this);
  }

  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  close(): void {
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
  /** What Electron does once the page has rendered. */
  ready(): void {
    this.emit('ready-to-show');
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  readonly setImage = vi.fn();
  readonly setToolTip = vi.fn();
  readonly setContextMenu = vi.fn();
  readonly destroy = vi.fn();
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported = vi.fn(() => true);
  readonly show = vi.fn();
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
}

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
    protocol: { handle: vi.fn() },
    setProxy: vi.fn(async () => {}),
    setCertificateVerifyProc: vi.fn(),
    closeAllConnections: vi.fn(async () => {}),
  };
}

function appSpies() {
  return {
    isPackaged: false,
    setName: vi.fn(),
    setPath: vi.fn(),
    getAppPath: vi.fn(() => '/checkout'),
    getPath: vi.fn(() => '/user-data'),
    getVersion: vi.fn(() => '0.1.0'),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    focus: vi.fn(),
    setAppUserModelId: vi.fn(),
    setLoginItemSettings: vi.fn(),
    dock: { hide: vi.fn(), show: vi.fn(async () => {}) } as
      { hide: ReturnType<typeof vi.fn>; show: ReturnType<typeof vi.fn> } | undefined,
  };
}

export const electronFake = {
  app: Object.assign(new EventEmitter(), appSpies()),
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) },
  nativeImage: { createFromPath: vi.fn((file: string) => ({ file })) },
  globalShortcut: { register: vi.fn(() => true), unregister: vi.fn(), unregisterAll: vi.fn() },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn() },
  session: { defaultSession: fakeSession(), fromPartition: vi.fn(() => fakeSession()) },
  shell: { openExternal: vi.fn(async () => {}) },
  clipboard: { writeText: vi.fn() },
  ClipboardItem: class {
    constructor(readonly items: Record<string, unknown>) {}
  },
  screen: {
    getCursorScreenPoint: vi.fn(() => ({ x: 2500, y: 300 })),
    getDisplayNearestPoint: vi.fn(() => ({ workArea: { x: 1920, y: 0, width: 2560, height: 1400 } })),
  },
  powerMonitor: new EventEmitter(),
  // Chromium's network: what Lanyard's own requests go through (see net-request-handler.test.ts).
  net: { request: vi.fn(), fetch: vi.fn() },
  dialog: { showErrorBox: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => undefined), on: vi.fn(), removeListener: vi.fn() },
};

/** The module as `import ... from 'electron'` sees it (electron-store uses the default export). */
export const electronModule = { ...electronFake, default: electronFake };

export function resetElectronFake(): void {
  electronFake.app.removeAllListeners();
  Object.assign(electronFake.app, appSpies());
  electronFake.powerMonitor.removeAllListeners();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.isSupported = vi.fn(() => true);
  electronFake.Menu.buildFromTemplate = vi.fn((template: unknown[]) => ({ template }));
  electronFake.nativeImage.createFromPath = vi.fn((file: string) => ({ file }));
  Object.assign(electronFake.globalShortcut, {
    register: vi.fn(() => true),
    unregister: vi.fn(),
    unregisterAll: vi.fn(),
  });
  Object.assign(electronFake.ipcMain, { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn() });
  Object.assign(electronFake.session.defaultSession, fakeSession());
  electronFake.session.fromPartition = vi.fn(() => fakeSession());
  electronFake.shell.openExternal = vi.fn(async () => {});
  electronFake.clipboard.writeText = vi.fn();
  electronFake.dialog.showErrorBox = vi.fn();
  electronFake.contextBridge.exposeInMainWorld = vi.fn();
  Object.assign(electronFake.ipcRenderer, {
    invoke: vi.fn(async () => undefined),
    on: vi.fn(),
    removeListener: vi.fn(),
  });
}
