/**
 * Checks of each session's cached token (present, valid, refreshable), its client
 * registration's expiry, and the modes of the files that hold secrets. Pure: what was read
 * and "now" come in. Only times and states are reported, never a token.
 */
import { formatDuration } from '../domain/durations.js';
import type { DiagnosticCheck } from '../domain/diagnostics.js';
import type { CachedToken } from '../sessions/token-cache.js';
import { check } from './check.js';

/** A registration this close to its end gets a warning: time to sign in again at a quiet moment. */
export const REGISTRATION_WARNING_MS = 7 * 24 * 60 * 60_000;

export type TokenReading = { token: CachedToken | undefined } | { damaged: string };

const loginFix = (name: string): string => `Sign in: lanyard login --sso-session ${name}`;

/**
 * The token's checks. `now` is the local clock (the cache's expiresAt is local: expiresIn was
 * added to this machine's time); `serviceNow` is the service's, for the registration's expiry,
 * which Identity Center stated in its own time.
 */
export function tokenChecks(name: string, reading: TokenReading, now: number, serviceNow: number): DiagnosticCheck[] {
  const id = `token:${name}`;
  if ('damaged' in reading) return [check(id, 'fail', reading.damaged, loginFix(name))];
  const { token } = reading;
  if (!token) return [check(id, 'fail', `No cached SSO token for "${name}": it is signed out.`, loginFix(name))];
  const refreshable = Boolean(token.refreshToken && token.clientId && token.clientSecret);
  const registrationLeft =
    token.registrationExpiresAt === undefined ? undefined : token.registrationExpiresAt - serviceNow;
  const canRefresh = refreshable && registrationLeft !== undefined && registrationLeft > 0;
  const left = token.expiresAt - now;
  const checks: DiagnosticCheck[] = [];
  if (left > 0) {
    const how = canRefresh ? 'refreshable' : 'not refreshable: it ends then';
    checks.push(
      check(
        id,
        canRefresh ? 'ok' : 'warn',
        `The token for "${name}" is valid for ${formatDuration(left)} (${how}).`,
        canRefresh ? '' : refreshFix(name, refreshable),
      ),
    );
  } else if (canRefresh) {
    checks.push(
      check(id, 'ok', `The token for "${name}" expired ${formatDuration(-left)} ago and is refreshed on next use.`),
    );
  } else {
    checks.push(
      check(
        id,
        'fail',
        `The token for "${name}" expired ${formatDuration(-left)} ago and cannot be refreshed.`,
        loginFix(name),
      ),
    );
  }
  checks.push(registrationCheck(name, refreshable, registrationLeft));
  return checks;
}

function refreshFix(name: string, refreshable: boolean): string {
  return refreshable
    ? `Sign in again to renew the client registration: lanyard login --sso-session ${name}`
    : `Add sso_registration_scopes = sso:account:access to [sso-session ${name}], then sign in again: lanyard login --sso-session ${name}`;
}

function registrationCheck(name: string, refreshable: boolean, left: number | undefined): DiagnosticCheck {
  const id = `registration:${name}`;
  if (!refreshable || left === undefined)
    return check(
      id,
      'warn',
      `The token for "${name}" has no client registration (an older or legacy sign-in), so it cannot be refreshed.`,
      refreshFix(name, false),
    );
  if (left <= 0)
    return check(
      id,
      'fail',
      `The client registration of "${name}" expired ${formatDuration(-left)} ago: its token cannot be refreshed.`,
      loginFix(name),
    );
  if (left <= REGISTRATION_WARNING_MS)
    return check(
      id,
      'warn',
      `The client registration of "${name}" expires in ${formatDuration(left)}; then a new sign-in is needed.`,
      loginFix(name),
    );
  return check(id, 'ok', `The client registration of "${name}" is good for ${formatDuration(left)}.`);
}

export interface SecretFile {
  file: string;
  /** What it holds, for the message. */
  kind: 'token cache' | 'credentials';
  /** `stat().mode`. */
  mode: number;
}

/** Files with tokens or keys must be readable by their owner only (0600); Windows has no such modes. */
export function fileModeCheck(files: readonly SecretFile[], platform: NodeJS.Platform): DiagnosticCheck {
  if (platform === 'win32')
    return check('file-modes', 'ok', 'Windows keeps file access in ACLs: modes are not checked.');
  const open = files.filter((entry) => (entry.mode & 0o077) !== 0);
  if (open.length === 0)
    return check(
      'file-modes',
      'ok',
      files.length === 0
        ? 'No token cache or credentials file yet.'
        : `The ${files.length} token cache and credentials files are readable by you only.`,
    );
  const listed = open.map(
    (entry) => `${entry.file} (${entry.kind}, ${(entry.mode & 0o777).toString(8).padStart(4, '0')})`,
  );
  return check(
    'file-modes',
    'fail',
    `Files holding secrets can be read by other users: ${listed.join(', ')}.`,
    `Run: chmod 600 ${open.map((entry) => shellQuote(entry.file)).join(' ')}`,
  );
}

function shellQuote(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`;
}
