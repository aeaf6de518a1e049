/**
 * Finding a browser's executable: on PATH first, then in the standard install locations of the
 * platform (browsers.ts). The file system and environment come in through a BrowserHost, so
 * every platform's rules run (and are tested) anywhere.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { type Env, homeDir } from '../support/paths.js';
import {
  BROWSERS,
  type BrowserFamily,
  type BrowserId,
  type BrowserSpec,
  DETECTION_ORDER,
  MAC_APPLICATION_FOLDERS,
  WINDOWS_INSTALL_ROOTS,
} from './browsers.js';

export interface BrowserHost {
  platform: NodeJS.Platform;
  env: Env;
  /** Whether `file` is an executable file. */
  isExecutable(file: string): boolean;
}

/** A browser executable to launch. */
export interface FoundBrowser {
  /** Names the browser's profile folders: a BrowserId, or `custom-<name>` for a browser given by path. */
  profileKey: string;
  displayName: string;
  family: BrowserFamily;
  executable: string;
}

/** What detection looks for: commands on PATH, then files. */
export interface BrowserSearch {
  commands: readonly string[];
  locations: readonly string[];
}

/** Names of Firefox and its forks, to tell the family of a browser given by path. */
const FIREFOX_LIKE = /firefox|librewolf|waterfox|floorp|zen/i;
const OTHER_CHOICES =
  'choose another one (chrome, chromium, edge, brave, vivaldi, firefox, firefox-container, default) or give the path to its executable';

/** The real machine. */
export function nodeBrowserHost(env: Env = process.env, platform: NodeJS.Platform = process.platform): BrowserHost {
  return {
    platform,
    env,
    isExecutable(file) {
      try {
        if (!statSync(file).isFile()) return false;
        // Windows has no execute bit; a file that exists is as executable as it gets.
        if (platform !== 'win32') accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function pathApi(host: BrowserHost): path.PlatformPath {
  return host.platform === 'win32' ? path.win32 : path.posix;
}

/** The first `command` on PATH, as `which` (or `where` on Windows) would find it. */
export function findOnPath(command: string, host: BrowserHost): string | undefined {
  const paths = pathApi(host);
  const searchPath = host.env.PATH ?? host.env.Path ?? '';
  for (const entry of searchPath.split(paths.delimiter)) {
    const folder = entry.replace(/^"(.*)"$/, '$1');
    if (!folder) continue;
    const candidate = paths.join(folder, command);
    if (host.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Where to look for one browser on the host's platform, in order. */
export function browserSearch(spec: BrowserSpec, host: BrowserHost): BrowserSearch {
  const paths = pathApi(host);
  const home = homeDir(host.env);
  switch (host.platform) {
    case 'win32':
      return {
        commands: spec.windowsCommands,
        locations: WINDOWS_INSTALL_ROOTS.map(({ root, fallback }) =>
          paths.join(host.env[root] || fallback(home), spec.windowsFile),
        ),
      };
    case 'darwin':
      return {
        commands: spec.commands,
        locations: MAC_APPLICATION_FOLDERS.map((folder) =>
          paths.join(folder.replace(/^~/, home), spec.macApp.bundle, 'Contents', 'MacOS', spec.macApp.executable),
        ),
      };
    default:
      return { commands: spec.commands, locations: spec.linuxLocations };
  }
}

/** The browser's executable, or undefined when it is not installed where we look. */
export function locateBrowser(spec: BrowserSpec, host: BrowserHost): string | undefined {
  const search = browserSearch(spec, host);
  for (const command of search.commands) {
    const found = findOnPath(command, host);
    if (found) return found;
  }
  return search.locations.find((location) => host.isExecutable(location));
}

/** One browser by name, or BROWSER_NOT_FOUND naming what was looked for and where. */
export function findBrowser(id: BrowserId, host: BrowserHost): FoundBrowser {
  const spec = BROWSERS[id];
  const executable = locateBrowser(spec, host);
  if (executable) return foundSpec(spec, executable);
  throw new LanyardError(
    'BROWSER_NOT_FOUND',
    `${spec.displayName} was not found: ${describeSearch(spec, host)}.`,
    `Install ${spec.displayName}, or ${OTHER_CHOICES}.`,
  );
}

/** The first browser of a family found, in DETECTION_ORDER. */
export function findFirstBrowser(family: BrowserFamily, host: BrowserHost): FoundBrowser {
  const specs = DETECTION_ORDER[family].map((id) => BROWSERS[id]);
  for (const spec of specs) {
    const executable = locateBrowser(spec, host);
    if (executable) return foundSpec(spec, executable);
  }
  const looked = specs.map((spec) => `${spec.displayName} (${describeSearch(spec, host)})`).join('; ');
  throw new LanyardError(
    'BROWSER_NOT_FOUND',
    `No ${family === 'chromium' ? 'Chrome-family browser' : 'Firefox'} was found: ${looked}.`,
    `Install one, or ${OTHER_CHOICES}.`,
  );
}

/** A browser the user named by its executable's path. */
export function browserAtPath(file: string, host: BrowserHost): FoundBrowser {
  const paths = pathApi(host);
  const executable = paths.resolve(file);
  if (!host.isExecutable(executable)) {
    throw new LanyardError(
      'BROWSER_NOT_FOUND',
      `There is no browser executable at ${executable}.`,
      `Check the path, or ${OTHER_CHOICES}.`,
    );
  }
  const name = paths.basename(executable).replace(/\.exe$/i, '');
  const known = Object.values(BROWSERS).find((spec) => executableNames(spec).includes(name.toLowerCase()));
  if (known) return foundSpec(known, executable);
  return {
    profileKey: `custom-${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
    displayName: name,
    family: FIREFOX_LIKE.test(name) ? 'firefox' : 'chromium',
    executable,
  };
}

function foundSpec(spec: BrowserSpec, executable: string): FoundBrowser {
  return { profileKey: spec.id, displayName: spec.displayName, family: spec.family, executable };
}

/** Lower-case executable names (without `.exe`) that identify a known browser given by path. */
function executableNames(spec: BrowserSpec): string[] {
  const windowsName = spec.windowsFile.split('\\').pop() ?? '';
  // chrome.exe is both Chrome's and Chromium's on Windows; the path then counts as Chrome.
  return [...spec.commands, spec.macApp.executable, ...spec.windowsCommands, windowsName].map((name) =>
    name.toLowerCase().replace(/\.exe$/, ''),
  );
}

/** `looked for google-chrome-stable or google-chrome on PATH, and at /opt/google/chrome/chrome` */
function describeSearch(spec: BrowserSpec, host: BrowserHost): string {
  const search = browserSearch(spec, host);
  const parts: string[] = [];
  if (search.commands.length > 0) parts.push(`for ${search.commands.join(' or ')} on PATH`);
  if (search.locations.length > 0) parts.push(`at ${search.locations.join(', ')}`);
  return `looked ${parts.join(', and ')}`;
}
