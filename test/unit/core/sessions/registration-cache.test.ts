import { describe, expect, it } from 'vitest';
import { isUsableRegistration, registrationCacheKey } from '../../../../electron/core/sessions/registration-cache.js';

describe('registration cache key', () => {
  // Expected values from the AWS CLI's own formula, computed with python3:
  // hashlib.sha1(json.dumps({'tool': 'botocore', 'startUrl': ..., 'region': ..., 'scopes': ...,
  //                          'session_name': ...}, sort_keys=True).encode()).hexdigest()
  it('matches the AWS CLI v2 key, so both share one registration', () => {
    expect(
      registrationCacheKey({
        startUrl: 'https://d-1.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'work',
      }),
    ).toBe('3b3ef4445e777f37d1f060717a82684ebbb1ac1f');
  });

  it('escapes non-ASCII and writes null scopes as Python does', () => {
    expect(
      registrationCacheKey({
        startUrl: 'https://é.example/start',
        region: 'eu-west-1',
        scopes: null,
        sessionName: 'wörk',
      }),
    ).toBe('4c6d35fa2f5c99ef47438b05a0bd83e5b4f76a1e');
  });
});

describe('registration reuse', () => {
  const now = Date.UTC(2025, 0, 1);
  const day = 86_400_000;
  const device = { clientId: 'c', clientSecret: 's', expiresAt: now + 30 * day };
  const authCode = { ...device, grantTypes: ['authorization_code', 'refresh_token'] };

  it('reuses a registration made for the same flow', () => {
    expect(isUsableRegistration(device, now, false)).toBe(true);
    expect(isUsableRegistration(authCode, now, true)).toBe(true);
  });

  it('registers again for the other flow, near expiry, or with nothing cached', () => {
    expect(isUsableRegistration(device, now, true)).toBe(false);
    expect(isUsableRegistration(authCode, now, false)).toBe(false);
    expect(isUsableRegistration({ ...device, expiresAt: now + 10 * 60_000 }, now, false)).toBe(false);
    expect(isUsableRegistration(undefined, now, false)).toBe(false);
  });
});
