/**
 * The browsers Lanyard can open an isolated console in, and where each one is installed on
 * Linux, macOS and Windows. Detection (browser-detection.ts) reads this table; nothing else
 * knows a browser's install location.
 */

export type BrowserId = 'chrome' | 'chromium' | 'edge' | 'brave' | 'vivaldi' | 'firefox';
/** How a browser isolates identities: Chrome-style `--user-data-dir`, or Firefox's profiles and containers. */
export type BrowserFamily = 'chromium' | 'firefox';

export type WindowsInstallRoot = 'ProgramFiles' | 'ProgramFiles(x86)' | 'LOCALAPPDATA';

export interface BrowserSpec {
  id: BrowserId;
  displayName: string;
  family: BrowserFamily;
  /** Commands looked up on PATH on Linux and macOS, in order. */
  commands: readonly string[];
  /** Executables looked up on PATH on Windows (Scoop, Chocolatey shims), in order. */
  windowsCommands: readonly string[];
  /** Standard install locations on Linux that are often not on PATH. */
  linuxLocations: readonly string[];
  /** The app bundle and its executable on macOS, looked for in /Applications then ~/Applications. */
  macApp: { bundle: string; executable: string };
  /** The executable under Program Files, Program Files (x86) and the per-user LocalAppData. */
  windowsFile: string;
}

/** Where Windows installers put browsers, in the order we look, and the folders to assume when the variable is unset. */
export const WINDOWS_INSTALL_ROOTS: ReadonlyArray<{ root: WindowsInstallRoot; fallback: (home: string) => string }> = [
  { root: 'ProgramFiles', fallback: () => 'C:\\Program Files' },
  { root: 'ProgramFiles(x86)', fallback: () => 'C:\\Program Files (x86)' },
  { root: 'LOCALAPPDATA', fallback: (home) => `${home}\\AppData\\Local` },
];

/** Folders holding macOS app bundles, in the order we look (`~` is the home folder). */
export const MAC_APPLICATION_FOLDERS: readonly string[] = ['/Applications', '~/Applications'];

export const BROWSERS: Readonly<Record<BrowserId, BrowserSpec>> = {
  chrome: {
    id: 'chrome',
    displayName: 'Google Chrome',
    family: 'chromium',
    commands: ['google-chrome-stable', 'google-chrome'],
    windowsCommands: ['chrome.exe'],
    linuxLocations: ['/opt/google/chrome/chrome'],
    macApp: { bundle: 'Google Chrome.app', executable: 'Google Chrome' },
    windowsFile: 'Google\\Chrome\\Application\\chrome.exe',
  },
  chromium: {
    id: 'chromium',
    displayName: 'Chromium',
    family: 'chromium',
    commands: ['chromium', 'chromium-browser'],
    // Chromium's Windows executable is chrome.exe too; on PATH it cannot be told from Chrome.
    windowsCommands: [],
    linuxLocations: ['/snap/bin/chromium'],
    macApp: { bundle: 'Chromium.app', executable: 'Chromium' },
    windowsFile: 'Chromium\\Application\\chrome.exe',
  },
  edge: {
    id: 'edge',
    displayName: 'Microsoft Edge',
    family: 'chromium',
    commands: ['microsoft-edge-stable', 'microsoft-edge'],
    windowsCommands: ['msedge.exe'],
    linuxLocations: ['/opt/microsoft/msedge/msedge'],
    macApp: { bundle: 'Microsoft Edge.app', executable: 'Microsoft Edge' },
    windowsFile: 'Microsoft\\Edge\\Application\\msedge.exe',
  },
  brave: {
    id: 'brave',
    displayName: 'Brave',
    family: 'chromium',
    commands: ['brave-browser', 'brave'],
    windowsCommands: ['brave.exe'],
    linuxLocations: ['/opt/brave.com/brave/brave', '/snap/bin/brave'],
    macApp: { bundle: 'Brave Browser.app', executable: 'Brave Browser' },
    windowsFile: 'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
  },
  vivaldi: {
    id: 'vivaldi',
    displayName: 'Vivaldi',
    family: 'chromium',
    commands: ['vivaldi-stable', 'vivaldi'],
    windowsCommands: ['vivaldi.exe'],
    linuxLocations: ['/opt/vivaldi/vivaldi'],
    macApp: { bundle: 'Vivaldi.app', executable: 'Vivaldi' },
    windowsFile: 'Vivaldi\\Application\\vivaldi.exe',
  },
  firefox: {
    id: 'firefox',
    displayName: 'Firefox',
    family: 'firefox',
    commands: ['firefox', 'firefox-esr'],
    windowsCommands: ['firefox.exe'],
    linuxLocations: ['/usr/lib/firefox/firefox', '/snap/bin/firefox'],
    macApp: { bundle: 'Firefox.app', executable: 'firefox' },
    windowsFile: 'Mozilla Firefox\\firefox.exe',
  },
};

/** The order "the first browser found" follows within a family. */
export const DETECTION_ORDER: Readonly<Record<BrowserFamily, readonly BrowserId[]>> = {
  chromium: ['chrome', 'chromium', 'edge', 'brave', 'vivaldi'],
  firefox: ['firefox'],
};

export function isBrowserId(name: string): name is BrowserId {
  return Object.hasOwn(BROWSERS, name);
}
