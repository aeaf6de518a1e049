/**
 * Role credentials cached where AWS CLI v2 caches the credentials of SSO profiles:
 * `~/.aws/cli/cache/<sha1 of {"accountId","roleName","sessionName"}>.json`, in its format
 * (`{"ProviderType": "sso", "Credentials": {...}}`). So the AWS CLI reuses what Lanyard fetched
 * and the other way round, `aws sso logout` clears Lanyard's too, and Lanyard keeps no secret
 * of its own outside the AWS CLI's files.
 *
 * This module is the warm `lanyard credential-process` path, so it imports Node built-ins only
 * (no AWS SDK, no file-lock or atomic-write packages): see role-credentials.ts for writing.
 */
import path from 'node:path';
import type { RoleCredentials, RoleRef } from '../domain/model.js';
import { sha1Hex } from '../support/digest.js';
import { pythonJson } from '../support/python-json.js';
import { readText } from '../support/read-text.js';
import { formatAwsTimestamp, parseAwsTimestamp } from '../support/timestamps.js';

/**
 * Cached credentials are handed out only while at least this much of their life remains.
 * botocore and the AWS CLI refresh credential_process credentials once fewer than 15 minutes
 * remain (advisory window; the JS SDK at 5), so anything we return must outlast that, or every
 * AWS call of the tool would ask us again.
 */
export const ROLE_CREDENTIALS_MIN_VALIDITY_MS = 20 * 60_000;

/** botocore's SSOCredentialFetcher._create_cache_key for an sso-session profile. */
export function roleCredentialsCacheKey(ref: RoleRef): string {
  const args = pythonJson({ accountId: ref.accountId, roleName: ref.roleName, sessionName: ref.sessionName }, true);
  return sha1Hex(args);
}

export function roleCredentialsFile(cliCacheDir: string, ref: RoleRef): string {
  return path.join(cliCacheDir, `${roleCredentialsCacheKey(ref)}.json`);
}

/** The AWS CLI's cache entry for SSO role credentials. */
interface CliCacheEntry {
  ProviderType: 'sso';
  Credentials: {
    AccessKeyId: string;
    SecretAccessKey: string;
    SessionToken: string;
    /** `%Y-%m-%dT%H:%M:%SZ` */
    Expiration: string;
    AccountId: string;
  };
}

export function serializeRoleCredentials(ref: RoleRef, credentials: RoleCredentials): string {
  const entry: CliCacheEntry = {
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: formatAwsTimestamp(credentials.expiration),
      AccountId: ref.accountId,
    },
  };
  return JSON.stringify(entry);
}

/** The credentials in a cache file's text, or undefined when it is not an SSO credentials entry. */
export function parseRoleCredentials(text: string): RoleCredentials | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entry = raw as Partial<CliCacheEntry> | null;
  const inner = entry?.Credentials as Partial<CliCacheEntry['Credentials']> | undefined;
  if (entry?.ProviderType !== 'sso' || !inner || typeof inner !== 'object') return undefined;
  const { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken } = inner;
  const expiration = parseAwsTimestamp(inner.Expiration);
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof sessionToken !== 'string')
    return undefined;
  if (!accessKeyId || !secretAccessKey || !sessionToken || expiration === undefined) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/**
 * Cached credentials for `ref` with at least `minValidityMs` left at `now`, or undefined (no
 * file, a damaged one, or too close to expiry); never throws for a bad file.
 */
export async function readCachedRoleCredentials(
  cliCacheDir: string,
  ref: RoleRef,
  now: number,
  minValidityMs: number = ROLE_CREDENTIALS_MIN_VALIDITY_MS,
): Promise<RoleCredentials | undefined> {
  let text: string;
  try {
    text = await readText(roleCredentialsFile(cliCacheDir, ref));
  } catch {
    return undefined;
  }
  const credentials = parseRoleCredentials(text);
  return credentials && credentials.expiration - now >= minValidityMs ? credentials : undefined;
}

/** What a `credential_process` prints (botocore, the AWS CLI and the SDKs read it). */
export function credentialProcessOutput(credentials: RoleCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    // Whole seconds, as cached: a cold and a warm call print the same thing.
    Expiration: formatAwsTimestamp(credentials.expiration),
  });
}
