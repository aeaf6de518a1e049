/**
 * Opens a console sign-in URL in a browser, isolated per account/role: a Chrome-family
 * profile folder, a Firefox profile folder, a Firefox container, or (by explicit choice only)
 * the default browser with no isolation at all.
 *
 * The sign-in URL never goes on a command line, where every local user can read it: browser
 * profiles get a private file: launch page (launch-page.ts), and the container add-on and the
 * default browser, which cannot take one, a one-time page on 127.0.0.1 (loopback-page.ts).
 */
import { promises as fs } from 'node:fs';
import { type Clock, sleep } from '../support/clock.js';
import { isLanyardError, LanyardError } from '../domain/errors.js';
import type { EnvironmentMark } from '../domain/environment.js';
import type { RoleRef } from '../domain/model.js';
import type { IsolationMethod } from '../domain/settings.js';
import {
  type BrowserHost,
  browserAtPath,
  findBrowser,
  findFirstBrowser,
  type FoundBrowser,
} from './browser-detection.js';
import { type BrowserFamily, type BrowserId, isBrowserId } from './browsers.js';
import { writeQuietFirefoxPrefs } from './firefox-prefs.js';
import {
  chromiumProfileLaunch,
  containerName,
  firefoxContainerLaunch,
  firefoxContainerUrl,
  firefoxProfileLaunch,
  type LaunchCommand,
} from './launch-commands.js';
import {
  LAUNCH_PAGE_LIFETIME_MS,
  type LaunchPage,
  launchPagesDir,
  removeLaunchPage,
  sweepLaunchPages,
  writeLaunchPage,
} from './launch-page.js';
import { launchDetached, type Spawn } from './launcher.js';
import { type LoopbackPage, serveLoopbackPage } from './loopback-page.js';
import { consoleProfileDir } from './profiles.js';

/** Every isolation method except the in-app window, which the Electron side handles. */
export type BrowserIsolation = Exclude<IsolationMethod, 'in-app'>;

export interface BrowserChoice {
  /** Omitted: follows the browser (Chrome family: its own profile; Firefox: its own profile). */
  isolation?: BrowserIsolation;
  /** A browser name (chrome, chromium, edge, brave, vivaldi, firefox), a path, or empty for the first one found. */
  browser?: string;
}

export interface OpenInBrowserRequest extends BrowserChoice {
  /** The console sign-in URL: a bearer secret. */
  signInUrl: string;
  ref: RoleRef;
  accountName?: string;
  /** The role's environment mark: a Firefox container takes its colour. */
  mark?: EnvironmentMark;
}

export interface OpenInBrowserDeps {
  /** Lanyard's data folder: browser profiles and launch pages live under it. */
  dataDir: string;
  host: BrowserHost;
  clock: Clock;
  /** Opens a URL in the user's default browser, as `open` / `xdg-open` / `start` do (only ever a loopback page). */
  openDefault: (url: string) => Promise<void>;
  spawn?: Spawn;
}

export interface OpenedInBrowser {
  browser: string;
  isolation: BrowserIsolation;
  /** The profile folder or container name the console opened in; absent for the default browser. */
  profile?: string;
  /** Resolves once the launch page (file or loopback) is gone; a short-lived process (the CLI) waits for it. */
  settled: Promise<void>;
  /** For a loopback page: whether a browser fetched it before it closed (false: the browser never came). */
  pickedUp?: Promise<boolean>;
}

export const BROWSER_NAMES = [
  'chrome',
  'chromium',
  'edge',
  'brave',
  'vivaldi',
  'firefox',
  'firefox-container',
  'default',
] as const;

const ISOLATION_FAMILY: Readonly<Record<Exclude<BrowserIsolation, 'default-browser'>, BrowserFamily>> = {
  'chrome-profile': 'chromium',
  'firefox-profile': 'firefox',
  'firefox-container': 'firefox',
};
const FAMILY_ISOLATION: Readonly<Record<BrowserFamily, BrowserIsolation>> = {
  chromium: 'chrome-profile',
  firefox: 'firefox-profile',
};
const PATH_SEPARATOR = /[\\/]/;
const DATA_DIR_HINT = 'Check that Lanyard may write to its data folder (set LANYARD_DATA_DIR to move it).';

/** `--browser` as the CLI takes it: a browser name, `firefox-container`, `default`, or a path. */
export function parseBrowserOption(value: string | undefined): BrowserChoice {
  const name = value?.trim() ?? '';
  if (name === '') return {};
  if (name === 'default') return { isolation: 'default-browser' };
  if (name === 'firefox-container') return { isolation: 'firefox-container', browser: 'firefox' };
  if (isBrowserId(name) || PATH_SEPARATOR.test(name)) return { browser: name };
  throw unknownBrowser(name);
}

