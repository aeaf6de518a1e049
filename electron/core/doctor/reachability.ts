/**
 * Can this machine reach Identity Center, through the proxy as configured, with a TLS chain it
 * trusts, and does its clock agree with the service's? The request is a parameter (a Probe),
 * so the shared network layer's agent can be put in; the default is a plain GET with
 * node:https (node:http for a plain-http test endpoint).
 */
import { ConnectionError, networkFailure } from '../network/network-errors.js';
import { proxyFor as proxyForTarget, proxySettings } from '../network/proxy.js';
import http from 'node:http';
import https from 'node:https';
import type { DiagnosticCheck } from '../domain/diagnostics.js';
import type { Env } from '../support/paths.js';
import {
  CLOCK_SKEW_FIX,
  type ServiceDateSample,
  describeClockSkew,
  isClockSkewed,
  skewFromDate,
} from '../sessions/service-clock.js';
import { check, reasonOf } from './check.js';

/** What one GET of an endpoint answered: any HTTP status means the service was reached. */
export interface ProbeAnswer {
  status: number;
  /** The Date header with the request's send and receive times, when there was one. */
  date?: ServiceDateSample;
}

export type Probe = (url: string) => Promise<ProbeAnswer>;

type ProbeOutcome = { answer: ProbeAnswer } | { error: unknown };

const PROBE_TIMEOUT_MS = 10_000;

/** The OIDC endpoint the SDK uses for a region: AWS_ENDPOINT_URL_SSO_OIDC when set, as the SDK honours it. */
export function oidcEndpoint(region: string, env: Env): string {
  return env.AWS_ENDPOINT_URL_SSO_OIDC?.trim() || `https://oidc.${region}.amazonaws.com`;
}

/** A plain GET with node's own agent; `agent` lets a caller route it through a proxy or a trust store. */
export function nodeProbe(options: { agent?: http.Agent; timeoutMs?: number } = {}): Probe {
  return (url) =>
    new Promise((resolve, reject) => {
      const sentAt = Date.now();
      const get = url.startsWith('http:') ? http.get : https.get;
      const request = get(url, { ...(options.agent ? { agent: options.agent } : {}) }, (response) => {
        const receivedAt = Date.now();
        response.resume();
        const date = response.headers.date;
        resolve({ status: response.statusCode ?? 0, ...(date ? { date: { date, sentAt, receivedAt } } : {}) });
      });
      request.setTimeout(options.timeoutMs ?? PROBE_TIMEOUT_MS, () =>
        request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      );
      request.on('error', reject);
    });
}

/** TLS failures that mean "this machine does not trust the chain it was shown" (a proxy that inspects TLS, usually). */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The proxy a request to `url` goes through, as every other request of Lanyard's decides it
 * (network/proxy.ts: NO_PROXY included), without user name or password, for a report.
 */
export function proxyFor(url: string, env: Env): string | undefined {
  const proxy = proxyForTarget(proxySettings(env), new URL(url));
  return proxy ? `${proxy.protocol}//${proxy.host}` : undefined;
}

