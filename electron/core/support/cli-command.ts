/**
 * The command line that runs the `lanyard` CLI from wherever Lanyard is installed, for the
 * `credential_process` lines Lanyard writes into ~/.aws/config. AWS tools run it from their
 * own environment (no PATH guarantees), so it is absolute:
 *
 * - a source checkout: `<node> <checkout>/bin/lanyard.js`;
 * - the installed app: the wrapper shipped in the app's resources (`bin/lanyard`, or
 *   `bin\lanyard.cmd` on Windows), which runs the app's own binary as Node
 *   (ELECTRON_RUN_AS_NODE=1) on the bundled CLI.
 *
 * When the user installed the `lanyard` command on PATH (cli-install.ts: a link in
 * /usr/local/bin or ~/.local/bin to that wrapper), the installed app writes the link's path
 * instead: it stays the same when the app moves or updates (the app re-points the link at start).
 *
 * An AppImage is mounted at a new path on every launch, so nothing inside it has a stable
 * path to write; it gets a clear error instead of a command that breaks on the next launch.
 */
import { existsSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanyardError } from '../domain/errors.js';
import { type Env, homeDir } from './paths.js';

export type CliRuntime =
  | {
      kind: 'checkout';
      /** Absolute path of the Node binary. */ nodePath: string;
      /** The checkout's root folder. */ checkoutDir: string;
    }
  | {
      kind: 'installed';
      /** The app's resources folder (Electron's `process.resourcesPath`). */ resourcesPath: string;
      platform: NodeJS.Platform;
      /** Folders where an installed `lanyard` link may be (cliLinkDirs), preferred over the wrapper's own path. */
      linkDirs?: readonly string[];
    }
  | { kind: 'appimage'; appImagePath: string };

/** The wrapper's path inside the app's resources folder, per OS (electron-builder.yml ships it there). */
export function cliWrapperPath(resourcesPath: string, platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? path.win32.join(resourcesPath, 'bin', 'lanyard.cmd')
    : path.posix.join(resourcesPath, 'bin', 'lanyard');
}

/** The name of the command link the app installs on PATH (macOS and Linux). */
export const CLI_LINK_NAME = 'lanyard';

/** Where the app installs the `lanyard` link, in order of preference (cli-install.ts); none on Windows (PATH entry instead). */
export function cliLinkDirs(home: string, platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? [] : ['/usr/local/bin', path.posix.join(home, '.local', 'bin')];
}

/** The link's target, or undefined when it is no link (or missing). */
export type ReadLink = (file: string) => string | undefined;

const readLinkSync: ReadLink = (file) => {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
};

/** The first `lanyard` link in `dirs` that points at `wrapper` (a stable path for the same command), if any. */
export function linkedCliPath(
  wrapper: string,
  dirs: readonly string[],
  readLink: ReadLink = readLinkSync,
): string | undefined {
  for (const dir of dirs) {
    const link = path.posix.join(dir, CLI_LINK_NAME);
    const target = readLink(link);
    if (target !== undefined && path.posix.resolve(dir, target) === wrapper) return link;
  }
  return undefined;
}

/**
 * Characters that mean something to a shell (the JS SDK runs credential_process through one),
 * to botocore's shlex split, or to cmd.exe; none of them has a safe quoting in all three.
 */
const UNQUOTABLE = /["$`%!\n\r\0]/;
const PLAIN = /^[\w@+=:,./\\-]+$/;

/** One argument, double-quoted when it has spaces or other characters the splitters treat specially. */
function quoteArgument(value: string): string {
  if (UNQUOTABLE.test(value)) {
    throw new LanyardError(
      'CONFIG',
      `Lanyard cannot write a credential_process command for "${value}": the path has characters AWS tools split differently.`,
      'Install or move Lanyard to a folder whose path has no quotes, $, %, ! or backticks.',
    );
  }
  return PLAIN.test(value) ? value : `"${value}"`;
}

/** The absolute command (program and script, quoted) that starts the CLI; append its arguments. */
export function cliCommand(runtime: CliRuntime, readLink: ReadLink = readLinkSync): string {
  switch (runtime.kind) {
    case 'checkout':
      return [runtime.nodePath, path.join(runtime.checkoutDir, 'bin', 'lanyard.js')].map(quoteArgument).join(' ');
    case 'installed': {
      const wrapper = cliWrapperPath(runtime.resourcesPath, runtime.platform);
      return quoteArgument(linkedCliPath(wrapper, runtime.linkDirs ?? [], readLink) ?? wrapper);
    }
    case 'appimage':
      throw new LanyardError(
        'CONFIG',
        `The AppImage (${runtime.appImagePath}) is mounted at a new path on every launch, so credential_process profiles cannot point into it.`,
        'Use the "sso" profile style (the default), or install the .deb package or a source checkout for credential_process profiles.',
      );
  }
}

/** What tells how this program is installed. */
export interface InstallFacts {
  /** The packaged app is running (Electron's `app.isPackaged`, or the CLI run by the app's binary as Node). */
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Env;
  /** The app's resources folder (`process.resourcesPath`), when packaged. */
  resourcesPath?: string;
  /** The Node binary that runs a checkout's CLI. */
  nodePath: string;
  /** The checkout's root folder (asked only for a checkout). */
  checkoutDir: () => string;
}

/**
 * How this program is installed, the one rule for the app and the CLI: the packaged app (an
 * AppImage on Linux when APPIMAGE is set, else installed), or a source checkout.
 */
export function cliRuntimeOf(facts: InstallFacts): CliRuntime {
  if (facts.packaged) {
    if (facts.platform === 'linux' && facts.env.APPIMAGE) return { kind: 'appimage', appImagePath: facts.env.APPIMAGE };
    const linkDirs = cliLinkDirs(homeDir(facts.env), facts.platform);
    return {
      kind: 'installed',
      resourcesPath: facts.resourcesPath ?? '',
      platform: facts.platform,
      ...(linkDirs.length > 0 ? { linkDirs } : {}),
    };
  }
  return { kind: 'checkout', nodePath: facts.nodePath, checkoutDir: facts.checkoutDir() };
}

const CLI_ENTRY = path.join('bin', 'lanyard.js');

/** The checkout this module runs from: the nearest folder above it with bin/lanyard.js. */
export function checkoutDirOf(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  while (!existsSync(path.join(dir, CLI_ENTRY))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new LanyardError(
        'CONFIG',
        'Cannot find the lanyard command this program runs from.',
        'Use the "sso" profile style.',
      );
    }
    dir = parent;
  }
  return dir;
}

/** How the running plain-Node process (the CLI, the agent) is installed: the app's binary runs it as Node when installed. */
export function processCliRuntime(env: Env = process.env): CliRuntime {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  return cliRuntimeOf({
    packaged: Boolean(process.versions.electron && resourcesPath),
    platform: process.platform,
    env,
    ...(resourcesPath ? { resourcesPath } : {}),
    nodePath: process.execPath,
    checkoutDir: () => checkoutDirOf(),
  });
}
