import type { SSOClient } from '@aws-sdk/client-sso';
import { createPortalClient, loadPortalSdk, type PortalSdk } from '../support/aws-clients.js';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, sleep, systemClock } from '../support/clock.js';
import { LanyardError, httpStatusOf, isNetworkError, serviceErrorName, signInHint } from '../domain/errors.js';
import { networkFailure } from '../network/network-errors.js';
import { type Logger, silentLogger } from '../support/log.js';
import type { AccountInfo, RoleCredentials } from '../domain/model.js';
import type { BackgroundPace } from './background-pace.js';
import { AdaptiveRateLimiter } from './rate-limiter.js';
import type { SessionTokens } from '../sessions/session-tokens.js';
import type { CachedToken } from '../sessions/token-cache.js';

/** The largest page the portal serves (`max_result` 1..100): fewest calls for big organizations. */
export const PORTAL_PAGE_SIZE = 100;
/** Attempts per call on throttling, 5xx and network errors, the first included. */
export const PORTAL_MAX_ATTEMPTS = 8;
/** Backoff before retry n (0-based): RETRY_BASE_MS * 2^n, capped, of which a random 50-100 %. */
export const RETRY_BASE_MS = 100;
export const RETRY_MAX_MS = 10_000;
/** A portal call is made with an access token valid for at least this long. */
export const PORTAL_TOKEN_MIN_VALIDITY_MS = 5 * 60_000;

/**
 * Returns the bearer token for the next call (refreshing it when due). `fresh` skips any
 * memoised token and reads the cache again: after a 401, the cache may hold a newer sign-in.
 */
export type AccessTokenSource = (options?: { fresh?: boolean }) => Promise<string>;

export interface PortalClientOptions {
  session: Pick<SsoSessionConfig, 'name' | 'region'>;
  accessToken: AccessTokenSource;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Share one limiter among all clients of a session (PortalClients does). */
  limiter?: AdaptiveRateLimiter;
  maxAttempts?: number;
}

export interface AccountsPage {
  accounts: AccountInfo[];
  nextToken?: string;
}

type Verdict = 'throttled' | 'retry' | 'final';
/** `client.send` with the call's abort signal; keeps the SDK's per-command types. */
type Send = SSOClient['send'];

function isUnauthorized(error: unknown): boolean {
  return serviceErrorName(error) === 'UnauthorizedException' || httpStatusOf(error) === 401;
}

/** Backoff with jitter: spreads the retries of concurrent calls instead of syncing them. */
export function retryDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
  return ceiling * (0.5 + random() / 2);
}

/**
 * The SSO portal API for one sso-session: ListAccounts, ListAccountRoles, GetRoleCredentials.
 * Every call waits its turn at the session's rate limiter, and is retried with jittered
 * exponential backoff on TooManyRequests, 5xx answers and network errors. Unauthorized means
 * the session is over: SIGN_IN_REQUIRED. Tokens and keys never reach a log line or error.
 */
export class PortalClient {
  readonly limiter: AdaptiveRateLimiter;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private sdkClient: Promise<SSOClient> | undefined;

  constructor(private readonly options: PortalClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.limiter = options.limiter ?? new AdaptiveRateLimiter(this.clock);
    this.maxAttempts = options.maxAttempts ?? PORTAL_MAX_ATTEMPTS;
  }

  /** One page of accounts. With `pace`, the call (and each retry) also keeps to that background pace. */
  async listAccountsPage(nextToken?: string, signal?: AbortSignal, pace?: BackgroundPace): Promise<AccountsPage> {
    const response = await this.call(
      'ListAccounts',
      signal,
      (send, sdk, accessToken) =>
        send(
          new sdk.ListAccountsCommand({
            accessToken,
            maxResults: PORTAL_PAGE_SIZE,
            ...(nextToken ? { nextToken } : {}),
          }),
        ),
      undefined,
      pace,
    );
    const accounts: AccountInfo[] = [];
    for (const account of response.accountList ?? []) {
      if (!account.accountId) continue;
      accounts.push({
        accountId: account.accountId,
        accountName: account.accountName ?? account.accountId,
        ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
      });
    }
    return { accounts, ...(response.nextToken ? { nextToken: response.nextToken } : {}) };
  }

