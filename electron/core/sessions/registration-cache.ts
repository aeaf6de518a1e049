import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import type { Registration } from './oidc.js';
import type { LanyardPaths } from '../support/paths.js';
import { pythonJson } from '../support/python-json.js';
import { formatAwsTimestamp, parseAwsTimestamp } from '../support/timestamps.js';

/**
 * Client registrations, cached where and how the AWS CLI v2 caches them, so Lanyard and
 * `aws sso login` share one registration per sso-session instead of piling up new ones.
 * The CLI keys the file by sha1 of `json.dumps({...}, sort_keys=True)`, which pythonJson
 * reproduces.
 */
export interface RegistrationKey {
  startUrl: string;
  region: string;
  /** `sso_registration_scopes` as configured, or null when the section has none. */
  scopes: string[] | null;
  sessionName: string;
}

/** Registrations this close to expiry are replaced, as the AWS CLI does (_EXPIRY_WINDOW). */
export const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60 * 1000;

export function registrationCacheKey(key: RegistrationKey): string {
  const args = {
    tool: 'botocore',
    startUrl: key.startUrl,
    region: key.region,
    scopes: key.scopes,
    session_name: key.sessionName,
  };
  return createHash('sha1').update(pythonJson(args), 'utf8').digest('hex');
}

function registrationFile(paths: LanyardPaths, key: RegistrationKey): string {
  return path.join(paths.ssoCacheDir, `${registrationCacheKey(key)}.json`);
}

export async function readRegistration(paths: LanyardPaths, key: RegistrationKey): Promise<Registration | undefined> {
  const text = await readTextIfExists(registrationFile(paths, key));
  if (text === undefined) return undefined;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const expiresAt = parseAwsTimestamp(raw.expiresAt);
    if (typeof raw.clientId !== 'string' || typeof raw.clientSecret !== 'string' || expiresAt === undefined)
      return undefined;
    return {
      clientId: raw.clientId,
      clientSecret: raw.clientSecret,
      expiresAt,
      ...(Array.isArray(raw.scopes) ? { scopes: raw.scopes.map(String) } : {}),
      ...(Array.isArray(raw.grantTypes) ? { grantTypes: raw.grantTypes.map(String) } : {}),
    };
  } catch {
    // A damaged registration is only a cache: registering again replaces it.
    return undefined;
  }
}

export async function writeRegistration(
  paths: LanyardPaths,
  key: RegistrationKey,
  registration: Registration,
): Promise<void> {
  await fs.mkdir(paths.ssoCacheDir, { recursive: true, mode: 0o700 });
  const body: Record<string, unknown> = {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: formatAwsTimestamp(registration.expiresAt),
  };
  if (registration.scopes) body.scopes = registration.scopes;
  if (registration.grantTypes) body.grantTypes = registration.grantTypes;
  await writeFileAtomically(registrationFile(paths, key), JSON.stringify(body), { mode: 0o600, enforceMode: true });
}

export function isUsableRegistration(
  registration: Registration | undefined,
  now: number,
  forAuthCode: boolean,
): registration is Registration {
  if (!registration || registration.expiresAt - now < REGISTRATION_EXPIRY_WINDOW_MS) return false;
  // Same rule as the AWS CLI: an authorization-code registration lists that grant type;
  // one without it was made for the device flow.
  const isAuthCode = registration.grantTypes?.includes('authorization_code') ?? false;
  return isAuthCode === forAuthCode;
}
