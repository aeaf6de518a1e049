/**
 * The fake Identity Center against the real JS SDK clients: every operation, the three grants,
 * paginators, error mapping to the SDK's exception classes, injected trouble and the console
 * federation endpoint. Time-dependent behaviour runs on a FakeClock.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  ResourceNotFoundException,
  SSOClient,
  SSOServiceException,
  TooManyRequestsException,
  UnauthorizedException,
  InvalidRequestException as PortalInvalidRequestException,
  type RoleCredentials,
} from '@aws-sdk/client-sso';
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
  type CreateTokenCommandOutput,
  type RegisterClientCommandInput,
} from '@aws-sdk/client-sso-oidc';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAKE_START_URL,
  FakeIdentityCenter,
  type FakeIdentityCenterOptions,
  type IssuedSession,
} from '../fake-idc/index.js';
import { FakeClock } from '../support/fake-clock.js';

const REGION = 'us-east-1';
const SCOPE = 'sso:account:access';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---- harness ---------------------------------------------------------------------------------

const running: FakeIdentityCenter[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});

async function startFake(
  options: FakeIdentityCenterOptions = {},
): Promise<{ fake: FakeIdentityCenter; clock: FakeClock }> {
  const clock = new FakeClock();
  const fake = new FakeIdentityCenter({ clock, ...options });
  running.push(fake);
  await fake.start();
  return { fake, clock };
}

/** maxAttempts 1 by default: assertions on errors must see the first answer, not a retry's. */
function oidcClient(fake: FakeIdentityCenter, maxAttempts = 1): SSOOIDCClient {
  return new SSOOIDCClient({ region: REGION, endpoint: fake.url, maxAttempts });
}

function portalClient(fake: FakeIdentityCenter, maxAttempts = 1): SSOClient {
  return new SSOClient({ region: REGION, endpoint: fake.url, maxAttempts });
}

interface Registration {
  clientId: string;
  clientSecret: string;
}

async function register(oidc: SSOOIDCClient, input: Partial<RegisterClientCommandInput> = {}): Promise<Registration> {
  const out = await oidc.send(
    new RegisterClientCommand({ clientName: 'lanyard-test', clientType: 'public', scopes: [SCOPE], ...input }),
  );
  return { clientId: out.clientId!, clientSecret: out.clientSecret! };
}

async function registerForAuthCode(oidc: SSOOIDCClient, scopes = [SCOPE]): Promise<Registration> {
  return register(oidc, {
    scopes,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/oauth/callback'],
    issuerUrl: FAKE_START_URL,
  });
}

function pollDevice(oidc: SSOOIDCClient, client: Registration, deviceCode: string): Promise<CreateTokenCommandOutput> {
  return oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode }));
}

function refresh(oidc: SSOOIDCClient, client: Registration, refreshToken: string): Promise<CreateTokenCommandOutput> {
  return oidc.send(new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken }));
}

/** A PKCE pair made the way the AWS CLI v2 makes it (64 unreserved characters, S256). */
function pkcePair(): { verifier: string; challenge: string } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  const verifier = Array.from({ length: 64 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const padded = createHash('sha256').update(verifier).digest('base64').replaceAll('+', '-').replaceAll('/', '_');
  return { verifier, challenge: padded.slice(0, -1) }; // the CLI trims the final '='
}

/**
 * The /authorize URL exactly as AWS CLI v2 builds it (SSOTokenFetcherAuth._get_authorization_uri):
 * percent-encoded parameters in this order, then the raw code_challenge appended last.
 */
function cliAuthorizeUrl(
  base: string,
  params: { clientId: string; redirectUri: string; state: string; challenge: string; scopes?: string[] },
): string {
  const query = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['state', params.state],
    ['code_challenge_method', 'S256'],
    ['scopes', (params.scopes ?? [SCOPE]).join(' ')],
  ]
    .map(([name, value]) => `${encodeURIComponent(name!)}=${encodeURIComponent(value!)}`)
    .join('&');
  return `${base}/authorize?${query}&code_challenge=${params.challenge}`;
}

const CALLBACK = 'http://127.0.0.1:49152/oauth/callback';

