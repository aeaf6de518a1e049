import path from 'node:path';
import { createPortalClient, loadPortalSdk } from '../support/aws-clients.js';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { LanyardError, serviceErrorName, signInHint } from '../domain/errors.js';
import { networkFailure } from '../network/network-errors.js';
import { withFileLock } from '../support/file-lock.js';
import { type Logger, silentLogger } from '../support/log.js';
import { OidcClient } from './oidc.js';
import type { LanyardPaths } from '../support/paths.js';
import { type SignInFlow, type SignInPrompt, signIn, tokenFromGrant } from './sign-in.js';
import {
  type CachedToken,
  deleteCachedToken,
  isRefreshable,
  readCachedToken,
  writeCachedToken,
} from './token-cache.js';

/** Refresh-token failures that mean the SSO session is over: only a new sign-in helps. */
const SESSION_ENDED = new Set([
  'InvalidGrantException',
  'InvalidClientException',
  'UnauthorizedClientException',
  'AccessDeniedException',
  'ExpiredTokenException',
]);

const ENDED_REASON = 'has ended (Identity Center no longer accepts its refresh token)';

export interface RefreshResult {
  token: CachedToken;
  /** True when this call spent the refresh token; false when the cached token was good enough. */
  refreshed: boolean;
  /** The new token's full lifetime, when this call refreshed it. */
  lifetimeMs?: number;
}

export interface SessionTokensDeps {
  paths: LanyardPaths;
  clock?: Clock;
  logger?: Logger;
  /** Creates the OIDC client for a region (tests may count calls): one per refresh, destroyed after it. */
  oidc?: (region: string) => OidcClient;
}

export function sessionEnded(session: SsoSessionConfig, why: string): LanyardError {
  return new LanyardError('SIGN_IN_REQUIRED', `The SSO session "${session.name}" ${why}.`, signInHint(session.name));
}

/**
 * The SSO token of each sso-session, in the AWS CLI's cache. Refreshing spends a one-use
 * refresh token, so every refresh happens under a cross-process lock and re-reads the cache
 * first: of N Lanyard processes that want a refresh at once, one refreshes and the others
 * find the fresh token when their turn comes.
 */
export class SessionTokens {
  readonly paths: LanyardPaths;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly oidc: (region: string) => OidcClient;
  private readonly locksDir: string;
  /**
   * The refresh token Identity Center last refused for each session (InvalidGrant: the
   * session is over). The cache keeps it until the next sign-in, and presenting it again only
   * earns another InvalidGrant: the keep-alive and a listing that wants a token both used to,
   * so each ended session said "ended" twice. One entry per session, replaced, never grown.
   */
  private readonly refusedRefreshTokens = new Map<string, string>();

  constructor(deps: SessionTokensDeps) {
    this.paths = deps.paths;
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.oidc = deps.oidc ?? ((region) => new OidcClient(region));
    this.locksDir = path.join(deps.paths.dataDir, 'locks');
  }

  async read(session: SsoSessionConfig): Promise<CachedToken | undefined> {
    const token = await readCachedToken(this.paths, session.name);
    // A sign-in (here, or `aws sso login` elsewhere) replaced the refused refresh token.
    const refused = this.refusedRefreshTokens.get(session.name);
    if (refused !== undefined && token?.refreshToken !== refused) this.refusedRefreshTokens.delete(session.name);
    return token;
  }

  /**
   * The session's cross-process lock. Its lost-lock signal is deliberately not passed to the
   * token write: once this process has spent the refresh token, the tokens it got back are the
   * only valid ones anywhere (a second spender gets InvalidGrant), so they are written even if
   * the lock was lost meanwhile; the call still fails with the lost-lock error.
   */
  private lock<T>(session: SsoSessionConfig, task: () => Promise<T>): Promise<T> {
    return withFileLock(this.locksDir, `sso-token:${session.name}`, task);
  }

  /** Runs a sign-in flow and caches the token. A damaged cache file is simply replaced. */
  async signIn(
    session: SsoSessionConfig,
    options: {
      flow: SignInFlow;
      onPrompt: (prompt: SignInPrompt) => void | Promise<void>;
      signal?: AbortSignal;
      timeoutMs?: number;
    },
  ): Promise<CachedToken> {
    const token = await signIn({ session, paths: this.paths, clock: this.clock, ...options });
    await this.lock(session, () => writeCachedToken(this.paths, session.name, token));
    this.refusedRefreshTokens.delete(session.name);
    this.logger.info('signed in', {
      session: session.name,
      flow: options.flow,
      expiresAt: new Date(token.expiresAt).toISOString(),
    });
    return token;
  }

