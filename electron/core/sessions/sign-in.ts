import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, sleep, systemClock } from '../support/clock.js';
import { LanyardError, serviceErrorName } from '../domain/errors.js';
import { networkFailure } from '../network/network-errors.js';
import { LoopbackRedirect } from './loopback-redirect.js';
import { DEFAULT_REGISTRATION_SCOPES } from '../domain/model.js';
import { DEVICE_CODE_GRANT, OidcClient, type Registration, type TokenGrant } from './oidc.js';
import type { LanyardPaths } from '../support/paths.js';
import {
  isUsableRegistration,
  readRegistration,
  type RegistrationKey,
  writeRegistration,
} from './registration-cache.js';
import type { CachedToken } from './token-cache.js';

export type SignInFlow = 'auth-code' | 'device-code';

/** What the user must do to finish signing in. */
export type SignInPrompt =
  | { kind: 'browser'; url: string }
  | { kind: 'device'; userCode: string; verificationUri: string; verificationUriComplete: string; expiresAt: number };

export interface SignInOptions {
  session: SsoSessionConfig;
  paths: LanyardPaths;
  flow: SignInFlow;
  /** Shows the prompt: opens the browser, prints the URL, or shows the user code. */
  onPrompt: (prompt: SignInPrompt) => void | Promise<void>;
  clock?: Clock;
  signal?: AbortSignal;
  /** How long to wait for the browser (auth-code flow); the AWS CLI waits 10 minutes. */
  timeoutMs?: number;
}

/** How long the authorization-code flow waits for the browser to come back. */
export const AUTH_CODE_TIMEOUT_MS = 10 * 60 * 1000;
/** RFC 8628: poll every 5 s unless told otherwise, and 5 s slower after each SlowDown. */
const DEFAULT_POLL_INTERVAL_S = 5;
const SLOW_DOWN_STEP_S = 5;
const AUTH_CODE_GRANTS = ['authorization_code', 'refresh_token'];
/** The loopback redirect registered with the service: the port is chosen per sign-in (RFC 8252). */
const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const PKCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

function registrationKey(session: SsoSessionConfig): RegistrationKey {
  return {
    startUrl: session.startUrl,
    region: session.region,
    scopes: session.registrationScopes.length > 0 ? session.registrationScopes : null,
    sessionName: session.name,
  };
}

async function registration(options: SignInOptions, oidc: OidcClient, now: number): Promise<Registration> {
  const forAuthCode = options.flow === 'auth-code';
  const key = registrationKey(options.session);
  const cached = await readRegistration(options.paths, key);
  if (isUsableRegistration(cached, now, forAuthCode)) return cached;
  const scopes = options.session.registrationScopes.length > 0 ? options.session.registrationScopes : undefined;
  const fresh = await oidc.registerClient({
    clientName: `lanyard-${options.session.name}`,
    ...(forAuthCode
      ? {
          scopes: scopes ?? [...DEFAULT_REGISTRATION_SCOPES],
          grantTypes: AUTH_CODE_GRANTS,
          redirectUris: [REGISTERED_REDIRECT_URI],
          issuerUrl: options.session.startUrl,
        }
      : scopes
        ? { scopes }
        : {}),
  });
  await writeRegistration(options.paths, key, fresh);
  return fresh;
}

export function tokenFromGrant(
  session: SsoSessionConfig,
  registration: Registration,
  grant: TokenGrant,
  now: number,
): CachedToken {
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: grant.accessToken,
    expiresAt: now + grant.expiresInSeconds * 1000,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
  };
}

/**
 * Signs in to IAM Identity Center and returns the token to cache. The caller writes it
 * (under the session's lock, see SessionTokens.signIn).
 */
export async function signIn(options: SignInOptions): Promise<CachedToken> {
  const clock = options.clock ?? systemClock;
  const oidc = new OidcClient(options.session.region);
  try {
    const reg = await registration(options, oidc, clock.now());
    return options.flow === 'auth-code'
      ? await authorizationCodeFlow(options, oidc, reg, clock)
      : await deviceCodeFlow(options, oidc, reg, clock);
  } catch (error) {
    throw signInError(error, options.session);
  } finally {
    oidc.destroy();
  }
}

