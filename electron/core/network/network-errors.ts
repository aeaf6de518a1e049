/**
 * Network failures in words: what went wrong on the way to a host, and what to do about it.
 * Every request Lanyard makes goes through the connection agent (agent.ts), which turns
 * failures into ConnectionErrors that know the host, the proxy (its password removed) and, for
 * certificate problems, who issued the certificate that was refused. Plain Node and SDK errors
 * from other request handlers (the app's) are read by their codes.
 */
import { CA_BUNDLE_ENV } from './trust.js';

/** Node's codes for a certificate chain that does not lead to a trusted root. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
]);

/** The code ConnectionError carries when a proxy answered CONNECT with something other than 200. */
export const PROXY_STATUS_CODE = 'LANYARD_PROXY_STATUS';

export interface ConnectionErrorDetails {
  /** `host:port` the request was for. */
  target: string;
  /** The proxy it went through, password removed. */
  proxy?: string;
  /** The failure happened while reaching the proxy (not the host behind it). */
  atProxy?: boolean;
  /** The proxy's answer to CONNECT, when it was not 200. */
  proxyStatus?: number;
  /** The refused certificate's issuer and subject, as "CN (O)". */
  issuer?: string;
  subject?: string;
  /** The certificate's end of validity, as the certificate says it. */
  validTo?: string;
  /** Where the extra CA bundle came from, when one is in use. */
  bundleSource?: string;
  /** How long the connection attempt was given, for timeouts. */
  timeoutMs?: number;
}

/** A failure to connect, with the facts messages need. Its message holds no secret. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(
    readonly code: string,
    readonly details: ConnectionErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(`${code} connecting to ${details.target}${details.proxy ? ` through ${details.proxy}` : ''}`, options);
  }
}

export interface NetworkFailure {
  /** What happened, a clause: "the certificate ... is not trusted". */
  readonly cause: string;
  /** What to do about it. */
  readonly fix: string;
  /** Worth another attempt (timeouts, resets), as opposed to needing a change (certificates, proxy settings). */
  readonly transient: boolean;
}

const PROXY_VARIABLES = 'HTTPS_PROXY / HTTP_PROXY';

interface Facts {
  code?: string;
  name?: string;
  details?: ConnectionErrorDetails;
  status?: number;
  host?: string;
}

/** The first ConnectionError, Node error code and HTTP status along the cause chain. */
function facts(error: unknown): Facts {
  const found: Facts = {};
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth += 1) {
    const candidate = current as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      hostname?: unknown;
      $metadata?: { httpStatusCode?: unknown };
    };
    if (current instanceof ConnectionError && !found.details) {
      found.details = current.details;
      found.code = current.code;
    }
    if (!found.code && typeof candidate.code === 'string') found.code = candidate.code;
    if (!found.host && typeof candidate.hostname === 'string') found.host = candidate.hostname;
    if (
      typeof candidate.name === 'string' &&
      (candidate.name === 'TimeoutError' || candidate.name === 'RequestTimeout')
    )
      found.name ??= candidate.name;
    const status = candidate.$metadata?.httpStatusCode;
    if (found.status === undefined && typeof status === 'number') found.status = status;
    current = candidate.cause;
  }
  return found;
}

function named(host: string | undefined): string {
  return host ? ` ${host}` : '';
}

/**
 * The cause and fix of a network failure, or undefined when `error` is not one (a service
 * answer, a bug). `host` names the service's host when the error itself does not.
 */
