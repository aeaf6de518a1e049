import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../../../electron/core/doctor/diagnostics.js';
import { ServiceClock } from '../../../../electron/core/sessions/service-clock.js';
import { writeCachedToken } from '../../../../electron/core/sessions/token-cache.js';
import { systemClock } from '../../../../electron/core/support/clock.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('runDiagnostics', () => {
  it('runs every check with the injected probe and never lets a secret through', async () => {
    temp = createTempHome({ AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4567' });
    const { paths, env } = temp;
    mkdirSync(path.dirname(paths.awsConfigFile), { recursive: true });
    writeFileSync(
      paths.awsConfigFile,
      '[sso-session work]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n',
    );
    writeFileSync(paths.awsCredentialsFile, '[pinned]\naws_secret_access_key = wJalrSECRET\n');
    chmodSync(paths.awsCredentialsFile, 0o664);
    const now = Date.now();
    await writeCachedToken(paths, 'work', {
      startUrl: 'https://d-1.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'aoaSECRET',
      expiresAt: now + 3_600_000,
      clientId: 'cid',
      clientSecret: 'csSECRET',
      refreshToken: 'aorSECRET',
      registrationExpiresAt: now + 30 * 86_400_000,
    });
    const probed: string[] = [];
    const report = await runDiagnostics(
      {
        paths,
        env,
        clock: systemClock,
        serviceClock: new ServiceClock(systemClock),
        settings: { isolation: 'default-browser', browser: '' },
      },
      {
        probe: async (url) => {
          probed.push(url);
          return { status: 404, date: { date: new Date(now).toUTCString(), sentAt: now, receivedAt: now } };
        },
        awsVersion: async () => 'aws-cli/2.30.1 Python/3.13',
        platform: 'linux',
      },
    );
    expect(probed).toEqual(['http://127.0.0.1:4567']);
    expect(Object.fromEntries(report.checks.map((item) => [item.id, item.status]))).toEqual({
      config: 'ok',
      'sso-session:work': 'ok',
      'profile-names': 'ok',
      'credential-process': 'ok',
      'token:work': 'ok',
      'registration:work': 'ok',
      'file-modes': 'fail',
      'reachable:eu-west-1': 'ok',
      'clock-skew': 'ok',
      browser: 'ok',
      'aws-cli': 'ok',
    });
    expect(JSON.stringify(report)).not.toMatch(/SECRET/);
  });
});