/** Drives /authorize like a browser would up to the loopback redirect; returns the redirect URL. */
async function authorizeInBrowser(
  fake: FakeIdentityCenter,
  client: Registration,
  challenge: string,
  state = randomUUID(),
): Promise<URL> {
  const response = await fetch(
    cliAuthorizeUrl(fake.url, { clientId: client.clientId, redirectUri: CALLBACK, state, challenge }),
    { redirect: 'manual' },
  );
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

async function signInWithAuthCode(
  fake: FakeIdentityCenter,
  oidc: SSOOIDCClient,
): Promise<{ client: Registration; tokens: CreateTokenCommandOutput }> {
  const client = await registerForAuthCode(oidc);
  const { verifier, challenge } = pkcePair();
  const redirect = await authorizeInBrowser(fake, client, challenge);
  const tokens = await oidc.send(
    new CreateTokenCommand({
      ...client,
      grantType: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirectUri: CALLBACK,
      codeVerifier: verifier,
    }),
  );
  return { client, tokens };
}

function listAccounts(sso: SSOClient, accessToken: string): Promise<unknown> {
  return sso.send(new ListAccountsCommand({ accessToken }));
}

// ---- sso-oidc: RegisterClient ----------------------------------------------------------------

describe('RegisterClient', () => {
  it('returns a client id and secret with issue and expiry times in epoch seconds', async () => {
    const { fake, clock } = await startFake();
    const out = await oidcClient(fake).send(
      new RegisterClientCommand({ clientName: 'lanyard', clientType: 'public', scopes: [SCOPE] }),
    );
    expect(out.clientId).toMatch(/^\S{16,}$/);
    expect(out.clientSecret).toMatch(/^\S{64,}$/);
    expect(out.clientIdIssuedAt).toBe(clock.now() / SECOND);
    expect(out.clientSecretExpiresAt).toBe((clock.now() + 90 * DAY) / SECOND);
  });

  it('honours the registration lifetime knob', async () => {
    const { fake, clock } = await startFake({ lifetimes: { registrationMs: 2 * DAY } });
    const out = await oidcClient(fake).send(new RegisterClientCommand({ clientName: 'lanyard', clientType: 'public' }));
    expect(out.clientSecretExpiresAt).toBe((clock.now() + 2 * DAY) / SECOND);
  });

  it('rejects bad metadata with the modeled exceptions', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    await expect(register(oidc, { clientType: 'confidential' })).rejects.toBeInstanceOf(InvalidClientMetadataException);
    await expect(register(oidc, { grantTypes: ['implicit'] })).rejects.toBeInstanceOf(UnsupportedGrantTypeException);
    await expect(
      register(oidc, {
        grantTypes: ['authorization_code'],
        redirectUris: ['http://evil.example/cb'],
        issuerUrl: FAKE_START_URL,
      }),
    ).rejects.toBeInstanceOf(InvalidRedirectUriException);
  });
});

// ---- sso-oidc: device authorization ------------------------------------------------------------