function pkcePair(): { verifier: string; challenge: string } {
  let verifier = '';
  for (let i = 0; i < 64; i += 1) verifier += PKCE_ALPHABET[randomInt(PKCE_ALPHABET.length)];
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** The `/authorize` query exactly as the AWS CLI v2 builds it. */
export function authorizeUrl(
  base: string,
  params: { clientId: string; redirectUri: string; state: string; scopes: string[]; codeChallenge: string },
): string {
  const query = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['state', params.state],
    ['code_challenge_method', 'S256'],
    ['scopes', params.scopes.join(' ')],
    ['code_challenge', params.codeChallenge],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`)
    .join('&');
  return `${base}/authorize?${query}`;
}

async function authorizationCodeFlow(
  options: SignInOptions,
  oidc: OidcClient,
  reg: Registration,
  clock: Clock,
): Promise<CachedToken> {
  const state = randomUUID();
  const pkce = pkcePair();
  const loopback = await LoopbackRedirect.listen(state);
  const timeout = new AbortController();
  const timer = clock.setTimeout(() => timeout.abort(), options.timeoutMs ?? AUTH_CODE_TIMEOUT_MS);
  try {
    const url = authorizeUrl(await oidc.authorizeBaseUrl(), {
      clientId: reg.clientId,
      redirectUri: loopback.redirectUri,
      state,
      scopes:
        options.session.registrationScopes.length > 0
          ? options.session.registrationScopes
          : [...DEFAULT_REGISTRATION_SCOPES],
      codeChallenge: pkce.challenge,
    });
    await options.onPrompt({ kind: 'browser', url });
    const code = await raceAbort(loopback.waitForCode(), [timeout.signal, options.signal], () =>
      timeout.signal.aborted
        ? new LanyardError(
            'TIMEOUT',
            'The browser sign-in was not finished in time.',
            'Start the sign-in again, or use the device code flow (`--use-device-code`).',
          )
        : new LanyardError('USAGE', 'Sign-in cancelled.'),
    );
    const grant = await oidc.createToken(reg, {
      grantType: 'authorization_code',
      code,
      redirectUri: loopback.redirectUri,
      codeVerifier: pkce.verifier,
    });
    return tokenFromGrant(options.session, reg, grant, clock.now());
  } finally {
    clock.clearTimeout(timer);
    loopback.close();
  }
}

async function deviceCodeFlow(
  options: SignInOptions,
  oidc: OidcClient,
  reg: Registration,
  clock: Clock,
): Promise<CachedToken> {
  const authorization = await oidc.startDeviceAuthorization(reg, options.session.startUrl);
  const expiresAt = clock.now() + authorization.expiresInSeconds * 1000;
  let intervalS = authorization.intervalSeconds || DEFAULT_POLL_INTERVAL_S;
  let prompted = false;
  for (;;) {
    try {
      const grant = await oidc.createToken(reg, { grantType: DEVICE_CODE_GRANT, deviceCode: authorization.deviceCode });
      return tokenFromGrant(options.session, reg, grant, clock.now());
    } catch (error) {
      const name = serviceErrorName(error);
      if (name === 'SlowDownException') intervalS += SLOW_DOWN_STEP_S;
      else if (name !== 'AuthorizationPendingException') throw error;
    }
    // Like botocore, try once before showing the code: the client may be pre-authorised.
    if (!prompted) {
      prompted = true;
      await options.onPrompt({
        kind: 'device',
        userCode: authorization.userCode,
        verificationUri: authorization.verificationUri,
        verificationUriComplete: authorization.verificationUriComplete,
        expiresAt,
      });
    }
    if (clock.now() + intervalS * 1000 > expiresAt) {
      throw new LanyardError(
        'TIMEOUT',
        'The sign-in code expired before it was approved.',
        'Start the sign-in again and approve the code within its time limit.',
      );
    }
    try {
      await sleep(clock, intervalS * 1000, options.signal);
    } catch {
      throw new LanyardError('USAGE', 'Sign-in cancelled.');
    }
  }
}

function raceAbort<T>(
  promise: Promise<T>,
  signals: Array<AbortSignal | undefined>,
  makeError: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    const done = (): void => cleanups.forEach((cleanup) => cleanup());
    for (const signal of signals) {
      if (!signal) continue;
      if (signal.aborted) {
        reject(makeError());
        return;
      }
      const onAbort = (): void => {
        done();
        reject(makeError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/** Turns SDK and network failures into messages that say what to do. */
export function signInError(error: unknown, session: SsoSessionConfig): unknown {
  if (error instanceof LanyardError) return error;
  const name = serviceErrorName(error);
  const where = `IAM Identity Center (region ${session.region})`;
  const failure = networkFailure(error);
  if (failure)
    return new LanyardError('NETWORK', `Could not reach ${where}: ${failure.cause}.`, failure.fix, { cause: error });
  switch (name) {
    case 'AccessDeniedException':
      return new LanyardError(
        'ACCESS_DENIED',
        'The sign-in request was denied.',
        'Start the sign-in again and approve it in the browser.',
      );
    case 'ExpiredTokenException':
      return new LanyardError(
        'TIMEOUT',
        'The sign-in request expired before it was approved.',
        'Start the sign-in again.',
      );
    case 'InvalidRequestException':
    case 'InvalidClientMetadataException':
    case 'InvalidRedirectUriException':
      return new LanyardError(
        'CONFIG',
        `${where} rejected the sign-in request for start URL ${session.startUrl}.`,
        `Check sso_start_url and sso_region in [sso-session ${session.name}].`,
      );
    case undefined:
      return error;
    default:
      return new LanyardError('SERVICE', `${where} answered ${name} during sign-in.`, 'Try again in a moment.', {
        cause: error,
      });
  }
}
