/**
 * The on-disk cache of role credentials: reading it and the credential_process output. This
 * module is the warm `lanyard credential-process` path, so it imports Node built-ins only
 * (no AWS SDK, no file-lock or atomic-write packages): see role-credentials.ts for writing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RoleCredentials, RoleRef } from './model.js';

/**
 * Cached credentials are handed out only while at least this much of their life remains.
 * botocore and the AWS CLI refresh credential_process credentials once fewer than 15 minutes
 * remain (advisory window; the JS SDK at 5), so anything we return must outlast that, or every
 * AWS call of the tool would ask us again.
 */
export const ROLE_CREDENTIALS_MIN_VALIDITY_MS = 20 * 60_000;

/** Bumped when the file's shape changes; files of another format count as absent. */
export const ROLE_CREDENTIALS_FORMAT = 1;

/**
 * A name as one safe path segment: anything but letters, digits, `_` and `-` becomes `%XX`, so
 * no session or role name can climb out of the folder (`..`) or clash with the file system.
 * Hashing would do as well, but loading node:crypto costs the warm path several milliseconds.
 */
export function fileNameSegment(name: string): string {
  return name.replace(/[^\w-]/gu, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** `<dataDir>/role-credentials/<session>`: one folder per sso-session, to clear on sign-out. */
export function roleCredentialsDir(dataDir: string, sessionName: string): string {
  return path.join(dataDir, 'role-credentials', fileNameSegment(sessionName));
}

/** One file per role: `<account id>-<role name>.json`. */
export function roleCredentialsFile(dataDir: string, ref: RoleRef): string {
  return path.join(roleCredentialsDir(dataDir, ref.sessionName), `${fileNameSegment(ref.accountId)}-${fileNameSegment(ref.roleName)}.json`);
}

/** The file's JSON. */
export interface RoleCredentialsFile {
  format: number;
  sessionName: string;
  accountId: string;
  roleName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601 UTC. */
  expiration: string;
}

export function serializeRoleCredentials(ref: RoleRef, credentials: RoleCredentials): string {
  const file: RoleCredentialsFile = {
    format: ROLE_CREDENTIALS_FORMAT,
    sessionName: ref.sessionName,
    accountId: ref.accountId,
    roleName: ref.roleName,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: new Date(credentials.expiration).toISOString(),
  };
  return JSON.stringify(file);
}

/** The credentials in a cache file's text, or undefined when it is not one for `ref`. */
export function parseRoleCredentials(text: string, ref: RoleRef): RoleCredentials | undefined {
  let raw: Partial<Record<keyof RoleCredentialsFile, unknown>>;
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const matches = raw.format === ROLE_CREDENTIALS_FORMAT && raw.sessionName === ref.sessionName && raw.accountId === ref.accountId && raw.roleName === ref.roleName;
  const { accessKeyId, secretAccessKey, sessionToken } = raw;
  const expiration = typeof raw.expiration === 'string' ? Date.parse(raw.expiration) : Number.NaN;
  if (!matches || typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof sessionToken !== 'string') return undefined;
  if (!accessKeyId || !secretAccessKey || !sessionToken || Number.isNaN(expiration)) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/**
 * Cached credentials for `ref` with at least `minValidityMs` left at `now`, or undefined (no
 * file, a damaged one, or too close to expiry); never throws for a bad file.
 */
export async function readCachedRoleCredentials(
  dataDir: string,
  ref: RoleRef,
  now: number,
  minValidityMs: number = ROLE_CREDENTIALS_MIN_VALIDITY_MS,
): Promise<RoleCredentials | undefined> {
  let text: string;
  try {
    text = await fs.readFile(roleCredentialsFile(dataDir, ref), 'utf8');
  } catch {
    return undefined;
  }
  const credentials = parseRoleCredentials(text, ref);
  return credentials && credentials.expiration - now >= minValidityMs ? credentials : undefined;
}

/** What a `credential_process` prints (botocore, the AWS CLI and the SDKs read it). */
export function credentialProcessOutput(credentials: RoleCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: new Date(credentials.expiration).toISOString(),
  });
}