describe('device authorization grant', () => {
  it('auto-approves: the first poll gets an access token and a refresh token', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await register(oidc);
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));

    expect(start.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(start.verificationUri).toBe(`${fake.url}/device`);
    expect(start.verificationUriComplete).toBe(`${fake.url}/device?user_code=${start.userCode}`);
    expect(start.expiresIn).toBe(600);
    expect(start.interval).toBe(1);

    const tokens = await pollDevice(oidc, client, start.deviceCode!);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(3600);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    await expect(listAccounts(portalClient(fake), tokens.accessToken!)).resolves.toBeTruthy();
  });

  it('manual: pending until approved, SlowDown when polled faster than the interval', async () => {
    const { fake, clock } = await startFake({ approval: 'manual' });
    const oidc = oidcClient(fake);
    const client = await register(oidc);
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));

    const pending = await pollDevice(oidc, client, start.deviceCode!).catch((error: unknown) => error);
    expect(pending).toBeInstanceOf(AuthorizationPendingException);
    expect((pending as AuthorizationPendingException).$metadata.httpStatusCode).toBe(400);
    expect((pending as AuthorizationPendingException).error).toBe('authorization_pending');

    await expect(pollDevice(oidc, client, start.deviceCode!)).rejects.toBeInstanceOf(SlowDownException);
    clock.advance(start.interval! * SECOND);
    await expect(pollDevice(oidc, client, start.deviceCode!)).rejects.toBeInstanceOf(AuthorizationPendingException);

    fake.approveDevice(start.userCode!);
    clock.advance(start.interval! * SECOND);
    const tokens = await pollDevice(oidc, client, start.deviceCode!);
    expect(tokens.accessToken).toBeTruthy();
    expect(fake.counters('CreateToken')).toEqual({ calls: 4, successes: 1, throttled: 0, errors: 3 });

    clock.advance(start.interval! * SECOND);
    await expect(pollDevice(oidc, client, start.deviceCode!)).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('manual: the verification page approves the request', async () => {
    const { fake, clock } = await startFake({ approval: 'manual' });
    const oidc = oidcClient(fake);
    const client = await register(oidc);
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));

    const pageHtml = await (await fetch(start.verificationUriComplete!)).text();
    expect(pageHtml).toContain(start.userCode);
    expect(pageHtml).toContain('Allow lanyard-test to access your data?');
    expect(pageHtml).toContain('>Approve</button>');

    const approved = await fetch(start.verificationUri!, {
      method: 'POST',
      body: new URLSearchParams({ user_code: start.userCode!.toLowerCase().replace('-', ''), decision: 'approve' }),
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Request approved');

    clock.advance(SECOND);
    await expect(pollDevice(oidc, client, start.deviceCode!)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('denied requests answer AccessDenied; expired device codes answer ExpiredToken', async () => {
    const { fake, clock } = await startFake({ approval: 'manual' });
    const oidc = oidcClient(fake);
    const client = await register(oidc);
    const denied = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));
    const abandoned = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));

    fake.denyDevice(denied.userCode!);
    await expect(pollDevice(oidc, client, denied.deviceCode!)).rejects.toBeInstanceOf(AccessDeniedException);

    clock.advance(10 * MINUTE);
    await expect(pollDevice(oidc, client, abandoned.deviceCode!)).rejects.toBeInstanceOf(ExpiredTokenException);
    expect(() => fake.approveDevice(abandoned.userCode!)).toThrow(/expired/);
  });

  it('gives no refresh token to a registration without scopes (the legacy device flow)', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await register(oidc, { scopes: undefined });
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));
    const tokens = await pollDevice(oidc, client, start.deviceCode!);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('answers InvalidClient (401) for a wrong secret, an unknown client and an expired registration', async () => {
    const { fake, clock } = await startFake();
    const oidc = oidcClient(fake);
    const client = await register(oidc);
    const wrongSecret = await oidc
      .send(new StartDeviceAuthorizationCommand({ ...client, clientSecret: 'nope', startUrl: FAKE_START_URL }))
      .catch((error: unknown) => error);
    expect(wrongSecret).toBeInstanceOf(InvalidClientException);
    expect((wrongSecret as InvalidClientException).$metadata.httpStatusCode).toBe(401);
    await expect(
      oidc.send(
        new StartDeviceAuthorizationCommand({ clientId: 'unknown', clientSecret: 'x', startUrl: FAKE_START_URL }),
      ),
    ).rejects.toBeInstanceOf(InvalidClientException);

    clock.advance(90 * DAY);
    await expect(
      oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL })),
    ).rejects.toBeInstanceOf(InvalidClientException);
  });

  it('refuses the device grant to a client registered only for authorization codes', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    await expect(
      oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL })),
    ).rejects.toBeInstanceOf(UnauthorizedClientException);
  });
});

// ---- sso-oidc: authorization code with PKCE ----------------------------------------------------

