import os from 'node:os';
import path from 'node:path';

/** Where Lanyard and the AWS tools keep their files. */
export interface LanyardPaths {
  home: string;
  /** `AWS_CONFIG_FILE` or `~/.aws/config`. */
  awsConfigFile: string;
  /** `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`. */
  awsCredentialsFile: string;
  /** The AWS CLI's SSO token cache, `~/.aws/sso/cache` (botocore does not let it move). */
  ssoCacheDir: string;
  /** The AWS CLI's credential cache, `~/.aws/cli/cache`: where it keeps SSO role credentials. */
  cliCacheDir: string;
  /** Lanyard's own data: inventory, role credential cache, browser profiles, settings. */
  dataDir: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Home directory the way the AWS CLI and the JS SDK find it: HOME first, then USERPROFILE. */
export function homeDir(env: Env = process.env): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

function expandHome(file: string, home: string): string {
  if (file === '~') return home;
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(home, file.slice(2));
  return file;
}

/** Lanyard's data folder: the same folder Electron's `userData` resolves to for "Lanyard". */
export function defaultDataDir(env: Env, platform: NodeJS.Platform, home: string): string {
  if (env.LANYARD_DATA_DIR) return path.resolve(expandHome(env.LANYARD_DATA_DIR, home));
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Lanyard');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Lanyard');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Lanyard');
}

export function resolvePaths(env: Env = process.env, platform: NodeJS.Platform = process.platform): LanyardPaths {
  const home = homeDir(env);
  const awsDir = path.join(home, '.aws');
  return {
    home,
    awsConfigFile: path.resolve(expandHome(env.AWS_CONFIG_FILE || path.join(awsDir, 'config'), home)),
    awsCredentialsFile: path.resolve(
      expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(awsDir, 'credentials'), home),
    ),
    ssoCacheDir: path.join(awsDir, 'sso', 'cache'),
    cliCacheDir: path.join(awsDir, 'cli', 'cache'),
    dataDir: defaultDataDir(env, platform, home),
  };
}
