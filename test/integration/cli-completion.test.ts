import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryFile } from '../../electron/core/accounts/inventory-store.js';
import { runCli } from '../support/cli.js';
import { homeWithStoredOrg } from '../support/stored-org.js';
import { createTempHome, type TempHome } from '../support/temp-home.js';

const PROD = '111111111111';
const LAKE = '222222222222';
const ODD = '333333333333';

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

/** A HOME with one sso-session, two sso profiles (one to a role outside the stored list) and a stored account list. */
async function home(): Promise<TempHome> {
  temp = await homeWithStoredOrg({
    config: [
      '[profile prod-admin]',
      'sso_session = work',
      `sso_account_id = ${PROD}`,
      'sso_role_name = AdministratorAccess',
      '',
      '[profile sandbox]',
      'sso_session = work',
      'sso_account_id = 444444444444',
      'sso_role_name = PowerUser',
      '',
      '[profile plain]',
      'region = eu-west-1',
      '',
    ].join('\n'),
    accounts: [
      { accountId: PROD, accountName: 'acme-payments-prod', roles: ['AdministratorAccess', 'ReadOnly'] },
      { accountId: LAKE, accountName: 'acme-data-lake', roles: ['DataEngineer'] },
      { accountId: ODD, accountName: "Team: it's $(prod)", roles: ['ReadOnly'] },
    ],
    aliases: { [`work/${LAKE}`]: 'lake' },
  });
  return temp;
}

const lines = (stdout: string): string[] => stdout.split('\n').filter(Boolean);

describe('lanyard __complete', () => {
  it('prints every role: profile names and ACCOUNT/ROLE (alias first), sorted, names whole', async () => {
    const { env } = await home();
    const result = await runCli(['__complete', 'roles'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual([
      'acme-payments-prod/AdministratorAccess',
      'acme-payments-prod/ReadOnly',
      'lake/DataEngineer',
      'prod-admin',
      'sandbox',
      "Team: it's $(prod)/ReadOnly",
    ]);
  });

  it('filters by prefix in any case, else by what the names contain', async () => {
    const { env } = await home();
    expect(lines((await runCli(['__complete', 'roles', 'acme'], env)).stdout)).toEqual([
      'acme-payments-prod/AdministratorAccess',
      'acme-payments-prod/ReadOnly',
    ]);
    expect(lines((await runCli(['__complete', 'roles', 'ACME-payments-prod/r'], env)).stdout)).toEqual([
      'acme-payments-prod/ReadOnly',
    ]);
    expect(lines((await runCli(['__complete', 'roles', 'team: it'], env)).stdout)).toEqual([
      "Team: it's $(prod)/ReadOnly",
    ]);
    // Nothing starts with "readonly": the names that contain it.
    expect(lines((await runCli(['__complete', 'roles', 'readonly'], env)).stdout)).toEqual([
      'acme-payments-prod/ReadOnly',
      "Team: it's $(prod)/ReadOnly",
    ]);
    expect(await runCli(['__complete', 'roles', 'zzz'], env)).toMatchObject({ code: 0, stdout: '' });
  });

  it('prints the sso-session names', async () => {
    const { env } = await home();
    expect(await runCli(['__complete', 'sessions'], env)).toMatchObject({ code: 0, stdout: 'work\n', stderr: '' });
    expect(await runCli(['__complete', 'sessions', 'W'], env)).toMatchObject({ code: 0, stdout: 'work\n' });
    expect(await runCli(['__complete', 'sessions', 'other'], env)).toMatchObject({ code: 0, stdout: '' });
  });

  it('does not fail on damaged files: what cannot be read gives no names', async () => {
    const { env, paths } = await home();
    writeFileSync(inventoryFile(paths, 'work'), '{"format": 1, "sessionName": "work", "lastComplete": ');
    writeFileSync(path.join(paths.dataDir, 'settings.json'), '\u0000not json');
    const roles = await runCli(['__complete', 'roles'], env);
    expect(roles).toMatchObject({ code: 0, stderr: '' });
    expect(lines(roles.stdout)).toEqual(['prod-admin', 'sandbox']);

    writeFileSync(paths.awsConfigFile, Buffer.from([0xff, 0xfe, 0x5b, 0x00, 0x00, 0x0a, 0x3d, 0x3d]));
    expect(await runCli(['__complete', 'roles'], env)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await runCli(['__complete', 'sessions'], env)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('prints nothing without any AWS config', async () => {
    temp = createTempHome();
    expect(await runCli(['__complete', 'roles'], temp.env)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('is not listed in --help, and refuses to complete anything else', async () => {
    temp = createTempHome();
    const help = await runCli(['--help'], temp.env);
    expect(help.stdout).toContain('completion');
    expect(help.stdout).not.toContain('__complete');
    const other = await runCli(['__complete', 'accounts'], temp.env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('roles or sessions');
  });
});

describe('lanyard completion', () => {
  it('prints each script, and says how to install them', async () => {
    temp = createTempHome();
    const expected = {
      bash: 'complete -F _lanyard lanyard',
      zsh: 'compdef _lanyard lanyard',
      fish: 'complete -c lanyard -f',
      powershell: "Register-ArgumentCompleter -Native -CommandName 'lanyard'",
    };
    for (const [shell, line] of Object.entries(expected)) {
      const result = await runCli(['completion', shell], temp.env);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(line);
    }
    const help = await runCli(['completion', '--help'], temp.env);
    expect(help.stdout).toContain('source <(lanyard completion bash)');
    expect(help.stdout).toContain('lanyard completion fish > ~/.config/fish/completions/lanyard.fish');
    expect(help.stdout).toContain('lanyard completion powershell | Out-String | Invoke-Expression');
  });
});
