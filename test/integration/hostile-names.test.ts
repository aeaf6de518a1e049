/**
 * The fake Identity Center's hostile organisation (HOSTILE_ACCOUNTS: INI injection, line
 * breaks, terminal escapes, traversal, shell metacharacters, markup, a right-to-left override,
 * a 3,000-character name, role names with line breaks) through the built CLI: `lanyard sync`
 * writes every profile the config can hold and skips the rest (botocore reads the result),
 * `lanyard accounts`, `status`, `logout`, `refresh` and `login` print nothing a terminal would
 * act on, and `--json` stays exact.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { getEntry, parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../electron/core/support/preferences.js';
import { HOSTILE_ACCOUNTS, type AccountSpec } from '../fake-idc/index.js';
import { runCli, startCli, type CliResult } from '../support/cli.js';
import { PYTHON, runPythonJson } from '../support/python.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { configText } from '../support/sync-org.js';

/** What a terminal acts on: C0 controls but the line feed (ESC, BEL, CR...), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Profile names as every AWS tool reads them (profile-names.ts). */
const SAFE_NAME = /^[A-Za-z0-9_@+](?:[A-Za-z0-9._@+-]*[A-Za-z0-9_@+])?$/;
/** Role names the AWS config cannot hold as written, or that carry controls. */
// eslint-disable-next-line no-control-regex
const UNWRITABLE_ROLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|^\s|\s$|\s[#;]|^[#;]/;
const HOSTILE_TEXT = '\u001b]0;TITLE\u0007\u001b[31mred\r\nlanyard: Signed in\u009b2J\u202Eevil';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function hostileOrg(): Promise<SsoFixture> {
  fixture = await createSsoFixture({ accounts: HOSTILE_ACCOUNTS });
  await fixture.seedToken();
  return fixture;
}

function expectTerminalSafe(result: CliResult): void {
  expect(result.stdout).not.toMatch(ACTS_ON_TERMINAL);
  expect(result.stderr).not.toMatch(ACTS_ON_TERMINAL);
  expect(result.stderr).not.toContain('unexpected error');
}

const writableRoles = (accounts: readonly AccountSpec[]): string[] =>
  accounts.flatMap((account) =>
    (account.roles ?? []).filter((role) => !UNWRITABLE_ROLE.test(role)).map((role) => `${account.accountId}/${role}`),
  );
const unwritableCount = HOSTILE_ACCOUNTS.flatMap((account) => account.roles ?? []).filter((role) =>
  UNWRITABLE_ROLE.test(role),
).length;

interface BotocoreReading {
  config?: { profiles: Record<string, Record<string, string>> };
  error?: string;
}

describe('lanyard sync against a hostile organisation', () => {
  it('skips and reports each profile the config cannot hold, writes the rest, and botocore reads them all', async () => {
    const current = await hostileOrg();
    const synced = await runCli(['sync'], current.temp.env);
    expect(synced.code, synced.stderr).toBe(0);
    expectTerminalSafe(synced);
    const skippedLines = synced.stdout.split('\n').filter((line) => line.startsWith('  skipped '));
    expect(skippedLines).toHaveLength(unwritableCount);
    expect(synced.stdout).toMatch(/^ {2}skipped acme-plain\.Admin-profile-evil: its role name has control characters/m);
    expect(synced.stdout).toContain(`${writableRoles(HOSTILE_ACCOUNTS).length} added, 0 updated, 0 removed`);

    const text = configText(current);
    expect(text).not.toMatch(ACTS_ON_TERMINAL);
    const doc = parseAwsIni(text);
    const headers = doc.sections.map((section) => section.header);
    expect(headers).not.toContain('profile evil');
    const profiles = doc.sections.filter((section) => section.header.startsWith('profile '));
    for (const section of profiles) expect(section.header.slice('profile '.length)).toMatch(SAFE_NAME);
    const written = profiles.map(
      (section) => `${getEntry(section, 'sso_account_id')?.value}/${getEntry(section, 'sso_role_name')?.value}`,
    );
    expect(written.sort()).toEqual(writableRoles(HOSTILE_ACCOUNTS).sort());

    // botocore reads the same profiles, with the role names exactly as the service spelled them.
    const [reading] = await runPythonJson<BotocoreReading[]>(
      'read_config.py',
      [current.temp.paths.awsConfigFile],
      current.temp.env,
    );
    expect(reading?.error).toBeUndefined();
    const read = reading!.config!.profiles;
    expect(Object.keys(read).sort()).toEqual(profiles.map((section) => section.header.slice(8)).sort());
    expect(
      Object.values(read)
        .map((profile) => `${profile.sso_account_id}/${profile.sso_role_name}`)
        .sort(),
    ).toEqual(writableRoles(HOSTILE_ACCOUNTS).sort());

    const again = await runCli(['sync'], current.temp.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('is up to date');
    expect(again.stdout.split('\n').filter((line) => line.startsWith('  skipped '))).toEqual(skippedLines);
    expect(configText(current)).toBe(text);

    // The credentials file too: pinning the profile of the INI-injection account writes one
    // section, which botocore reads as exactly that.
    const injected = profiles.find((section) => getEntry(section, 'sso_account_id')?.value === '300000000002');
    const profile = injected!.header.slice('profile '.length);
    const pinned = await runCli(['pin', profile], current.temp.env);
    expect(pinned.code, pinned.stderr).toBe(0);
    const { stdout } = await promisify(execFile)(
      PYTHON,
      [
        '-c',
        'import json, sys, botocore.configloader as c; print(json.dumps(c.raw_config_parse(sys.argv[1])))',
        current.temp.paths.awsCredentialsFile,
      ],
      { env: current.temp.env },
    );
    const credentials = JSON.parse(stdout) as Record<string, Record<string, string>>;
    expect(Object.keys(credentials)).toEqual([profile]);
    expect(credentials[profile]?.aws_access_key_id).toMatch(/^ASIA/);
  });

  it('in the credential_process style, skips the roles shells would split differently, and no more', async () => {
    const current = await hostileOrg();
    new JsonFilePreferencesStore(current.temp.paths.dataDir).write({
      ...normalizePreferences({}),
      settings: { ...DEFAULT_SETTINGS, profileStyle: 'credential-process' },
    });
    const synced = await runCli(['sync', '--dry-run'], current.temp.env);
    expect(synced.code, synced.stderr).toBe(0);
    expectTerminalSafe(synced);
    expect(synced.stderr).toMatch(/skipped .*: The role name "\$\(touch \/tmp\/x\)" has characters/);
    expect(synced.stdout).toContain('+credential_process = ');
    expect(synced.stdout).not.toContain('touch /tmp/x');
  });
});

describe('lanyard accounts against a hostile organisation', () => {
  it('prints every name escaped, one row per account; --json is exact', async () => {
    const current = await hostileOrg();
    const listed = await runCli(['accounts'], current.temp.env);
    expect(listed.code, listed.stderr).toBe(0);
    expectTerminalSafe(listed);
    const rows = listed.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(HOSTILE_ACCOUNTS.length + 1);
    for (const account of HOSTILE_ACCOUNTS)
      expect(rows.filter((row) => row.startsWith(account.accountId!))).toHaveLength(1);
    expect(listed.stdout).toContain('admin\\u{202e}gnp.exe');

    const json = await runCli(['accounts', '--json'], current.temp.env);
    expect(json.code, json.stderr).toBe(0);
    expectTerminalSafe(json);
    const [session] = (JSON.parse(json.stdout) as { sessions: Array<{ accounts: AccountSpec[] }> }).sessions;
    const byId = new Map(session!.accounts.map((account) => [account.accountId, account]));
    for (const account of HOSTILE_ACCOUNTS) {
      expect(byId.get(account.accountId)?.accountName).toBe(account.accountName);
      expect([...(byId.get(account.accountId)?.roles ?? [])].sort()).toEqual([...(account.roles ?? [])].sort());
    }
  });
});

describe('session commands with hostile text', () => {
  it('status, refresh and logout escape a hostile sso-session name and start URL; status --json is exact', async () => {
    const current = await hostileOrg();
    const name = 'evil\u001b]0;T\u0007\u001b[31m\u202Ex';
    const startUrl = 'https://acme.awsapps.com/start\u001b[2J';
    writeFileSync(
      current.temp.paths.awsConfigFile,
      `${configText(current)}\n[sso-session ${name}]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`,
    );
    const status = await runCli(['status'], current.temp.env);
    expect(status.code, status.stderr).toBe(0);
    expectTerminalSafe(status);
    expect(status.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(status.stdout).toContain('evil\\u{1b}]0;T\\u{7}');

    const json = await runCli(['status', '--json'], current.temp.env);
    expectTerminalSafe(json);
    const sessions = (JSON.parse(json.stdout) as { sessions: Array<{ name: string; startUrl: string }> }).sessions;
    expect(sessions.find((session) => session.name === name)?.startUrl).toBe(startUrl);

    for (const args of [['refresh'], ['logout']]) {
      const result = await runCli(args, current.temp.env);
      expectTerminalSafe(result);
    }
  });

  it('login: the refusal the browser redirect brings back (error, error_description) is escaped', async () => {
    const current = await hostileOrg();
    const cli = startCli(['login', '--sso-session', 'work', '--no-browser'], current.temp.env);
    const [url] = await cli.waitForOutput(/http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/);
    const authorize = new URL(url);
    const callback = new URL(authorize.searchParams.get('redirect_uri') as string);
    callback.searchParams.set('error', HOSTILE_TEXT);
    callback.searchParams.set('error_description', HOSTILE_TEXT);
    callback.searchParams.set('state', authorize.searchParams.get('state') as string);
    await fetch(callback);
    const result = await cli.done;
    expect(result.code).toBe(7);
    expectTerminalSafe(result);
    expect(result.stderr).toMatch(/^lanyard: Sign-in was not completed in the browser/m);
    expect(result.stderr).not.toMatch(/^lanyard: Signed in/m);
  });
});
