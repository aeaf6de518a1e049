import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.js';
import { findSections, getEntry, parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import { CACHE_POLL_MS } from '../../electron/core/sessions/keep-alive.js';
import { PIN_REFRESH_AHEAD_MS } from '../../electron/core/credentials/pins.js';
import type { AccountSpec } from '../fake-idc/index.js';
import { eventually, startAgent } from '../support/agent.js';
import { runCli } from '../support/cli.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const ACCOUNTS: AccountSpec[] = [
  { accountId: '111111111111', accountName: 'acme-dev', roles: ['Admin', 'ReadOnly'] },
  { accountId: '222222222222', accountName: 'acme-prod', roles: ['ReadOnly'] },
];
const PINNED = 'acme-dev.Admin';
/** The user's own credentials file: CRLF, comments, long-term keys, 0644. */
const USER_CREDENTIALS =
  '# my long-term keys\r\n[default]\r\naws_access_key_id = AKIAUSEROWNKEY\r\naws_secret_access_key = user/secret\r\n';
const MINUTE = 60_000;

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function credentialsFile(current: SsoFixture): string {
  return current.temp.paths.awsCredentialsFile;
}

function writeUserCredentials(current: SsoFixture): void {
  mkdirSync(path.dirname(credentialsFile(current)), { recursive: true });
  writeFileSync(credentialsFile(current), USER_CREDENTIALS);
  chmodSync(credentialsFile(current), 0o644);
}

/** The pinned section's access key and the expiry its comment states. */
function pinnedKeys(
  current: SsoFixture,
  profile = PINNED,
): { accessKeyId: string; expires: string; text: string } | undefined {
  const text = readFileSync(credentialsFile(current), 'utf8');
  const section = findSections(parseAwsIni(text), 'profile', profile, 'credentials')[0];
  if (!section) return undefined;
  const expires = /these expire (\S+?)\. Remove with: lanyard unpin/.exec(text)?.[1] ?? '';
  return { accessKeyId: getEntry(section, 'aws_access_key_id')?.value ?? '', expires, text };
}

const mode = (file: string): number => statSync(file).mode & 0o777;

describe('lanyard pin and unpin', () => {
  it('keeps a Lanyard profile’s keys in the credentials file, 0600 and lossless, and takes them out again', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    writeUserCredentials(fixture);
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);

    const pinned = await runCli(['pin', PINNED], fixture.temp.env);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stdout).toMatch(/Pinned acme-dev\.Admin: its keys are in .*credentials \(keys expire in (1h|\d+m)/);
    const keys = pinnedKeys(fixture)!;
    expect(keys.accessKeyId).toMatch(/^ASIA/);
    expect(keys.text.startsWith(USER_CREDENTIALS)).toBe(true);
    expect(keys.text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(keys.text).toMatch(
      /\[acme-dev\.Admin\]\r\n# Pinned by Lanyard: temporary keys, renewed by its agent; these expire \d{4}-\d\d-\d\dT[\d:.]+Z\. Remove with: lanyard unpin acme-dev\.Admin\r\naws_access_key_id = ASIA\w+\r\naws_secret_access_key = \S+\r\naws_session_token = \S+\r\n$/,
    );
    expect(mode(credentialsFile(fixture))).toBe(0o600);
    expect(readFileSync(`${credentialsFile(fixture)}.lanyard-backup`, 'utf8')).toBe(USER_CREDENTIALS);
    expect(pinned.stdout + pinned.stderr).not.toContain(keys.accessKeyId);

    const listed = await runCli(['pin'], fixture.temp.env);
    expect(listed.stdout).toMatch(/acme-dev\.Admin\s+111111111111\s+Admin\s+keys expire in/);

    const unpinned = await runCli(['unpin', PINNED], fixture.temp.env);
    expect(unpinned.code).toBe(0);
    expect(readFileSync(credentialsFile(fixture), 'utf8')).toBe(USER_CREDENTIALS);
    expect(mode(credentialsFile(fixture))).toBe(0o600);
    expect((await runCli(['pin'], fixture.temp.env)).stdout).toContain('No pinned profiles');
    expect((await runCli(['unpin', PINNED], fixture.temp.env)).stdout).toContain('was not pinned');
  });

  it('keeps a 0600 backup of the user’s part only: after pin and unpin no file next to the credentials file holds the keys', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    const umask = process.umask(0o000);
    try {
      writeUserCredentials(fixture);
      // A backup from before (another mode, old contents) is replaced, not kept as it was.
      writeFileSync(`${credentialsFile(fixture)}.lanyard-backup`, 'old backup\n', { mode: 0o644 });
      chmodSync(`${credentialsFile(fixture)}.lanyard-backup`, 0o644);
      expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);

      expect((await runCli(['pin', PINNED], fixture.temp.env)).code).toBe(0);
      const section = findSections(
        parseAwsIni(readFileSync(credentialsFile(fixture), 'utf8')),
        'profile',
        PINNED,
        'credentials',
      )[0]!;
      const token = getEntry(section, 'aws_session_token')!.value;
      const secret = getEntry(section, 'aws_secret_access_key')!.value;
      expect(token.length).toBeGreaterThan(10);
      expect(mode(`${credentialsFile(fixture)}.lanyard-backup`)).toBe(0o600);
      expect(readFileSync(`${credentialsFile(fixture)}.lanyard-backup`, 'utf8')).toBe(USER_CREDENTIALS);
      // A second pin rewrites the file with the first one's keys in it: still not in the backup.
      expect((await runCli(['pin', 'acme-prod.ReadOnly'], fixture.temp.env)).code).toBe(0);
      expect(readFileSync(`${credentialsFile(fixture)}.lanyard-backup`, 'utf8')).toBe(USER_CREDENTIALS);

      expect((await runCli(['unpin', PINNED], fixture.temp.env)).code).toBe(0);
      expect((await runCli(['unpin', 'acme-prod.ReadOnly'], fixture.temp.env)).code).toBe(0);
      // Every file next to the credentials file (its backup, any temp file left behind). Not
      // cli/cache below it: that is the role-credentials cache botocore shares, which holds the
      // role's keys by design while the session lasts, pinned or not.
      const folder = path.dirname(credentialsFile(fixture));
      const files = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.map((entry) => entry.name)).toContain('credentials.lanyard-backup');
      for (const entry of files) {
        const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
        expect(text, entry.name).not.toContain(token);
        expect(text, entry.name).not.toContain(secret);
      }
      expect(readFileSync(credentialsFile(fixture), 'utf8')).toBe(USER_CREDENTIALS);
      expect(mode(credentialsFile(fixture))).toBe(0o600);
      expect(mode(`${credentialsFile(fixture)}.lanyard-backup`)).toBe(0o600);
    } finally {
      process.umask(umask);
    }
  });

  it('refuses profiles Lanyard does not manage and names a section of the user’s', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);
    const unknown = await runCli(['pin', 'nope'], fixture.temp.env);
    expect(unknown.code).toBe(8);
    expect(unknown.stderr).toMatch(/No role matches "nope"/);

    mkdirSync(path.dirname(credentialsFile(fixture)), { recursive: true });
    writeFileSync(credentialsFile(fixture), '[acme-prod.ReadOnly]\naws_access_key_id = AKIAMINE\n');
    const taken = await runCli(['pin', 'acme-prod.ReadOnly'], fixture.temp.env);
    expect(taken.code).toBe(3);
    expect(taken.stderr).toMatch(/already has a \[acme-prod\.ReadOnly\] section that Lanyard did not write/);
    expect(readFileSync(credentialsFile(fixture), 'utf8')).toBe('[acme-prod.ReadOnly]\naws_access_key_id = AKIAMINE\n');
  });

  it('lanyard logout takes the keys out, keeping the pin for the next sign-in', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    writeUserCredentials(fixture);
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);
    expect((await runCli(['pin', PINNED], fixture.temp.env)).code).toBe(0);

    const logout = await runCli(['logout'], fixture.temp.env);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain(`Removed the keys of ${PINNED} from`);
    expect(readFileSync(credentialsFile(fixture), 'utf8')).toBe(USER_CREDENTIALS);
    expect((await runCli(['pin'], fixture.temp.env)).stdout).toMatch(
      /acme-dev\.Admin\s+111111111111\s+Admin\s+no keys \(signed out\)/,
    );
  });
});

