/** The SSO portal: ListAccounts, ListAccountRoles, GetRoleCredentials, Logout. */
import type { Organization } from './organization.js';
import type { RoleCredentialsStore } from './role-credentials.js';
import type { FakeRequest, Route } from './routing.js';
import type { SessionStore } from './sessions.js';
import { reply, requiredParam, ServiceError, type Reply } from './wire.js';

export interface PortalDependencies {
  readonly organization: Organization;
  readonly sessions: SessionStore;
  readonly roleCredentials: RoleCredentialsStore;
}

export const BEARER_TOKEN_HEADER = 'x-amz-sso_bearer_token';
export const DEFAULT_PAGE_SIZE = 20;
const MIN_PAGE_SIZE = 1;
const MAX_PAGE_SIZE = 100; // MaxResultType in the service model

export function portalRoutes(deps: PortalDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/assignment/accounts',
      operation: 'ListAccounts',
      surface: 'portal',
      handle: (r) => listAccounts(deps, r),
    },
    {
      method: 'GET',
      path: '/assignment/roles',
      operation: 'ListAccountRoles',
      surface: 'portal',
      handle: (r) => listAccountRoles(deps, r),
    },
    {
      method: 'GET',
      path: '/federation/credentials',
      operation: 'GetRoleCredentials',
      surface: 'portal',
      handle: (r) => getRoleCredentials(deps, r),
    },
    { method: 'POST', path: '/logout', operation: 'Logout', surface: 'portal', handle: (r) => logout(deps, r) },
  ];
}

function bearerToken(request: FakeRequest): string | undefined {
  const value = request.headers[BEARER_TOKEN_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

function listAccounts({ organization, sessions }: PortalDependencies, request: FakeRequest): Reply {
  sessions.authenticate(bearerToken(request));
  const accounts = organization
    .accounts()
    .map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
  const { items, nextToken } = paginate(accounts, request.url.searchParams);
  return reply.json({ accountList: items, ...(nextToken ? { nextToken } : {}) });
}

function listAccountRoles({ organization, sessions }: PortalDependencies, request: FakeRequest): Reply {
  sessions.authenticate(bearerToken(request));
  const query = request.url.searchParams;
  const accountId = requiredParam(query, 'account_id');
  const account = organization.account(accountId);
  if (!account) throw new ServiceError('ResourceNotFound', 'Account is not assigned');
  const roles = account.roles.map((roleName) => ({ roleName, accountId }));
  const { items, nextToken } = paginate(roles, query);
  return reply.json({ roleList: items, ...(nextToken ? { nextToken } : {}) });
}

function getRoleCredentials(
  { organization, sessions, roleCredentials }: PortalDependencies,
  request: FakeRequest,
): Reply {
  sessions.authenticate(bearerToken(request));
  const query = request.url.searchParams;
  const roleName = requiredParam(query, 'role_name');
  const accountId = requiredParam(query, 'account_id');
  if (!organization.hasRole(accountId, roleName)) throw new ServiceError('ResourceNotFound', 'Role is not assigned');
  const credentials = roleCredentials.issue(accountId, roleName);
  return reply.json({
    roleCredentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiresAt, // epoch milliseconds, unlike the OIDC side's seconds
    },
  });
}

function logout({ sessions }: PortalDependencies, request: FakeRequest): Reply {
  const token = bearerToken(request);
  sessions.authenticate(token);
  if (token) sessions.end(token);
  return reply.empty();
}

/** Offset paging behind an opaque token, like the service's: `max_result` 1..100. */
function paginate<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const size = pageSize(query.get('max_result'));
  const token = query.get('next_token');
  const offset = token ? decodePageToken(token) : 0;
  const end = offset + size;
  return { items: items.slice(offset, end), ...(end < items.length ? { nextToken: encodePageToken(end) } : {}) };
}

function pageSize(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= MIN_PAGE_SIZE && size <= MAX_PAGE_SIZE)) {
    throw new ServiceError('InvalidRequest', `max_result must be between ${MIN_PAGE_SIZE} and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodePageToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through: not a token of ours
  }
  throw new ServiceError('InvalidRequest', 'Invalid next_token');
}
