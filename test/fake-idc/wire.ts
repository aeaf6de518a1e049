/**
 * The rest-json wire format both SDK families read: replies, modeled errors and input
 * checks. An error's code travels in the `x-amzn-ErrorType` header (what the JS SDK and
 * botocore read first); the body is `{error, error_description}` for sso-oidc and
 * `{message}` for the portal, as the service models shape them.
 */
import { requestId } from './ids.js';
import { page, paragraph } from './pages.js';

/** Which face of the fake answers a request; it decides how errors are written. */
export type Surface = 'oidc' | 'portal' | 'signin' | 'page' | 'sts';

interface ErrorSpec {
  readonly status: number;
  /** The OAuth 2.0 error code sso-oidc puts in the body's `error` member. */
  readonly oauthError: string;
}

/** Every error the fake can answer with, by model name without the `Exception` suffix. */
export const ERRORS = {
  // sso-oidc, status codes from its service model (the portal models InvalidRequest as 400 too)
  InvalidRequest: { status: 400, oauthError: 'invalid_request' },
  InvalidClient: { status: 401, oauthError: 'invalid_client' },
  InvalidClientMetadata: { status: 400, oauthError: 'invalid_client_metadata' },
  InvalidRedirectUri: { status: 400, oauthError: 'invalid_redirect_uri' },
  InvalidGrant: { status: 400, oauthError: 'invalid_grant' },
  InvalidScope: { status: 400, oauthError: 'invalid_scope' },
  UnauthorizedClient: { status: 400, oauthError: 'unauthorized_client' },
  UnsupportedGrantType: { status: 400, oauthError: 'unsupported_grant_type' },
  AuthorizationPending: { status: 400, oauthError: 'authorization_pending' },
  SlowDown: { status: 400, oauthError: 'slow_down' },
  AccessDenied: { status: 400, oauthError: 'access_denied' },
  ExpiredToken: { status: 400, oauthError: 'expired_token' },
  InternalServer: { status: 500, oauthError: 'server_error' },
  // sso portal (status codes from the sso service model)
  Unauthorized: { status: 401, oauthError: 'unauthorized' },
  TooManyRequests: { status: 429, oauthError: 'too_many_requests' },
  ResourceNotFound: { status: 404, oauthError: 'not_found' },
  // Not modeled, but what the real portal says for a role the user may not use ("No access").
  Forbidden: { status: 403, oauthError: 'forbidden' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKind = keyof typeof ERRORS;

/** Real error types carry a namespace after a colon; both SDKs strip it, so we send one. */
const ERROR_TYPE_NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.fakeidc/';

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }

  get code(): string {
    return `${this.kind}Exception`;
  }

  get status(): number {
    return ERRORS[this.kind].status;
  }
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: string;
}

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

export const reply = {
  json(body: unknown, status = 200): Reply {
    return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
  },
  /** An operation with no output (Logout). */
  empty(status = 200): Reply {
    return { status, headers: {}, body: '' };
  },
  html(body: string, status = 200): Reply {
    return { status, headers: { 'content-type': HTML_TYPE }, body };
  },
  text(body: string, status = 200): Reply {
    return { status, headers: { 'content-type': TEXT_TYPE }, body };
  },
  redirect(location: string, extraHeaders: Record<string, string | string[]> = {}): Reply {
    return { status: 302, headers: { location, ...extraHeaders }, body: '' };
  },
};

/** Writes an error the way the given surface's real counterpart does. */
export function errorReply(error: ServiceError, surface: Surface): Reply {
  switch (surface) {
    case 'oidc':
      return withErrorType(
        reply.json({ error: ERRORS[error.kind].oauthError, error_description: error.message }, error.status),
        error.code,
      );
    case 'portal':
      return withErrorType(reply.json({ message: error.message }, error.status), error.code);
    case 'signin':
    case 'sts':
      return reply.text(`${error.code}: ${error.message}`, error.status);
    case 'page':
      return reply.html(page('Something went wrong', paragraph(error.message, 'error')), error.status);
  }
}

function withErrorType(base: Reply, code: string): Reply {
  return { ...base, headers: { ...base.headers, 'x-amzn-errortype': `${code}:${ERROR_TYPE_NAMESPACE}` } };
}

export function withRequestId(base: Reply): Reply {
  return { ...base, headers: { ...base.headers, 'x-amzn-requestid': requestId() } };
}

/** Typed reads of a JSON request body; a missing or mistyped member is an InvalidRequest. */
export class JsonInput {
  private constructor(private readonly members: Record<string, unknown>) {}

  static parse(text: string): JsonInput {
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new ServiceError('InvalidRequest', 'Request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ServiceError('InvalidRequest', 'Request body must be a JSON object');
    }
    return new JsonInput(parsed as Record<string, unknown>);
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw new ServiceError('InvalidRequest', `${name} is required`);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ServiceError('InvalidRequest', `${name} must be a string`);
    return value;
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new ServiceError('InvalidRequest', `${name} must be a list of strings`);
    }
    return value;
  }
}

/** A required query or form parameter; its absence is an InvalidRequest. */
export function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new ServiceError('InvalidRequest', `${name} is required`);
  return value;
}
