/**
 * The profiles Lanyard writes work in the real tools: botocore/boto3 resolves a synced SSO
 * profile, a credential_process profile (its command on a path with spaces) and a pinned
 * profile; the AWS CLI runs `sts get-caller-identity` with them against the fake (v1 for SSO
 * profiles, as it honours AWS_ENDPOINT_URL_*; Debian's v2 at /usr/bin/aws with --endpoint-url
 * for credential_process and pinned profiles).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findSections, getEntry, parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import { cliCommand } from '../../electron/core/support/cli-command.js';
import { syncProfiles } from '../../electron/core/config-sync/sync.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../electron/core/support/preferences.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import type { AccountSpec } from '../fake-idc/index.js';
import { AWS_CLI_V1, AWS_CLI_V2, callerIdentity, hasAwsCliV2 } from '../support/aws-cli.js';
import { runCli } from '../support/cli.js';
import { runPythonJson } from '../support/python.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const DEV = '111111111111';
const PROD = '222222222222';
const ACCOUNTS: AccountSpec[] = [
  { accountId: DEV, accountName: 'acme-dev', roles: ['Admin'] },
  { accountId: PROD, accountName: 'acme-prod', roles: ['ReadOnly'] },
];
const CHECKOUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface PythonCredentials {
  accessKeyId?: string;
  method?: string;
  error?: string;
}

let fixture: SsoFixture | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function signedInWithProfiles(): Promise<SsoFixture> {
  fixture = await createSsoFixture({ accounts: ACCOUNTS });
  await fixture.seedToken();
  const synced = await runCli(['sync'], fixture.temp.env);
  expect(synced.code, synced.stderr).toBe(0);
  return fixture;
}

/** A checkout whose path has a space in it (its bin/ links to this one). */
function checkoutWithSpace(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'lanyard interop '));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const checkout = path.join(parent, 'my lanyard');
  mkdirSync(checkout);
  symlinkSync(path.join(CHECKOUT, 'bin'), path.join(checkout, 'bin'));
  return checkout;
}

describe('synced SSO profiles', () => {
  it('boto3 resolves one and the AWS CLI v1 calls STS with it', async () => {
    const current = await signedInWithProfiles();
    const boto = await runPythonJson<PythonCredentials>(
      'sso_profile_credentials.py',
      ['acme-dev.Admin'],
      current.temp.env,
    );
    expect(boto.error).toBeUndefined();
    expect(boto.method).toBe('sso');
    expect(boto.accessKeyId).toMatch(/^ASIA/);

    const identity = await callerIdentity(AWS_CLI_V1, 'acme-prod.ReadOnly', current.temp.env);
    expect(identity.Account).toBe(PROD);
    expect(identity.Arn).toContain('AWSReservedSSO_ReadOnly_');
  });
});

describe('credential_process profiles', () => {
  it('run the CLI from a path with spaces for boto3 and the AWS CLI v2', async () => {
    const current = await signedInWithProfiles();
    const command = cliCommand({ kind: 'checkout', nodePath: process.execPath, checkoutDir: checkoutWithSpace() });
    expect(command).toContain('"');
    await syncProfiles(current.temp.paths, {
      sessions: [current.session],
      inventories: new Map([
        [
          'work',
          {
            accounts: ACCOUNTS.map((account) => ({
              accountId: account.accountId!,
              accountName: account.accountName,
              roles: [...account.roles!],
            })),
            complete: true,
          },
        ],
      ]),
      settings: {
        profileNameTemplate: 'process-{account_name}',
        defaultRegion: '',
        profileStyle: 'credential-process',
      },
      credentialProcessCommand: command,
    });

    const boto = await runPythonJson<PythonCredentials>(
      'sso_profile_credentials.py',
      ['process-acme-dev'],
      current.temp.env,
    );
    expect(boto.error).toBeUndefined();
    expect(boto.method).toBe('custom-process');
    expect(boto.accessKeyId).toMatch(/^ASIA/);

    if (!hasAwsCliV2) return;
    const identity = await callerIdentity(AWS_CLI_V2, 'process-acme-prod', current.temp.env, current.fake.url);
    expect(identity.Account).toBe(PROD);
  });

  it('lanyard sync writes a command that starts this checkout’s CLI', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    const store = new JsonFilePreferencesStore(fixture.temp.paths.dataDir);
    store.write({ ...normalizePreferences({}), settings: { ...DEFAULT_SETTINGS, profileStyle: 'credential-process' } });
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);
    const doc = parseAwsIni(readFileSync(fixture.temp.paths.awsConfigFile, 'utf8'));
    const line = getEntry(findSections(doc, 'profile', 'acme-dev.Admin')[0]!, 'credential_process')?.value;
    expect(line).toBe(
      `${process.execPath} ${path.join(CHECKOUT, 'bin', 'lanyard.js')} credential-process --sso-session work --account-id ${DEV} --role-name Admin`,
    );
  });
});

describe('pinned profiles', () => {
  it('serve tools that read only the credentials file: boto3 and the AWS CLI v2', async () => {
    const current = await signedInWithProfiles();
    expect((await runCli(['pin', 'acme-prod.ReadOnly'], current.temp.env)).code).toBe(0);
    const pinnedKey = getEntry(
      findSections(
        parseAwsIni(readFileSync(current.temp.paths.awsCredentialsFile, 'utf8')),
        'profile',
        'acme-prod.ReadOnly',
        'credentials',
      )[0]!,
      'aws_access_key_id',
    )?.value;
    // A container that mounts only ~/.aws/credentials: no config file at all.
    const emptyConfig = path.join(current.temp.home, 'empty-config');
    writeFileSync(emptyConfig, '');
    const env = { ...current.temp.env, AWS_CONFIG_FILE: emptyConfig };

    const boto = await runPythonJson<PythonCredentials>('sso_profile_credentials.py', ['acme-prod.ReadOnly'], env);
    expect(boto).toEqual({ accessKeyId: pinnedKey, method: 'shared-credentials-file' });

    if (!hasAwsCliV2) return;
    const fetchesBefore = current.fake.counters('GetRoleCredentials').successes;
    const identity = await callerIdentity(AWS_CLI_V2, 'acme-prod.ReadOnly', env, current.fake.url);
    expect(identity.Account).toBe(PROD);
    expect(current.fake.counters('GetRoleCredentials').successes).toBe(fetchesBefore);
  });
});