  /** Every account, all pages. */
  async listAccounts(signal?: AbortSignal): Promise<AccountInfo[]> {
    const accounts: AccountInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.listAccountsPage(nextToken, signal);
      accounts.push(...page.accounts);
      nextToken = page.nextToken;
    } while (nextToken);
    return accounts;
  }

  /** The role names assigned in one account, all pages, sorted; with `pace` as listAccountsPage. */
  async listAccountRoles(accountId: string, signal?: AbortSignal, pace?: BackgroundPace): Promise<string[]> {
    const roles = new Set<string>();
    let nextToken: string | undefined;
    do {
      const response = await this.call(
        'ListAccountRoles',
        signal,
        (send, sdk, accessToken) =>
          send(
            new sdk.ListAccountRolesCommand({
              accessToken,
              accountId,
              maxResults: PORTAL_PAGE_SIZE,
              ...(nextToken ? { nextToken } : {}),
            }),
          ),
        `account ${accountId}`,
        pace,
      );
      for (const role of response.roleList ?? []) if (role.roleName) roles.add(role.roleName);
      nextToken = response.nextToken;
    } while (nextToken);
    return [...roles].sort();
  }

  async getRoleCredentials(accountId: string, roleName: string, signal?: AbortSignal): Promise<RoleCredentials> {
    const what = `role ${roleName} in account ${accountId}`;
    const response = await this.call(
      'GetRoleCredentials',
      signal,
      (send, sdk, accessToken) => send(new sdk.GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
      what,
    );
    const credentials = response.roleCredentials;
    if (
      !credentials?.accessKeyId ||
      !credentials.secretAccessKey ||
      !credentials.sessionToken ||
      !credentials.expiration
    ) {
      throw new LanyardError(
        'SERVICE',
        `IAM Identity Center returned incomplete credentials for ${what}.`,
        'Try again; if it persists, sign in again.',
      );
    }
    return {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
    };
  }

  /** Closes the SDK client's sockets. */
  destroy(): void {
    void this.sdkClient?.then((client) => client.destroy()).catch(() => undefined);
    this.sdkClient = undefined;
  }

  private client(): Promise<SSOClient> {
    this.sdkClient ??= createPortalClient(this.options.session.region);
    return this.sdkClient;
  }

  /**
   * One operation with the rate limiter, retries and error translation. Background work's
   * calls (`pace`) take their turn at its pace first, then at the session's limiter, and report
   * every answer to both: the pace backs off on throttles as the limiter does.
   */
  private async call<Output>(
    operation: string,
    signal: AbortSignal | undefined,
    request: (send: Send, sdk: PortalSdk, accessToken: string) => Promise<Output>,
    subject?: string,
    pace?: BackgroundPace,
  ): Promise<Output> {
    const sdk = await loadPortalSdk();
    const client = await this.client();
    const send: Send = (command) => client.send(command, { abortSignal: signal });
    let retriedWithNewToken = false;
    for (let attempt = 0; ; attempt += 1) {
      const accessToken = await this.options.accessToken();
      const acquire = (): Promise<number> => this.limiter.acquire(signal);
      const sentAt = pace ? await pace.turn(acquire, signal) : await acquire();
      try {
        const output = await request(send, sdk, accessToken);
        this.limiter.accepted();
        pace?.accepted();
        return output;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // A long-running process may hold a token that a sign-out ended while a new sign-in
        // wrote another: try once more with whatever the cache holds now.
        if (isUnauthorized(error) && !retriedWithNewToken) {
          retriedWithNewToken = true;
          const current = await this.options.accessToken({ fresh: true }).catch(() => accessToken);
          if (current !== accessToken) continue;
        }
        const verdict = classify(error);
        if (verdict === 'throttled') {
          this.limiter.throttled(sentAt);
          pace?.throttled(sentAt);
        } else if (httpStatusOf(error) !== undefined) {
          this.limiter.accepted();
          pace?.accepted();
        }
        if (verdict === 'final' || attempt + 1 >= this.maxAttempts)
          throw this.translate(error, operation, subject, attempt + 1);
        const delay = retryDelayMs(attempt, this.random);
        this.logger.debug('portal call failed, retrying', {
          session: this.options.session.name,
          operation,
          attempt: attempt + 1,
          reason: reasonOf(error),
          retryInMs: Math.round(delay),
        });
        await sleep(this.clock, delay, signal);
      }
    }
  }

  private translate(error: unknown, operation: string, subject: string | undefined, attempts: number): LanyardError {
    const { name: sessionName, region } = this.options.session;
    if (error instanceof LanyardError) return error;
    const about = subject ? ` for ${subject}` : '';
    const name = serviceErrorName(error);
    const status = httpStatusOf(error);
    if (isUnauthorized(error)) {
      return new LanyardError(
        'SIGN_IN_REQUIRED',
        `The SSO session "${sessionName}" is no longer accepted by IAM Identity Center.`,
        signInHint(sessionName),
        { cause: error },
      );
    }
    if (classify(error) === 'throttled') {
      return new LanyardError(
        'THROTTLED',
        `IAM Identity Center kept throttling ${operation}${about} (${attempts} attempts).`,
        'Wait a minute, then try again.',
        { cause: error },
      );
    }
    const failure = networkFailure(error);
    if (failure) {
      const retried = failure.transient && attempts > 1 ? ` (${attempts} attempts)` : '';
      return new LanyardError(
        'NETWORK',
        `Could not reach IAM Identity Center (${region}) for ${operation}${about}: ${failure.cause}${retried}.`,
        failure.fix,
        { cause: error },
      );
    }
    if (name === 'ResourceNotFoundException' || status === 404) {
      return new LanyardError(
        'NOT_FOUND',
        `IAM Identity Center does not know ${subject ?? 'that resource'} in the SSO session "${sessionName}".`,
        `List what you can reach with \`lanyard accounts --sso-session ${sessionName} --refresh\`.`,
        { cause: error },
      );
    }
    if (name === 'ForbiddenException' || name === 'AccessDeniedException' || status === 403) {
      return new LanyardError(
        'ACCESS_DENIED',
        `The SSO session "${sessionName}" has no access to ${subject ?? 'that resource'}.`,
        `Ask your administrator for the assignment, or list what you can reach with \`lanyard accounts --sso-session ${sessionName} --refresh\`.`,
        { cause: error },
      );
    }
    const retried = status !== undefined && status >= 500 ? ` after ${attempts} attempts` : '';
    return new LanyardError(
      'SERVICE',
      `IAM Identity Center answered ${operation}${about} with ${name ?? (status === undefined ? reasonOf(error) : `HTTP ${status}`)}${retried}.`,
      'This is usually temporary; try again in a minute.',
      { cause: error },
    );
  }
}