describe('authorization code grant with PKCE', () => {
  it('auto mode redirects straight back to the loopback port with code and state; the code buys tokens', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    const { verifier, challenge } = pkcePair();
    const state = randomUUID();

    const redirect = await authorizeInBrowser(fake, client, challenge, state);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get('state')).toBe(state);
    const code = redirect.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const tokens = await oidc.send(
      new CreateTokenCommand({
        ...client,
        grantType: 'authorization_code',
        code,
        redirectUri: CALLBACK,
        codeVerifier: verifier,
      }),
    );
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(tokens.refreshToken).toBeTruthy();

    // One use per code.
    await expect(
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code,
          redirectUri: CALLBACK,
          codeVerifier: verifier,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('checks the verifier against the challenge and the redirect URI against the one authorized', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    const { verifier, challenge } = pkcePair();
    const exchange = async (redirectUri: string, codeVerifier: string): Promise<unknown> => {
      const code = (await authorizeInBrowser(fake, client, challenge)).searchParams.get('code')!;
      return oidc.send(
        new CreateTokenCommand({ ...client, grantType: 'authorization_code', code, redirectUri, codeVerifier }),
      );
    };

    await expect(exchange(CALLBACK, pkcePair().verifier)).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(exchange('http://127.0.0.1:50000/oauth/callback', verifier)).rejects.toBeInstanceOf(
      InvalidGrantException,
    );
    await expect(exchange(CALLBACK, verifier)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('expires codes after five minutes', async () => {
    const { fake, clock } = await startFake();
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    const { verifier, challenge } = pkcePair();
    const code = (await authorizeInBrowser(fake, client, challenge)).searchParams.get('code')!;
    clock.advance(5 * MINUTE);
    await expect(
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code,
          redirectUri: CALLBACK,
          codeVerifier: verifier,
        }),
      ),
    ).rejects.toBeInstanceOf(ExpiredTokenException);
  });

  it('answers bad authorize requests with a 400 page and no redirect', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    const deviceClient = await register(oidc);
    const { challenge } = pkcePair();
    const good = { clientId: client.clientId, redirectUri: CALLBACK, state: 'state-1', challenge };
    const bad = [
      cliAuthorizeUrl(fake.url, { ...good, clientId: 'unknown' }),
      cliAuthorizeUrl(fake.url, { ...good, clientId: deviceClient.clientId }),
      cliAuthorizeUrl(fake.url, { ...good, redirectUri: 'http://127.0.0.1:49152/elsewhere' }),
      cliAuthorizeUrl(fake.url, { ...good, redirectUri: 'http://localhost:49152/oauth/callback' }),
      cliAuthorizeUrl(fake.url, { ...good, challenge: 'too-short' }),
      cliAuthorizeUrl(fake.url, { ...good, scopes: ['sso:admin'] }),
      cliAuthorizeUrl(fake.url, good).replace('code_challenge_method=S256', 'code_challenge_method=plain'),
      cliAuthorizeUrl(fake.url, good).replace('response_type=code', 'response_type=token'),
      cliAuthorizeUrl(fake.url, good).replace('&state=state-1', ''),
    ];
    for (const url of bad) {
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status, url).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    expect((await fetch(cliAuthorizeUrl(fake.url, good), { redirect: 'manual' })).status).toBe(302);
  });

  it('manual mode shows a consent page; Allow redirects with a code, Deny with access_denied', async () => {
    const { fake } = await startFake({ approval: 'manual' });
    const oidc = oidcClient(fake);
    const client = await registerForAuthCode(oidc);
    const { challenge } = pkcePair();
    const consent = async (decision: 'allow' | 'deny'): Promise<URL> => {
      const url = cliAuthorizeUrl(fake.url, {
        clientId: client.clientId,
        redirectUri: CALLBACK,
        state: `s-${decision}`,
        challenge,
      });
      const pageHtml = await (await fetch(url, { redirect: 'manual' })).text();
      expect(pageHtml).toContain('Allow lanyard-test to access your data?');
      const consentId = /name="consent" value="([^"]+)"/.exec(pageHtml)![1]!;
      const answer = await fetch(`${fake.url}/authorize/decision`, {
        method: 'POST',
        body: new URLSearchParams({ consent: consentId, decision }),
        redirect: 'manual',
      });
      expect(answer.status).toBe(302);
      return new URL(answer.headers.get('location')!);
    };

    const allowed = await consent('allow');
    expect(allowed.searchParams.get('code')).toBeTruthy();
    expect(allowed.searchParams.get('state')).toBe('s-allow');

    const denied = await consent('deny');
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', state: 's-deny' });
  });
});

// ---- sso-oidc: refresh tokens and the SSO session ----------------------------------------------

