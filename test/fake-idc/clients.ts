/** RegisterClient's side: who may ask for tokens, how, and until when. */
import { opaqueToken } from './ids.js';
import type { Settings } from './options.js';
import { ServiceError } from './wire.js';

export const GrantType = {
  deviceCode: 'urn:ietf:params:oauth:grant-type:device_code',
  authorizationCode: 'authorization_code',
  refreshToken: 'refresh_token',
} as const;

const SUPPORTED_GRANT_TYPES: readonly string[] = Object.values(GrantType);
/** What a registration that names no grant types may use (how botocore's device flow registers). */
const DEFAULT_GRANT_TYPES: readonly string[] = [GrantType.deviceCode, GrantType.refreshToken];
const PUBLIC_CLIENT = 'public';
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '[::1]'];

export interface RegisterClientInput {
  clientName: string;
  clientType: string;
  scopes?: string[];
  redirectUris?: string[];
  grantTypes?: string[];
  issuerUrl?: string;
}

export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientName: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly scopes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly issuerUrl?: string;
}

export class ClientRegistry {
  private readonly clients = new Map<string, ClientRegistration>();

  constructor(private readonly settings: Settings) {}

  register(input: RegisterClientInput): ClientRegistration {
    if (input.clientType !== PUBLIC_CLIENT) {
      throw new ServiceError('InvalidClientMetadata', `clientType must be "${PUBLIC_CLIENT}"`);
    }
    const grantTypes = input.grantTypes ?? DEFAULT_GRANT_TYPES;
    const unsupported = grantTypes.find((grant) => !SUPPORTED_GRANT_TYPES.includes(grant));
    if (unsupported) throw new ServiceError('UnsupportedGrantType', `Unsupported grant type: ${unsupported}`);
    const redirectUris = input.redirectUris ?? [];
    const badRedirect = redirectUris.find((uri) => !isAcceptableRedirectUri(uri));
    if (badRedirect !== undefined)
      throw new ServiceError('InvalidRedirectUri', 'Redirect URIs must be https or loopback');
    if (grantTypes.includes(GrantType.authorizationCode)) {
      if (redirectUris.length === 0)
        throw new ServiceError('InvalidRedirectUri', 'authorization_code needs redirectUris');
      if (!input.issuerUrl) throw new ServiceError('InvalidRequest', 'authorization_code needs issuerUrl');
    }

    const issuedAt = this.settings.clock.now();
    const registration: ClientRegistration = {
      clientId: opaqueToken('', 16),
      clientSecret: opaqueToken('', 96),
      clientName: input.clientName,
      issuedAt,
      expiresAt: issuedAt + this.settings.lifetimes.registrationMs,
      scopes: input.scopes ?? [],
      redirectUris,
      grantTypes,
      ...(input.issuerUrl ? { issuerUrl: input.issuerUrl } : {}),
    };
    this.clients.set(registration.clientId, registration);
    return registration;
  }

  /** The registration behind a client id and secret, or InvalidClient. */
  authenticate(clientId: string, clientSecret: string): ClientRegistration {
    const client = this.active(clientId);
    if (!client || client.clientSecret !== clientSecret) {
      throw new ServiceError('InvalidClient', 'Invalid client credentials');
    }
    return client;
  }

  /** A known registration that has not expired. */
  active(clientId: string): ClientRegistration | undefined {
    const client = this.clients.get(clientId);
    return client && this.settings.clock.now() < client.expiresAt ? client : undefined;
  }
}

export function assertGrantAllowed(client: ClientRegistration, grantType: string): void {
  if (!client.grantTypes.includes(grantType)) {
    throw new ServiceError('UnauthorizedClient', `Client is not registered for ${grantType}`);
  }
}

function isAcceptableRedirectUri(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && (url.protocol === 'https:' || isLoopback(url));
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
}

/**
 * RFC 8252 section 7.3: for a loopback IP redirect the port is chosen at request time, so it is
 * ignored; everything else must match exactly. (The AWS CLI registers
 * `http://127.0.0.1/oauth/callback` and then redirects to `http://127.0.0.1:<port>/oauth/callback`.)
 */
export function redirectUriMatches(registered: string, presented: string): boolean {
  const want = URL.parse(registered);
  const got = URL.parse(presented);
  if (!want || !got) return false;
  if (!isLoopback(want)) return registered === presented;
  return (
    got.protocol === want.protocol &&
    got.hostname === want.hostname &&
    got.pathname === want.pathname &&
    got.search === want.search &&
    got.hash === '' &&
    got.username === '' &&
    got.password === ''
  );
}
