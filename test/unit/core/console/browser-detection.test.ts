import { describe, expect, it } from 'vitest';
import {
  browserAtPath,
  type BrowserHost,
  browserSearch,
  findBrowser,
  findFirstBrowser,
  findOnPath,
  locateBrowser,
} from '../../../../electron/core/console/browser-detection.js';
import { BROWSERS } from '../../../../electron/core/console/browsers.js';
import { isLanyardError, type LanyardError } from '../../../../electron/core/domain/errors.js';

function host(
  platform: NodeJS.Platform,
  executables: string[],
  env: Record<string, string> = {},
): BrowserHost & { checked: string[] } {
  const present = new Set(executables);
  const checked: string[] = [];
  return {
    platform,
    env,
    checked,
    isExecutable: (file) => {
      checked.push(file);
      return present.has(file);
    },
  };
}

const LINUX_ENV = { HOME: '/home/ann', PATH: '/home/ann/bin:/usr/local/bin:/usr/bin' };
const MAC_ENV = { HOME: '/Users/ann', PATH: '/opt/homebrew/bin:/usr/bin:/bin' };
const WINDOWS_ENV = {
  USERPROFILE: 'C:\\Users\\ann',
  Path: 'C:\\Windows\\system32;"C:\\Tools\\bin";C:\\Users\\ann\\scoop\\shims',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
};

function notFound(run: () => unknown): LanyardError {
  try {
    run();
  } catch (error) {
    if (isLanyardError(error, 'BROWSER_NOT_FOUND')) return error;
    throw error;
  }
  throw new Error('expected BROWSER_NOT_FOUND');
}

describe('PATH lookup', () => {
  it('takes the first PATH folder that has the command', () => {
    const machine = host('linux', ['/usr/bin/chromium', '/usr/local/bin/chromium'], LINUX_ENV);
    expect(findOnPath('chromium', machine)).toBe('/usr/local/bin/chromium');
    expect(machine.checked).toEqual(['/home/ann/bin/chromium', '/usr/local/bin/chromium']);
  });

  it('reads Windows PATH (any case, quoted folders, ; separated)', () => {
    const machine = host('win32', ['C:\\Tools\\bin\\firefox.exe'], WINDOWS_ENV);
    expect(findOnPath('firefox.exe', machine)).toBe('C:\\Tools\\bin\\firefox.exe');
  });

  it('finds nothing without a PATH', () => {
    expect(findOnPath('chromium', host('linux', ['/usr/bin/chromium'], {}))).toBeUndefined();
  });
});

