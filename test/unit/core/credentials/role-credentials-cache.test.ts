import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleRef } from '../../../../electron/core/domain/model.js';
import {
  ROLE_CREDENTIALS_MIN_VALIDITY_MS,
  credentialProcessOutput,
  readCachedRoleCredentials,
  roleCredentialsCacheKey,
  roleCredentialsFile,
  serializeRoleCredentials,
} from '../../../../electron/core/credentials/role-credentials-cache.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const ref: RoleRef = { sessionName: 'work', accountId: '123456789012', roleName: 'ReadOnly' };
const NOW = Date.UTC(2025, 0, 6, 9);
const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'session',
  expiration: NOW + 60 * 60_000,
};

let temp: TempHome;
beforeEach(() => {
  temp = createTempHome();
});
afterEach(() => temp.cleanup());

function writeCache(text: string, target: RoleRef = ref): void {
  const file = roleCredentialsFile(temp.paths.cliCacheDir, target);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('role credentials cache', () => {
  it('hands out cached credentials until ROLE_CREDENTIALS_MIN_VALIDITY_MS before they expire', async () => {
    writeCache(serializeRoleCredentials(ref, credentials));
    expect(await readCachedRoleCredentials(temp.paths.cliCacheDir, ref, NOW)).toEqual(credentials);
    const tooLate = credentials.expiration - ROLE_CREDENTIALS_MIN_VALIDITY_MS + 1;
    expect(await readCachedRoleCredentials(temp.paths.cliCacheDir, ref, tooLate)).toBeUndefined();
  });

  it.each([
    ['no file', undefined],
    ['not JSON', 'nope'],
    [
      'an assume-role entry',
      JSON.stringify({
        ProviderType: 'assume-role',
        Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: '2030-01-01T00:00:00Z' },
      }),
    ],
    [
      'no secret key',
      JSON.stringify({
        ProviderType: 'sso',
        Credentials: { AccessKeyId: 'A', SecretAccessKey: '', SessionToken: 'T', Expiration: '2030-01-01T00:00:00Z' },
      }),
    ],
  ])('counts %s as a miss, never an error', async (_what, text) => {
    if (text !== undefined) writeCache(text);
    expect(await readCachedRoleCredentials(temp.paths.cliCacheDir, ref, NOW)).toBeUndefined();
  });

  it('shares the AWS CLI v2 cache: its key and its entry format', () => {
    // python3 -c "import json,hashlib; print(hashlib.sha1(json.dumps({'roleName': 'ReadOnly',
    //   'accountId': '123456789012', 'sessionName': 'work'}, sort_keys=True, separators=(',', ':')).encode()).hexdigest())"
    expect(roleCredentialsCacheKey(ref)).toBe('35315e1f457e82eea57389ac837f2eb0c54e12e5');
    expect(roleCredentialsFile(temp.paths.cliCacheDir, ref)).toBe(
      path.join(temp.home, '.aws', 'cli', 'cache', '35315e1f457e82eea57389ac837f2eb0c54e12e5.json'),
    );
    expect(JSON.parse(serializeRoleCredentials(ref, credentials))).toEqual({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'session',
        Expiration: '2025-01-06T10:00:00Z',
        AccountId: '123456789012',
      },
    });
  });

  it('prints the credential_process JSON botocore reads', () => {
    expect(JSON.parse(credentialProcessOutput(credentials))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'session',
      Expiration: '2025-01-06T10:00:00Z',
    });
  });
});
