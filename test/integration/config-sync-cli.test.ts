import { statSync } from 'node:fs';
import { applyPatch } from 'diff';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { DEV, SMALL_ORG as ACCOUNTS, configText, profileNames } from '../support/sync-org.js';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const config = configText;

describe('lanyard sync', () => {
  it('--dry-run prints the unified diff and writes nothing; then sync writes, and again is a no-op', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    const before = config(fixture);
    const modified = statSync(fixture.temp.paths.awsConfigFile).mtimeMs;

    const dry = await runCli(['sync', '--dry-run'], fixture.temp.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`--- ${fixture.temp.paths.awsConfigFile}`);
    expect(dry.stdout).toContain('+[profile acme-dev.Admin]');
    expect(dry.stderr).toContain('Dry run, nothing written');
    expect(dry.stderr).toContain('3 added, 0 updated, 0 removed');
    expect(config(fixture)).toBe(before);
    expect(statSync(fixture.temp.paths.awsConfigFile).mtimeMs).toBe(modified);

    const real = await runCli(['sync'], fixture.temp.env);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('3 added, 0 updated, 0 removed');
    expect(real.stdout).toContain('added: acme-dev.Admin, acme-dev.ReadOnly, acme-prod.ReadOnly');
    const after = config(fixture);
    expect(applyPatch(before, dry.stdout)).toBe(after);
    expect(after.startsWith(before)).toBe(true);

    const again = await runCli(['sync'], fixture.temp.env);
    expect(again.stdout).toContain('is up to date');
    expect(config(fixture)).toBe(after);
  });

  it('prunes nothing after a listing that fails half way, and prunes after a complete one', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);

    fixture.fake.unassignRole(DEV, 'ReadOnly');
    fixture.fake.failNext('ListAccountRoles', 1, 'InvalidRequest');
    const partial = await runCli(['sync', '--refresh'], fixture.temp.env);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stderr).toMatch(
      /warning: work: its account list is incomplete \(.+\), so no profile of it was removed/,
    );
    expect(profileNames(config(fixture))).toEqual(['acme-dev.Admin', 'acme-dev.ReadOnly', 'acme-prod.ReadOnly']);

    const complete = await runCli(['sync', '--refresh'], fixture.temp.env);
    expect(complete.code, complete.stderr).toBe(0);
    expect(complete.stdout).toContain('removed: acme-dev.ReadOnly');
    expect(profileNames(config(fixture))).toEqual(['acme-dev.Admin', 'acme-prod.ReadOnly']);
  });

  it('says to sign in, and touches nothing, when the session is signed out', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    const before = config(fixture);
    const result = await runCli(['sync'], fixture.temp.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/incomplete .*lanyard login --sso-session work/s);
    expect(config(fixture)).toBe(before);
  });

  it('a sync a person runs lists live: accounts granted a moment ago appear at once; --cached uses the stored list', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    await fixture.seedToken();
    expect((await runCli(['sync'], fixture.temp.env)).code).toBe(0);
    const granted = ['acme-new-1', 'acme-new-2', 'acme-new-3', 'acme-new-4'];
    for (const accountName of granted) fixture.fake.addAccount({ accountName, roles: ['Admin'] });

    const cached = await runCli(['sync', '--cached'], fixture.temp.env);
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout).toContain('is up to date');
    expect(profileNames(config(fixture))).not.toContain('acme-new-1.Admin');

    const live = await runCli(['sync'], fixture.temp.env);
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toContain('4 added, 0 updated, 0 removed');
    expect(live.stderr).toMatch(/work: listed the roles of \d+ of \d+ accounts/);
    for (const accountName of granted) expect(profileNames(config(fixture))).toContain(`${accountName}.Admin`);
  });

  it('rejects an unknown session with the usual exit code', async () => {
    fixture = await createSsoFixture({ accounts: ACCOUNTS });
    const result = await runCli(['sync', '--sso-session', 'nope'], fixture.temp.env);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no \[sso-session nope\]/);
  });
});