describe('where each browser is looked for', () => {
  it('on Linux: its commands on PATH, then /opt and snap locations', () => {
    expect(browserSearch(BROWSERS.chrome, host('linux', [], LINUX_ENV))).toEqual({
      commands: ['google-chrome-stable', 'google-chrome'],
      locations: ['/opt/google/chrome/chrome'],
    });
    expect(browserSearch(BROWSERS.chromium, host('linux', [], LINUX_ENV)).commands).toEqual([
      'chromium',
      'chromium-browser',
    ]);
    expect(browserSearch(BROWSERS.edge, host('linux', [], LINUX_ENV)).commands).toEqual([
      'microsoft-edge-stable',
      'microsoft-edge',
    ]);
    expect(browserSearch(BROWSERS.brave, host('linux', [], LINUX_ENV)).commands).toEqual(['brave-browser', 'brave']);
    expect(browserSearch(BROWSERS.vivaldi, host('linux', [], LINUX_ENV)).commands).toEqual([
      'vivaldi-stable',
      'vivaldi',
    ]);
    expect(browserSearch(BROWSERS.firefox, host('linux', [], LINUX_ENV)).commands).toEqual(['firefox', 'firefox-esr']);
  });

  it('on macOS: the app bundle in /Applications, then ~/Applications', () => {
    const mac = host('darwin', [], MAC_ENV);
    expect(browserSearch(BROWSERS.chrome, mac).locations).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]);
    expect(browserSearch(BROWSERS.chromium, mac).locations[0]).toBe(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
    expect(browserSearch(BROWSERS.edge, mac).locations[0]).toBe(
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
    expect(browserSearch(BROWSERS.brave, mac).locations[0]).toBe(
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    );
    expect(browserSearch(BROWSERS.vivaldi, mac).locations[0]).toBe('/Applications/Vivaldi.app/Contents/MacOS/Vivaldi');
    expect(browserSearch(BROWSERS.firefox, mac).locations[0]).toBe('/Applications/Firefox.app/Contents/MacOS/firefox');
  });

  it('on Windows: Program Files, Program Files (x86), then the per-user LocalAppData', () => {
    const windows = host('win32', [], WINDOWS_ENV);
    expect(browserSearch(BROWSERS.chrome, windows)).toEqual({
      commands: ['chrome.exe'],
      locations: [
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      ],
    });
    expect(browserSearch(BROWSERS.edge, windows).locations[1]).toBe(
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(browserSearch(BROWSERS.brave, windows).locations[0]).toBe(
      'C:\\Program Files\\BraveSoftware\\Brave-Browser\\Application\\brave.exe',
    );
    expect(browserSearch(BROWSERS.vivaldi, windows).locations[2]).toBe(
      'C:\\Users\\ann\\AppData\\Local\\Vivaldi\\Application\\vivaldi.exe',
    );
    expect(browserSearch(BROWSERS.chromium, windows)).toEqual({
      commands: [],
      locations: [
        'C:\\Program Files\\Chromium\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe',
        'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      ],
    });
    expect(browserSearch(BROWSERS.firefox, windows).locations[0]).toBe(
      'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
    );
  });

  it('on Windows without the folder variables, assumes the usual folders', () => {
    const bare = host('win32', [], { USERPROFILE: 'C:\\Users\\bob' });
    expect(browserSearch(BROWSERS.firefox, bare).locations).toEqual([
      'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
      'C:\\Program Files (x86)\\Mozilla Firefox\\firefox.exe',
      'C:\\Users\\bob\\AppData\\Local\\Mozilla Firefox\\firefox.exe',
    ]);
  });
});

describe('detection order', () => {
  it('prefers PATH over install locations, and earlier commands over later ones', () => {
    expect(
      locateBrowser(BROWSERS.chrome, host('linux', ['/opt/google/chrome/chrome', '/usr/bin/google-chrome'], LINUX_ENV)),
    ).toBe('/usr/bin/google-chrome');
    expect(
      locateBrowser(
        BROWSERS.chrome,
        host('linux', ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'], LINUX_ENV),
      ),
    ).toBe('/usr/bin/google-chrome-stable');
    expect(locateBrowser(BROWSERS.chrome, host('linux', ['/opt/google/chrome/chrome'], LINUX_ENV))).toBe(
      '/opt/google/chrome/chrome',
    );
    expect(
      locateBrowser(
        BROWSERS.firefox,
        host('darwin', ['/Users/ann/Applications/Firefox.app/Contents/MacOS/firefox'], MAC_ENV),
      ),
    ).toBe('/Users/ann/Applications/Firefox.app/Contents/MacOS/firefox');
    expect(
      locateBrowser(
        BROWSERS.edge,
        host(
          'win32',
          [
            'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
            'C:\\Users\\ann\\scoop\\shims\\msedge.exe',
          ],
          WINDOWS_ENV,
        ),
      ),
    ).toBe('C:\\Users\\ann\\scoop\\shims\\msedge.exe');
  });

  it('takes the first Chrome-family browser in the order chrome, chromium, edge, brave, vivaldi', () => {
    const all = [
      '/usr/bin/vivaldi',
      '/usr/bin/brave-browser',
      '/usr/bin/microsoft-edge',
      '/usr/bin/chromium',
      '/usr/bin/google-chrome',
    ];
    const found = (executables: string[]): string =>
      findFirstBrowser('chromium', host('linux', executables, LINUX_ENV)).profileKey;
    expect(found(all)).toBe('chrome');
    expect(found(all.slice(0, 4))).toBe('chromium');
    expect(found(all.slice(0, 3))).toBe('edge');
    expect(found(all.slice(0, 2))).toBe('brave');
    expect(found(all.slice(0, 1))).toBe('vivaldi');
  });

  it('describes what it found', () => {
    expect(
      findBrowser('edge', host('darwin', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'], MAC_ENV)),
    ).toEqual({
      profileKey: 'edge',
      displayName: 'Microsoft Edge',
      family: 'chromium',
      executable: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    });
    expect(
      findFirstBrowser(
        'firefox',
        host('win32', ['C:\\Users\\ann\\AppData\\Local\\Mozilla Firefox\\firefox.exe'], WINDOWS_ENV),
      ),
    ).toMatchObject({
      profileKey: 'firefox',
      family: 'firefox',
    });
  });
});

describe('a browser that is not there', () => {
  it('on Linux, names the commands and locations looked at', () => {
    const error = notFound(() => findBrowser('chrome', host('linux', [], LINUX_ENV)));
    expect(error.message).toBe(
      'Google Chrome was not found: looked for google-chrome-stable or google-chrome on PATH, and at /opt/google/chrome/chrome.',
    );
    expect(error.hint).toBe(
      'Install Google Chrome, or choose another one (chrome, chromium, edge, brave, vivaldi, firefox, firefox-container, default) or give the path to its executable.',
    );
  });

  it('on macOS, names the app bundles', () => {
    const error = notFound(() => findBrowser('brave', host('darwin', [], MAC_ENV)));
    expect(error.message).toBe(
      'Brave was not found: looked for brave-browser or brave on PATH, and at /Applications/Brave Browser.app/Contents/MacOS/Brave Browser, /Users/ann/Applications/Brave Browser.app/Contents/MacOS/Brave Browser.',
    );
  });

  it('on Windows, names the install folders', () => {
    const error = notFound(() => findBrowser('chromium', host('win32', [], WINDOWS_ENV)));
    expect(error.message).toBe(
      'Chromium was not found: looked at C:\\Program Files\\Chromium\\Application\\chrome.exe, C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe, C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe.',
    );
  });

  it('when none of a family is installed, lists every one of them', () => {
    const error = notFound(() => findFirstBrowser('chromium', host('linux', [], LINUX_ENV)));
    expect(error.message).toMatch(
      /^No Chrome-family browser was found: Google Chrome \(looked for google-chrome-stable or google-chrome on PATH/,
    );
    for (const name of [
      'Chromium (looked for chromium or chromium-browser on PATH',
      'Microsoft Edge (',
      'Brave (',
      'Vivaldi (',
    ])
      expect(error.message).toContain(name);
    expect(notFound(() => findFirstBrowser('firefox', host('linux', [], LINUX_ENV))).message).toMatch(
      /^No Firefox was found: Firefox \(looked for firefox or firefox-esr on PATH/,
    );
  });
});

describe('a browser given by path', () => {
  it('is recognised when it is a known browser', () => {
    expect(browserAtPath('/usr/bin/chromium', host('linux', ['/usr/bin/chromium'], LINUX_ENV))).toMatchObject({
      profileKey: 'chromium',
      family: 'chromium',
    });
    expect(
      browserAtPath(
        '/Applications/Firefox.app/Contents/MacOS/firefox',
        host('darwin', ['/Applications/Firefox.app/Contents/MacOS/firefox'], MAC_ENV),
      ),
    ).toMatchObject({
      profileKey: 'firefox',
      family: 'firefox',
    });
    expect(
      browserAtPath('D:\\Apps\\Chrome\\chrome.exe', host('win32', ['D:\\Apps\\Chrome\\chrome.exe'], WINDOWS_ENV)),
    ).toMatchObject({ profileKey: 'chrome' });
  });

  it('is a Chrome-family browser of its own when unknown (Firefox forks count as Firefox)', () => {
    expect(browserAtPath('/opt/thorium/Thorium', host('linux', ['/opt/thorium/Thorium'], LINUX_ENV))).toEqual({
      profileKey: 'custom-thorium',
      displayName: 'Thorium',
      family: 'chromium',
      executable: '/opt/thorium/Thorium',
    });
    expect(browserAtPath('/usr/bin/librewolf', host('linux', ['/usr/bin/librewolf'], LINUX_ENV))).toMatchObject({
      family: 'firefox',
      profileKey: 'custom-librewolf',
    });
  });

  it('must exist', () => {
    const error = notFound(() => browserAtPath('/nope/chrome', host('linux', [], LINUX_ENV)));
    expect(error.message).toBe('There is no browser executable at /nope/chrome.');
    expect(error.hint).toMatch(/^Check the path/);
  });
});