describe('the agent and pinned keys', () => {
  it('renews pinned keys before they expire, on its clock, and puts them back after a new sign-in', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, accounts: ACCOUNTS });
    await fixture.seedToken();
    writeUserCredentials(fixture);
    const io = { env: fixture.temp.env, clock, stdout: { write: () => true } as unknown as NodeJS.WritableStream };
    expect(await run(['sync'], io)).toBe(0);
    expect(await run(['pin', PINNED], io)).toBe(0);
    const first = pinnedKeys(fixture)!;
    // Role credentials last an hour: due once less than PIN_REFRESH_AHEAD_MS is left.
    expect(Date.parse(first.expires) - clock.now()).toBe(60 * MINUTE);

    const agent = await startAgent(fixture.temp.env, clock);
    try {
      await clock.advanceAsync(60 * MINUTE - PIN_REFRESH_AHEAD_MS - MINUTE);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pinnedKeys(fixture)?.accessKeyId, agent.log()).toBe(first.accessKeyId);

      await clock.advanceAsync(2 * MINUTE);
      const renewed = await eventually(() => {
        const keys = pinnedKeys(fixture!);
        return keys && keys.accessKeyId !== first.accessKeyId ? keys : undefined;
      }, 'renewed keys');
      expect(Date.parse(renewed.expires)).toBeGreaterThan(Date.parse(first.expires));
      expect(renewed.text.startsWith(USER_CREDENTIALS)).toBe(true);
      expect(mode(credentialsFile(fixture))).toBe(0o600);
      await eventually(
        () => agent.log().includes('"pins":"renewed","written":["acme-dev.Admin"]'),
        'the renewal in the log',
      );

      // Signed out: the keys go; signed in again: the agent puts them back.
      expect(await run(['logout'], io)).toBe(0);
      expect(pinnedKeys(fixture)).toBeUndefined();
      await clock.advanceAsync(CACHE_POLL_MS + 1_000);
      await eventually(() => agent.log().includes('"state":"signed-out"'), 'the agent to see the sign-out');
      await fixture.seedToken();
      await clock.advanceAsync(CACHE_POLL_MS + 1_000);
      const restored = await eventually(() => pinnedKeys(fixture!), 'keys after signing in again');
      expect(restored.accessKeyId).toMatch(/^ASIA/);
      expect(agent.log()).not.toMatch(/ASIA|aws_secret/);
    } finally {
      expect(await agent.stop()).toBe(0);
    }
  });
});
