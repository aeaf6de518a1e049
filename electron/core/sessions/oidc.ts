import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { createOidcClient, loadOidcSdk } from '../support/aws-clients.js';

/** A client registration with IAM Identity Center's OIDC service. */
export interface Registration {
  clientId: string;
  clientSecret: string;
  /** Epoch ms. */
  expiresAt: number;
  scopes?: string[];
  grantTypes?: string[];
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken?: string;
}

export type CreateTokenInput =
  | { grantType: 'urn:ietf:params:oauth:grant-type:device_code'; deviceCode: string }
  | { grantType: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
  | { grantType: 'refresh_token'; refreshToken: string };

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The sso-oidc operations Lanyard uses, for one region. */
export class OidcClient {
  private client: Promise<SSOOIDCClient> | undefined;

  constructor(readonly region: string) {}

  private sdkClient(): Promise<SSOOIDCClient> {
    this.client ??= createOidcClient(this.region);
    return this.client;
  }

  /**
   * Closes the SDK client and its kept-alive connections, once a refresh or sign-in is done
   * with it. A long-running process refreshes every half hour for days: left open, every
   * refresh's client and socket lingered until the service dropped the idle connection.
   */
  destroy(): void {
    const client = this.client;
    this.client = undefined;
    client?.then(
      (sdk) => sdk.destroy(),
      () => undefined,
    );
  }

  async registerClient(input: {
    clientName: string;
    scopes?: string[];
    grantTypes?: string[];
    redirectUris?: string[];
    issuerUrl?: string;
  }): Promise<Registration> {
    const sdk = await loadOidcSdk();
    const response = await (
      await this.sdkClient()
    ).send(new sdk.RegisterClientCommand({ clientType: 'public', ...input }));
    if (!response.clientId || !response.clientSecret || !response.clientSecretExpiresAt) {
      throw new Error('RegisterClient returned an incomplete registration');
    }
    return {
      clientId: response.clientId,
      clientSecret: response.clientSecret,
      expiresAt: response.clientSecretExpiresAt * 1000,
      ...(input.scopes ? { scopes: input.scopes } : {}),
      ...(input.grantTypes ? { grantTypes: input.grantTypes } : {}),
    };
  }

  async startDeviceAuthorization(registration: Registration, startUrl: string): Promise<DeviceAuthorization> {
    const sdk = await loadOidcSdk();
    const response = await (
      await this.sdkClient()
    ).send(
      new sdk.StartDeviceAuthorizationCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl,
      }),
    );
    if (!response.deviceCode || !response.userCode || !response.verificationUri) {
      throw new Error('StartDeviceAuthorization returned an incomplete authorization');
    }
    return {
      deviceCode: response.deviceCode,
      userCode: response.userCode,
      verificationUri: response.verificationUri,
      verificationUriComplete: response.verificationUriComplete ?? response.verificationUri,
      expiresInSeconds: response.expiresIn ?? 600,
      intervalSeconds: response.interval ?? 5,
    };
  }

  async createToken(registration: Registration, input: CreateTokenInput): Promise<TokenGrant> {
    const sdk = await loadOidcSdk();
    const response = await (
      await this.sdkClient()
    ).send(
      new sdk.CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        ...input,
      }),
    );
    // `expiresIn` may be 0 (a token asked for in the last second of its SSO session): that is
    // still an answer, and for a refresh it carries the rotated refresh token. Treating it as
    // no answer threw the new refresh token away and left the spent one in the cache, to be
    // presented again (InvalidGrant: a refresh token used twice).
    if (!response.accessToken || response.expiresIn === undefined)
      throw new Error('CreateToken returned no access token');
    return {
      accessToken: response.accessToken,
      expiresInSeconds: response.expiresIn,
      ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}),
    };
  }

  /**
   * The base URL for the browser-facing `/authorize` page, which the SDK does not model.
   * Like the AWS CLI, we ask the SDK where it would send an sso-oidc request (so endpoint
   * overrides such as AWS_ENDPOINT_URL_SSO_OIDC apply) and stop the request before it leaves.
   */
  async authorizeBaseUrl(): Promise<string> {
    const sdk = await loadOidcSdk();
    const client = await createOidcClient(this.region, { maxAttempts: 1 });
    const captured = new Error('endpoint captured');
    let base: string | undefined;
    client.middlewareStack.add(
      () => async (args) => {
        const request = args.request as { protocol: string; hostname: string; port?: number; path: string };
        const port = request.port ? `:${request.port}` : '';
        // An endpoint override may carry a base path in front of the operation's own path.
        const basePath = request.path.replace(/\/client\/register$/, '');
        base = `${request.protocol}//${request.hostname}${port}${basePath}`;
        throw captured;
      },
      { step: 'finalizeRequest', priority: 'low', name: 'lanyardCaptureEndpoint' },
    );
    try {
      await client.send(new sdk.RegisterClientCommand({ clientName: 'endpoint-probe', clientType: 'public' }));
    } catch (error) {
      if (error !== captured) throw error;
    } finally {
      client.destroy();
    }
    if (!base) throw new Error('Could not resolve the sso-oidc endpoint');
    return base;
  }
}
