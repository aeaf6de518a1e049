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
 * An AppImage is mounted at a new path on every launch, so nothing inside it has a stable
 * path to write; it gets a clear error instead of a command that breaks on the next launch.
 */
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';

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
    }
  | { kind: 'appimage'; appImagePath: string };

/** The wrapper's path inside the app's resources folder, per OS (electron-builder.yml ships it there). */
export function cliWrapperPath(resourcesPath: string, platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? path.win32.join(resourcesPath, 'bin', 'lanyard.cmd')
    : path.posix.join(resourcesPath, 'bin', 'lanyard');
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
export function cliCommand(runtime: CliRuntime): string {
  switch (runtime.kind) {
    case 'checkout':
      return [runtime.nodePath, path.join(runtime.checkoutDir, 'bin', 'lanyard.js')].map(quoteArgument).join(' ');
    case 'installed':
      return quoteArgument(cliWrapperPath(runtime.resourcesPath, runtime.platform));
    case 'appimage':
      throw new LanyardError(
        'CONFIG',
        `The AppImage (${runtime.appImagePath}) is mounted at a new path on every launch, so credential_process profiles cannot point into it.`,
        'Use the "sso" profile style (the default), or install the .deb package or a source checkout for credential_process profiles.',
      );
  }
}
