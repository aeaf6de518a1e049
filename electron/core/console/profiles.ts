/**
 * One isolated browser identity per account/role: the names and folders that keep them apart.
 * The id depends only on the account and role (not on the sso-session's name), so renaming a
 * session keeps the console profiles, and opening the same role again reuses its profile.
 */
import path from 'node:path';
import type { RoleRef } from '../domain/model.js';
import { sha1Hex } from '../support/digest.js';

export type ConsoleRole = Pick<RoleRef, 'accountId' | 'roleName'>;

/** Folder under Lanyard's data folder that holds every browser profile it creates. */
export const CONSOLE_PROFILES_FOLDER = 'console-profiles';
/** Prefix of the Electron session partitions of in-app console windows (`persist:` keeps cookies on disk). */
export const CONSOLE_PARTITION_PREFIX = 'persist:console-';

/** Characters IAM allows in role names are safe in file names already; anything else becomes `_`. */
const UNSAFE_NAME_CHARACTER = /[^A-Za-z0-9+=,.@_-]/g;
/** Far below every file system's 255-byte name limit, with room for the partition prefix. */
const MAX_ID_LENGTH = 120;

/**
 * `123456789012-ReadOnlyAccess`: stable, readable and safe as a folder or partition name.
 * IAM role names are unique regardless of case, so case-insensitive file systems cannot mix two up.
 * A name that had to change (characters replaced, too long, or a trailing dot that Windows
 * drops) also gets a hash of the real account and role, so two roles never share a profile:
 * `a/b` and `a_b` would otherwise be one browser identity.
 */
export function consoleProfileId(role: ConsoleRole): string {
  const exact = `${role.accountId}-${role.roleName}`;
  const safe = exact.replace(UNSAFE_NAME_CHARACTER, '_');
  if (safe === exact && safe.length <= MAX_ID_LENGTH && !safe.endsWith('.')) return safe;
  const digest = sha1Hex(`${role.accountId}/${role.roleName}`).slice(0, 12);
  return `${safe.slice(0, MAX_ID_LENGTH - digest.length - 1)}-${digest}`;
}

/** The Electron session partition of the in-app console window for a role. */
export function consolePartitionName(role: ConsoleRole): string {
  return `${CONSOLE_PARTITION_PREFIX}${consoleProfileId(role)}`;
}

/**
 * The dedicated profile folder of one browser for one role: a Chrome-family `--user-data-dir`
 * or a Firefox `-profile`. Separate per browser, since browsers cannot share profile folders.
 */
export function consoleProfileDir(dataDir: string, browserId: string, role: ConsoleRole): string {
  return path.join(dataDir, CONSOLE_PROFILES_FOLDER, browserId, consoleProfileId(role));
}
