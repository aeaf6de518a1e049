/** sso-oidc's modeled operations: RegisterClient, StartDeviceAuthorization, CreateToken. */
import type { AuthorizationCodes } from './auth-codes.js';
import { assertGrantAllowed, GrantType, type ClientRegistry } from './clients.js';
import { DEVICE_PAGE_PATH } from './device-page.js';
import type { DeviceAuthorizations } from './device-codes.js';
import { epochSeconds } from './ids.js';
import { SECOND, type Settings } from './options.js';
import type { FakeRequest, Route } from './routing.js';
import type { SessionStore, TokenSet } from './sessions.js';
import { JsonInput, reply, ServiceError, type Reply } from './wire.js';

export interface OidcDependencies {
  readonly settings: Settings;
  readonly clients: ClientRegistry;
  readonly sessions: SessionStore;
  readonly devices: DeviceAuthorizations;
  readonly authCodes: AuthorizationCodes;
  /** The fake's own base URL, for links to its pages. */
  readonly baseUrl: () => string;
}

const TOKEN_TYPE = 'Bearer';

export function oidcRoutes(deps: OidcDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/client/register',
      operation: 'RegisterClient',
      surface: 'oidc',
      handle: (r) => registerClient(deps, r),
    },
    {
      method: 'POST',
      path: '/device_authorization',
      operation: 'StartDeviceAuthorization',
      surface: 'oidc',
      handle: (r) => startDeviceAuthorization(deps, r),
    },
    { method: 'POST', path: '/token', operation: 'CreateToken', surface: 'oidc', handle: (r) => createToken(deps, r) },
  ];
}

function registerClient({ clients }: OidcDependencies, request: FakeRequest): Reply {
  const input = JsonInput.parse(request.body);
  const issuerUrl = input.optionalString('issuerUrl');
  const client = clients.register({
    clientName: input.string('clientName'),
    clientType: input.string('clientType'),
    scopes: input.optionalStringList('scopes'),
    redirectUris: input.optionalStringList('redirectUris'),
    grantTypes: input.optionalStringList('grantTypes'),
    ...(issuerUrl ? { issuerUrl } : {}),
  });
  return reply.json({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: epochSeconds(client.issuedAt),
    clientSecretExpiresAt: epochSeconds(client.expiresAt),
  });
}

function startDeviceAuthorization(
  { settings, clients, devices, baseUrl }: OidcDependencies,
  request: FakeRequest,
): Reply {
  const input = JsonInput.parse(request.body);
  const client = clients.authenticate(input.string('clientId'), input.string('clientSecret'));
  assertGrantAllowed(client, GrantType.deviceCode);
  const authorization = devices.start(client, input.string('startUrl'));
  const verificationUri = new URL(DEVICE_PAGE_PATH, baseUrl());
  const verificationUriComplete = new URL(verificationUri);
  verificationUriComplete.searchParams.set('user_code', authorization.userCode);
  return reply.json({
    deviceCode: authorization.deviceCode,
    userCode: authorization.userCode,
    verificationUri: verificationUri.href,
    verificationUriComplete: verificationUriComplete.href,
    expiresIn: secondsUntil(authorization.expiresAt, settings),
    interval: settings.pollIntervalSeconds,
  });
}

function createToken(deps: OidcDependencies, request: FakeRequest): Reply {
  const { settings, clients, sessions, devices, authCodes } = deps;
  const input = JsonInput.parse(request.body);
  const client = clients.authenticate(input.string('clientId'), input.string('clientSecret'));
  const grantType = input.string('grantType');
  let tokens: TokenSet;
  switch (grantType) {
    case GrantType.deviceCode: {
      assertGrantAllowed(client, grantType);
      const authorization = devices.redeem(client, input.string('deviceCode'));
      tokens = sessions.start(client, authorization.startUrl, client.scopes);
      break;
    }
    case GrantType.authorizationCode: {
      assertGrantAllowed(client, grantType);
      const code = input.string('code');
      const authorized = authCodes.redeem(
        client,
        code,
        input.optionalString('redirectUri'),
        input.optionalString('codeVerifier'),
      );
      tokens = sessions.start(client, client.issuerUrl ?? '', authorized.scopes);
      break;
    }
    case GrantType.refreshToken: {
      assertGrantAllowed(client, grantType);
      tokens = sessions.refresh(client, input.string('refreshToken'));
      break;
    }
    default:
      throw new ServiceError('UnsupportedGrantType', `Unsupported grant type: ${grantType}`);
  }
  return reply.json({
    accessToken: tokens.accessToken,
    tokenType: TOKEN_TYPE,
    expiresIn: secondsUntil(tokens.expiresAt, settings),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
  });
}

/** Whole seconds from now until `time` (never negative), as the `expiresIn` members count. */
function secondsUntil(time: number, settings: Settings): number {
  return Math.max(0, Math.floor((time - settings.clock.now()) / SECOND));
}
