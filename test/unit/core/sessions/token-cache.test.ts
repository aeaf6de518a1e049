import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanyardError } from '../../../../electron/core/domain/errors.js';
import {
  type CachedToken,
  deleteCachedToken,
  isRefreshable,
  readCachedToken,
  tokenCacheFile,
  writeCachedToken,
} from '../../../../electron/core/sessions/token-cache.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const token: CachedToken = {
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  accessToken: 'aoa-access',
  expiresAt: Date.UTC(2025, 0, 6, 10, 0, 0),
  clientId: 'client-1',
  clientSecret: 'secret-1',
  registrationExpiresAt: Date.UTC(2025, 3, 1),
  refreshToken: 'aor-refresh',
};

describe('token cache', () => {
  let temp: TempHome;
  beforeEach(() => {
    temp = createTempHome();
  });
  afterEach(() => temp.cleanup());

  it('lives at ~/.aws/sso/cache/<sha1(session name)>.json, as the AWS CLI keys it', () => {
    // python3 -c "import hashlib; print(hashlib.sha1(b'my-sso').hexdigest())"
    expect(tokenCacheFile(temp.paths, 'my-sso')).toBe(
      path.join(temp.home, '.aws', 'sso', 'cache', '0ad374308c5a4e22f723adf10145eafad7c4031c.json'),
    );
  });

  it('writes the AWS CLI fields and format with mode 0600, and reads them back', async () => {
    await writeCachedToken(temp.paths, 'work', token);
    const file = tokenCacheFile(temp.paths, 'work');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    expect(raw).toEqual({
      startUrl: token.startUrl,
      region: 'eu-west-1',
      accessToken: 'aoa-access',
      expiresAt: '2025-01-06T10:00:00Z',
      clientId: 'client-1',
      clientSecret: 'secret-1',
      registrationExpiresAt: '2025-04-01T00:00:00Z',
      refreshToken: 'aor-refresh',
    });
    expect(await readCachedToken(temp.paths, 'work')).toEqual(token);
  });

  it('tightens a token file another tool left world-readable', async () => {
    const file = tokenCacheFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{}', { mode: 0o644 });
    await writeCachedToken(temp.paths, 'work', token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads a token the JS SDK wrote (pretty JSON, milliseconds)', async () => {
    const file = tokenCacheFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        {
          ...JSON.parse(JSON.stringify(token)),
          expiresAt: '2025-01-06T10:00:00.000Z',
          registrationExpiresAt: '2025-04-01T00:00:00.000Z',
        },
        null,
        2,
      ),
    );
    expect((await readCachedToken(temp.paths, 'work'))?.expiresAt).toBe(token.expiresAt);
  });

  it('returns undefined when signed out', async () => {
    expect(await readCachedToken(temp.paths, 'nobody')).toBeUndefined();
    expect(await deleteCachedToken(temp.paths, 'nobody')).toBe(false);
  });

  it.each([
    ['not JSON', '{"accessToken": "aoa-'],
    ['an array', '[]'],
    ['no accessToken', '{"expiresAt": "2025-01-06T10:00:00Z"}'],
    ['a bad expiresAt', '{"accessToken": "x", "expiresAt": "tomorrow"}'],
  ])('reports a damaged file (%s) with a way out and without echoing its content', async (_what, content) => {
    const file = tokenCacheFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    const error = await readCachedToken(temp.paths, 'work').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LanyardError);
    expect((error as LanyardError).code).toBe('CORRUPT_CACHE');
    expect((error as LanyardError).describe()).toContain('lanyard login --sso-session work');
    expect((error as LanyardError).describe()).not.toContain('aoa-');
  });

  it('knows when a token can be refreshed', () => {
    const now = token.expiresAt;
    expect(isRefreshable(token, now)).toBe(true);
    expect(isRefreshable({ ...token, refreshToken: undefined }, now)).toBe(false);
    expect(isRefreshable({ ...token, registrationExpiresAt: now - 1 }, now)).toBe(false);
    expect(isRefreshable({ ...token, clientSecret: undefined }, now)).toBe(false);
  });
});
