/**
 * Lanyard's own windows: the main window (created when asked for, closed for real so an idle
 * tray app holds no renderer) and the search palette (kept once created, so the hotkey shows
 * it at once). Knows which web contents are ours, for the IPC sender check and for events.
 * On macOS the Dock icon shows only while a window other than the palette is open.
 */
import { BrowserWindow, app, screen, shell } from 'electron';
import { EVENT_CHANNELS, type EventChannel } from '../ipc/contract.js';
import type { AppLocations, AppPage } from './app-locations.js';
import { hardenAppContents } from './web-security.js';
import { appWindowOptions, paletteBounds } from './window-options.js';

/** Whether the Dock icon should show: while any window but the palette is visible. */
export function shouldShowDock(windows: ReadonlyArray<{ visible: boolean; palette: boolean }>): boolean {
  return windows.some((window) => window.visible && !window.palette);
}

export class AppWindows {
  private main: BrowserWindow | undefined;
  private palette: BrowserWindow | undefined;
  private readonly contentsIds = new Set<number>();
  /** Windows whose page has rendered once (shown before that, they flash empty). */
  private readonly ready = new WeakSet<BrowserWindow>();

  constructor(
    private readonly locations: AppLocations,
    private readonly platform: NodeJS.Platform,
    private readonly devTools: boolean,
  ) {
    if (platform === 'darwin') {
      // Every window counts, console windows included.
      app.on('browser-window-created', (_event, window) => {
        const sync = (): void => this.syncDock();
        window.on('show', sync);
        window.on('hide', sync);
        window.on('closed', sync);
      });
    }
  }

  /** Whether these web contents belong to one of our app windows. */
  ownsContents(id: number): boolean {
    return this.contentsIds.has(id);
  }

  /** Sends an event to every open app page. */
  send(channel: EventChannel, payload?: unknown): void {
    for (const window of [this.main, this.palette]) {
      if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
    }
  }

  showMain(): void {
    this.main ??= this.create('main', (window) => {
      window.on('closed', () => (this.main = undefined));
      return () => window.show();
    });
    if (!this.ready.has(this.main)) return;
    if (this.main.isMinimized()) this.main.restore();
    this.main.show();
    this.main.focus();
  }

  /** Help → Diagnostics: the main window, showing the diagnostics (once its page can hear it). */
  showDiagnostics(): void {
    this.showMain();
    const main = this.main;
    if (!main) return;
    const tell = (): void => main.webContents.send(EVENT_CHANNELS.onShowDiagnostics);
    if (this.ready.has(main)) tell();
    else main.once('ready-to-show', tell);
  }

  showPalette(): void {
    this.palette ??= this.create('palette', (window) => {
      window.on('blur', () => window.hide());
      window.on('closed', () => (this.palette = undefined));
      return () => this.revealPalette(window);
    });
    if (this.ready.has(this.palette)) this.revealPalette(this.palette);
  }

  togglePalette(): void {
    if (this.palette?.isVisible()) this.hidePalette();
    else this.showPalette();
  }

  hidePalette(): void {
    this.palette?.hide();
  }

  private revealPalette(palette: BrowserWindow): void {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    palette.setBounds(paletteBounds(display.workArea));
    // A shortcut fires while another app is in front: take focus from it.
    if (this.platform === 'darwin') app.focus({ steal: true });
    palette.show();
    palette.focus();
    palette.webContents.send(EVENT_CHANNELS.onPaletteShown);
  }

  /** Opens a page in a new window; `setUp` returns what to do once it is ready to show. */
  private create(page: AppPage, setUp: (window: BrowserWindow) => () => void): BrowserWindow {
    const window = new BrowserWindow(
      appWindowOptions(page, { preload: this.locations.preload, platform: this.platform, devTools: this.devTools }),
    );
    const { webContents } = window;
    const id = webContents.id;
    this.contentsIds.add(id);
    window.on('closed', () => this.contentsIds.delete(id));
    hardenAppContents(webContents, (url) => void shell.openExternal(url));
    const onReady = setUp(window);
    window.once('ready-to-show', () => {
      this.ready.add(window);
      onReady();
    });
    void window.loadURL(this.locations.pageUrls[page]);
    return window;
  }

  private syncDock(): void {
    const windows = BrowserWindow.getAllWindows()
      .filter((window) => !window.isDestroyed())
      .map((window) => ({ visible: window.isVisible(), palette: window === this.palette }));
    if (shouldShowDock(windows)) void app.dock?.show();
    else app.dock?.hide();
  }
}
