/**
 * The options of every window Lanyard opens for its own pages, from one pure function so a
 * test can check each of them: isolated, sandboxed, no Node, web security on, no webviews,
 * and our preload only.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { AppPage } from './app-locations.js';

export interface WindowContext {
  preload: string;
  platform: NodeJS.Platform;
  /** DevTools only in a development checkout. */
  devTools: boolean;
}

export const PALETTE_SIZE = { width: 640, height: 440 } as const;
/** The main window opens at this size and cannot be made smaller than the minimum. */
export const MAIN_WINDOW_SIZE = { width: 1040, height: 720 } as const;
export const MAIN_WINDOW_MIN_SIZE = { width: 720, height: 480 } as const;

/** The locked-down web preferences every app page gets. */
export function appWebPreferences(context: WindowContext): WebPreferences {
  return {
    preload: context.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: context.devTools,
  };
}

export function appWindowOptions(page: AppPage, context: WindowContext): BrowserWindowConstructorOptions {
  const webPreferences = appWebPreferences(context);
  if (page === 'main') {
    return {
      title: 'Lanyard',
      ...MAIN_WINDOW_SIZE,
      minWidth: MAIN_WINDOW_MIN_SIZE.width,
      minHeight: MAIN_WINDOW_MIN_SIZE.height,
      show: false,
      webPreferences,
    };
  }
  return {
    title: 'Lanyard search',
    ...PALETTE_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    // A panel on macOS shows over full-screen apps and does not activate the Dock icon.
    ...(context.platform === 'darwin' ? { type: 'panel' } : {}),
    webPreferences,
  };
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The palette centred across the screen's work area, a little above the middle (where eyes go). */
export function paletteBounds(workArea: Rectangle, size: { width: number; height: number } = PALETTE_SIZE): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: workArea.x + Math.round((workArea.width - width) / 2),
    y: workArea.y + Math.round((workArea.height - height) / 3),
    width,
    height,
  };
}
