/**
 * The console sign-in (federation) endpoint: getSigninToken turns role credentials this fake
 * issued into a one-use sign-in token; login trades that token for a console cookie and
 * redirects to a stand-in console page that says who is signed in.
 */
import { opaqueToken } from './ids.js';
import { escapeHtml, page, paragraph } from './pages.js';
import { SECOND, type Settings } from './options.js';
import type { Organization } from './organization.js';
import type { FederationSession, IssuedRoleCredentials, RoleCredentialsStore } from './role-credentials.js';
import type { FakeRequest, Route } from './routing.js';
import { reply, requiredParam, ServiceError, type Reply } from './wire.js';

export const FEDERATION_PATH = '/federation';
export const CONSOLE_PATH = '/console';
export const CONSOLE_COOKIE = 'fake-idc-console';
/** SessionDuration bounds, in seconds (15 minutes to 12 hours). */
const SESSION_DURATION_RANGE = { min: 900, max: 43_200 } as const;

interface SigninToken {
  readonly credentials: IssuedRoleCredentials;
  readonly expiresAt: number;
  /** When the console session it starts ends. */
  readonly consoleEndsAt: number;
}

interface ConsoleSession {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
  readonly endsAt: number;
}

export interface FederationDependencies {
  readonly settings: Settings;
  readonly organization: Organization;
  readonly roleCredentials: RoleCredentialsStore;
}

export class FederationEndpoint {
  private readonly signinTokens = new Map<string, SigninToken>();
  private readonly consoleSessions = new Map<string, ConsoleSession>();

  constructor(private readonly deps: FederationDependencies) {}

  routes(): Route[] {
    return [
      {
        method: 'GET',
        path: FEDERATION_PATH,
        action: 'getSigninToken',
        operation: 'GetSigninToken',
        surface: 'signin',
        handle: (r) => this.getSigninToken(r),
      },
      {
        method: 'GET',
        path: FEDERATION_PATH,
        action: 'login',
        operation: 'FederationLogin',
        surface: 'signin',
        handle: (r) => this.login(r),
      },
      {
        method: 'GET',
        path: CONSOLE_PATH,
        operation: 'ConsolePage',
        surface: 'page',
        handle: (r) => this.consolePage(r),
      },
    ];
  }

  private now(): number {
    return this.deps.settings.clock.now();
  }

  private getSigninToken(request: FakeRequest): Reply {
    const query = request.url.searchParams;
    const credentials = this.deps.roleCredentials.verify(parseSession(requiredParam(query, 'Session')));
    if (!credentials) throw new ServiceError('InvalidRequest', 'The session credentials are unknown or expired');
    const durationParam = query.get('SessionDuration');
    const consoleEndsAt =
      durationParam === null ? credentials.expiresAt : this.now() + sessionDuration(durationParam) * SECOND;
    const token = opaqueToken('', 96);
    this.signinTokens.set(token, {
      credentials,
      expiresAt: this.now() + this.deps.settings.lifetimes.signinTokenMs,
      consoleEndsAt,
    });
    return reply.json({ SigninToken: token });
  }

  private login(request: FakeRequest): Reply {
    const query = request.url.searchParams;
    const destination = requiredParam(query, 'Destination');
    if (!isWebUrl(destination)) throw new ServiceError('InvalidRequest', 'Destination must be an http(s) URL');
    const token = requiredParam(query, 'SigninToken');
    const signin = this.signinTokens.get(token);
    this.signinTokens.delete(token);
    if (!signin || this.now() >= signin.expiresAt)
      throw new ServiceError('InvalidRequest', 'The sign-in token is invalid or expired');

    const { accountId, roleName } = signin.credentials;
    const accountName = this.deps.organization.account(accountId)?.accountName ?? accountId;
    const consoleId = opaqueToken('', 24);
    this.consoleSessions.set(consoleId, { accountId, accountName, roleName, endsAt: signin.consoleEndsAt });
    const consoleUrl = `${CONSOLE_PATH}?${new URLSearchParams({ destination })}`;
    return reply.redirect(consoleUrl, {
      'set-cookie': `${CONSOLE_COOKIE}=${consoleId}; Path=/; HttpOnly; SameSite=Lax`,
    });
  }

  private consolePage(request: FakeRequest): Reply {
    const consoleId = readCookie(request.headers.cookie, CONSOLE_COOKIE);
    const session = consoleId ? this.consoleSessions.get(consoleId) : undefined;
    if (!session || this.now() >= session.endsAt) {
      return reply.html(
        page('Not signed in', paragraph('Sign in through the federation endpoint first.', 'error')),
        401,
      );
    }
    const destination = request.url.searchParams.get('destination') ?? '';
    const identity =
      `<main id="identity" data-account-id="${escapeHtml(session.accountId)}" data-account-name="${escapeHtml(session.accountName)}" data-role-name="${escapeHtml(session.roleName)}">` +
      `Signed in as ${escapeHtml(session.roleName)} in ${escapeHtml(session.accountName)} (${escapeHtml(session.accountId)})</main>`;
    return reply.html(
      page('AWS Management Console (fake)', identity + paragraph(`Destination: ${destination}`, 'destination')),
    );
  }
}

function parseSession(raw: string): FederationSession {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ServiceError('InvalidRequest', 'Session must be JSON');
  }
  const session = parsed as Partial<Record<keyof FederationSession, unknown>> | null;
  if (
    typeof session?.sessionId !== 'string' ||
    typeof session.sessionKey !== 'string' ||
    typeof session.sessionToken !== 'string'
  ) {
    throw new ServiceError('InvalidRequest', 'Session needs sessionId, sessionKey and sessionToken');
  }
  return { sessionId: session.sessionId, sessionKey: session.sessionKey, sessionToken: session.sessionToken };
}

function sessionDuration(raw: string): number {
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(seconds >= SESSION_DURATION_RANGE.min && seconds <= SESSION_DURATION_RANGE.max)) {
    throw new ServiceError(
      'InvalidRequest',
      `SessionDuration must be ${SESSION_DURATION_RANGE.min} to ${SESSION_DURATION_RANGE.max} seconds`,
    );
  }
  return seconds;
}

function isWebUrl(text: string): boolean {
  const url = URL.parse(text);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
