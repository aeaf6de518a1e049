import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import { readCachedToken, writeCachedToken } from '../../electron/core/sessions/token-cache.js';
import { PortalClients } from '../../electron/core/accounts/portal-client.js';
import { RoleCredentialsProvider } from '../../electron/core/credentials/role-credentials.js';
import { AWS_CLI_V1, AWS_CLI_V2, callerIdentity, hasAwsCliV2 } from '../support/aws-cli.js';
import { runPythonJson } from '../support/python.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

/**
 * What Lanyard writes to the AWS CLI's token cache must work, unchanged, for botocore (AWS CLI,
 * boto3) and the JS SDK; what they write back when they refresh must work for Lanyard.
 */
let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface PythonCredentials {
  accessKeyId?: string;
  method?: string;
  error?: string;
}

async function signInWithLanyard(current: SsoFixture): Promise<void> {
  const tokens = new SessionTokens({ paths: current.temp.paths });
  await tokens.signIn(current.session, {
    flow: 'auth-code',
    onPrompt: async (prompt) => {
      const authorize = await fetch((prompt as { url: string }).url, { redirect: 'manual' });
      await fetch(authorize.headers.get('location') as string);
    },
  });
}

function addProfile(current: SsoFixture): void {
  const account = current.fake.accounts[0];
  if (!account) throw new Error('the fake has no accounts');
  appendFileSync(
    current.temp.env.AWS_CONFIG_FILE as string,
    `\n[profile dev]\nsso_session = work\nsso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\nregion = us-east-1\n`,
  );
}

/** Rewrites the cached token so that under `remainingMs` remain: the other tool must refresh it. */
async function ageToken(current: SsoFixture, remainingMs: number): Promise<string> {
  const token = await readCachedToken(current.temp.paths, 'work');
  if (!token?.refreshToken) throw new Error('no refreshable token');
  await writeCachedToken(current.temp.paths, 'work', { ...token, expiresAt: Date.now() + remainingMs });
  return token.refreshToken;
}

describe('token cache interop', () => {
  it('botocore uses a token Lanyard wrote, and Lanyard refreshes the token botocore refreshed', async () => {
    fixture = await createSsoFixture();
    addProfile(fixture);
    await signInWithLanyard(fixture);

    const first = await runPythonJson<PythonCredentials>('sso_profile_credentials.py', ['dev'], fixture.temp.env);
    expect(first.error).toBeUndefined();
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(first.method).toBe('sso');

    // Under botocore's 15-minute window: botocore refreshes and writes the cache itself.
    const lanyardRefreshToken = await ageToken(fixture, 10 * 60_000);
    const second = await runPythonJson<PythonCredentials>('sso_profile_credentials.py', ['dev'], fixture.temp.env);
    expect(second.error).toBeUndefined();
    const afterBotocore = await readCachedToken(fixture.temp.paths, 'work');
    expect(afterBotocore?.refreshToken).toBeTruthy();
    expect(afterBotocore?.refreshToken).not.toBe(lanyardRefreshToken);
    expect(afterBotocore?.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);

    const result = await new SessionTokens({ paths: fixture.temp.paths }).refreshIfNeeded(fixture.session, {
      minValidityMs: 1,
      force: true,
    });
    expect(result.refreshed).toBe(true);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
  });

  it('the AWS CLI runs a command with an SSO profile on the token Lanyard signed in', async () => {
    fixture = await createSsoFixture();
    addProfile(fixture);
    await signInWithLanyard(fixture);
    const identity = await callerIdentity(AWS_CLI_V1, 'dev', fixture.temp.env);
    expect(identity.Account).toBe(fixture.fake.accounts[0]?.accountId);
    expect(identity.Arn).toContain(`AWSReservedSSO_${fixture.fake.accounts[0]?.roles[0]}_`);
  });

  it.runIf(hasAwsCliV2)('AWS CLI v2 reuses the role credentials Lanyard cached in its own cache', async () => {
    fixture = await createSsoFixture();
    addProfile(fixture);
    await signInWithLanyard(fixture);
    const account = fixture.fake.accounts[0];
    if (!account) throw new Error('no account');
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    const portals = new PortalClients({ tokens });
    await new RoleCredentialsProvider({ paths: fixture.temp.paths, portal: (session) => portals.get(session) }).get(
      fixture.session,
      { accountId: account.accountId, roleName: account.roles[0] as string },
    );
    portals.destroy();
    const calls = fixture.fake.counters('GetRoleCredentials').calls;
    // CLI v2.9 cannot be pointed at the fake portal: it can only succeed from the shared cache.
    const identity = await callerIdentity(AWS_CLI_V2, 'dev', fixture.temp.env, fixture.fake.url);
    expect(identity.Account).toBe(account.accountId);
    expect(fixture.fake.counters('GetRoleCredentials').calls).toBe(calls);
  });

  it('the JS SDK uses a token Lanyard wrote, and Lanyard refreshes the token the JS SDK refreshed', async () => {
    fixture = await createSsoFixture();
    addProfile(fixture);
    await signInWithLanyard(fixture);
    const provider = () =>
      fromSSO({
        profile: 'dev',
        filepath: fixture?.temp.env.AWS_SHARED_CREDENTIALS_FILE,
        configFilepath: fixture?.temp.env.AWS_CONFIG_FILE,
      })();

    expect((await provider()).accessKeyId).toMatch(/^ASIA/);

    // Under the JS SDK's 5-minute window: it refreshes and writes the cache.
    const lanyardRefreshToken = await ageToken(fixture, 2 * 60_000);
    expect((await provider()).accessKeyId).toMatch(/^ASIA/);
    const afterSdk = await readCachedToken(fixture.temp.paths, 'work');
    expect(afterSdk?.refreshToken).not.toBe(lanyardRefreshToken);

    const result = await new SessionTokens({ paths: fixture.temp.paths }).refreshIfNeeded(fixture.session, {
      minValidityMs: 1,
      force: true,
    });
    expect(result.refreshed).toBe(true);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
  });
});