describe('refresh tokens and SSO sessions', () => {
  it('rotates refresh tokens: the spent one fails with InvalidGrant and is counted', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const { client, tokens } = await signInWithAuthCode(fake, oidc);

    const refreshed = await refresh(oidc, client, tokens.refreshToken!);
    expect(refreshed.refreshToken).toBeTruthy();
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(fake.refreshTokenReuse).toBe(0);

    await expect(refresh(oidc, client, tokens.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
    expect(fake.refreshTokenReuse).toBe(1);

    await expect(refresh(oidc, client, refreshed.refreshToken!)).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(fake.refreshTokenReuse).toBe(1);
  });

  it('rejects a refresh token presented by another client', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const { tokens } = await signInWithAuthCode(fake, oidc);
    const other = await registerForAuthCode(oidc);
    await expect(refresh(oidc, other, tokens.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('caps access tokens at the end of the SSO session, then refuses to refresh', async () => {
    const { fake, clock } = await startFake({ lifetimes: { ssoSessionMs: 90 * MINUTE } });
    const oidc = oidcClient(fake);
    const sso = portalClient(fake);
    const { client, tokens } = await signInWithAuthCode(fake, oidc);

    clock.advance(HOUR);
    await expect(listAccounts(sso, tokens.accessToken!)).rejects.toBeInstanceOf(UnauthorizedException);
    const refreshed = await refresh(oidc, client, tokens.refreshToken!);
    expect(refreshed.expiresIn).toBe(30 * 60);

    clock.advance(30 * MINUTE);
    await expect(listAccounts(sso, refreshed.accessToken!)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(refresh(oidc, client, refreshed.refreshToken!)).rejects.toBeInstanceOf(InvalidGrantException);
    expect(fake.activeSessionCount).toBe(0);
    expect(fake.refreshTokenReuse).toBe(0);
  });

  it('ends sessions on demand: endSession by token and endAllSessions', async () => {
    const { fake } = await startFake();
    const oidc = oidcClient(fake);
    const sso = portalClient(fake);
    const first = fake.issueSession();
    const second = fake.issueSession();
    expect(fake.activeSessionCount).toBe(2);

    expect(fake.endSession(first.refreshToken)).toBe(true);
    await expect(listAccounts(sso, first.accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(refresh(oidc, first, first.refreshToken)).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(listAccounts(sso, second.accessToken)).resolves.toBeTruthy();

    fake.endAllSessions();
    await expect(listAccounts(sso, second.accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(fake.activeSessionCount).toBe(0);
    expect(fake.endSession('not-a-token')).toBe(false);
  });

  it('issueSession mints what a token cache entry holds, usable by both clients', async () => {
    const { fake, clock } = await startFake();
    const session: IssuedSession = fake.issueSession({ accessTokenMs: 10 * MINUTE });
    expect(session.startUrl).toBe(FAKE_START_URL);
    expect(Date.parse(session.expiresAt)).toBe(clock.now() + 10 * MINUTE);
    expect(Date.parse(session.registrationExpiresAt)).toBe(clock.now() + 90 * DAY);
    expect(session.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await expect(listAccounts(portalClient(fake), session.accessToken)).resolves.toBeTruthy();
    const refreshed = await refresh(oidcClient(fake), session, session.refreshToken);
    expect(refreshed.expiresIn).toBe(3600);
  });
});

// ---- sso portal ------------------------------------------------------------------------------

describe('portal', () => {
  it('pages through 250 accounts with paginateListAccounts, at the default and a chosen page size', async () => {
    const { fake } = await startFake({ accounts: 250 });
    const { accessToken } = fake.issueSession();
    const client = portalClient(fake);
    const expectedIds = fake.accounts.map((account) => account.accountId);

    const collect = async (pageSize?: number): Promise<{ pages: number; ids: string[] }> => {
      let pages = 0;
      const ids: string[] = [];
      for await (const page of paginateListAccounts({ client, ...(pageSize ? { pageSize } : {}) }, { accessToken })) {
        pages += 1;
        ids.push(...(page.accountList ?? []).map((account) => account.accountId!));
      }
      return { pages, ids };
    };

    expect(await collect()).toEqual({ pages: 13, ids: expectedIds });
    expect(await collect(100)).toEqual({ pages: 3, ids: expectedIds });
    expect(new Set(expectedIds).size).toBe(250);
    expect(fake.counters('ListAccounts')).toMatchObject({ calls: 16, successes: 16 });
  });

  it('returns account details with default names across environments', async () => {
    const { fake } = await startFake({ accounts: 6 });
    const { accessToken } = fake.issueSession();
    const out = await portalClient(fake).send(new ListAccountsCommand({ accessToken }));
    const names = out.accountList!.map((account) => account.accountName);
    expect(names).toEqual([
      'acme-prod-payments',
      'acme-staging-payments',
      'acme-dev-payments',
      'acme-prod-identity',
      'acme-staging-identity',
      'acme-dev-identity',
    ]);
    expect(out.accountList![0]).toEqual({
      accountId: expect.stringMatching(/^\d{12}$/),
      accountName: 'acme-prod-payments',
      emailAddress: 'aws+acme-prod-payments@acme.example',
    });
    expect(out.nextToken).toBeUndefined();
  });

  it('pages through roles with paginateListAccountRoles', async () => {
    const { fake } = await startFake({ accounts: 3, rolesPerAccount: 6 });
    const { accessToken } = fake.issueSession();
    const account = fake.accounts[1]!;
    const roles: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccountRoles(
      { client: portalClient(fake), pageSize: 4 },
      { accessToken, accountId: account.accountId },
    )) {
      pages += 1;
      for (const role of page.roleList ?? []) {
        expect(role.accountId).toBe(account.accountId);
        roles.push(role.roleName!);
      }
    }
    expect(pages).toBe(2);
    expect(roles).toEqual(account.roles);
    expect(roles).toContain('AdministratorAccess');
  });

  it('serves an explicit organization and reflects assignment changes at once', async () => {
    const { fake } = await startFake({
      accounts: [
        { accountId: '111111111111', accountName: 'payments-prod', roles: ['ReadOnlyAccess'] },
        {
          accountId: '222222222222',
          accountName: 'sandbox',
          emailAddress: 'sandbox@example.com',
          roles: ['AdministratorAccess'],
        },
      ],
    });
    const { accessToken } = fake.issueSession();
    const sso = portalClient(fake);
    const accountIds = async (): Promise<string[]> =>
      ((await sso.send(new ListAccountsCommand({ accessToken }))).accountList ?? []).map(
        (account) => account.accountId!,
      );
    const roleNames = async (accountId: string): Promise<string[]> =>
      ((await sso.send(new ListAccountRolesCommand({ accessToken, accountId }))).roleList ?? []).map(
        (role) => role.roleName!,
      );

    expect(await accountIds()).toEqual(['111111111111', '222222222222']);
    fake.assignRole('111111111111', 'PowerUserAccess');
    expect(await roleNames('111111111111')).toEqual(['ReadOnlyAccess', 'PowerUserAccess']);
    fake.unassignRole('111111111111', 'ReadOnlyAccess');
    expect(await roleNames('111111111111')).toEqual(['PowerUserAccess']);

    fake.removeAccount('222222222222');
    fake.addAccount({ accountId: '333333333333', accountName: 'data', roles: ['ReadOnlyAccess'] });
    expect(await accountIds()).toEqual(['111111111111', '333333333333']);
    await expect(
      sso.send(new ListAccountRolesCommand({ accessToken, accountId: '222222222222' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('issues role credentials with an ASIA key and an expiration in epoch milliseconds', async () => {
    const { fake, clock } = await startFake({ lifetimes: { roleCredentialsMs: 2 * HOUR } });
    const { accessToken } = fake.issueSession();
    const account = fake.accounts[0]!;
    const out = await portalClient(fake).send(
      new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: account.roles[0]! }),
    );
    const credentials = out.roleCredentials!;
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.secretAccessKey).toHaveLength(40);
    expect(credentials.sessionToken!.length).toBeGreaterThan(100);
    expect(credentials.expiration).toBe(clock.now() + 2 * HOUR);
  });

  it('maps portal errors to the SDK exception classes', async () => {
    const { fake } = await startFake();
    const { accessToken } = fake.issueSession();
    const sso = portalClient(fake);
    const account = fake.accounts[0]!;

    const unauthorized = await listAccounts(sso, 'not-a-token').catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(UnauthorizedException);
    expect((unauthorized as UnauthorizedException).$metadata.httpStatusCode).toBe(401);
    expect((unauthorized as UnauthorizedException).message).toBe('Session token not found or invalid');

    const notAssigned = await sso
      .send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: 'NotARole' }))
      .catch((error: unknown) => error);
    expect(notAssigned).toBeInstanceOf(ResourceNotFoundException);
    expect((notAssigned as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);

    for (const maxResults of [0, 101]) {
      await expect(sso.send(new ListAccountsCommand({ accessToken, maxResults }))).rejects.toBeInstanceOf(
        PortalInvalidRequestException,
      );
    }
    await expect(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'garbage' }))).rejects.toBeInstanceOf(
      PortalInvalidRequestException,
    );
  });

  it('Logout ends the SSO session: access and refresh tokens stop working', async () => {
    const { fake } = await startFake();
    const session = fake.issueSession();
    const sso = portalClient(fake);
    await sso.send(new LogoutCommand({ accessToken: session.accessToken }));
    await expect(listAccounts(sso, session.accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(refresh(oidcClient(fake), session, session.refreshToken)).rejects.toBeInstanceOf(
      InvalidGrantException,
    );
    await expect(sso.send(new LogoutCommand({ accessToken: session.accessToken }))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('is reachable through AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC alone', async () => {
    const { fake } = await startFake();
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/lanyard-test-config');
    vi.stubEnv('AWS_ENDPOINT_URL_SSO', fake.env.AWS_ENDPOINT_URL_SSO);
    vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', fake.env.AWS_ENDPOINT_URL_SSO_OIDC);
    const oidc = new SSOOIDCClient({ region: REGION });
    const client = await register(oidc);
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: FAKE_START_URL }));
    const tokens = await pollDevice(oidc, client, start.deviceCode!);
    const out = await new SSOClient({ region: REGION }).send(
      new ListAccountsCommand({ accessToken: tokens.accessToken! }),
    );
    expect(out.accountList).toHaveLength(fake.accounts.length);
  });
});

// ---- injected trouble ----------------------------------------------------------------------------

describe('injected failures, throttle and latency', () => {
  it('fails the next N calls of an operation with the requested error, then recovers', async () => {
    const { fake } = await startFake();
    const { accessToken } = fake.issueSession();
    const sso = portalClient(fake);
    fake.failNext('ListAccounts', 2, 'TooManyRequests');
    fake.failNext('ListAccounts', 1, 'Unauthorized');

    await expect(listAccounts(sso, accessToken)).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(listAccounts(sso, accessToken)).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(listAccounts(sso, accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(listAccounts(sso, accessToken)).resolves.toBeTruthy();
    expect(fake.counters('ListAccounts')).toEqual({ calls: 4, successes: 1, throttled: 2, errors: 1 });
    expect(fake.counters('ListAccountRoles').calls).toBe(0);
  });

  it('InternalServer answers 500, which the SDK retries on its own', async () => {
    const { fake } = await startFake();
    const { accessToken } = fake.issueSession();
    fake.failNext('ListAccounts', 2, 'InternalServer');
    await expect(listAccounts(portalClient(fake, 3), accessToken)).resolves.toBeTruthy();
    expect(fake.counters('ListAccounts')).toEqual({ calls: 3, successes: 1, throttled: 0, errors: 2 });

    fake.failNext('CreateToken', 1, 'InternalServer');
    const session = fake.issueSession();
    const error = await refresh(oidcClient(fake), session, session.refreshToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerException);
    expect((error as InternalServerException).$metadata.httpStatusCode).toBe(500);
  });

  it('Forbidden is the real portal\'s unmodeled "No access" (403)', async () => {
    const { fake } = await startFake();
    const { accessToken } = fake.issueSession();
    const account = fake.accounts[0]!;
    fake.failNext('GetRoleCredentials', 1, 'Forbidden');
    const error = await portalClient(fake)
      .send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: account.roles[0]! }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SSOServiceException);
    expect((error as SSOServiceException).name).toBe('ForbiddenException');
    expect((error as SSOServiceException).$metadata.httpStatusCode).toBe(403);
  });

  it('NetworkDrop destroys the connection; Hang never answers', async () => {
    const { fake } = await startFake();
    const { accessToken } = fake.issueSession();
    const sso = portalClient(fake);
    fake.failNext('ListAccounts', 1, 'NetworkDrop');
    const dropped = await listAccounts(sso, accessToken).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped).not.toBeInstanceOf(SSOServiceException);

    fake.failNext('ListAccounts', 1, 'Hang');
    await expect(
      sso.send(new ListAccountsCommand({ accessToken }), { abortSignal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await expect(listAccounts(sso, accessToken)).resolves.toBeTruthy();
    expect(fake.counters('ListAccounts')).toEqual({ calls: 3, successes: 1, throttled: 0, errors: 2 });
  });

  it('throttles the portal with a token bucket refilled on the clock', async () => {
    const { fake, clock } = await startFake({ throttle: { ratePerSecond: 2, burst: 3 } });
    const session = fake.issueSession();
    const sso = portalClient(fake);
    for (let i = 0; i < 3; i += 1) await listAccounts(sso, session.accessToken);
    await expect(listAccounts(sso, session.accessToken)).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(
      sso.send(
        new ListAccountRolesCommand({ accessToken: session.accessToken, accountId: fake.accounts[0]!.accountId }),
      ),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
    // sso-oidc is not throttled.
    await expect(refresh(oidcClient(fake), session, session.refreshToken)).resolves.toBeTruthy();

    clock.advance(SECOND); // two tokens back
    await listAccounts(sso, session.accessToken);
    await listAccounts(sso, session.accessToken);
    await expect(listAccounts(sso, session.accessToken)).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(fake.counters('ListAccounts')).toMatchObject({ calls: 7, successes: 5, throttled: 2 });

    fake.setThrottle(undefined);
    await expect(listAccounts(sso, session.accessToken)).resolves.toBeTruthy();
  });

  it('adds real-time latency to every answer', async () => {
    const { fake } = await startFake({ latencyMs: 150 });
    const { accessToken } = fake.issueSession();
    const started = performance.now();
    await listAccounts(portalClient(fake), accessToken);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);

    fake.setLatency(0);
    const again = performance.now();
    await listAccounts(portalClient(fake), accessToken);
    expect(performance.now() - again).toBeLessThan(145);
  });

  it('logs operations and statuses but never a secret', async () => {
    const lines: string[] = [];
    const { fake } = await startFake({ log: (line) => lines.push(line) });
    const oidc = oidcClient(fake);
    const { client, tokens } = await signInWithAuthCode(fake, oidc);
    const refreshed = await refresh(oidc, client, tokens.refreshToken!);
    const account = fake.accounts[0]!;
    const { roleCredentials } = await portalClient(fake).send(
      new GetRoleCredentialsCommand({
        accessToken: refreshed.accessToken!,
        accountId: account.accountId,
        roleName: account.roles[0]!,
      }),
    );
    const signinToken = await getSigninToken(fake, roleCredentials!);

    const log = lines.join('\n');
    expect(log).toMatch(/^CreateToken 200 \d+ms$/m);
    expect(log).toMatch(/^Authorize 302 \d+ms$/m);
    for (const secret of [
      client.clientSecret,
      tokens.accessToken,
      tokens.refreshToken,
      refreshed.refreshToken,
      roleCredentials!.secretAccessKey,
      roleCredentials!.sessionToken,
      signinToken,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

// ---- console sign-in (federation endpoint) -------------------------------------------------------

function federationSession(credentials: RoleCredentials): string {
  return JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
}

async function getSigninToken(
  fake: FakeIdentityCenter,
  credentials: RoleCredentials,
  extra: Record<string, string> = {},
): Promise<string> {
  const query = new URLSearchParams({ Action: 'getSigninToken', Session: federationSession(credentials), ...extra });
  const response = await fetch(`${fake.url}/federation?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { SigninToken: string };
  return body.SigninToken;
}

function loginUrl(
  fake: FakeIdentityCenter,
  signinToken: string,
  destination = 'https://console.aws.amazon.com/ec2/home?region=eu-west-1',
): string {
  return `${fake.url}/federation?${new URLSearchParams({ Action: 'login', Issuer: 'lanyard', Destination: destination, SigninToken: signinToken })}`;
}

describe('console sign-in', () => {
  async function roleCredentialsFor(
    fake: FakeIdentityCenter,
  ): Promise<{ credentials: RoleCredentials; accountId: string; accountName: string; roleName: string }> {
    const { accessToken } = fake.issueSession();
    const account = fake.accounts[4]!;
    const roleName = account.roles[1]!;
    const out = await portalClient(fake).send(
      new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName }),
    );
    return {
      credentials: out.roleCredentials!,
      accountId: account.accountId,
      accountName: account.accountName,
      roleName,
    };
  }

  it('getSigninToken, then login sets a cookie and lands on a page naming the role and account', async () => {
    const { fake } = await startFake();
    const { credentials, accountId, accountName, roleName } = await roleCredentialsFor(fake);
    const signinToken = await getSigninToken(fake, credentials);
    const destination = 'https://console.aws.amazon.com/s3/home?region=eu-west-1';

    const login = await fetch(loginUrl(fake, signinToken, destination), { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!, fake.url);
    expect(location.pathname).toBe('/console');
    expect(location.searchParams.get('destination')).toBe(destination);
    const [cookie] = login.headers.getSetCookie();
    expect(cookie).toMatch(/^fake-idc-console=[^;]+; Path=\/; HttpOnly/);
    expect(cookie).not.toContain(signinToken);

    const consolePage = await fetch(location, { headers: { cookie: cookie!.split(';')[0]! } });
    expect(consolePage.status).toBe(200);
    const html = await consolePage.text();
    const identity = /<main id="identity" ([^>]*)>([^<]*)<\/main>/.exec(html)!;
    expect(identity[2]).toBe(`Signed in as ${roleName} in ${accountName} (${accountId})`);
    expect(identity[1]).toContain(`data-account-id="${accountId}"`);
    expect(identity[1]).toContain(`data-role-name="${roleName}"`);

    expect((await fetch(location)).status).toBe(401); // no cookie, not signed in
  });

  it('sign-in tokens work once', async () => {
    const { fake } = await startFake();
    const { credentials } = await roleCredentialsFor(fake);
    const signinToken = await getSigninToken(fake, credentials);
    expect((await fetch(loginUrl(fake, signinToken), { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(loginUrl(fake, signinToken), { redirect: 'manual' })).status).toBe(400);
    expect(fake.counters('FederationLogin')).toEqual({ calls: 2, successes: 1, throttled: 0, errors: 1 });
  });

  it('sign-in tokens expire after 15 minutes', async () => {
    const { fake, clock } = await startFake();
    const { credentials } = await roleCredentialsFor(fake);
    const signinToken = await getSigninToken(fake, credentials);
    clock.advance(15 * MINUTE);
    expect((await fetch(loginUrl(fake, signinToken), { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses credentials it did not issue, or that expired, and bad SessionDuration', async () => {
    const { fake, clock } = await startFake();
    const { credentials } = await roleCredentialsFor(fake);
    const tokenFor = (session: string, extra: Record<string, string> = {}): Promise<Response> =>
      fetch(`${fake.url}/federation?${new URLSearchParams({ Action: 'getSigninToken', Session: session, ...extra })}`);

    expect((await tokenFor(federationSession({ ...credentials, secretAccessKey: 'forged' }))).status).toBe(400);
    expect((await tokenFor('{not json')).status).toBe(400);
    expect((await tokenFor(federationSession(credentials), { SessionDuration: '60' })).status).toBe(400);
    expect((await tokenFor(federationSession(credentials), { SessionDuration: '3600' })).status).toBe(200);

    clock.advance(HOUR);
    expect((await tokenFor(federationSession(credentials))).status).toBe(400);
  });

  it('rejects a login without a web destination', async () => {
    const { fake } = await startFake();
    const { credentials } = await roleCredentialsFor(fake);
    const signinToken = await getSigninToken(fake, credentials);
    expect((await fetch(loginUrl(fake, signinToken, 'javascript:alert(1)'), { redirect: 'manual' })).status).toBe(400);
  });
});
