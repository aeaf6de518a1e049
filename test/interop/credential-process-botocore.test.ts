/**
 * botocore resolving a `credential_process` profile that runs the built `lanyard` CLI, as the
 * AWS CLI, boto3 and every Python tool do, against the fake Identity Center.
 */
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedRoleCredentials } from '../../electron/core/credentials/role-credentials-cache.js';
import { CLI } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { PYTHON } from '../support/python.js';

const RESOLVE_PROFILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'py', 'sso_profile_credentials.py');
const PROFILE = 'lanyard-process';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function resolveWithBotocore(
  current: SsoFixture,
): Promise<{ accessKeyId?: string; method?: string; error?: string }> {
  const { stdout } = await promisify(execFile)(PYTHON, [RESOLVE_PROFILE, PROFILE], { env: current.temp.env });
  return JSON.parse(stdout) as { accessKeyId?: string; method?: string; error?: string };
}

async function setUp(): Promise<{
  fixture: SsoFixture;
  role: { sessionName: string; accountId: string; roleName: string };
}> {
  fixture = await createSsoFixture({ accounts: 2 });
  const account = fixture.fake.accounts[1];
  if (!account) throw new Error('the fake has no accounts');
  const role = { sessionName: 'work', accountId: account.accountId, roleName: account.roles[0] as string };
  appendFileSync(
    fixture.temp.env.AWS_CONFIG_FILE as string,
    `\n[profile ${PROFILE}]\ncredential_process = "${process.execPath}" "${CLI}" credential-process --sso-session work --account-id ${role.accountId} --role-name ${role.roleName}\n`,
  );
  return { fixture, role };
}

describe('credential_process with botocore', () => {
  it('resolves the profile to the role credentials the fake issued', async () => {
    const { fixture: current, role } = await setUp();
    await current.seedToken();

    const resolved = await resolveWithBotocore(current);

    const cached = await readCachedRoleCredentials(current.temp.paths.cliCacheDir, role, Date.now());
    expect(resolved.error).toBeUndefined();
    expect(resolved.method).toBe('custom-process');
    expect(resolved.accessKeyId).toBe(cached?.accessKeyId);
    expect(resolved.accessKeyId).toMatch(/^ASIA/);
    expect(current.fake.counters('GetRoleCredentials').calls).toBe(1);
  });

  it('shows botocore users how to sign in when the SSO session is over', async () => {
    const { fixture: current } = await setUp();
    await current.seedToken({ accessTokenMs: 1 });
    current.fake.endAllSessions();

    const resolved = await resolveWithBotocore(current);

    expect(resolved.accessKeyId).toBeUndefined();
    expect(resolved.error).toContain('lanyard login --sso-session work');
  });
});