/** The reachability check of one endpoint from what the probe answered or threw. */
export function reachabilityCheck(
  id: string,
  url: string,
  outcome: ProbeOutcome,
  env: Env,
  probeUsesProxy = false,
): DiagnosticCheck {
  const proxy = proxyFor(url, env);
  // Said as it is: a probe that ignores the proxy variables went direct even when they are set.
  const via = proxy
    ? probeUsesProxy
      ? ` through the proxy ${proxy}`
      : ` directly (not through the proxy ${proxy})`
    : '';
  if ('answer' in outcome) {
    const tls = url.startsWith('https:') ? ', TLS chain trusted' : '';
    return check(id, 'ok', `${url} answered (HTTP ${outcome.answer.status})${via}${tls}.`);
  }
  // A failure of the network layer's own connection (it knows whether the proxy or the host
  // failed): in the words every other request uses.
  const failure =
    outcome.error instanceof ConnectionError ? networkFailure(outcome.error, new URL(url).host) : undefined;
  if (failure) return check(id, 'fail', `${url} could not be reached${via}: ${failure.cause}.`, failure.fix);
  const code = (outcome.error as { code?: unknown }).code;
  const reason = reasonOf(outcome.error);
  if (typeof code === 'string' && UNTRUSTED.has(code)) {
    return check(
      id,
      'fail',
      `${url}${via}: the TLS certificate chain is not trusted (${code}: ${reason}).`,
      'If a corporate proxy inspects TLS, point AWS_CA_BUNDLE (or NODE_EXTRA_CA_CERTS) at its root certificate (PEM); otherwise check the system date and time.',
    );
  }
  const fixes: Record<string, string> = {
    ENOTFOUND: proxy
      ? 'Check the proxy host name in HTTPS_PROXY.'
      : 'Check your DNS and network connection (or set HTTPS_PROXY if your network needs a proxy).',
    EAI_AGAIN: 'DNS did not answer: check your network connection.',
    ECONNREFUSED: proxy
      ? 'The proxy refused the connection: check HTTPS_PROXY.'
      : 'Check the endpoint and any firewall.',
    ETIMEDOUT: proxy
      ? 'Check that the proxy is up.'
      : 'Check your network; set HTTPS_PROXY if your network needs a proxy.',
    ECONNRESET: 'A firewall or proxy closed the connection: check HTTPS_PROXY and NO_PROXY.',
  };
  const fix = (typeof code === 'string' && fixes[code]) || 'Check your network connection, HTTPS_PROXY and NO_PROXY.';
  return check(
    id,
    'fail',
    `${url} could not be reached${via}: ${typeof code === 'string' ? `${code}: ` : ''}${reason}.`,
    fix,
  );
}

/** The clock check: a measured skew beyond a few minutes warns, since expiry times and sign-in go wrong. */
export function clockSkewCheck(skewMs: number | undefined, source: string): DiagnosticCheck {
  if (skewMs === undefined)
    return check(
      'clock-skew',
      'warn',
      'Could not compare the clock with IAM Identity Center (no answer with a Date header).',
      'Run again once Identity Center can be reached.',
    );
  if (isClockSkewed(skewMs))
    return check('clock-skew', 'warn', `${describeClockSkew(skewMs)} (${source}).`, CLOCK_SKEW_FIX);
  return check(
    'clock-skew',
    'ok',
    `The clock agrees with IAM Identity Center's to within ${Math.max(1, Math.round(Math.abs(skewMs) / 1000))} s (${source}).`,
  );
}

/** Reaches each endpoint once; returns a check per endpoint and the clock check from their Date headers. */
export async function networkChecks(
  endpoints: ReadonlyArray<{ id: string; url: string }>,
  options: {
    probe: Probe;
    env: Env;
    /** Whether the probe routes requests through the proxy the environment names (nodeProbe does not by itself). */
    probeUsesProxy?: boolean;
    knownSkewMs?: number;
  },
): Promise<DiagnosticCheck[]> {
  const outcomes = await Promise.all(
    endpoints.map(async ({ id, url }) => {
      try {
        const outcome: ProbeOutcome = { answer: await options.probe(url) };
        return { id, url, outcome };
      } catch (error) {
        const outcome: ProbeOutcome = { error };
        return { id, url, outcome };
      }
    }),
  );
  const checks = outcomes.map(({ id, url, outcome }) =>
    reachabilityCheck(id, url, outcome, options.env, options.probeUsesProxy),
  );
  const skews = outcomes.flatMap(({ outcome }) => {
    const skew = 'answer' in outcome && outcome.answer.date ? skewFromDate(outcome.answer.date) : undefined;
    return skew === undefined ? [] : [skew];
  });
  if (skews.length > 0) checks.push(clockSkewCheck(skews[0], "from Identity Center's Date header just now"));
  else checks.push(clockSkewCheck(options.knownSkewMs, 'seen earlier by Lanyard'));
  return checks;
}
