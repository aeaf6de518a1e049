/**
 * SSO sessions and the tokens that stand for them. A sign-in starts a session of fixed length;
 * access tokens never outlive it; refresh tokens rotate (each works once) and stop working
 * when the session ends (its time is up, Logout, or endSession).
 */
import { GrantType, type ClientRegistration } from './clients.js';
import { opaqueToken } from './ids.js';
import type { Settings } from './options.js';
import { ServiceError } from './wire.js';

export interface SsoSession {
  readonly id: string;
  readonly startUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly startedAt: number;
  readonly endsAt: number;
  ended: boolean;
}

/** What CreateToken hands back. No refresh token for a registration without scopes (legacy device flow). */
export interface TokenSet {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly refreshToken?: string;
}

interface AccessTokenRecord {
  readonly sessionId: string;
  readonly expiresAt: number;
}

interface RefreshTokenRecord {
  readonly sessionId: string;
  readonly clientId: string;
  spent: boolean;
  /** CreateToken calls that presented it (whatever the answer). */
  presented: number;
}

const ACCESS_TOKEN_PREFIX = 'aoa';
const REFRESH_TOKEN_PREFIX = 'aor';

export class SessionStore {
  private readonly sessions = new Map<string, SsoSession>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Refresh attempts with a refresh token that had already been exchanged. */
  refreshTokenReuse = 0;
  /**
   * Refresh attempts with a refresh token presented before, whether it was exchanged then or
   * refused (an ended session): a client that remembers what the service told it stays at 0.
   */
  refreshTokenRepeats = 0;

  constructor(private readonly settings: Settings) {}

  /** Signs in: a new SSO session and its first tokens. */
  start(client: ClientRegistration, startUrl: string, scopes: readonly string[], accessTokenMs?: number): TokenSet {
    const now = this.settings.clock.now();
    const session: SsoSession = {
      id: opaqueToken('session-', 12),
      startUrl,
      clientId: client.clientId,
      scopes,
      startedAt: now,
      endsAt: now + this.settings.lifetimes.ssoSessionMs,
      ended: false,
    };
    this.sessions.set(session.id, session);
    return this.issueTokens(session, client, accessTokenMs);
  }

  /** Exchanges a refresh token for new tokens; the old refresh token is spent. */
  refresh(client: ClientRegistration, refreshToken: string): TokenSet {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) throw new ServiceError('InvalidGrant', 'Invalid refresh token');
    record.presented += 1;
    if (record.presented > 1) this.refreshTokenRepeats += 1;
    if (record.spent) {
      this.refreshTokenReuse += 1;
      throw new ServiceError('InvalidGrant', 'Refresh token has already been used');
    }
    if (record.clientId !== client.clientId)
      throw new ServiceError('InvalidGrant', 'Refresh token was issued to another client');
    const session = this.sessions.get(record.sessionId);
    if (!session || !this.isActive(session)) throw new ServiceError('InvalidGrant', 'The SSO session has ended');
    record.spent = true;
    return this.issueTokens(session, client);
  }

  /** The live session behind a bearer token, or Unauthorized. */
  authenticate(accessToken: string | undefined): SsoSession {
    const record = accessToken ? this.accessTokens.get(accessToken) : undefined;
    const session = record && this.sessions.get(record.sessionId);
    if (!record || !session || !this.isActive(session) || this.settings.clock.now() >= record.expiresAt) {
      throw new ServiceError('Unauthorized', 'Session token not found or invalid');
    }
    return session;
  }

  /** Ends the session an access or refresh token belongs to. Returns whether there was one. */
  end(token: string): boolean {
    const sessionId = this.accessTokens.get(token)?.sessionId ?? this.refreshTokens.get(token)?.sessionId;
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) return false;
    session.ended = true;
    return true;
  }

  endAll(): void {
    for (const session of this.sessions.values()) session.ended = true;
  }

  activeSessions(): SsoSession[] {
    return [...this.sessions.values()].filter((session) => this.isActive(session));
  }

  private isActive(session: SsoSession): boolean {
    return !session.ended && this.settings.clock.now() < session.endsAt;
  }

  private issueTokens(session: SsoSession, client: ClientRegistration, accessTokenMs?: number): TokenSet {
    const now = this.settings.clock.now();
    const lifetime = accessTokenMs ?? this.settings.lifetimes.accessTokenMs;
    const expiresAt = Math.min(now + lifetime, session.endsAt);
    const accessToken = opaqueToken(ACCESS_TOKEN_PREFIX);
    this.accessTokens.set(accessToken, { sessionId: session.id, expiresAt });
    if (!issuesRefreshTokens(client)) return { accessToken, expiresAt };
    const refreshToken = opaqueToken(REFRESH_TOKEN_PREFIX);
    this.refreshTokens.set(refreshToken, {
      sessionId: session.id,
      clientId: client.clientId,
      spent: false,
      presented: 0,
    });
    return { accessToken, expiresAt, refreshToken };
  }
}

/**
 * Like the real service: refresh tokens only for registrations that asked for scopes (the
 * `sso-session` style) and may use the refresh_token grant.
 */
function issuesRefreshTokens(client: ClientRegistration): boolean {
  return client.scopes.length > 0 && client.grantTypes.includes(GrantType.refreshToken);
}
