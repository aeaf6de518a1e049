/**
 * The domain's shared shapes: accounts and roles reachable through an sso-session, and the
 * role credentials Identity Center hands out for them.
 */

/** One role in one account, reached through one sso-session. */
export interface RoleRef {
  sessionName: string;
  accountId: string;
  roleName: string;
}

export interface AccountInfo {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

export interface AccountWithRoles extends AccountInfo {
  /** Role names, sorted. */
  roles: string[];
}

/** Temporary AWS credentials for a role (GetRoleCredentials). Secret: never logged or sent to the renderer. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
}

/** A stable string key for a role, safe to use in maps, IPC and file names (after hashing). */
export function roleKey(ref: RoleRef): string {
  return `${ref.sessionName}/${ref.accountId}/${ref.roleName}`;
}

export function parseRoleKey(key: string): RoleRef | undefined {
  const match = /^(.+)\/(\d{12})\/([^/]+)$/.exec(key);
  if (!match) return undefined;
  return { sessionName: match[1] as string, accountId: match[2] as string, roleName: match[3] as string };
}

/** An AWS account id: exactly 12 digits. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{12}$/.test(value);
}

/** The usage hint for a value that is not an account id. */
export const ACCOUNT_ID_HINT = 'Account ids are 12 digits, e.g. 123456789012.';

/** A stable key for an account within a session: `session/account-id` (session names may hold a slash). */
export function accountKey(sessionName: string, accountId: string): string {
  return `${sessionName}/${accountId}`;
}

export function parseAccountKey(key: string): { sessionName: string; accountId: string } | undefined {
  const match = /^(.+)\/(\d{12})$/.exec(key);
  if (!match) return undefined;
  return { sessionName: match[1] as string, accountId: match[2] as string };
}

/** The scopes Lanyard registers for when an sso-session names none (what the AWS CLI uses). */
export const DEFAULT_REGISTRATION_SCOPES: readonly string[] = ['sso:account:access'];

/** Session names both botocore (shlex) and the JS SDK (`[\w-@+.%:/]+`) read without quotes. */
const SSO_SESSION_NAME = /^[\w@+.%:/-]+$/;
export const SSO_SESSION_NAME_HINT = 'Use letters, digits and - _ . @ + % : / only, e.g. "work".';

/** Whether `name` can be an `[sso-session NAME]` that every AWS tool reads. */
export function isSsoSessionName(name: string): boolean {
  return SSO_SESSION_NAME.test(name) && name !== '__proto__';
}

/** An AWS region name such as us-east-1 or us-gov-west-1. */
export function isRegionName(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value);
}

export { environmentOf } from './environment.js';