  /**
   * Returns a token valid for at least `minValidityMs`, refreshing it if needed.
   * With `force`, refreshes even a token that is still fresh, unless another process
   * replaced it meanwhile. Throws SIGN_IN_REQUIRED when only a new sign-in helps.
   */
  async refreshIfNeeded(
    session: SsoSessionConfig,
    options: { minValidityMs: number; force?: boolean },
  ): Promise<RefreshResult> {
    const seen = await this.read(session);
    if (!seen) throw sessionEnded(session, 'is not signed in');
    const needsRefresh = (token: CachedToken): boolean =>
      token.expiresAt - this.clock.now() < options.minValidityMs ||
      (options.force === true && token.accessToken === seen.accessToken);
    if (!needsRefresh(seen)) return { token: seen, refreshed: false };

    return this.lock(session, async () => {
      const current = await this.read(session);
      if (!current) throw sessionEnded(session, 'is not signed in');
      if (!needsRefresh(current)) return { token: current, refreshed: false };
      const now = this.clock.now();
      if (!isRefreshable(current, now)) {
        if (current.expiresAt > now) return { token: current, refreshed: false };
        throw sessionEnded(session, 'has expired and cannot be refreshed');
      }
      if (current.refreshToken === this.refusedRefreshTokens.get(session.name)) {
        if (current.expiresAt > now) return { token: current, refreshed: false };
        throw sessionEnded(session, ENDED_REASON);
      }
      return this.spendRefreshToken(session, current);
    });
  }

  /** Call only under the session's lock. */
  private async spendRefreshToken(session: SsoSessionConfig, current: CachedToken): Promise<RefreshResult> {
    const registration = {
      clientId: current.clientId as string,
      clientSecret: current.clientSecret as string,
      expiresAt: current.registrationExpiresAt as number,
    };
    const oidc = this.oidc(session.region);
    try {
      const grant = await oidc.createToken(registration, {
        grantType: 'refresh_token',
        refreshToken: current.refreshToken as string,
      });
      const granted = tokenFromGrant(
        session,
        registration,
        { ...grant, refreshToken: grant.refreshToken ?? current.refreshToken },
        this.clock.now(),
      );
      // The token as the cache holds it (whole seconds), so that whoever reads the cache next
      // sees the same token, not a change of a fraction of a second (which the keep-alive
      // reported as a new status, and the agent logged, after every refresh).
      const token: CachedToken = { ...granted, expiresAt: Math.floor(granted.expiresAt / 1000) * 1000 };
      await writeCachedToken(this.paths, session.name, token);
      this.refusedRefreshTokens.delete(session.name);
      this.logger.info('refreshed SSO token', {
        session: session.name,
        expiresAt: new Date(token.expiresAt).toISOString(),
      });
      return { token, refreshed: true, lifetimeMs: grant.expiresInSeconds * 1000 };
    } catch (error) {
      const name = serviceErrorName(error);
      if (name && SESSION_ENDED.has(name)) {
        // botocore and the JS SDK refresh without a lock. If one of them spent the refresh
        // token a moment ago, the cache now holds its fresh token: use that.
        const reread = await this.read(session).catch(() => undefined);
        if (reread && reread.refreshToken !== current.refreshToken && reread.expiresAt > this.clock.now()) {
          return { token: reread, refreshed: false };
        }
        this.refusedRefreshTokens.set(session.name, current.refreshToken as string);
        this.logger.warn('SSO session ended', { session: session.name, reason: name });
        throw sessionEnded(session, ENDED_REASON);
      }
      throw transientRefreshError(session, error);
    } finally {
      oidc.destroy();
    }
  }

  /** A token for an API call now: refreshed under the lock if under `minValidityMs` remain. */
  async validToken(session: SsoSessionConfig, minValidityMs = 5 * 60_000): Promise<CachedToken> {
    const { token } = await this.refreshIfNeeded(session, { minValidityMs });
    if (token.expiresAt <= this.clock.now()) throw sessionEnded(session, 'has expired');
    return token;
  }

  /**
   * Signs out: ends the session at Identity Center (best effort, as `aws sso logout` does:
   * an unreachable or already-ended session must not keep the token on disk) and deletes the
   * cached token. Returns whether there was a token.
   */
  async signOut(session: SsoSessionConfig): Promise<boolean> {
    return this.lock(session, async () => {
      const token = await this.read(session).catch(() => undefined);
      if (token && token.expiresAt > this.clock.now()) {
        try {
          const sdk = await loadPortalSdk();
          const client = await createPortalClient(session.region);
          await client.send(new sdk.LogoutCommand({ accessToken: token.accessToken }));
          client.destroy();
        } catch (error) {
          this.logger.warn('portal logout failed; removing the local token anyway', {
            session: session.name,
            reason: (error as Error).name,
          });
        }
      }
      const removed = await deleteCachedToken(this.paths, session.name);
      this.refusedRefreshTokens.delete(session.name);
      this.logger.info('signed out', { session: session.name });
      return removed || token !== undefined;
    });
  }
}

function transientRefreshError(session: SsoSessionConfig, error: unknown): LanyardError {
  if (error instanceof LanyardError) return error;
  const failure = networkFailure(error);
  if (failure) {
    return new LanyardError(
      'NETWORK',
      `Could not reach IAM Identity Center (${session.region}) to refresh "${session.name}": ${failure.cause}.`,
      failure.transient ? `Lanyard retries on its own. ${failure.fix}` : failure.fix,
      { cause: error },
    );
  }
  const name = serviceErrorName(error) ?? (error as Error).name;
  if (name === 'SlowDownException' || name === 'TooManyRequestsException' || name === 'ThrottlingException') {
    return new LanyardError(
      'THROTTLED',
      `IAM Identity Center throttled the refresh of "${session.name}".`,
      'Lanyard retries on its own.',
      { cause: error },
    );
  }
  return new LanyardError('SERVICE', `Refreshing "${session.name}" failed: ${name}.`, 'Lanyard retries on its own.', {
    cause: error,
  });
}
