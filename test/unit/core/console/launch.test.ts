import { EventEmitter } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../../../electron/core/console/browser-detection.js';
import { QUIET_FIREFOX_PREFS } from '../../../../electron/core/console/firefox-prefs.js';
import {
  CHROMIUM_QUIET_FLAGS,
  containerName,
  containerStyle,
  firefoxContainerUrl,
} from '../../../../electron/core/console/launch-commands.js';
import {
  LAUNCH_PAGE_LIFETIME_MS,
  launchPageHtml,
  launchPagesDir,
  sweepLaunchPages,
  writeLaunchPage,
} from '../../../../electron/core/console/launch-page.js';
import { DETACHED_SPAWN_OPTIONS, launchDetached, type Spawn } from '../../../../electron/core/console/launcher.js';
import { LOOPBACK_PAGE_LIFETIME_MS } from '../../../../electron/core/console/loopback-page.js';
import {
  openConsoleInBrowser,
  type OpenInBrowserRequest,
  parseBrowserOption,
  resolveBrowserChoice,
} from '../../../../electron/core/console/open-in-browser.js';
import { consoleProfileDir } from '../../../../electron/core/console/profiles.js';
import { type EnvironmentOverride, environmentMark } from '../../../../electron/core/domain/environment.js';
import { isLanyardError, type LanyardError } from '../../../../electron/core/domain/errors.js';
import type { RoleRef } from '../../../../electron/core/domain/model.js';
import { FakeClock } from '../../../support/fake-clock.js';

const SIGN_IN_URL =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=Lanyard&Destination=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Dus-east-1&SigninToken=SECRET-SIGNIN-TOKEN';
const SECRET = 'SECRET-SIGNIN-TOKEN';
const REF: RoleRef = { sessionName: 'work', accountId: '111111111111', roleName: 'ReadOnlyAccess' };

interface SpawnCall {
  command: string;
  args: readonly string[];
  options: unknown;
}

/** A spawn that records its calls and starts (or fails to start) like child_process.spawn. */
function fakeSpawn(failure?: NodeJS.ErrnoException): { spawn: Spawn; calls: SpawnCall[]; unrefs: () => number } {
  const calls: SpawnCall[] = [];
  let unrefs = 0;
  const spawn: Spawn = (command, args, options) => {
    calls.push({ command, args: [...args], options });
    const child = Object.assign(new EventEmitter(), { unref: () => void (unrefs += 1) });
    setImmediate(() => (failure ? child.emit('error', failure) : child.emit('spawn')));
    return child as unknown as ReturnType<Spawn>;
  };
  return { spawn, calls, unrefs: () => unrefs };
}

function hostWith(platform: NodeJS.Platform, executables: string[], env: Record<string, string>): BrowserHost {
  const present = new Set(executables);
  return { platform, env, isExecutable: (file) => present.has(file) };
}

/** One machine per OS with every browser at its usual place. */
const MACHINES: Record<
  'linux' | 'darwin' | 'win32',
  { host: BrowserHost; chrome: string; edge: string; firefox: string }
> = {
  linux: {
    host: hostWith('linux', ['/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/firefox'], {
      HOME: '/home/ann',
      PATH: '/usr/bin',
    }),
    chrome: '/usr/bin/google-chrome-stable',
    edge: '/usr/bin/microsoft-edge',
    firefox: '/usr/bin/firefox',
  },
  darwin: {
    host: hostWith(
      'darwin',
      [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Applications/Firefox.app/Contents/MacOS/firefox',
      ],
      { HOME: '/Users/ann', PATH: '/usr/bin:/bin' },
    ),
    chrome: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    edge: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    firefox: '/Applications/Firefox.app/Contents/MacOS/firefox',
  },
  win32: {
    host: hostWith(
      'win32',
      [
        'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
      ],
      {
        USERPROFILE: 'C:\\Users\\ann',
        Path: 'C:\\Windows',
        ProgramFiles: 'C:\\Program Files',
        'ProgramFiles(x86)': 'C:\\Program Files (x86)',
        LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
      },
    ),
    chrome: 'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    edge: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    firefox: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
  },
};