/** The browser and isolation method a choice comes down to on this machine. */
export function resolveBrowserChoice(
  choice: BrowserChoice,
  host: BrowserHost,
): { isolation: BrowserIsolation; browser?: FoundBrowser } {
  if (choice.isolation === 'default-browser') return { isolation: 'default-browser' };
  const wanted = choice.browser?.trim() ?? '';
  let browser: FoundBrowser;
  if (wanted !== '')
    browser = PATH_SEPARATOR.test(wanted) ? browserAtPath(wanted, host) : findBrowser(knownBrowser(wanted), host);
  else if (choice.isolation) browser = findFirstBrowser(ISOLATION_FAMILY[choice.isolation], host);
  else browser = findFirstOfAnyFamily(host);

  const isolation = choice.isolation ?? FAMILY_ISOLATION[browser.family];
  if (isolation !== 'default-browser' && ISOLATION_FAMILY[isolation] !== browser.family) {
    throw new LanyardError(
      'USAGE',
      `${browser.displayName} cannot open the console with ${isolation} isolation.`,
      'Chrome-family browsers use their own profiles; Firefox uses profiles or containers.',
    );
  }
  return { isolation, browser };
}

export async function openConsoleInBrowser(
  request: OpenInBrowserRequest,
  deps: OpenInBrowserDeps,
): Promise<OpenedInBrowser> {
  const { isolation, browser } = resolveBrowserChoice(request, deps.host);
  if (!browser) {
    // The system's opener hands the URL to whichever browser is the default, as an argument,
    // and would open a file: launch page in whatever .html files open in: a loopback page it is.
    const page = await serveLoopbackPage(request.signInUrl, { clock: deps.clock });
    await startWith(page, () => deps.openDefault(page.url));
    return { browser: 'the default browser', isolation, settled: page.closed, pickedUp: page.served };
  }

  if (isolation === 'firefox-container') {
    // The add-on only takes the URL inside the ext+container: URI and may not open file:
    // pages, so the URI carries a loopback page's URL, never the sign-in URL.
    const target = {
      ref: request.ref,
      ...(request.accountName ? { accountName: request.accountName } : {}),
      ...(request.mark ? { mark: request.mark } : {}),
    };
    const page = await serveLoopbackPage(request.signInUrl, { clock: deps.clock });
    await startWith(page, () =>
      launchDetached(firefoxContainerLaunch(browser.executable, firefoxContainerUrl(target, page.url)), deps.spawn),
    );
    return {
      browser: browser.displayName,
      isolation,
      profile: containerName(target),
      settled: page.closed,
      pickedUp: page.served,
    };
  }

  const profileDir = consoleProfileDir(deps.dataDir, browser.profileKey, request.ref);
  await prepareProfileDir(profileDir, browser.family);
  const page = await prepareLaunchPage(deps, request.signInUrl);
  const launch: LaunchCommand =
    browser.family === 'chromium'
      ? chromiumProfileLaunch(browser.executable, profileDir, page.url)
      : firefoxProfileLaunch(browser.executable, profileDir, page.url);
  try {
    await launchDetached(launch, deps.spawn);
  } catch (error) {
    await removeLaunchPage(page);
    throw error;
  }
  const settled = sleep(deps.clock, LAUNCH_PAGE_LIFETIME_MS).then(() => removeLaunchPage(page));
  return { browser: browser.displayName, isolation, profile: profileDir, settled };
}

function knownBrowser(name: string): BrowserId {
  if (isBrowserId(name)) return name;
  throw unknownBrowser(name);
}

function unknownBrowser(name: string): LanyardError {
  return new LanyardError(
    'USAGE',
    `"${name}" is not a browser Lanyard knows.`,
    `Use one of ${BROWSER_NAMES.join(', ')}, or the path to a browser's executable.`,
  );
}

/** Chrome family first (its profiles need no add-on), then Firefox. */
function findFirstOfAnyFamily(host: BrowserHost): FoundBrowser {
  try {
    return findFirstBrowser('chromium', host);
  } catch (chromiumError) {
    if (!isLanyardError(chromiumError, 'BROWSER_NOT_FOUND')) throw chromiumError;
    try {
      return findFirstBrowser('firefox', host);
    } catch (firefoxError) {
      if (!isLanyardError(firefoxError, 'BROWSER_NOT_FOUND')) throw firefoxError;
      throw new LanyardError(
        'BROWSER_NOT_FOUND',
        `${chromiumError.message}\n${firefoxError.message}`,
        chromiumError.hint,
      );
    }
  }
}

/** Runs the launch; if it fails, the loopback page closes at once instead of waiting out its lifetime. */
async function startWith(page: LoopbackPage, launch: () => Promise<void>): Promise<void> {
  try {
    await launch();
  } catch (error) {
    await page.close();
    throw error;
  }
}

async function prepareLaunchPage(deps: OpenInBrowserDeps, signInUrl: string): Promise<LaunchPage> {
  const dir = launchPagesDir(deps.dataDir);
  try {
    await sweepLaunchPages(dir, deps.clock.now());
    return await writeLaunchPage(dir, signInUrl);
  } catch (error) {
    throw new LanyardError(
      'FILE',
      `Cannot write a console launch page in ${dir}: ${(error as Error).message}`,
      DATA_DIR_HINT,
    );
  }
}

async function prepareProfileDir(dir: string, family: BrowserFamily): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    if (family === 'firefox') await writeQuietFirefoxPrefs(dir);
  } catch (error) {
    throw new LanyardError(
      'FILE',
      `Cannot prepare the browser profile folder ${dir}: ${(error as Error).message}`,
      DATA_DIR_HINT,
    );
  }
}
