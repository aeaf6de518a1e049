/**
 * Errors Lanyard shows to people. Every one says what happened and what to do next, and
 * none ever carries a token, secret key or sign-in URL.
 */
export type LanyardErrorCode =
  | 'USAGE' // bad command-line input
  | 'CONFIG' // the AWS config file or a setting is wrong
  | 'UNKNOWN_SESSION' // no [sso-session NAME] with that name
  | 'SIGN_IN_REQUIRED' // no token, or the SSO session is over
  | 'CORRUPT_CACHE' // a cache file cannot be read
  | 'NETWORK' // the service could not be reached
  | 'THROTTLED' // the service kept answering TooManyRequests
  | 'ACCESS_DENIED' // the user declined, or lacks access to the account/role
  | 'NOT_FOUND' // account, role or profile does not exist
  | 'TIMEOUT' // the user did not finish signing in in time
  | 'SERVICE' // the service answered with an unexpected error
  | 'BROWSER_NOT_FOUND'
  | 'FILE'; // a file could not be read or written

const EXIT_CODES: Record<LanyardErrorCode, number> = {
  USAGE: 2,
  CONFIG: 3,
  UNKNOWN_SESSION: 3,
  SIGN_IN_REQUIRED: 4,
  CORRUPT_CACHE: 5,
  NETWORK: 6,
  THROTTLED: 6,
  SERVICE: 6,
  ACCESS_DENIED: 7,
  NOT_FOUND: 8,
  TIMEOUT: 9,
  BROWSER_NOT_FOUND: 10,
  FILE: 11,
};

export class LanyardError extends Error {
  override name = 'LanyardError';
  constructor(
    readonly code: LanyardErrorCode,
    message: string,
    /** What the user can do about it, e.g. "Run `lanyard login --sso-session work`." */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** One or two lines for a terminal or a notification. */
  describe(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }
}

export function isLanyardError(error: unknown, code?: LanyardErrorCode): error is LanyardError {
  return error instanceof LanyardError && (code === undefined || error.code === code);
}

/** How to add an sso-session, for every message that suggests one. */
export const ADD_SESSION_COMMAND = 'lanyard login --sso-session NAME --start-url URL --region REGION';

export function signInHint(sessionName: string): string {
  return `Sign in again with \`lanyard login --sso-session ${sessionName}\` (or from the Lanyard window).`;
}

/** Node and undici network failures that are worth retrying. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const candidate = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) return true;
    if (candidate.name === 'TimeoutError' || candidate.name === 'RequestTimeout') return true;
    current = candidate.cause;
  }
  return false;
}

/** The error's service code: SDK exceptions carry it in `name` (e.g. `InvalidGrantException`). */
export function serviceErrorName(error: unknown): string | undefined {
  const candidate = error as { name?: unknown; $metadata?: unknown } | undefined;
  if (candidate && typeof candidate.name === 'string' && candidate.$metadata) return candidate.name;
  return undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  return metadata?.httpStatusCode;
}
