/**
 * GET /authorize, the browser leg of the authorization code grant, exactly as the AWS CLI v2
 * builds it (awscli/botocore/utils.py, SSOTokenFetcherAuth._get_authorization_uri):
 * response_type=code, client_id, redirect_uri (loopback, with the port), state,
 * code_challenge_method=S256, scopes (space separated) and code_challenge (base64url, no
 * padding). Bad input gets a 400 page and no redirect.
 */
import type { AuthorizationCodes, AuthorizationRequest } from './auth-codes.js';
import {
  assertGrantAllowed,
  GrantType,
  redirectUriMatches,
  type ClientRegistration,
  type ClientRegistry,
} from './clients.js';
import type { Settings } from './options.js';
import { decisionForm, page, paragraph } from './pages.js';
import { formFields, type FakeRequest, type Route } from './routing.js';
import { reply, requiredParam, ServiceError, type Reply } from './wire.js';

export interface AuthorizeDependencies {
  readonly settings: Settings;
  readonly clients: ClientRegistry;
  readonly authCodes: AuthorizationCodes;
}

const AUTHORIZE_PATH = '/authorize';
const DECISION_PATH = '/authorize/decision';
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/; // base64url of a SHA-256 digest, unpadded

export function authorizeRoutes(deps: AuthorizeDependencies): Route[] {
  return [
    { method: 'GET', path: AUTHORIZE_PATH, operation: 'Authorize', surface: 'page', handle: (r) => authorize(deps, r) },
    {
      method: 'POST',
      path: DECISION_PATH,
      operation: 'AuthorizeDecision',
      surface: 'page',
      handle: (r) => decide(deps, r),
    },
  ];
}

function authorize(deps: AuthorizeDependencies, request: FakeRequest): Reply {
  const { client, authorization } = validAuthorizationRequest(deps.clients, request.url.searchParams);
  if (deps.settings.approval === 'auto') return redirectWithCode(deps.authCodes, authorization);
  const consentId = deps.authCodes.awaitConsent(authorization);
  return reply.html(
    page(
      `Allow ${client.clientName} to access your data?`,
      paragraph(`Scopes: ${authorization.scopes.join(', ')}`, 'scopes') +
        decisionForm(DECISION_PATH, { consent: consentId }, [
          { value: 'allow', label: 'Allow' },
          { value: 'deny', label: 'Deny' },
        ]),
    ),
  );
}

function decide({ authCodes }: AuthorizeDependencies, request: FakeRequest): Reply {
  const fields = formFields(request);
  const authorization = authCodes.takeConsent(requiredParam(fields, 'consent'));
  if (fields.get('decision') === 'allow') return redirectWithCode(authCodes, authorization);
  return reply.redirect(withQuery(authorization.redirectUri, { error: 'access_denied', state: authorization.state }));
}

function redirectWithCode(authCodes: AuthorizationCodes, authorization: AuthorizationRequest): Reply {
  const code = authCodes.issue(authorization);
  return reply.redirect(withQuery(authorization.redirectUri, { code, state: authorization.state }));
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

function validAuthorizationRequest(
  clients: ClientRegistry,
  query: URLSearchParams,
): { client: ClientRegistration; authorization: AuthorizationRequest } {
  const client = clients.active(requiredParam(query, 'client_id'));
  if (!client) throw new ServiceError('InvalidRequest', 'Unknown or expired client_id');
  assertGrantAllowed(client, GrantType.authorizationCode);
  const redirectUri = requiredParam(query, 'redirect_uri');
  if (!client.redirectUris.some((registered) => redirectUriMatches(registered, redirectUri))) {
    throw new ServiceError('InvalidRequest', 'redirect_uri is not registered for this client');
  }
  if (query.get('response_type') !== 'code') throw new ServiceError('InvalidRequest', 'response_type must be code');
  if (query.get('code_challenge_method') !== 'S256')
    throw new ServiceError('InvalidRequest', 'code_challenge_method must be S256');
  const codeChallenge = requiredParam(query, 'code_challenge');
  if (!CODE_CHALLENGE.test(codeChallenge))
    throw new ServiceError('InvalidRequest', 'code_challenge must be an unpadded base64url SHA-256 digest');
  const scopes = requiredParam(query, 'scopes').split(' ').filter(Boolean);
  const unregistered = scopes.find((scope) => client.scopes.length > 0 && !client.scopes.includes(scope));
  if (scopes.length === 0 || unregistered)
    throw new ServiceError('InvalidScope', `Scope not registered for this client: ${unregistered ?? '(none)'}`);
  const state = requiredParam(query, 'state');
  return { client, authorization: { clientId: client.clientId, redirectUri, state, codeChallenge, scopes } };
}
