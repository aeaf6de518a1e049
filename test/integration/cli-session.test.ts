import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.js';
import { readCachedToken, tokenCacheFile } from '../../electron/core/sessions/token-cache.js';
import { runCli, startCli } from '../support/cli.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { createTempHome } from '../support/temp-home.js';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('lanyard login', () => {
  it('--no-browser prints the sign-in URL and exits 0 once the PKCE redirect arrives', async () => {
    fixture = await createSsoFixture();
    const env = fixture.temp.env;
    const cli = startCli(
      [
        'login',
        '--sso-session',
        'new',
        '--start-url',
        'https://acme.awsapps.com/start',
        '--region',
        'us-east-1',
        '--no-browser',
      ],
      env,
    );
    const [url] = await cli.waitForOutput(/http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/);
    const authorize = await fetch(url, { redirect: 'manual' });
    await fetch(authorize.headers.get('location') as string);
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Signed in to https://acme.awsapps.com/start (sso-session new)');
    // The section was written, keeping what was there.
    const config = readFileSync(env.AWS_CONFIG_FILE as string, 'utf8');
    expect(config).toContain('[sso-session work]');
    expect(config).toMatch(
      /\[sso-session new\]\nsso_start_url = https:\/\/acme\.awsapps\.com\/start\nsso_region = us-east-1\n/,
    );
    expect((await readCachedToken(fixture.temp.paths, 'new'))?.refreshToken).toBeTruthy();
    expect(result.stdout + result.stderr).not.toMatch(/aoa|aor|clientSecret/);
  });

  it('--use-device-code prints the user code, then exits 0 once approved', async () => {
    fixture = await createSsoFixture();
    const result = await runCli(
      ['login', '--sso-session', 'work', '--use-device-code', '--no-browser'],
      fixture.temp.env,
    );
    expect(result.code).toBe(0);
    // Auto-approval finishes before the code must be shown, as a pre-authorised client would.
    expect(result.stdout).toContain('Signed in to https://acme.awsapps.com/start (sso-session work)');
  });

  it('shows the device code when approval is pending', async () => {
    fixture = await createSsoFixture({ approval: 'manual' });
    const cli = startCli(['login', '--sso-session', 'work', '--use-device-code', '--no-browser'], fixture.temp.env);
    const [, code] = await cli.waitForOutput(/enter the code: ([A-Z0-9]{4}-[A-Z0-9]{4})/);
    fixture.fake.approveDevice(code as string);
    expect((await cli.done).code).toBe(0);
  });

  it.each([
    [['login', '--sso-session', 'nope'], 3, /no \[sso-session nope\]/],
    [
      ['login', '--sso-session', 'x', '--start-url', 'http://insecure.example/start', '--region', 'us-east-1'],
      2,
      /https/,
    ],
    [
      ['login', '--sso-session', 'x', '--start-url', 'https://d-1.awsapps.com/start', '--region', 'mars'],
      2,
      /not an AWS region/,
    ],
    [['login', '--start-url', 'https://d-1.awsapps.com/start'], 2, /--sso-session/],
    [['bogus'], 2, /unknown command/],
  ])('rejects bad input %j with exit %i and a clear message', async (args, code, message) => {
    fixture = await createSsoFixture();
    const result = await runCli(args, fixture.temp.env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it('says the service is unreachable when there is no network', async () => {
    const temp = createTempHome({
      AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9',
    });
    try {
      const result = await runCli(
        [
          'login',
          '--sso-session',
          'w',
          '--start-url',
          'https://d-1.awsapps.com/start',
          '--region',
          'us-east-1',
          '--use-device-code',
          '--no-browser',
        ],
        temp.env,
      );
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/Could not reach IAM Identity Center/);
    } finally {
      temp.cleanup();
    }
  });
});

