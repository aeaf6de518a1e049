/**
 * In-app console windows: one BrowserWindow per account/role, each on its own persistent
 * session partition, so several identities stay signed in side by side. The pages are AWS's,
 * so the windows get no preload, a sandbox and context isolation; navigation stays on the
 * partition's console and sign-in hosts (decided in core/console/navigation.ts), other https:
 * links go to the user's browser and everything else is refused. Only those pages get a
 * permission (the clipboard, full screen), and no page gets a device (web-security.ts).
 */
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Session,
  session,
  shell,
  type WebContents,
} from 'electron';
import { type Clock, systemClock } from '../core/support/clock.js';
import { guardExternalOpener } from '../core/console/external-url.js';
import { consoleNavigationPolicy, judgeNavigation, type NavigationPolicy } from '../core/console/navigation.js';
import { partitionOfRegion } from '../core/console/partitions.js';
import { consolePartitionName, consoleProfileId } from '../core/console/profiles.js';
import { overriddenSigninOrigins } from '../core/console/signin-url.js';
import { type ConsoleTitleInput, consoleWindowTitle, TITLE_REFRESH_MS } from '../core/console/window-title.js';
import { ENVIRONMENT_COLOUR_HEX, type EnvironmentMark } from '../core/domain/environment.js';
import { LanyardError } from '../core/domain/errors.js';
import { type Logger, silentLogger } from '../core/support/log.js';
import type { RoleRef } from '../core/domain/model.js';
import type { Env } from '../core/support/paths.js';
import { hardenConsoleSession } from './web-security.js';

export interface ConsoleWindowRequest {
  ref: RoleRef;
  accountName?: string;
  /** The console sign-in URL: a bearer secret, loaded but never logged. */
  signInUrl: string;
  /** When the role credentials behind the console session expire, epoch ms. */
  expiresAt: number;
  /** The console's region; its partition decides which hosts the window may show. */
  region: string;
  /** The role's environment and colour: the title names it, and the window's frame takes its colour. */
  mark?: EnvironmentMark;
}

/** `opened`: a new window; `focused`: the role's window was open and still signed in; `signed-in-again`: it was open but its credentials had run out. */
export type ConsoleWindowOutcome = 'opened' | 'focused' | 'signed-in-again';

export interface ConsoleWindowsOptions {
  /** Read for LANYARD_SIGNIN_ENDPOINT, whose origin the windows then allow too. */
  env?: Env;
  clock?: Clock;
  logger?: Logger;
  /** Opens a link in the user's default browser (only https: and loopback ones ever reach it). */
  openExternal?: (url: string) => Promise<void>;
}

export const CONSOLE_WINDOW_SIZE = { width: 1280, height: 860 } as const;
/** Chromium's code for a load that another navigation replaced: normal around sign-in redirects. */
const LOAD_ABORTED = 'ERR_ABORTED';

interface OpenConsole {
  window: BrowserWindow;
  title: ConsoleTitleInput;
  mark?: EnvironmentMark;
  titleTimer?: unknown;
}

/** How thick the coloured frame line across the top of a console window's page is, CSS px. */
const FRAME_LINE_PX = 4;

/**
 * The stylesheet that draws the environment's colour as a line across the top of the console
 * page, above everything and never in the way of a click: the window's frame, in the colour
 * of the role's badge and Firefox container. Styles only; no script ever runs in the page.
 */
export function consoleFrameCss(mark: EnvironmentMark): string {
  return [
    'html::after {',
    "content: ''; position: fixed; top: 0; left: 0; right: 0;",
    `height: ${FRAME_LINE_PX}px; background: ${ENVIRONMENT_COLOUR_HEX[mark.colour]};`,
    'z-index: 2147483647; pointer-events: none;',
    '}',
  ].join(' ');
}

function titleOf(request: ConsoleWindowRequest): ConsoleTitleInput {
  return {
    ref: request.ref,
    ...(request.accountName ? { accountName: request.accountName } : {}),
    expiresAt: request.expiresAt,
    ...(request.mark ? { environment: request.mark.environment } : {}),
  };
}

/** The web preferences of every console window and of the windows it may open. */
export function consoleWebPreferences(
  consoleSession: Session,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    session: consoleSession,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    safeDialogs: true,
    navigateOnDragDrop: false,
  };
}

export class ConsoleWindows {
  private readonly open = new Map<string, OpenConsole>();
  private readonly hardenedSessions = new WeakSet<Session>();
  private readonly env: Env;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly openExternal: (url: string) => Promise<void>;

  constructor(options: ConsoleWindowsOptions = {}) {
    this.env = options.env ?? process.env;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.openExternal = guardExternalOpener(options.openExternal ?? ((url) => shell.openExternal(url)), {
      env: this.env,
    });
  }

  /** Whether the role has a console window whose credentials are still good (so no new sign-in URL is needed). */
  hasLiveWindow(ref: RoleRef): boolean {
    const entry = this.open.get(consoleProfileId(ref));
    return entry !== undefined && this.clock.now() < entry.title.expiresAt;
  }

  /** Brings the role's console window forward; false when it has none. */
  focus(ref: RoleRef): boolean {
    const entry = this.open.get(consoleProfileId(ref));
    if (!entry) return false;
    if (entry.window.isMinimized()) entry.window.restore();
    entry.window.show();
    entry.window.focus();
    return true;
  }

