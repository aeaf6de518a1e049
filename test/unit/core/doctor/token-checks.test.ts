import { describe, expect, it } from 'vitest';
import { fileModeCheck, tokenChecks } from '../../../../electron/core/doctor/token-checks.js';
import type { CachedToken } from '../../../../electron/core/sessions/token-cache.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'aoa-SECRET-access-token';

function token(patch: Partial<CachedToken> = {}): CachedToken {
  return {
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'us-east-1',
    accessToken: SECRET,
    expiresAt: NOW + HOUR,
    clientId: 'client-id',
    clientSecret: 'client-SECRET',
    refreshToken: 'aor-SECRET',
    registrationExpiresAt: NOW + 60 * DAY,
    ...patch,
  };
}

const statuses = (checks: Array<{ id: string; status: string }>) =>
  Object.fromEntries(checks.map((item) => [item.id, item.status]));

describe('tokenChecks', () => {
  it('passes a valid, refreshable token and never prints a secret', () => {
    const checks = tokenChecks('work', { token: token() }, NOW, NOW);
    expect(statuses(checks)).toEqual({ 'token:work': 'ok', 'registration:work': 'ok' });
    expect(JSON.stringify(checks)).not.toMatch(/SECRET/);
  });

  it('fails a missing, a damaged and an expired unrefreshable token', () => {
    expect(tokenChecks('work', { token: undefined }, NOW, NOW)[0]).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('lanyard login --sso-session work'),
    });
    expect(tokenChecks('work', { damaged: 'The cached SSO token is damaged.' }, NOW, NOW)[0]?.status).toBe('fail');
    const expired = tokenChecks('work', { token: token({ expiresAt: NOW - HOUR, refreshToken: undefined }) }, NOW, NOW);
    expect(statuses(expired)).toEqual({ 'token:work': 'fail', 'registration:work': 'warn' });
  });

  it('counts an expired token that can be refreshed as fine', () => {
    expect(statuses(tokenChecks('work', { token: token({ expiresAt: NOW - HOUR }) }, NOW, NOW))['token:work']).toBe(
      'ok',
    );
  });

  it('fails an expired registration and warns one about to expire, by the service clock', () => {
    const expired = tokenChecks('work', { token: token({ registrationExpiresAt: NOW - DAY }) }, NOW, NOW);
    expect(statuses(expired)).toEqual({ 'token:work': 'warn', 'registration:work': 'fail' });
    expect(
      statuses(tokenChecks('work', { token: token({ registrationExpiresAt: NOW + 2 * DAY }) }, NOW, NOW))[
        'registration:work'
      ],
    ).toBe('warn');
    // The local clock says fine, the service's (ten days ahead) says expired.
    expect(
      statuses(tokenChecks('work', { token: token({ registrationExpiresAt: NOW + 5 * DAY }) }, NOW, NOW + 10 * DAY))[
        'registration:work'
      ],
    ).toBe('fail');
  });
});

describe('fileModeCheck', () => {
  it('fails secret files others may read and says how to fix them', () => {
    const result = fileModeCheck(
      [
        { file: '/h/.aws/sso/cache/a.json', kind: 'token cache', mode: 0o100644 },
        { file: '/h/.aws/credentials', kind: 'credentials', mode: 0o100600 },
      ],
      'linux',
    );
    expect(result).toMatchObject({ status: 'fail', fix: 'Run: chmod 600 /h/.aws/sso/cache/a.json' });
    expect(result.message).toContain('0644');
    expect(fileModeCheck([{ file: '/h/.aws/credentials', kind: 'credentials', mode: 0o100600 }], 'linux').status).toBe(
      'ok',
    );
    expect(fileModeCheck([{ file: 'C:\\x', kind: 'credentials', mode: 0o100666 }], 'win32').status).toBe('ok');
  });
});
