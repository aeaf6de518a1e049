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

/** A stable key for an account within a session. */
export function accountKey(sessionName: string, accountId: string): string {
  return `${sessionName}/${accountId}`;
}

/** An AWS region name such as us-east-1 or us-gov-west-1. */
export function isRegionName(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value);
}

export type Environment = 'prod' | 'staging' | 'dev' | 'test' | 'sandbox';

const ENVIRONMENT_PATTERNS: Array<[Environment, RegExp]> = [
  ['prod', /(^|[^a-z])(prod|production|prd|live)([^a-z]|$)/i],
  ['staging', /(^|[^a-z])(staging|stage|stg|preprod|uat)([^a-z]|$)/i],
  ['test', /(^|[^a-z])(test|qa|testing)([^a-z]|$)/i],
  ['dev', /(^|[^a-z])(dev|development|develop)([^a-z]|$)/i],
  ['sandbox', /(^|[^a-z])(sandbox|sbx|playground|lab)([^a-z]|$)/i],
];

/** The environment an account name (or alias) suggests, for at-a-glance hints. */
export function environmentOf(name: string): Environment | undefined {
  for (const [environment, pattern] of ENVIRONMENT_PATTERNS) {
    if (pattern.test(name)) return environment;
  }
  return undefined;
}