  /** Opens the role's console window, or reuses the one that is open (signing it in again if its credentials ran out). */
  async show(request: ConsoleWindowRequest): Promise<ConsoleWindowOutcome> {
    const id = consoleProfileId(request.ref);
    const existing = this.open.get(id);
    if (existing) {
      this.focus(request.ref);
      if (this.clock.now() < existing.title.expiresAt) return 'focused';
      existing.title = titleOf(request);
      // The user may have changed the account's badge meanwhile: the next page load shows the new colour.
      existing.mark = request.mark;
      this.refreshTitle(existing);
      await this.load(existing.window, request.signInUrl);
      return 'signed-in-again';
    }

    const consoleSession = session.fromPartition(consolePartitionName(request.ref));
    // A role's partition is always the same (its sso-session's), so one policy fits its session.
    const policy = consoleNavigationPolicy(partitionOfRegion(request.region), overriddenSigninOrigins(this.env));
    this.hardenSession(consoleSession, policy);
    const title = titleOf(request);
    const window = new BrowserWindow({
      ...CONSOLE_WINDOW_SIZE,
      title: consoleWindowTitle(title, this.clock.now()),
      autoHideMenuBar: true,
      // What shows before the page paints: the environment's colour, not a white flash.
      ...(request.mark ? { backgroundColor: ENVIRONMENT_COLOUR_HEX[request.mark.colour] } : {}),
      webPreferences: consoleWebPreferences(consoleSession),
    });
    const entry: OpenConsole = { window, title, ...(request.mark ? { mark: request.mark } : {}) };
    this.open.set(id, entry);
    // The title is ours (account, role, time left), not the page's.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.on('closed', () => {
      if (entry.titleTimer !== undefined) this.clock.clearTimeout(entry.titleTimer);
      this.open.delete(id);
    });
    this.guardNavigation(window.webContents, policy, consoleSession);
    this.paintFrame(entry);
    this.scheduleTitle(entry);
    await this.load(window, request.signInUrl);
    return 'opened';
  }

  closeAll(): void {
    for (const { window } of [...this.open.values()]) window.close();
  }

  private hardenSession(consoleSession: Session, policy: NavigationPolicy): void {
    if (this.hardenedSessions.has(consoleSession)) return;
    this.hardenedSessions.add(consoleSession);
    hardenConsoleSession(consoleSession, policy);
  }

  /** Keeps a console window, and any window it opens, on the policy's hosts. */
  private guardNavigation(contents: WebContents, policy: NavigationPolicy, consoleSession: Session): void {
    const steer = (event: { preventDefault(): void }, url: string): void => {
      const verdict = judgeNavigation(url, policy);
      if (verdict === 'allow') return;
      event.preventDefault();
      this.sendAway(url, verdict);
    };
    contents.on('will-navigate', (event) => steer(event, event.url));
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame) steer(event, event.url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const verdict = judgeNavigation(url, policy);
      if (verdict === 'allow') {
        return {
          action: 'allow',
          overrideBrowserWindowOptions: {
            autoHideMenuBar: true,
            webPreferences: consoleWebPreferences(consoleSession),
          },
        };
      }
      this.sendAway(url, verdict);
      return { action: 'deny' };
    });
    contents.on('did-create-window', (child) => this.guardNavigation(child.webContents, policy, consoleSession));
  }

  private sendAway(url: string, verdict: 'open-external' | 'deny'): void {
    const host = URL.parse(url)?.host ?? '';
    if (verdict === 'deny') {
      this.logger.info('console window: refused a navigation', { host });
      return;
    }
    this.logger.info('console window: opened a link in the default browser', { host });
    this.openExternal(url).catch(() =>
      this.logger.warn('console window: the default browser did not open a link', { host }),
    );
  }

  /** Draws the environment's colour on every page the window loads (a page's styles go with it). */
  private paintFrame(entry: OpenConsole): void {
    entry.window.webContents.on('dom-ready', () => {
      if (!entry.mark || entry.window.isDestroyed()) return;
      entry.window.webContents.insertCSS(consoleFrameCss(entry.mark)).catch(() => {
        // A page that went away before its styles arrived: the next one gets them.
      });
    });
  }

  private scheduleTitle(entry: OpenConsole): void {
    entry.titleTimer = this.clock.setTimeout(() => {
      if (entry.window.isDestroyed()) return;
      this.refreshTitle(entry);
      this.scheduleTitle(entry);
    }, TITLE_REFRESH_MS);
  }

  private refreshTitle(entry: OpenConsole): void {
    entry.window.setTitle(consoleWindowTitle(entry.title, this.clock.now()));
  }

  /** Loads the sign-in URL; a failure is reported by its Chromium code only, since its message holds the URL. */
  private async load(window: BrowserWindow, signInUrl: string): Promise<void> {
    try {
      await window.loadURL(signInUrl);
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ERR_FAILED';
      if (code === LOAD_ABORTED) return;
      throw new LanyardError(
        'NETWORK',
        `The console window could not load the AWS sign-in page (${code}).`,
        'Check your network connection and open the console again.',
      );
    }
  }
}
