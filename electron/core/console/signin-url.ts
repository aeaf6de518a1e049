/**
 * Console sign-in without an SDK: role credentials go to the partition's federation endpoint
 * (`Action=getSigninToken`), and the sign-in token it returns goes into an `Action=login` URL
 * that lands in the console. That URL is a bearer secret for about 15 minutes: it is never
 * logged, and no error message carries it, the token or the credentials.
 */
import { LanyardError } from '../domain/errors.js';
import { networkFailure } from '../network/network-errors.js';
import type { RoleCredentials } from '../domain/model.js';
import type { Env } from '../support/paths.js';
import { resolveDestination } from './destination.js';
import { type AwsPartition, PARTITIONS, partitionOfRegion } from './partitions.js';

/** Points console sign-in at another federation endpoint (tests and the demo use the fake). */
export const SIGNIN_ENDPOINT_ENV = 'LANYARD_SIGNIN_ENDPOINT';
/** `Issuer` of the login URL: who sent the user to the console. */
export const SIGNIN_ISSUER = 'Lanyard';
export const SIGNIN_TOKEN_TIMEOUT_MS = 10_000;
/**
 * The console session lasts as long as the role credentials behind it, so a console gets
 * credentials with at least this long to go (permission sets last an hour or more).
 */
export const CONSOLE_CREDENTIALS_MIN_VALIDITY_MS = 30 * 60_000;
const FEDERATION_PATH = '/federation';

export interface ConsoleSignInOptions {
  /** The console's region; it also picks the partition. */
  region: string;
  /** Console URL, console path or service name to land on (see resolveDestination). */
  destination?: string;
  env?: Env;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ConsoleSignIn {
  /** The `Action=login` URL. A bearer secret: never log it or put it in a message. */
  url: string;
  destination: string;
  partition: AwsPartition;
  /** Origin of the federation endpoint used (differs from the partition's when overridden). */
  endpointOrigin: string;
}

/** The federation endpoint for a partition, or the `LANYARD_SIGNIN_ENDPOINT` override. */
export function federationEndpoint(partition: AwsPartition, env: Env = process.env): URL {
  const override = env[SIGNIN_ENDPOINT_ENV]?.trim();
  if (!override) return new URL(`https://${partition.signinHost}${FEDERATION_PATH}`);
  let base: URL;
  try {
    base = new URL(override);
  } catch {
    throw new LanyardError(
      'CONFIG',
      `${SIGNIN_ENDPOINT_ENV} is not a URL: "${override}".`,
      `Set it to a base URL such as http://127.0.0.1:4566, or unset it.`,
    );
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new LanyardError('CONFIG', `${SIGNIN_ENDPOINT_ENV} must be an http(s) URL (got "${base.protocol}").`);
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  base.pathname = basePath.endsWith(FEDERATION_PATH) ? basePath : `${basePath}${FEDERATION_PATH}`;
  base.search = '';
  base.hash = '';
  return base;
}

/** The origin of an overridden federation endpoint (console windows must allow it), or none. */
export function overriddenSigninOrigins(env: Env = process.env): string[] {
  return env[SIGNIN_ENDPOINT_ENV]?.trim() ? [federationEndpoint(PARTITIONS.aws, env).origin] : [];
}

/** Exchanges role credentials for a console sign-in token. */
export async function fetchSigninToken(
  credentials: RoleCredentials,
  endpoint: URL,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<string> {
  const request = new URL(endpoint);
  request.searchParams.set('Action', 'getSigninToken');
  request.searchParams.set(
    'Session',
    JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    }),
  );
  const endpointName = `AWS sign-in endpoint (${endpoint.host})`;
  const timeoutMs = options.timeoutMs ?? SIGNIN_TOKEN_TIMEOUT_MS;
  // Node's network module is loaded on first use (see support/aws-clients.ts).
  const send = options.fetch ?? (await import('../network/agent.js')).defaultNetwork().fetch;
  let response: Response;
  try {
    response = await send(request, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    // The cause is left out on purpose: fetch errors may carry the request, and with it the credentials.
    if ((error as { name?: unknown }).name === 'TimeoutError') {
      throw new LanyardError(
        'NETWORK',
        `The ${endpointName} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        'Check your network connection and try again.',
      );
    }
    if (error instanceof LanyardError) throw error;
    const failure = networkFailure(error, endpoint.host);
    if (failure)
      throw new LanyardError('NETWORK', `Could not reach the ${endpointName}: ${failure.cause}.`, failure.fix);
    throw new LanyardError(
      'NETWORK',
      `Could not reach the ${endpointName}${networkCode(error)}.`,
      'Check your network connection (and any proxy) and try again.',
    );
  }
  if (response.status === 407) {
    await response.body?.cancel();
    const failure = networkFailure({ $metadata: { httpStatusCode: 407 } }, endpoint.host);
    throw new LanyardError('NETWORK', `Could not reach the ${endpointName}: ${failure?.cause}.`, failure?.fix);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new LanyardError(
      'SERVICE',
      `The ${endpointName} refused to issue a console sign-in token (HTTP ${response.status}).`,
      response.status < 500
        ? 'The role credentials may have expired or may not allow console access; try again, and check the permission set if it keeps failing.'
        : 'AWS sign-in is having trouble; try again in a minute.',
    );
  }
  const token = await readSigninToken(response);
  if (!token)
    throw new LanyardError(
      'SERVICE',
      `The ${endpointName} answered without a sign-in token.`,
      'Try again; if it keeps failing, check LANYARD_SIGNIN_ENDPOINT.',
    );
  return token;
}

/** The `Action=login` URL that signs the browser in with a sign-in token and lands on `destination`. */
export function loginUrl(endpoint: URL, signinToken: string, destination: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('Action', 'login');
  url.searchParams.set('Issuer', SIGNIN_ISSUER);
  url.searchParams.set('Destination', destination);
  url.searchParams.set('SigninToken', signinToken);
  return url.toString();
}

/** Role credentials in, a console sign-in URL for the region (and optional destination) out. */
export async function createConsoleSignIn(
  credentials: RoleCredentials,
  options: ConsoleSignInOptions,
): Promise<ConsoleSignIn> {
  const partition = partitionOfRegion(options.region);
  const destination = resolveDestination(options.region, options.destination);
  const endpoint = federationEndpoint(partition, options.env);
  const token = await fetchSigninToken(credentials, endpoint, options);
  return { url: loginUrl(endpoint, token, destination), destination, partition, endpointOrigin: endpoint.origin };
}

async function readSigninToken(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { SigninToken?: unknown };
    return typeof body.SigninToken === 'string' && body.SigninToken !== '' ? body.SigninToken : undefined;
  } catch {
    return undefined;
  }
}

/** `: ECONNREFUSED` and the like, from the error or its causes; never the error's text. */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return `: ${code}`;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}
