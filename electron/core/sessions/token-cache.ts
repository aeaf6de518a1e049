import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import { LanyardError } from '../domain/errors.js';
import type { LanyardPaths } from '../support/paths.js';
import { formatAwsTimestamp, parseAwsTimestamp } from '../support/timestamps.js';
import { sha1Hex } from '../support/digest.js';

/**
 * The SSO token as the AWS CLI caches it in `~/.aws/sso/cache/<sha1(session name)>.json`.
 * AWS CLI v2, botocore and the JS SDK read and refresh this same file.
 */
export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** Epoch ms (stored as ISO 8601 UTC). */
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  /** Epoch ms (stored as ISO 8601 UTC). */
  registrationExpiresAt?: number;
  refreshToken?: string;
}

export function tokenCacheKey(sessionName: string): string {
  return sha1Hex(sessionName);
}

export function tokenCacheFile(paths: LanyardPaths, sessionName: string): string {
  return path.join(paths.ssoCacheDir, `${tokenCacheKey(sessionName)}.json`);
}

function corrupt(file: string, sessionName: string, what: string): LanyardError {
  return new LanyardError(
    'CORRUPT_CACHE',
    `The cached SSO token for "${sessionName}" (${file}) is damaged: ${what}.`,
    `Sign in again to replace it: \`lanyard login --sso-session ${sessionName}\`.`,
  );
}

/**
 * Reads the cached token. Returns undefined when there is none. A file that is not a token
 * (bad JSON, no accessToken/expiresAt, as botocore's SSOTokenLoader also rejects) is a
 * CORRUPT_CACHE error that says how to recover.
 */
export async function readCachedToken(paths: LanyardPaths, sessionName: string): Promise<CachedToken | undefined> {
  const file = tokenCacheFile(paths, sessionName);
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    raw = parsed as Record<string, unknown>;
  } catch {
    throw corrupt(file, sessionName, 'it is not valid JSON');
  }
  const expiresAt = parseAwsTimestamp(raw.expiresAt);
  if (typeof raw.accessToken !== 'string' || !raw.accessToken || expiresAt === undefined) {
    throw corrupt(file, sessionName, 'it has no accessToken or no valid expiresAt');
  }
  const optionalString = (key: string): string | undefined =>
    typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined;
  const token: CachedToken = {
    startUrl: optionalString('startUrl') ?? '',
    region: optionalString('region') ?? '',
    accessToken: raw.accessToken,
    expiresAt,
  };
  const clientId = optionalString('clientId');
  const clientSecret = optionalString('clientSecret');
  const refreshToken = optionalString('refreshToken');
  const registrationExpiresAt = parseAwsTimestamp(raw.registrationExpiresAt);
  if (clientId) token.clientId = clientId;
  if (clientSecret) token.clientSecret = clientSecret;
  if (refreshToken) token.refreshToken = refreshToken;
  if (registrationExpiresAt !== undefined) token.registrationExpiresAt = registrationExpiresAt;
  return token;
}

/** Serialised with the AWS CLI's field names and timestamp format, so every tool accepts it. */
export function serializeToken(token: CachedToken): string {
  const out: Record<string, string> = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: formatAwsTimestamp(token.expiresAt),
  };
  if (token.clientId) out.clientId = token.clientId;
  if (token.clientSecret) out.clientSecret = token.clientSecret;
  if (token.registrationExpiresAt !== undefined)
    out.registrationExpiresAt = formatAwsTimestamp(token.registrationExpiresAt);
  if (token.refreshToken) out.refreshToken = token.refreshToken;
  return JSON.stringify(out);
}

/** Atomic replace, mode 0600: the file holds bearer and refresh tokens. */
export async function writeCachedToken(paths: LanyardPaths, sessionName: string, token: CachedToken): Promise<void> {
  await fs.mkdir(paths.ssoCacheDir, { recursive: true, mode: 0o700 });
  const file = tokenCacheFile(paths, sessionName);
  // enforceMode: a file another tool created with a looser mode is tightened too.
  await writeFileAtomically(file, serializeToken(token), { mode: 0o600, enforceMode: true });
}

export async function deleteCachedToken(paths: LanyardPaths, sessionName: string): Promise<boolean> {
  try {
    await fs.unlink(tokenCacheFile(paths, sessionName));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Whether botocore/the JS SDK/Lanyard could refresh this token without a new sign-in. */
export function isRefreshable(token: CachedToken, now: number): boolean {
  return Boolean(
    token.refreshToken &&
    token.clientId &&
    token.clientSecret &&
    token.registrationExpiresAt !== undefined &&
    token.registrationExpiresAt > now,
  );
}
