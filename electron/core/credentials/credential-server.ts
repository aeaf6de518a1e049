/**
 * A loopback endpoint that hands one role's credentials to local tools in the SDKs'
 * container-credentials format: a child started with `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN` (see `environment()`) gets them from botocore's
 * ContainerProvider, the JS SDK's fromHttp and the other SDKs' equivalents, and asks again by
 * itself when they near expiry. Behind `lanyard exec`, `lanyard serve` and pinned roles.
 *
 * What the SDKs do with the answer (botocore 1.43 credentials.py/utils.py,
 * @aws-sdk/credential-provider-http 3.972):
 * - They read `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (RFC 3339) and, botocore
 *   only, `AccountId`, and send the token verbatim as `Authorization` (no scheme).
 * - botocore refreshes once fewer than 15 minutes remain (advisory: it keeps the old ones if
 *   the refresh fails) and insists once fewer than 10 remain (mandatory); the JS SDK treats
 *   credentials with fewer than 5 minutes left as expired. So we hand out credentials with at
 *   least ROLE_CREDENTIALS_MIN_VALIDITY_MS (20 minutes) left whenever the role's credentials
 *   live that long: every SDK then uses an answer for 5 minutes or more before asking again.
 * - A non-200 answer: botocore retries twice a second apart, then shows the body verbatim
 *   ("Received non 200 response 503 from container metadata: {...}"); the JS SDK retries three
 *   times and shows only the status, attaching `Code`/`Message` from the body for a 4xx. Our
 *   error bodies are `{"Code", "Message"}` so both find what they look for.
 *
 * Plain Node (no AWS SDK, no Electron): this runs in the CLI as well as the app.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LanyardError, isLanyardError } from '../domain/errors.js';
import type { RoleCredentials } from '../domain/model.js';
import { type Clock, systemClock } from '../support/clock.js';
import { type Logger, silentLogger } from '../support/log.js';
import { formatAwsTimestamp } from '../support/timestamps.js';
import { ROLE_CREDENTIALS_MIN_VALIDITY_MS } from './role-credentials-cache.js';

/** Proactive renewals come at most this often, and a failed one is first retried after this. */
export const CREDENTIAL_SERVER_RENEW_FLOOR_MS = 30_000;
/** Held credentials are handed out while this much of their life remains (at most half their lifetime). */
export const CREDENTIAL_SERVER_SERVE_MARGIN_MS = 5_000;
/** Role credentials that live shorter than the min validity are renewed this long before they expire. */
const SHORT_LIVED_RENEW_LEAD_MS = 30_000;
/**
 * A renewal comes this long after the held credentials drop below the min validity: the disk
 * cache hands out credentials with exactly the min validity left (`>=`), so asking right at
 * that moment would return the same ones again.
 */
const CACHE_SLACK_MS = 1_000;
/** Backoff of a failing renewal: 30 s, 1, 2, 4 minutes, then every 5. */
const RETRY_MAX_MS = 5 * 60_000;

export interface CredentialServerOptions {
  /**
   * Credentials with at least `minValidityMs` left, from the cache or fetched
   * (RoleCredentialsProvider.get bound to one role). Throws LanyardError (e.g. SIGN_IN_REQUIRED).
   * Role credentials that live shorter than `minValidityMs` come back with less.
   */
  credentials: (minValidityMs: number) => Promise<RoleCredentials>;
  /** Echoed as `AccountId` in the answer (botocore reads it). */
  accountId?: string;
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default: 32 random bytes, base64url, fresh per server. */
  token?: string;
  clock?: Clock;
  logger?: Logger;
  /**
   * A failed renewal or request, once per streak of failures (the next success ends it), for
   * the CLI or the app to show. Carries no secret.
   */
  onError?: (error: unknown) => void;
}

export interface CredentialEndpoint {
  /** `http://127.0.0.1:PORT/<random path segment>` */
  url: string;
  token: string;
  port: number;
}

/** The credentials in hand, with their answer serialised once. */
interface Held {
  credentials: RoleCredentials;
  /** The Expiration we hand out: whole seconds, rounded down, so never later than the real one. */
  expiresAt: number;
  /** Handed out on request while at least this much of their life remains. */
  margin: number;
  body: string;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Serves one role's credentials on 127.0.0.1. Answers come from memory (no await on the warm
 * path); concurrent cold requests share one fetch; a timer on the clock renews the credentials
 * before they fall below the min validity, so requests rarely wait.
 */
