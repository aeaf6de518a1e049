/**
 * The fake Identity Center against botocore's own sso and sso-oidc clients (and its SSO
 * credential provider), driven through test/interop/py/botocore_driver.py. Python runs with a
 * private HOME and AWS config, finds the fake through AWS_ENDPOINT_URL_SSO(_OIDC) and answers
 * one JSON line per command, so the test can move the fake's clock between calls.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_START_URL, FakeIdentityCenter, type FakeIdentityCenterOptions } from '../fake-idc/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTempHome, type TempHome } from '../support/temp-home.js';
import { PYTHON } from '../support/python.js';

const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'py', 'botocore_driver.py');
const REGION = 'us-east-1';
const SCOPE = 'sso:account:access';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CALLBACK = 'http://127.0.0.1:49153/oauth/callback';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// ---- the python side ----------------------------------------------------------------------------

interface BotocoreError {
  code?: string;
  status?: number;
  message?: string;
  oauthError?: string | null;
  className: string;
  caughtByClientExceptions?: boolean;
}

type Answer<T> = ({ ok: true } & T) | { ok: false; error: BotocoreError };

/** One long-lived python process; commands are answered in order, one JSON line each. */
class BotocoreDriver {
  private readonly answers: AsyncIterator<string>;
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static start(env: Record<string, string>): BotocoreDriver {
    return new BotocoreDriver(spawn(PYTHON, [DRIVER], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  async send<T>(command: Record<string, unknown>): Promise<Answer<T>> {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    const next = await this.answers.next();
    if (next.done) throw new Error(`botocore driver exited:\n${this.stderr}`);
    return JSON.parse(next.value) as Answer<T>;
  }

  /** A client call that must succeed; returns botocore's parsed response. */
  async ok<T>(service: 'sso' | 'sso-oidc', method: string, params: Record<string, unknown>): Promise<T> {
    const answer = await this.send<{ result: T }>({ op: 'call', service, method, params });
    if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  /** A client call that must fail, made with retries off; returns how botocore saw the error. */
  async fails(service: 'sso' | 'sso-oidc', method: string, params: Record<string, unknown>): Promise<BotocoreError> {
    const answer = await this.send<{ result: unknown }>({ op: 'call', service, method, params, attempts: 1 });
    if (answer.ok) throw new Error(`${method} unexpectedly succeeded`);
    return answer.error;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

/** What a modeled error looks like from botocore: its class, caught by `client.exceptions.<Name>`. */
function modeled(code: string, status: number): Partial<BotocoreError> {
  return { code, className: code, status, caughtByClientExceptions: true };
}

// ---- harness ------------------------------------------------------------------------------------

interface Rig {
  fake: FakeIdentityCenter;
  clock: FakeClock;
  home: TempHome;
  python: BotocoreDriver;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startRig(options: FakeIdentityCenterOptions = {}): Promise<Rig> {
  const clock = new FakeClock();
  const fake = new FakeIdentityCenter({ clock, ...options });
  await fake.start();
  cleanups.push(() => fake.stop());
  const home = createTempHome({
    AWS_DEFAULT_REGION: REGION,
    AWS_ENDPOINT_URL_SSO: fake.env.AWS_ENDPOINT_URL_SSO,
    AWS_ENDPOINT_URL_SSO_OIDC: fake.env.AWS_ENDPOINT_URL_SSO_OIDC,
  });
  cleanups.push(() => home.cleanup());
  const python = BotocoreDriver.start(home.env);
  cleanups.push(() => python.close());
  return { fake, clock, home, python };
}

interface Registration {
  clientId: string;
  clientSecret: string;
}

interface Tokens {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken?: string;
}

async function register(python: BotocoreDriver, extra: Record<string, unknown> = {}): Promise<Registration> {
  const out = await python.ok<Registration>('sso-oidc', 'register_client', {
    clientName: 'botocore-client-test',
    clientType: 'public',
    scopes: [SCOPE],
    ...extra,
  });
  return { clientId: out.clientId, clientSecret: out.clientSecret };
}

// ---- tests --------------------------------------------------------------------------------------

describe('botocore against the fake Identity Center', () => {
  it('RegisterClient and the device flow, with every polling outcome mapped to client.exceptions', async () => {
    const { fake, clock, python } = await startRig({ approval: 'manual' });
    const registered = await python.ok<Registration & { clientSecretExpiresAt: number }>(
      'sso-oidc',
      'register_client',
      {
        clientName: 'botocore-client-test',
        clientType: 'public',
        scopes: [SCOPE],
      },
    );
    expect(registered.clientSecretExpiresAt).toBe((clock.now() + fake.lifetimes.registrationMs) / SECOND);
    const client = { clientId: registered.clientId, clientSecret: registered.clientSecret };

    const startDevice = (): Promise<{ deviceCode: string; userCode: string; interval: number }> =>
      python.ok('sso-oidc', 'start_device_authorization', { ...client, startUrl: FAKE_START_URL });
    const poll = (deviceCode: string) => ({ ...client, grantType: DEVICE_GRANT, deviceCode });

    const device = await startDevice();
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(await python.fails('sso-oidc', 'create_token', poll(device.deviceCode))).toMatchObject({
      ...modeled('AuthorizationPendingException', 400),
      oauthError: 'authorization_pending',
    });
    expect(await python.fails('sso-oidc', 'create_token', poll(device.deviceCode))).toMatchObject(
      modeled('SlowDownException', 400),
    );

    fake.approveDevice(device.userCode);
    clock.advance(device.interval * SECOND);
    const tokens = await python.ok<Tokens>('sso-oidc', 'create_token', poll(device.deviceCode));
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(tokens.refreshToken).toBeTruthy();

    const denied = await startDevice();
    fake.denyDevice(denied.userCode);
    expect(await python.fails('sso-oidc', 'create_token', poll(denied.deviceCode))).toMatchObject(
      modeled('AccessDeniedException', 400),
    );

    const abandoned = await startDevice();
    clock.advance(fake.lifetimes.deviceCodeMs);
    expect(await python.fails('sso-oidc', 'create_token', poll(abandoned.deviceCode))).toMatchObject(
      modeled('ExpiredTokenException', 400),
    );

    expect(
      await python.fails('sso-oidc', 'start_device_authorization', {
        ...client,
        clientSecret: 'wrong',
        startUrl: FAKE_START_URL,
      }),
    ).toMatchObject(modeled('InvalidClientException', 401));
    expect(
      await python.fails('sso-oidc', 'register_client', { clientName: 'x', clientType: 'confidential' }),
    ).toMatchObject(modeled('InvalidClientMetadataException', 400));
  });

  it('the authorization code flow exactly as the AWS CLI v2 drives it, then refresh-token rotation', async () => {
    const { fake, clock, python } = await startRig();
    const client = await register(python, {
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: FAKE_START_URL,
    });

    const authorized = await python.send<{
      status: number;
      location: string;
      state: string;
      codeVerifier: string;
      url: string;
    }>({
      op: 'authorize_like_cli',
      clientId: client.clientId,
      redirectUri: CALLBACK,
      scopes: [SCOPE],
    });
    if (!authorized.ok) throw new Error(JSON.stringify(authorized.error));
    expect(authorized.url.startsWith(`${fake.url}/authorize?response_type=code&client_id=`)).toBe(true);
    expect(authorized.url).toContain('&scopes=sso%3Aaccount%3Aaccess&code_challenge=');
    expect(authorized.status).toBe(302);
    const redirect = new URL(authorized.location);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get('state')).toBe(authorized.state);

    const exchange = {
      ...client,
      grantType: 'authorization_code',
      code: redirect.searchParams.get('code'),
      redirectUri: CALLBACK,
      codeVerifier: authorized.codeVerifier,
    };
    const tokens = await python.ok<Tokens>('sso-oidc', 'create_token', exchange);
    expect(tokens.refreshToken).toBeTruthy();
    expect(await python.fails('sso-oidc', 'create_token', exchange)).toMatchObject(
      modeled('InvalidGrantException', 400),
    );

    const refreshWith = (refreshToken: string) => ({ ...client, grantType: 'refresh_token', refreshToken });
    const refreshed = await python.ok<Tokens>('sso-oidc', 'create_token', refreshWith(tokens.refreshToken!));
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(await python.fails('sso-oidc', 'create_token', refreshWith(tokens.refreshToken!))).toMatchObject(
      modeled('InvalidGrantException', 400),
    );
    expect(fake.refreshTokenReuse).toBe(1);

    clock.advance(fake.lifetimes.ssoSessionMs);
    expect(await python.fails('sso-oidc', 'create_token', refreshWith(refreshed.refreshToken!))).toMatchObject(
      modeled('InvalidGrantException', 400),
    );
    expect(await python.fails('sso', 'list_accounts', { accessToken: refreshed.accessToken })).toMatchObject(
      modeled('UnauthorizedException', 401),
    );
    expect(fake.refreshTokenReuse).toBe(1);
  });

  it('the portal: paginators, role credentials, Logout and every modeled error', async () => {
    const { fake, clock, python } = await startRig({ accounts: 250, rolesPerAccount: 5 });
    const { accessToken } = fake.issueSession();
    const expectedIds = fake.accounts.map((account) => account.accountId);

    const pagesOf = async (
      method: string,
      params: Record<string, unknown>,
      pageSize?: number,
    ): Promise<Array<Record<string, unknown[]>>> => {
      const answer = await python.send<{ pages: Array<Record<string, unknown[]>> }>({
        op: 'paginate',
        service: 'sso',
        method,
        params,
        ...(pageSize ? { pageSize } : {}),
      });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      return answer.pages;
    };
    const accountIds = (pages: Array<Record<string, unknown[]>>): string[] =>
      pages.flatMap((page) => (page.accountList as Array<{ accountId: string }>).map((account) => account.accountId));

    const defaultPages = await pagesOf('list_accounts', { accessToken });
    expect(defaultPages).toHaveLength(13);
    expect(accountIds(defaultPages)).toEqual(expectedIds);
    const bigPages = await pagesOf('list_accounts', { accessToken }, 100);
    expect(bigPages.map((page) => page.accountList!.length)).toEqual([100, 100, 50]);
    expect(accountIds(bigPages)).toEqual(expectedIds);

    const account = fake.accounts[7]!;
    const rolePages = await pagesOf('list_account_roles', { accessToken, accountId: account.accountId }, 2);
    expect(rolePages).toHaveLength(3);
    expect(
      rolePages.flatMap((page) => (page.roleList as Array<{ roleName: string }>).map((role) => role.roleName)),
    ).toEqual(account.roles);

    const { roleCredentials } = await python.ok<{ roleCredentials: { accessKeyId: string; expiration: number } }>(
      'sso',
      'get_role_credentials',
      {
        accessToken,
        accountId: account.accountId,
        roleName: account.roles[0],
      },
    );
    expect(roleCredentials.accessKeyId).toMatch(/^ASIA/);
    expect(roleCredentials.expiration).toBe(clock.now() + HOUR);

    expect(await python.fails('sso', 'list_accounts', { accessToken: 'bogus' })).toMatchObject(
      modeled('UnauthorizedException', 401),
    );
    expect(await python.fails('sso', 'list_accounts', { accessToken, maxResults: 101 })).toMatchObject(
      modeled('InvalidRequestException', 400),
    );
    expect(
      await python.fails('sso', 'get_role_credentials', {
        accessToken,
        accountId: account.accountId,
        roleName: 'NotAssigned',
      }),
    ).toMatchObject(modeled('ResourceNotFoundException', 404));

    fake.failNext('ListAccountRoles', 1, 'TooManyRequests');
    expect(
      await python.fails('sso', 'list_account_roles', { accessToken, accountId: account.accountId }),
    ).toMatchObject(modeled('TooManyRequestsException', 429));
    fake.failNext('ListAccounts', 1, 'NetworkDrop');
    expect((await python.fails('sso', 'list_accounts', { accessToken })).className).toMatch(/Connection/);

    await python.ok('sso', 'logout', { accessToken });
    expect(await python.fails('sso', 'list_accounts', { accessToken })).toMatchObject(
      modeled('UnauthorizedException', 401),
    );
  });

  it('throttles botocore with the same token bucket', async () => {
    const { fake, clock, python } = await startRig({ throttle: { ratePerSecond: 1, burst: 2 } });
    const { accessToken } = fake.issueSession();
    await python.ok('sso', 'list_accounts', { accessToken });
    await python.ok('sso', 'list_accounts', { accessToken });
    expect(await python.fails('sso', 'list_accounts', { accessToken })).toMatchObject(
      modeled('TooManyRequestsException', 429),
    );
    clock.advance(SECOND);
    await python.ok('sso', 'list_accounts', { accessToken });
    expect(fake.counters('ListAccounts')).toEqual({ calls: 4, successes: 3, throttled: 1, errors: 0 });
  });
});

describe("botocore's SSO credential provider and a token cache seeded by issueSession", () => {
  it('refreshes the nearly expired token, writes the rotated one back and fetches role credentials', async () => {
    // botocore compares cache times with the real time, so this test runs on the system clock.
    const fake = new FakeIdentityCenter({ accounts: 3 });
    await fake.start();
    cleanups.push(() => fake.stop());
    const home = createTempHome({ AWS_DEFAULT_REGION: REGION, ...fake.env });
    cleanups.push(() => home.cleanup());
    const python = BotocoreDriver.start(home.env);
    cleanups.push(() => python.close());

    const sessionName = 'acme';
    const account = fake.accounts[2]!;
    mkdirSync(path.dirname(home.env.AWS_CONFIG_FILE!), { recursive: true });
    writeFileSync(
      home.env.AWS_CONFIG_FILE!,
      [
        `[profile ${account.accountName}]`,
        `sso_session = ${sessionName}`,
        `sso_account_id = ${account.accountId}`,
        `sso_role_name = ${account.roles[0]}`,
        `region = ${REGION}`,
        '',
        `[sso-session ${sessionName}]`,
        `sso_start_url = ${FAKE_START_URL}`,
        `sso_region = ${REGION}`,
        `sso_registration_scopes = ${SCOPE}`,
        '',
      ].join('\n'),
    );
    // Ten minutes left: inside botocore's 15-minute refresh window.
    const issued = fake.issueSession({ accessTokenMs: 10 * MINUTE });
    const cacheFile = path.join(
      home.home,
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update(sessionName).digest('hex')}.json`,
    );
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const { startUrl: _startUrl, ...cached } = issued;
    writeFileSync(cacheFile, JSON.stringify({ startUrl: FAKE_START_URL, region: REGION, ...cached }));

    const answer = await python.send<{ accessKeyId: string }>({ op: 'sso_credentials', profile: account.accountName });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    expect(answer.accessKeyId).toMatch(/^ASIA/);

    const rewritten = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    expect(rewritten.refreshToken).toBeTruthy();
    expect(rewritten.refreshToken).not.toBe(issued.refreshToken);
    expect(rewritten.accessToken).not.toBe(issued.accessToken);
    expect(rewritten.clientId).toBe(issued.clientId);
    expect(fake.counters('CreateToken')).toMatchObject({ calls: 1, successes: 1 });
    expect(fake.counters('GetRoleCredentials')).toMatchObject({ calls: 1, successes: 1 });
    expect(fake.refreshTokenReuse).toBe(0);
  });
});
