/**
 * Browser end-to-end harness for the renderer: serves the built renderer (dist/renderer),
 * launches Debian's Chromium through Playwright, and opens the main window or the palette
 * with `window.lanyard` bridged to any LanyardCommands implementation: the in-memory stand-in
 * here, or the core's real facade.
 *
 *   const harness = await startHarness();
 *   const app = await harness.open({ commands: new InMemoryLanyard({ roles: 10_000 }) });
 *   await app.page.getByRole('combobox', { name: 'Filter accounts and roles' }).fill('pay');
 *   expect(app.callsTo('openConsole')).toEqual([[key]]);
 *   await harness.close();
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import type { LanyardCommands } from '../../../electron/ipc/contract.js';
import { MAIN_WINDOW_SIZE, PALETTE_SIZE } from '../../../electron/main/window-options.js';
import { installBridge, type BridgedMethod, type RecordedCall, type WindowControls } from './bridge.js';
import { installRenderCounter } from './render-counter.js';
import { startStaticServer, type StaticServer } from './static-server.js';

export {
  COMMAND_METHODS,
  type BridgedMethod,
  type CommandMethod,
  type RecordedCall,
  type WindowControls,
} from './bridge.js';
export {
  DEVICE_USER_CODE,
  FAKE_SECRETS,
  InMemoryLanyard,
  type InMemoryLanyardOptions,
  type InMemorySession,
} from './in-memory-lanyard.js';
export { startRealCore, type RealCore } from './real-core.js';
export { renderCounts, resetRenderCounts, type RenderCounts } from './render-counter.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
export const ARTIFACTS_DIR = path.join(ROOT, 'test/artifacts');

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Pages open at the windows' real sizes unless a test asks for another.
export { MAIN_WINDOW_SIZE, PALETTE_SIZE };

export interface OpenOptions {
  /** What window.lanyard talks to. */
  commands: LanyardCommands;
  /** Window controls; by default they only record the call. */
  windowControls?: Partial<WindowControls>;
  /** Which window: the main window (index.html, default) or the palette (palette.html). */
  window?: 'main' | 'palette';
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * Installs Playwright's fake clock at this time (epoch ms) before the page loads; time then
   * flows on its own unless `paused`, when it moves only through page.clock.runFor and friends.
   */
  clock?: { at: number; paused?: boolean };
  /** Counts React renders (see render-counter.ts). */
  countRenders?: boolean;
  /** Allows navigator.clipboard in the page. */
  clipboard?: boolean;
}

export interface LanyardPage {
  page: Page;
  context: BrowserContext;
  /** Every window.lanyard call the page made, in order. */
  calls: readonly RecordedCall[];
  /** The argument lists of each call to `method`. */
  callsTo(method: BridgedMethod): unknown[][];
  /** Fires onPaletteShown, as the main process does when the hotkey shows the palette. */
  showPalette(): Promise<void>;
  /** Fires onShowDiagnostics, as the main process does for the tray's Help → Diagnostics. */
  showDiagnostics(): Promise<void>;
  /** Errors the page threw or logged, e.g. Content-Security-Policy violations. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface Harness {
  browser: Browser;
  server: StaticServer;
  open(options: OpenOptions): Promise<LanyardPage>;
  close(): Promise<void>;
}

/** Starts the static server and Chromium. Needs a built renderer (`npm run build`). */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}; run \`npm run build\` first.`);
  }
  const server = await startStaticServer(RENDERER_DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const pages = new Set<LanyardPage>();

  const open = async (options: OpenOptions): Promise<LanyardPage> => {
    const isPalette = options.window === 'palette';
    const context = await browser.newContext({
      viewport: options.viewport ?? (isPalette ? PALETTE_SIZE : MAIN_WINDOW_SIZE),
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
    if (options.clipboard)
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    if (options.clock?.paused) {
      await page.clock.install({ time: options.clock.at - 1000 });
      await page.clock.pauseAt(options.clock.at);
    } else if (options.clock) {
      await page.clock.install({ time: options.clock.at });
    }
    if (options.countRenders) await installRenderCounter(page);
    const windowControls: WindowControls = {
      showMainWindow: options.windowControls?.showMainWindow ?? (async () => undefined),
      hidePalette: options.windowControls?.hidePalette ?? (async () => undefined),
      getDiagnostics: options.windowControls?.getDiagnostics ?? (async () => ({ checks: [] })),
    };
    const bridge = await installBridge(page, options.commands, windowControls);
    await page.goto(new URL(isPalette ? 'palette.html' : 'index.html', server.url).href);

    const lanyardPage: LanyardPage = {
      page,
      context,
      calls: bridge.calls,
      callsTo: (method) => bridge.calls.filter((call) => call.method === method).map((call) => call.args),
      showPalette: () => bridge.showPalette(),
      showDiagnostics: () => bridge.showDiagnostics(),
      pageErrors,
      close: async () => {
        pages.delete(lanyardPage);
        bridge.dispose();
        await context.close();
      },
    };
    pages.add(lanyardPage);
    return lanyardPage;
  };

  return {
    browser,
    server,
    open,
    close: async () => {
      await Promise.all([...pages].map((opened) => opened.close()));
      await browser.close();
      await server.close();
    },
  };
}