export class CredentialServer {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly token: string;
  private readonly tokenDigest: Buffer;
  private readonly path = `/${randomBytes(16).toString('base64url')}`;
  private readonly minValidityMs = ROLE_CREDENTIALS_MIN_VALIDITY_MS;
  private server: http.Server | undefined;
  private endpoint: CredentialEndpoint | undefined;
  private allowedHosts = new Set<string>();
  private held: Held | undefined;
  private inFlight: Promise<Held> | undefined;
  private timer: unknown;
  /** When the timer is due (on the clock); a request after it renews in case the timer is late. */
  private renewAt = Number.POSITIVE_INFINITY;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: CredentialServerOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.token = options.token ?? randomBytes(32).toString('base64url');
    if (/[\r\n]/.test(this.token) || this.token === '') throw new Error('the token must be a non-empty header value');
    this.tokenDigest = sha256(this.token);
  }

  /**
   * Listens on 127.0.0.1 and starts fetching the credentials in the background, so the first
   * request is warm (a failure goes to onError). Rejects with a LanyardError when the port is taken.
   */
  async start(): Promise<CredentialEndpoint> {
    if (this.server) throw new Error('the credential server is already started');
    this.stopped = false;
    const server = http.createServer((request, response) => this.handle(request, response));
    this.server = server;
    const requested = this.options.port ?? 0;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: requested, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.server = undefined;
      throw listenError(error, requested);
    }
    server.on('error', (error) => this.logger.warn('credential server error', { error: String(error) }));
    const { port } = server.address() as AddressInfo;
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.endpoint = { url: `http://127.0.0.1:${port}${this.path}`, token: this.token, port };
    this.logger.info('credential server listening', { port });
    void this.refresh().catch(() => undefined);
    return this.endpoint;
  }

  /** Closes the server and every keep-alive connection, and clears the renewal timer. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    const server = this.server;
    this.server = undefined;
    this.endpoint = undefined;
    this.held = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The environment variables a child process needs to get credentials from this server. */
  environment(): Record<string, string> {
    if (!this.endpoint) throw new Error('the credential server is not started');
    return {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: this.endpoint.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: this.endpoint.token,
    };
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const refusal = this.refusal(request);
    if (refusal) {
      this.logger.debug('credential request refused', { status: refusal.status, reason: refusal.code });
      sendJson(response, refusal.status, errorBody(refusal.code, refusal.message), refusal.headers);
      return;
    }
    const now = this.clock.now();
    const held = this.held;
    if (held && servable(held, now)) {
      // The timer may be late (a sleeping laptop); a request that sees it overdue renews.
      if (now >= this.renewAt && !this.inFlight) void this.refresh().catch(() => undefined);
      sendJson(response, 200, held.body);
      return;
    }
    this.refresh().then(
      (fresh) => {
        if (fresh.expiresAt > this.clock.now()) sendJson(response, 200, fresh.body);
        else
          sendJson(
            response,
            503,
            errorBody(
              'EXPIRED',
              "The credentials Lanyard got for this role have already expired. Check this computer's clock.",
            ),
          );
      },
      (error: unknown) => {
        const known = isLanyardError(error);
        // A LanyardError says what is wrong and what to do (sign in, ask for access), and never
        // carries a secret; anything else is a bug, and its text is not ours to pass on.
        sendJson(
          response,
          known ? 503 : 500,
          known
            ? errorBody(error.code, error.hint ? `${error.message} ${error.hint}` : error.message)
            : errorBody('INTERNAL', 'Lanyard could not get credentials for this role (an internal error).'),
        );
      },
    );
  }

  /**
   * Why a request gets no credentials, checked in this order: a Host other than ours (a web
   * page reaching us through DNS rebinding; it learns nothing further), the path, the method,
   * then the token.
   */
  private refusal(request: http.IncomingMessage): Refusal | undefined {
    const host = request.headers.host?.toLowerCase();
    if (!host || !this.allowedHosts.has(host))
      return { status: 403, code: 'FORBIDDEN_HOST', message: 'This endpoint answers only to 127.0.0.1 and localhost.' };
    const url = request.url ?? '';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== this.path)
      return { status: 404, code: 'NOT_FOUND', message: 'Nothing here.' };
    if (request.method !== 'GET')
      return { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Only GET.', headers: { Allow: 'GET' } };
    const given = request.headers.authorization;
    if (!given)
      return {
        status: 401,
        code: 'UNAUTHORIZED',
        message: 'Send the token from AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header.',
      };
    // Hashing first gives equal lengths, so the comparison takes the same time for any guess.
    if (!timingSafeEqual(sha256(given), this.tokenDigest))
      return { status: 403, code: 'FORBIDDEN', message: 'The Authorization token is not this endpoint’s.' };
    return undefined;
  }

  /** The freshest credentials: one fetch at a time, shared by every caller meanwhile. */
  private refresh(): Promise<Held> {
    if (this.inFlight) return this.inFlight;
    const fetched = (async () => this.options.credentials(this.minValidityMs))();
    const settled = fetched.then(
      (credentials) => {
        this.inFlight = undefined;
        return this.succeeded(credentials);
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failed(error);
        throw error;
      },
    );
    this.inFlight = settled;
    return settled;
  }

  private succeeded(credentials: RoleCredentials): Held {
    const now = this.clock.now();
    const expiresAt = Math.floor(credentials.expiration / 1000) * 1000;
    if (this.failures > 0) this.logger.info('credentials renewed again', { after: this.failures });
    this.failures = 0;
    const current = this.held;
    // Another process may have cached different credentials meanwhile: keep the longer-lived.
    if (current && current.expiresAt > expiresAt) {
      if (!this.stopped) this.scheduleRenewal(current, now);
      return current;
    }
    const held: Held = {
      credentials,
      expiresAt,
      margin: Math.min(CREDENTIAL_SERVER_SERVE_MARGIN_MS, Math.max(0, (expiresAt - now) / 2)),
      body: JSON.stringify({
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        Expiration: formatAwsTimestamp(expiresAt),
        ...(this.options.accountId ? { AccountId: this.options.accountId } : {}),
      }),
    };
    if (this.stopped) return held;
    this.held = held;
    this.scheduleRenewal(held, now);
    return held;
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    const code = isLanyardError(error) ? error.code : 'INTERNAL';
    if (this.failures === 1) {
      this.logger.warn('could not renew role credentials', { code });
      try {
        this.options.onError?.(error);
      } catch (callbackError) {
        this.logger.error('onError threw', { error: String(callbackError) });
      }
    } else {
      this.logger.debug('role credentials still failing', { code, attempts: this.failures });
    }
    const delay = Math.min(CREDENTIAL_SERVER_RENEW_FLOOR_MS * 2 ** (this.failures - 1), RETRY_MAX_MS);
    this.setTimer(this.clock.now() + delay);
  }

  /**
   * Credentials with the min validity left are renewed as soon as they drop below it (the
   * SDKs' windows are all shorter, so answers handed out until then are good for minutes).
   * Role credentials that live shorter than that are renewed shortly before they expire,
   * never sooner than the floor; when that would be after they stop being handed out (a few
   * seconds' lifetime), no timer is set and the next request fetches.
   */
  private scheduleRenewal(held: Held, now: number): void {
    const floor = now + CREDENTIAL_SERVER_RENEW_FLOOR_MS;
    if (held.expiresAt - now >= this.minValidityMs) {
      this.setTimer(Math.max(held.expiresAt - this.minValidityMs + CACHE_SLACK_MS, floor));
      return;
    }
    const at = Math.max(held.expiresAt - SHORT_LIVED_RENEW_LEAD_MS, floor);
    if (at > held.expiresAt - held.margin) this.clearTimer();
    else this.setTimer(at);
  }

  private setTimer(at: number): void {
    this.clearTimer();
    this.renewAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.renewAt = Number.POSITIVE_INFINITY;
      void this.refresh().catch(() => undefined);
    }, at - this.clock.now());
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.renewAt = Number.POSITIVE_INFINITY;
  }
}

function servable(held: Held, now: number): boolean {
  const left = held.expiresAt - now;
  return left > 0 && left >= held.margin;
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ Code: code, Message: message });
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(body);
}

function listenError(error: unknown, port: number): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new LanyardError(
      'USAGE',
      `Port ${port} on 127.0.0.1 is already in use.`,
      'Choose another port, or none for a free one.',
      {
        cause: error,
      },
    );
  if (code === 'EACCES')
    return new LanyardError('USAGE', `Not allowed to listen on port ${port}.`, 'Choose a port above 1023.', {
      cause: error,
    });
  return error;
}