let dataDir: string;
/** Runs out the clock of every launch a test made, so its launch page (file or loopback server) is gone. */
let pending: Array<() => Promise<void>> = [];
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-console-'));
});
afterEach(async () => {
  await Promise.all(pending.map((finish) => finish()));
  pending = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(
  machine: BrowserHost,
  choice: Partial<OpenInBrowserRequest>,
  options: { clock?: FakeClock; failure?: NodeJS.ErrnoException } = {},
) {
  const spawned = fakeSpawn(options.failure);
  const opened: string[] = [];
  const clock = options.clock ?? new FakeClock();
  const result = await openConsoleInBrowser(
    { signInUrl: SIGN_IN_URL, ref: REF, accountName: 'acme-prod-payments', ...choice },
    { dataDir, host: machine, clock, spawn: spawned.spawn, openDefault: async (url) => void opened.push(url) },
  );
  pending.push(async () => {
    clock.advance(Math.max(LAUNCH_PAGE_LIFETIME_MS, LOOPBACK_PAGE_LIFETIME_MS));
    await result.settled;
  });
  return { result, calls: spawned.calls, opened, clock, unrefs: spawned.unrefs };
}

/** The one-time loopback page's URL, as the browser gets it. */
function expectLoopbackPage(url: string | undefined): string {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
  return url as string;
}

/** What a browser gets from a loopback page: where it is sent on to. */
async function redirectOf(url: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}

/** The `url` field of an ext+container: URI, read the way the add-on reads it. */
function containerTarget(uri: string): string | null {
  return new URLSearchParams(uri.slice('ext+container:'.length)).get('url');
}

function launchPageOf(call: SpawnCall): string {
  const page = call.args.at(-1) as string;
  expect(page.startsWith('file://')).toBe(true);
  return fileURLToPath(page);
}

describe.each(['linux', 'darwin', 'win32'] as const)('launch arguments on %s', (platform) => {
  const machine = MACHINES[platform];

  it.each([
    ['chrome', 'chrome'],
    ['edge', 'edge'],
  ] as const)('%s: its own --user-data-dir per role, quiet flags, and a launch page', async (browser, key) => {
    const { calls, result } = await open(machine.host, { browser });
    const profile = consoleProfileDir(dataDir, key, REF);
    expect(calls).toHaveLength(1);
    const [call] = calls as [SpawnCall];
    expect(call.command).toBe(machine[browser]);
    expect(call.args.slice(0, -1)).toEqual([`--user-data-dir=${profile}`, ...CHROMIUM_QUIET_FLAGS]);
    expect(call.options).toEqual(DETACHED_SPAWN_OPTIONS);
    expect(readFileSync(launchPageOf(call), 'utf8')).toContain(JSON.stringify(SIGN_IN_URL));
    expect(result).toMatchObject({ isolation: 'chrome-profile', profile });
    expect(statSync(profile).isDirectory()).toBe(true);
  });

  it('firefox: its own -profile folder per role, quiet prefs, and a launch page', async () => {
    const { calls, result } = await open(machine.host, { browser: 'firefox' });
    const profile = consoleProfileDir(dataDir, 'firefox', REF);
    const [call] = calls as [SpawnCall];
    expect(call.command).toBe(machine.firefox);
    expect(call.args.slice(0, -1)).toEqual(['-profile', profile]);
    expect(call.args).not.toContain('-no-remote');
    expect(result).toMatchObject({ isolation: 'firefox-profile', browser: 'Firefox', profile });
    const userJs = readFileSync(path.join(profile, 'user.js'), 'utf8');
    for (const name of Object.keys(QUIET_FIREFOX_PREFS)) expect(userJs).toContain(`user_pref("${name}"`);
  });

  it('firefox-container: the ext+container: URI as the only argument, carrying a one-time loopback page', async () => {
    const { calls, result } = await open(machine.host, parseBrowserOption('firefox-container'));
    const [call] = calls as [SpawnCall];
    expect(call.command).toBe(machine.firefox);
    expect(call.args).toHaveLength(1);
    const page = expectLoopbackPage(containerTarget(call.args[0] as string) ?? undefined);
    expect(call.args).toEqual([firefoxContainerUrl({ ref: REF, accountName: 'acme-prod-payments' }, page)]);
    expect(result).toMatchObject({ isolation: 'firefox-container', profile: 'acme-prod-payments / ReadOnlyAccess' });
    expect(await redirectOf(page)).toEqual({ status: 302, location: SIGN_IN_URL });
  });

  it('firefox-container: the container takes the colour of the role’s mark (an override’s)', async () => {
    const mark = { environment: 'prod', colour: 'pink' } as const;
    const { calls } = await open(machine.host, { ...parseBrowserOption('firefox-container'), mark });
    const [call] = calls as [SpawnCall];
    const params = new URLSearchParams(decodeURIComponent(call.args[0] as string).slice('ext+container:'.length));
    expect(params.get('color')).toBe('pink');
    expect(params.get('icon')).toBe('briefcase');
  });

  it('default: hands a one-time loopback page to the system opener and starts nothing itself', async () => {
    const { calls, opened, result } = await open(machine.host, parseBrowserOption('default'));
    expect(calls).toHaveLength(0);
    expect(opened).toHaveLength(1);
    const page = expectLoopbackPage(opened[0]);
    expect(result).toMatchObject({ isolation: 'default-browser', browser: 'the default browser' });
    expect(result.profile).toBeUndefined();
    expect(await redirectOf(page)).toEqual({ status: 302, location: SIGN_IN_URL });
  });

  it('no choice: the first Chrome-family browser found', async () => {
    const { calls } = await open(machine.host, {});
    expect(calls[0]?.command).toBe(machine.chrome);
  });
});

describe('sign-in URL on command lines', () => {
  it.each([
    ['a Chrome profile', { browser: 'chrome' }],
    ['an Edge profile', { browser: 'edge' }],
    ['a Firefox profile', { browser: 'firefox' }],
    ['a Firefox container', parseBrowserOption('firefox-container')],
    ['the default browser', parseBrowserOption('default')],
  ] as const)('never appears in what starts %s, on any OS', async (_kind, choice) => {
    for (const machine of Object.values(MACHINES)) {
      const { calls, opened } = await open(machine.host, choice);
      expect(calls.length + opened.length).toBe(1);
      const commandLines = JSON.stringify({ calls, opened });
      expect(commandLines).not.toContain(SECRET);
      expect(commandLines).not.toMatch(/SigninToken|Action(=|%3D)login|signin\.aws/);
    }
  });

  it('the loopback page a container or the default browser gets is handed out once, then gone', async () => {
    for (const choice of [parseBrowserOption('firefox-container'), parseBrowserOption('default')]) {
      const clock = new FakeClock();
      const { calls, opened, result } = await open(MACHINES.linux.host, choice, { clock });
      const page = expectLoopbackPage(opened[0] ?? containerTarget(calls[0]?.args[0] as string) ?? undefined);
      expect(await redirectOf(page)).toEqual({ status: 302, location: SIGN_IN_URL });
      expect((await redirectOf(page)).status).toBe(410);
      clock.advance(LOOPBACK_PAGE_LIFETIME_MS);
      await result.settled;
      await expect(fetch(page)).rejects.toThrow();
    }
  });

  it('a loopback page nobody fetched closes when its lifetime is up', async () => {
    const clock = new FakeClock();
    const { opened, result } = await open(MACHINES.linux.host, parseBrowserOption('default'), { clock });
    let settled = false;
    void result.settled.then(() => (settled = true));
    clock.advance(LOOPBACK_PAGE_LIFETIME_MS - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    clock.advance(1);
    await result.settled;
    await expect(fetch(expectLoopbackPage(opened[0]))).rejects.toThrow();
  });

  it('a container launch that cannot start closes its loopback page at once', async () => {
    const failure = Object.assign(new Error('spawn /usr/bin/firefox ENOENT'), { code: 'ENOENT' });
    const spawned = fakeSpawn(failure);
    const error = await openConsoleInBrowser(
      { signInUrl: SIGN_IN_URL, ref: REF, ...parseBrowserOption('firefox-container') },
      {
        dataDir,
        host: MACHINES.linux.host,
        clock: new FakeClock(),
        spawn: spawned.spawn,
        openDefault: async () => undefined,
      },
    ).catch((caught: unknown) => caught);
    expect(isLanyardError(error, 'BROWSER_NOT_FOUND')).toBe(true);
    const page = expectLoopbackPage(containerTarget(spawned.calls[0]?.args[0] as string) ?? undefined);
    await expect(fetch(page)).rejects.toThrow();
  });

  it('a default browser that cannot be opened closes its loopback page at once', async () => {
    let page = '';
    const error = await openConsoleInBrowser(
      { signInUrl: SIGN_IN_URL, ref: REF, ...parseBrowserOption('default') },
      {
        dataDir,
        host: MACHINES.linux.host,
        clock: new FakeClock(),
        openDefault: async (url) => {
          page = url;
          throw new Error('xdg-open failed');
        },
      },
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('xdg-open failed');
    await expect(fetch(expectLoopbackPage(page))).rejects.toThrow();
  });
});

describe('profiles are reused', () => {
  it('the same role opens the same profile folder again; another role gets another one', async () => {
    const first = await open(MACHINES.linux.host, { browser: 'chrome' });
    writeFileSync(path.join(first.result.profile as string, 'Local State'), '{}');
    const again = await open(MACHINES.linux.host, { browser: 'chrome' });
    expect(again.calls[0]?.args[0]).toBe(first.calls[0]?.args[0]);
    expect(existsSync(path.join(again.result.profile as string, 'Local State'))).toBe(true);
    const other = await open(MACHINES.linux.host, {
      browser: 'chrome',
      ref: { ...REF, roleName: 'AdministratorAccess' },
    });
    expect(other.calls[0]?.args[0]).not.toBe(first.calls[0]?.args[0]);
  });

  it("keeps a user's own Firefox user.js", async () => {
    const profile = consoleProfileDir(dataDir, 'firefox', REF);
    mkdirSync(profile, { recursive: true });
    writeFileSync(path.join(profile, 'user.js'), 'user_pref("mine", true);\n');
    await open(MACHINES.linux.host, { browser: 'firefox' });
    expect(readFileSync(path.join(profile, 'user.js'), 'utf8')).toBe('user_pref("mine", true);\n');
  });
});

describe('launch pages', () => {
  it('are private to the user and removed once the browser has had time to read them', async () => {
    const clock = new FakeClock();
    const { calls, result } = await open(MACHINES.linux.host, { browser: 'chrome' }, { clock });
    const page = launchPageOf(calls[0] as SpawnCall);
    if (process.platform !== 'win32') {
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(page)).mode & 0o777).toBe(0o700);
    }
    clock.advance(LAUNCH_PAGE_LIFETIME_MS - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(page)).toBe(true);
    clock.advance(1);
    await result.settled;
    expect(existsSync(page)).toBe(false);
  });

  it('are removed at once when the browser cannot start', async () => {
    const failure = Object.assign(new Error(`spawn /usr/bin/google-chrome-stable ENOENT ${SIGN_IN_URL}`), {
      code: 'ENOENT',
    });
    const error = await open(MACHINES.linux.host, { browser: 'chrome' }, { failure }).catch(
      (caught: LanyardError) => caught,
    );
    expect(isLanyardError(error, 'BROWSER_NOT_FOUND')).toBe(true);
    expect((error as LanyardError).message).toBe('Could not start /usr/bin/google-chrome-stable (ENOENT).');
    expect((error as LanyardError).describe()).not.toContain(SECRET);
    expect(readdirSync(launchPagesDir(dataDir))).toEqual([]);
  });

  it('left behind by an earlier process are swept on the next launch', async () => {
    const dir = launchPagesDir(dataDir);
    const clock = new FakeClock(Date.now());
    const stale = await writeLaunchPage(dir, SIGN_IN_URL);
    const old = (Date.now() - LAUNCH_PAGE_LIFETIME_MS - 1000) / 1000;
    utimesSync(stale.file, old, old);
    const fresh = await writeLaunchPage(dir, SIGN_IN_URL);
    await sweepLaunchPages(dir, clock.now());
    expect(existsSync(stale.file)).toBe(false);
    expect(existsSync(fresh.file)).toBe(true);
  });

  it('send the browser on without a history entry or referrer, and cannot be broken out of', () => {
    const html = launchPageHtml('https://signin.aws.amazon.com/federation?a=1&b="2"</script><script>alert(1)</script>');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain(
      'location.replace("https://signin.aws.amazon.com/federation?a=1&b=\\"2\\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");',
    );
    expect(html).toContain(
      'content="0;url=https://signin.aws.amazon.com/federation?a=1&amp;b=&quot;2&quot;&lt;/script>&lt;script>alert(1)&lt;/script>"',
    );
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('a data folder Lanyard cannot write to', () => {
  it('is a FILE error that says where and what to do, before any browser starts', async () => {
    const blocked = path.join(dataDir, 'not-a-folder');
    writeFileSync(blocked, '');
    const spawned = fakeSpawn();
    const error = await openConsoleInBrowser(
      { signInUrl: SIGN_IN_URL, ref: REF, browser: 'chrome' },
      {
        dataDir: blocked,
        host: MACHINES.linux.host,
        clock: new FakeClock(),
        spawn: spawned.spawn,
        openDefault: async () => undefined,
      },
    ).catch((caught: unknown) => caught);
    expect(isLanyardError(error, 'FILE') && error.describe()).toMatch(
      /^Cannot prepare the browser profile folder .*not-a-folder.*\nCheck that Lanyard may write to its data folder/s,
    );
    expect((error as LanyardError).describe()).not.toContain(SECRET);
    expect(spawned.calls).toHaveLength(0);
  });
});

describe('launching', () => {
  it('spawns detached, without a shell, stdio ignored, and lets the browser outlive us', async () => {
    const { spawn, calls, unrefs } = fakeSpawn();
    await launchDetached({ command: '/usr/bin/chromium', args: ['a&b'] }, spawn);
    expect(calls[0]?.options).toEqual({ detached: true, stdio: 'ignore', shell: false, windowsHide: false });
    expect(unrefs()).toBe(1);
  });

  it('reports a spawn that throws as a browser that cannot start', async () => {
    const throwing: Spawn = () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    const error = await launchDetached({ command: '/usr/bin/chromium', args: [SIGN_IN_URL] }, throwing).catch(
      (caught: unknown) => caught,
    );
    expect(isLanyardError(error, 'BROWSER_NOT_FOUND') && error.message).toBe(
      'Could not start /usr/bin/chromium (EACCES).',
    );
  });
});

describe('Firefox containers', () => {
  const target = { ref: REF, accountName: 'acme-prod-payments' };

  it('have a stable name per account and role', () => {
    expect(containerName(target)).toBe('acme-prod-payments / ReadOnlyAccess');
    expect(containerName({ ref: REF })).toBe('111111111111 / ReadOnlyAccess');
  });

  it.each([
    ['acme-prod-payments', 'red', 'briefcase'],
    ['acme-staging-payments', 'orange', 'circle'],
    ['acme-qa', 'yellow', 'fruit'],
    ['acme-dev-payments', 'blue', 'tree'],
    ['acme-sandbox', 'green', 'chill'],
    ['acme-data-non-prod', 'turquoise', 'circle'],
    ['acme-shared-services', 'purple', 'fingerprint'],
  ])('%s is %s with a %s: the colour of its mark', (accountName, color, icon) => {
    const mark = environmentMark({ accountId: REF.accountId, accountName }, []);
    expect(containerStyle({ ref: REF, accountName, ...(mark ? { mark } : {}) })).toEqual({ color, icon });
  });

  it('take the colour of an override, and no colour of their own from the name', () => {
    const overrides: EnvironmentOverride[] = [{ match: 'acme-prod-*', environment: 'prod', colour: 'pink' }];
    const mark = environmentMark({ accountId: REF.accountId, accountName: 'acme-prod-payments' }, overrides);
    expect(containerStyle({ ...target, ...(mark ? { mark } : {}) })).toEqual({ color: 'pink', icon: 'briefcase' });
    const none = environmentMark({ accountId: REF.accountId, accountName: 'acme-prod-payments' }, [
      { match: REF.accountId, environment: 'none' },
    ]);
    expect(none).toBeUndefined();
    // No mark: neutral, even though the name says prod (the mark is the one answer).
    expect(containerStyle(target)).toEqual({ color: 'purple', icon: 'fingerprint' });
  });

  it('carry the URL so the add-on reads it back exactly', () => {
    const uri = firefoxContainerUrl(
      { ref: REF, accountName: 'R&D + prod', mark: { environment: 'prod', colour: 'red' } },
      SIGN_IN_URL,
    );
    expect(uri.startsWith('ext+container:name=')).toBe(true);
    expect(uri).toContain('&color=red&icon=briefcase');
    // What the add-on does with what Firefox hands it: decode once, then read a query string.
    const handedToAddOn = encodeURIComponent(uri);
    const params = new URLSearchParams(decodeURIComponent(handedToAddOn).slice('ext+container:'.length));
    expect(params.get('name')).toBe('R&D + prod / ReadOnlyAccess');
    expect(params.get('url')).toBe(SIGN_IN_URL);
    expect(params.get('color')).toBe('red');
    expect(params.get('icon')).toBe('briefcase');
  });
});

describe('choosing a browser', () => {
  it('reads --browser names and paths', () => {
    expect(parseBrowserOption(undefined)).toEqual({});
    expect(parseBrowserOption('chrome')).toEqual({ browser: 'chrome' });
    expect(parseBrowserOption('firefox')).toEqual({ browser: 'firefox' });
    expect(parseBrowserOption('firefox-container')).toEqual({ isolation: 'firefox-container', browser: 'firefox' });
    expect(parseBrowserOption('default')).toEqual({ isolation: 'default-browser' });
    expect(parseBrowserOption('/opt/thorium/thorium')).toEqual({ browser: '/opt/thorium/thorium' });
    expect(parseBrowserOption('C:\\Apps\\chrome.exe')).toEqual({ browser: 'C:\\Apps\\chrome.exe' });
  });

  it('refuses a name it does not know, listing the ones it does', () => {
    try {
      parseBrowserOption('safari');
      throw new Error('expected a USAGE error');
    } catch (error) {
      expect(isLanyardError(error, 'USAGE') && error.describe()).toBe(
        '"safari" is not a browser Lanyard knows.\nUse one of chrome, chromium, edge, brave, vivaldi, firefox, firefox-container, default, or the path to a browser\'s executable.',
      );
    }
  });

  it('follows the settings: an isolation method with or without a browser', () => {
    const linux = MACHINES.linux.host;
    expect(resolveBrowserChoice({ isolation: 'chrome-profile' }, linux).browser?.profileKey).toBe('chrome');
    expect(resolveBrowserChoice({ isolation: 'chrome-profile', browser: 'edge' }, linux).browser?.profileKey).toBe(
      'edge',
    );
    expect(resolveBrowserChoice({ isolation: 'firefox-profile', browser: '' }, linux).browser?.profileKey).toBe(
      'firefox',
    );
    expect(resolveBrowserChoice({ browser: '/usr/bin/firefox' }, linux)).toMatchObject({
      isolation: 'firefox-profile',
    });
  });

  it('falls back to Firefox when no Chrome-family browser is installed, and says what it looked for when nothing is', () => {
    const firefoxOnly = hostWith('linux', ['/usr/bin/firefox'], { HOME: '/home/ann', PATH: '/usr/bin' });
    expect(resolveBrowserChoice({}, firefoxOnly)).toMatchObject({
      isolation: 'firefox-profile',
      browser: { profileKey: 'firefox' },
    });
    try {
      resolveBrowserChoice({}, hostWith('linux', [], { HOME: '/home/ann', PATH: '/usr/bin' }));
      throw new Error('expected BROWSER_NOT_FOUND');
    } catch (error) {
      expect(isLanyardError(error, 'BROWSER_NOT_FOUND') && error.message).toMatch(
        /^No Chrome-family browser was found: .*\nNo Firefox was found: /s,
      );
    }
  });

  it('refuses an isolation method the browser cannot do', () => {
    for (const choice of [
      { isolation: 'chrome-profile', browser: 'firefox' },
      { isolation: 'firefox-container', browser: 'chrome' },
    ] as const) {
      try {
        resolveBrowserChoice(choice, MACHINES.linux.host);
        throw new Error('expected a USAGE error');
      } catch (error) {
        expect(isLanyardError(error, 'USAGE')).toBe(true);
      }
    }
  });
});