function classify(error: unknown): Verdict {
  const name = serviceErrorName(error);
  const status = httpStatusOf(error);
  if (name === 'TooManyRequestsException' || name === 'ThrottlingException' || status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'retry';
  // A refusing proxy or an untrusted certificate needs a change of settings, not another attempt.
  if (isNetworkError(error)) return networkFailure(error)?.transient === false ? 'final' : 'retry';
  return 'final';
}

/** An error's name for logs and messages: a service code or Node error code, never its text. */
function reasonOf(error: unknown): string {
  const candidate = error as { code?: unknown; name?: unknown } | undefined;
  const name =
    serviceErrorName(error) ??
    (typeof candidate?.code === 'string' ? candidate.code : undefined) ??
    (typeof candidate?.name === 'string' ? candidate.name : undefined);
  return name ?? 'unknown error';
}

/**
 * A memoised access token for one session's portal calls: read from the AWS CLI's cache and
 * refreshed under the cross-process lock (SessionTokens) once fewer than
 * PORTAL_TOKEN_MIN_VALIDITY_MS remain. Concurrent callers share one read or refresh.
 */
export function sessionAccessToken(
  tokens: SessionTokens,
  session: SsoSessionConfig,
  clock: Clock = systemClock,
): AccessTokenSource {
  let token: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  return async (options = {}) => {
    if (options.fresh) token = undefined;
    if (token && token.expiresAt - clock.now() > PORTAL_TOKEN_MIN_VALIDITY_MS) return token.accessToken;
    pending ??= tokens.validToken(session, PORTAL_TOKEN_MIN_VALIDITY_MS).finally(() => {
      pending = undefined;
    });
    token = await pending;
    return token.accessToken;
  };
}

export interface PortalClientsDeps {
  tokens: SessionTokens;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

/**
 * One PortalClient per sso-session, so every caller in a process (inventory, role
 * credentials, the console) shares the session's rate limiter and token.
 */
export class PortalClients {
  private readonly clients = new Map<string, { session: SsoSessionConfig; client: PortalClient }>();

  constructor(private readonly deps: PortalClientsDeps) {}

  get(session: SsoSessionConfig): PortalClient {
    const existing = this.clients.get(session.name);
    if (existing && existing.session.region === session.region && existing.session.startUrl === session.startUrl)
      return existing.client;
    existing?.client.destroy();
    const clock = this.deps.clock ?? systemClock;
    const client = new PortalClient({
      session,
      accessToken: sessionAccessToken(this.deps.tokens, session, clock),
      clock,
      ...(this.deps.logger ? { logger: this.deps.logger } : {}),
      ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    this.clients.set(session.name, { session, client });
    return client;
  }

  destroy(): void {
    for (const { client } of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
