import { appendFileSync, chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedToken, tokenCacheFile, writeCachedToken } from '../../electron/core/sessions/token-cache.js';
import { runCli } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const MINUTE = 60_000;

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  message: string;
  fix: string;
}

describe('lanyard doctor', () => {
  it('flags every broken thing, prints no secret, and exits 1', async () => {
    // Identity Center's clock is 15 minutes ahead of this computer's.
    fixture = await createSsoFixture({ dateOffsetMs: 15 * MINUTE });
    const { temp, session } = fixture;
    const issued = await fixture.seedToken();
    // The client registration ran out yesterday.
    const token = (await readCachedToken(temp.paths, session.name))!;
    await writeCachedToken(temp.paths, session.name, {
      ...token,
      registrationExpiresAt: Date.now() - 24 * 60 * MINUTE,
    });
    chmodSync(tokenCacheFile(temp.paths, session.name), 0o644);
    appendFileSync(
      temp.env.AWS_CONFIG_FILE as string,
      [
        '',
        '[sso-session half]',
        'sso_start_url = https://acme.awsapps.com/start',
        '[sso-session signedout]',
        'sso_start_url = https://acme.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '[profile tool]',
        'credential_process = /nowhere/bin/get-credentials --token s3cr3t-arg',
        '[default]',
        'region = eu-west-1',
        '[profile default]',
        'region = eu-west-1',
        'this line is not ini',
        '',
      ].join('\n'),
    );

    const json = await runCli(['doctor', '--json'], temp.env);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { checks: Check[] };
    expect(Object.keys(report)).toEqual(['checks']);
    for (const item of report.checks) expect(Object.keys(item)).toEqual(['id', 'status', 'message', 'fix']);
    const status = (id: string): string | undefined => report.checks.find((item) => item.id === id)?.status;
    const message = (id: string): string => report.checks.find((item) => item.id === id)?.message ?? '';

    expect(status('config')).toBe('fail');
    expect(message('config')).toMatch(/line \d+/);
    expect(status('sso-session:half')).toBe('fail');
    expect(status('sso-session:work')).toBe('ok');
    expect(status('token:signedout')).toBe('fail');
    expect(status('registration:work')).toBe('fail');
    expect(status('credential-process')).toBe('fail');
    expect(message('credential-process')).toContain('/nowhere/bin/get-credentials');
    expect(status('profile-names')).toBe('warn');
    expect(status('file-modes')).toBe('fail');
    expect(message('file-modes')).toContain('0644');
    expect(status('reachable:us-east-1')).toBe('ok');
    expect(status('clock-skew')).toBe('warn');
    expect(message('clock-skew')).toContain('15 minutes behind');
    expect(status('aws-cli')).toBeDefined();
    expect(status('browser')).toBeDefined();

    const text = await runCli(['doctor'], temp.env);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^\[FAIL\] config: .*line \d+/m);
    expect(text.stdout).toMatch(/^\[warn\] clock-skew: /m);
    // The fix sits indented under its check.
    expect(text.stdout).toMatch(/^\[FAIL\] file-modes: .*\n {7}Run: chmod 600 /m);

    for (const output of [json.stdout + json.stderr, text.stdout + text.stderr]) {
      for (const secret of [issued.accessToken, issued.refreshToken, issued.clientSecret, 's3cr3t-arg']) {
        expect(output).not.toContain(secret);
      }
    }
  });

  it('exits 0 when nothing fails', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken();
    const result = await runCli(['doctor', '--json'], fixture.temp.env);
    const report = JSON.parse(result.stdout) as { checks: Check[] };
    expect(report.checks.filter((item) => item.status === 'fail')).toEqual([]);
    expect(result.code).toBe(0);
    expect(report.checks.find((item) => item.id === 'clock-skew')?.status).toBe('ok');
  });
});

describe('lanyard status and a skewed clock', () => {
  it('warns once a Lanyard process saw the skew in an answer, without a request of its own', async () => {
    fixture = await createSsoFixture({ dateOffsetMs: -20 * MINUTE });
    await fixture.seedToken();
    const before = await runCli(['status', '--json'], fixture.temp.env);
    expect(JSON.parse(before.stdout)).not.toHaveProperty('clockSkew');

    expect((await runCli(['refresh', '--force'], fixture.temp.env)).code).toBe(0);

    const json = await runCli(['status', '--json'], fixture.temp.env);
    const skew = (JSON.parse(json.stdout) as { clockSkew?: { skewMs: number } }).clockSkew;
    expect(Math.abs((skew?.skewMs ?? 0) + 20 * MINUTE)).toBeLessThan(3000);
    const text = await runCli(['status'], fixture.temp.env);
    expect(text.stderr).toContain("warning: This computer's clock is 20 minutes ahead of IAM Identity Center's");

    // The clock is right again: the next answer clears the warning.
    fixture.fake.setDateOffset(0);
    expect((await runCli(['refresh', '--force'], fixture.temp.env)).code).toBe(0);
    expect((await runCli(['status'], fixture.temp.env)).stderr).not.toContain('clock');
  });
});
