/**
 * What Lanyard hands to the user's browser (`shell.openExternal`, the `open` package): URLs
 * that come from the service or from AWS pages, such as the device page of a sign-in or a link
 * in a console window. Only `https:` web pages go, plus `http:` pages on this machine's
 * loopback address (Lanyard's own one-time pages, a local Identity Center in tests and the
 * demo) and the exact origin of an endpoint override. Everything else (`file:`, `javascript:`,
 * custom schemes that start other programs, plain-http pages elsewhere, URLs with credentials
 * in them) is refused.
 */
import { LanyardError } from '../domain/errors.js';
import type { Env } from '../support/paths.js';

export interface ExternalUrlOptions {
  /** Origins allowed besides https: and loopback http:, e.g. `http://idc.test:4566`. */
  extraOrigins?: readonly string[];
  /** Read for the endpoint overrides that point sign-in at another Identity Center (see ENDPOINT_OVERRIDE_ENVS). */
  env?: Env;
}

/** Overrides the AWS SDK honours for the OIDC endpoint, whose browser pages (authorize, device) Lanyard opens. */
export const ENDPOINT_OVERRIDE_ENVS = ['AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL'] as const;

/** Host names of this machine's loopback interface as URL parsing leaves them. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The origins of the endpoint overrides set in `env` (http and https ones only). */
export function endpointOverrideOrigins(env: Env): string[] {
  const origins: string[] = [];
  for (const name of ENDPOINT_OVERRIDE_ENVS) {
    const parsed = URL.parse(env[name]?.trim() ?? '');
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) origins.push(parsed.origin);
  }
  return origins;
}

/** Whether a URL is an `http:` page on the loopback interface. */
export function isLoopbackHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Why `url` may not go to the browser, or undefined when it may. Never quotes the URL (it may be a secret). */
function refusal(url: string, options: ExternalUrlOptions): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed) return 'it is not a valid URL';
  if (parsed.username || parsed.password) return 'it carries a user name or password';
  if (parsed.protocol === 'https:') return undefined;
  if (isLoopbackHttpUrl(parsed)) return undefined;
  const extra = [...(options.extraOrigins ?? []), ...(options.env ? endpointOverrideOrigins(options.env) : [])];
  if (parsed.protocol === 'http:' && extra.some((origin) => URL.parse(origin)?.origin === parsed.origin)) {
    return undefined;
  }
  if (parsed.protocol === 'http:') return `it is a plain-http page on ${parsed.host}`;
  return `it is a ${parsed.protocol} link`;
}

/** Whether `url` may be opened in the user's browser. */
export function isSafeExternalUrl(url: string, options: ExternalUrlOptions = {}): boolean {
  return refusal(url, options) === undefined;
}

/** Returns `url` when it may be opened in the user's browser; otherwise a USAGE error that does not quote it. */
export function checkExternalUrl(url: string, options: ExternalUrlOptions = {}): string {
  const reason = refusal(url, options);
  if (reason === undefined) return url;
  throw new LanyardError(
    'USAGE',
    `Lanyard refused to open a link in the browser: ${reason}.`,
    'Lanyard opens only https:// pages (and its own pages on 127.0.0.1) in the browser.',
  );
}

/** Wraps a browser opener so that it refuses what checkExternalUrl refuses, before anything starts. */
export function guardExternalOpener(
  open: (url: string) => Promise<void>,
  options: ExternalUrlOptions = {},
): (url: string) => Promise<void> {
  return async (url) => open(checkExternalUrl(url, options));
}