describe('lanyard status, refresh and logout', () => {
  it('status --json reports each session without any network call', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken();
    const before = fixture.fake.counters('CreateToken').calls;
    const result = await runCli(['status', '--json'], fixture.temp.env);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.sessions).toEqual([
      expect.objectContaining({
        name: 'work',
        startUrl: 'https://acme.awsapps.com/start',
        region: 'us-east-1',
        signedIn: true,
        refreshable: true,
        state: 'active',
      }),
    ]);
    expect(fixture.fake.counters('CreateToken').calls).toBe(before);
  });

  it('a corrupt cache shows in status and refresh exits 5 with the way out; login replaces it', async () => {
    fixture = await createSsoFixture();
    const file = tokenCacheFile(fixture.temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'not json at all');
    const status = await runCli(['status'], fixture.temp.env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('cache damaged');
    const statusJson = JSON.parse((await runCli(['status', '--json'], fixture.temp.env)).stdout);
    expect(statusJson.sessions[0]).toMatchObject({ state: 'corrupt', signedIn: false });
    const refresh = await runCli(['refresh', '--sso-session', 'work'], fixture.temp.env);
    expect(refresh.code).toBe(5);
    expect(refresh.stderr).toContain('lanyard login --sso-session work');
    const login = await runCli(
      ['login', '--sso-session', 'work', '--use-device-code', '--no-browser'],
      fixture.temp.env,
    );
    expect(login.code).toBe(0);
    expect(JSON.parse((await runCli(['status', '--json'], fixture.temp.env)).stdout).sessions[0].state).toBe('active');
  });

  it('six processes refreshing an expired token at once all succeed, spending the refresh token once', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken({ accessTokenMs: 1_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fixture.fake.resetCounters();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => runCli(['refresh', '--sso-session', 'work'], fixture?.temp.env ?? {})),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.filter((result) => result.stdout.includes('work: refreshed'))).toHaveLength(1);
    expect(results.filter((result) => result.stdout.includes('work: already fresh'))).toHaveLength(5);
    expect(fixture.fake.counters('CreateToken').successes).toBe(1);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
  });

  it('logout ends the portal session and removes the token', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken();
    const result = await runCli(['logout'], fixture.temp.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Signed out of work.');
    expect(fixture.fake.counters('Logout').successes).toBe(1);
    expect(await readCachedToken(fixture.temp.paths, 'work')).toBeUndefined();
    expect(fixture.fake.activeSessionCount).toBe(0);
  });
});

describe('lanyard agent', () => {
  it('keeps a 20-second token alive for a minute of fake time', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, lifetimes: { accessTokenMs: 20_000 } });
    await fixture.seedToken();
    let stop!: (signal: NodeJS.Signals) => void;
    const stderr: string[] = [];
    const exit = run(['agent'], {
      env: fixture.temp.env,
      clock,
      stderr: { write: (text: string) => stderr.push(text) } as unknown as NodeJS.WritableStream,
      untilSignal: () => new Promise((resolve) => (stop = resolve)),
    });
    const refreshesBefore = fixture.fake.counters('CreateToken').successes;
    for (let second = 0; second < 60; second += 1) {
      await clock.advanceAsync(1_000);
      // Fake time stands still while the agent's refresh (real I/O) runs; give it real time.
      let expiresAt = 0;
      for (let wait = 0; wait < 100 && expiresAt <= clock.now(); wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        expiresAt = (await readCachedToken(fixture.temp.paths, 'work'))?.expiresAt ?? 0;
      }
      expect(expiresAt, stderr.join('')).toBeGreaterThan(clock.now());
    }
    stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(fixture.fake.counters('CreateToken').successes - refreshesBefore).toBeGreaterThanOrEqual(5);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
    const log = stderr.join('');
    expect(log).toContain('"state":"active"');
    expect(log).toContain('lanyard agent: stopped (SIGTERM)');
    expect(log).not.toMatch(/aoa|aor|secret/i);
  });

  it('runs as a process until SIGTERM', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken();
    const agent = startCli(['agent'], fixture.temp.env);
    await agent.waitForOutput(/"session":"work","state":"active"/);
    agent.child.kill('SIGTERM');
    const result = await agent.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopped (SIGTERM)');
  });
});
