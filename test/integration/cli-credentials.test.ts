/**
 * `lanyard credential-process` and `lanyard accounts`, run as users run them: the built CLI
 * against the fake Identity Center (`npm test` builds first).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalClients } from '../../electron/core/accounts/portal-client.js';
import { roleCredentialsFile } from '../../electron/core/credentials/role-credentials-cache.js';
import { RoleCredentialsProvider } from '../../electron/core/credentials/role-credentials.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import type { FakeAccount } from '../fake-idc/index.js';
import { runCli } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const MINUTE = 60_000;

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function firstAccount(current: SsoFixture): FakeAccount {
  const account = current.fake.accounts[0];
  if (!account) throw new Error('the fake has no accounts');
  return account;
}

function credentialProcessArgs(account: FakeAccount): string[] {
  return [
    'credential-process',
    '--sso-session',
    'work',
    '--account-id',
    account.accountId,
    '--role-name',
    account.roles[0] as string,
  ];
}

interface CredentialProcessJson {
  Version: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

describe('lanyard credential-process', () => {
  it('leaves no cached role credentials behind after lanyard logout', async () => {
    fixture = await createSsoFixture({ accounts: 2 });
    await fixture.seedToken();
    const account = firstAccount(fixture);
    expect((await runCli(['accounts', '--sso-session', 'work'], fixture.temp.env)).code).toBe(0);
    expect((await runCli(credentialProcessArgs(account), fixture.temp.env)).code).toBe(0);
    const file = roleCredentialsFile(fixture.temp.paths.cliCacheDir, {
      sessionName: 'work',
      accountId: account.accountId,
      roleName: account.roles[0] as string,
    });
    expect(existsSync(file)).toBe(true);
    const logout = await runCli(['logout', '--sso-session', 'work'], fixture.temp.env);
    expect(logout.code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('prints credential_process JSON, and a second call is served from the cache without an API call', async () => {
    fixture = await createSsoFixture({ accounts: 3 });
    await fixture.seedToken();
    const account = firstAccount(fixture);

    const first = await runCli(credentialProcessArgs(account), fixture.temp.env);
    expect(first.code).toBe(0);
    const printed = JSON.parse(first.stdout) as CredentialProcessJson;
    expect(printed).toEqual({
      Version: 1,
      AccessKeyId: expect.stringMatching(/^ASIA/),
      SecretAccessKey: expect.any(String),
      SessionToken: expect.any(String),
      Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(Date.parse(printed.Expiration)).toBeGreaterThan(Date.now() + 50 * MINUTE);
    expect(fixture.fake.counters('GetRoleCredentials').calls).toBe(1);
    const file = roleCredentialsFile(fixture.temp.paths.cliCacheDir, {
      sessionName: 'work',
      accountId: account.accountId,
      roleName: account.roles[0] as string,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // The warm path loads neither commander nor the AWS SDK: a preload reports what was loaded.
    const probe = path.join(fixture.temp.home, 'loaded-modules.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));\n",
    );
    const second = await runCli(credentialProcessArgs(account), {
      ...fixture.temp.env,
      NODE_OPTIONS: `--require ${probe}`,
    });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(printed);
    expect(fixture.fake.counters('GetRoleCredentials').calls).toBe(1);
    expect(second.stderr).not.toMatch(/@aws-sdk|@smithy|commander/);
    // The probe does see them on the full path.
    const full = await runCli(
      ['credential-process', '--sso-session', 'work', '--account-id', account.accountId, '--role-name', 'Missing'],
      { ...fixture.temp.env, NODE_OPTIONS: `--require ${probe}` },
    );
    expect(full.stderr).toMatch(/node_modules\/commander/);
    expect(full.stderr).toMatch(/node_modules\/@aws-sdk\/client-sso\//);
  });

  it('six processes at once with an expired SSO token: all succeed, one refresh, no refresh token reused', async () => {
    fixture = await createSsoFixture({ accounts: 3 });
    await fixture.seedToken({ accessTokenMs: 1 });
    const account = firstAccount(fixture);

    const results = await Promise.all(
      Array.from({ length: 6 }, () => runCli(credentialProcessArgs(account), (fixture as SsoFixture).temp.env)),
    );

    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const keys = new Set(results.map((result) => (JSON.parse(result.stdout) as CredentialProcessJson).AccessKeyId));
    expect(keys.size).toBe(1);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
    expect(fixture.fake.counters('CreateToken')).toMatchObject({ calls: 1, successes: 1 });
    expect(fixture.fake.counters('GetRoleCredentials').calls).toBe(1);
  });

  it('exits non-zero with a message naming `lanyard login` when the SSO session is over', async () => {
    fixture = await createSsoFixture({ accounts: 3 });
    const issued = await fixture.seedToken({ accessTokenMs: 1 });
    fixture.fake.endAllSessions();

    const result = await runCli(credentialProcessArgs(firstAccount(fixture)), fixture.temp.env);

    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('lanyard login --sso-session work');
    expect(result.stderr).not.toContain(issued.refreshToken);
    expect(result.stderr).not.toContain(issued.accessToken);
  });

  it.each([
    [
      ['credential-process', '--sso-session', 'work', '--account-id', '12', '--role-name', 'R'],
      2,
      /not an AWS account id/,
    ],
    [
      ['credential-process', '--sso-session', 'work', '--account-id', '123456789012'],
      2,
      /--account-id and --role-name go together/,
    ],
    [
      ['credential-process', '--sso-session', 'nope', '--account-id', '123456789012', '--role-name', 'R'],
      3,
      /no \[sso-session nope\]/,
    ],
  ])('rejects %j with exit %i', async (args, code, message) => {
    fixture = await createSsoFixture({ accounts: 1 });
    const result = await runCli(args, fixture.temp.env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it('says which role is missing when the user has no access to it', async () => {
    fixture = await createSsoFixture({ accounts: 1 });
    await fixture.seedToken();
    const result = await runCli(
      [
        'credential-process',
        '--sso-session',
        'work',
        '--account-id',
        firstAccount(fixture).accountId,
        '--role-name',
        'NotAssigned',
      ],
      fixture.temp.env,
    );
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/role NotAssigned in account \d{12}/);
  });

  it('fetches again credentials that are too close to expiry to hand out', async () => {
    fixture = await createSsoFixture({ accounts: 1, lifetimes: { roleCredentialsMs: 10 * MINUTE } });
    await fixture.seedToken();
    const { paths } = fixture.temp;
    const portals = new PortalClients({ tokens: new SessionTokens({ paths }) });
    const provider = new RoleCredentialsProvider({ paths, portal: (session) => portals.get(session) });
    const account = firstAccount(fixture);
    const role = { accountId: account.accountId, roleName: account.roles[0] as string };
    const first = await provider.get(fixture.session, role);
    const second = await provider.get(fixture.session, role);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(fixture.fake.counters('GetRoleCredentials').calls).toBe(2);
    portals.destroy();
  });
});

describe('lanyard accounts', () => {
  it('lists live with progress on stderr, answers from the stored list with --cached, and lists live again without it', async () => {
    fixture = await createSsoFixture({ accounts: 150 });
    await fixture.seedToken();

    const live = await runCli(['accounts', '--json'], fixture.temp.env);
    expect(live.code, live.stderr).toBe(0);
    const listed = JSON.parse(live.stdout) as {
      sessions: Array<{
        name: string;
        source: string;
        complete: boolean;
        accounts: Array<{ accountId: string; roles: string[] }>;
      }>;
    };
    expect(listed.sessions).toHaveLength(1);
    expect(listed.sessions[0]).toMatchObject({ name: 'work', source: 'live', complete: true });
    expect(listed.sessions[0]?.accounts).toHaveLength(150);
    expect(live.stderr).toContain('work: listed the roles of 150 of 150 accounts');
    expect(fixture.fake.counters('ListAccountRoles').calls).toBe(150);

    fixture.fake.resetCounters();
    const cached = await runCli(['accounts', '--cached'], fixture.temp.env);
    expect(cached.code).toBe(0);
    const lines = cached.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT ID\s+ACCOUNT NAME\s+ROLES$/);
    expect(lines).toHaveLength(151);
    expect(cached.stderr).toMatch(/work: 150 accounts, 300 roles \(from the cache, listed \d+s ago\)/);
    expect(fixture.fake.counters('ListAccounts').calls).toBe(0);

    const again = await runCli(['accounts'], fixture.temp.env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/work: 150 accounts, 300 roles \(listed live\)/);
    expect(fixture.fake.counters('ListAccounts').calls).toBe(2);

    // --refresh, from earlier versions, still means live.
    const refreshed = await runCli(['accounts', '--refresh', '--sso-session', 'work'], fixture.temp.env);
    expect(refreshed.code).toBe(0);
    expect(fixture.fake.counters('ListAccounts').calls).toBe(4);
  });

  it('fails with the sign-in hint when the session is over', async () => {
    fixture = await createSsoFixture({ accounts: 5 });
    await fixture.seedToken();
    fixture.fake.endAllSessions();
    const result = await runCli(['accounts'], fixture.temp.env);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('lanyard login --sso-session work');
  });
});