export function networkFailure(error: unknown, host?: string): NetworkFailure | undefined {
  const { code, name, details, status, host: errorHost } = facts(error);
  const target = details?.target ?? host ?? errorHost;
  const via = details?.proxy;

  if (status === 407 || details?.proxyStatus === 407) {
    return {
      cause: `the proxy${via ? ` ${via}` : ''} refused the request: it wants a user name and password (HTTP 407)${via?.includes('@') ? ', and did not accept the ones given' : ''}`,
      fix: `Put the proxy's user name and password in ${PROXY_VARIABLES} as http://USER:PASSWORD@HOST:PORT (percent-encode special characters), then try again.`,
      transient: false,
    };
  }
  if (code === PROXY_STATUS_CODE) {
    return {
      cause: `the proxy${via ? ` ${via}` : ''} would not connect to ${target} (it answered HTTP ${details?.proxyStatus ?? '?'})`,
      fix: `The proxy may block ${target}: ask its administrators to allow it, or list the host in NO_PROXY if it can be reached directly.`,
      transient: (details?.proxyStatus ?? 0) >= 500,
    };
  }
  if (code && UNTRUSTED_CODES.has(code)) {
    const issuer = details?.issuer ? `, issued by "${details.issuer}",` : '';
    const bundle = details?.bundleSource ? ` The bundle from ${details.bundleSource} does not contain it.` : '';
    return {
      cause: `the certificate presented for${named(target)}${issuer} is not trusted (${code})${via ? ` (through the proxy ${via})` : ''}`,
      fix: `If your network inspects HTTPS (Zscaler, Netskope, a corporate proxy), save its root certificate as a PEM file and set ${CA_BUNDLE_ENV} to its path (or ca_bundle in ~/.aws/config).${bundle}`,
      transient: false,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return {
      cause: `the certificate presented for${named(target)} is for another host name${details?.subject ? ` ("${details.subject}")` : ''}`,
      fix: `Check the endpoint (sso_region, AWS_ENDPOINT_URL_SSO / _SSO_OIDC). If a proxy intercepts HTTPS, ask its administrators to exempt the host, or list it in NO_PROXY.`,
      transient: false,
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const when = details?.validTo ? ` (valid until ${details.validTo})` : '';
    return {
      cause: `the certificate presented for${named(target)} ${code === 'CERT_HAS_EXPIRED' ? `has expired${when}` : 'is not valid yet'}`,
      fix: "Check that your computer's date and time are right; if they are, the server (or the proxy re-signing its traffic) has an out-of-date certificate.",
      transient: false,
    };
  }
  if (details?.atProxy && via) {
    const fix = `Check the proxy in ${PROXY_VARIABLES} (and NO_PROXY for hosts that should go direct), then try again.`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return {
        cause: `the proxy's host name in ${via} could not be found (DNS)`,
        fix,
        transient: code === 'EAI_AGAIN',
      };
    if (code === 'ECONNREFUSED') return { cause: `the proxy ${via} refused the connection`, fix, transient: false };
    if (code === 'ETIMEDOUT') return { cause: `the proxy ${via} did not answer in time`, fix, transient: true };
    return { cause: `the proxy ${via} could not be reached${code ? ` (${code})` : ''}`, fix, transient: true };
  }
  const proxyNote = via ? ` through the proxy ${via}` : '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        cause: `the host name${named(target)} could not be found (DNS)`,
        fix: 'Check your network connection (and VPN) and the sso_region of the session, then try again.',
        transient: true,
      };
    case 'ECONNREFUSED':
      return {
        cause: `${target ?? 'the host'} refused the connection${proxyNote}`,
        fix: 'Check the endpoint and your network connection (a firewall may block it), then try again.',
        transient: true,
      };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return {
        cause: `the connection to${named(target)} was closed before an answer came${proxyNote}`,
        fix: 'Try again; if it keeps happening, a firewall or proxy may be cutting the connection.',
        transient: true,
      };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return {
        cause: `there is no network route to${named(target)}`,
        fix: 'Check your network connection (and VPN), then try again.',
        transient: true,
      };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      break;
    default:
      if (name === undefined) return undefined;
  }
  const seconds = details?.timeoutMs ? ` within ${Math.round(details.timeoutMs / 1000)} s` : ' in time';
  return {
    cause: `${target ?? 'the service'} did not answer${seconds}${proxyNote}`,
    fix: 'Check your network connection (and proxy), then try again.',
    transient: true,
  };
}
