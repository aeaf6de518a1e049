import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_POLL_MS, RELIST_INTERVAL_MS } from '../../electron/core/config-sync/agent.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../electron/core/support/preferences.js';
import { eventually, startAgent } from '../support/agent.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { DEV, PROD, SMALL_ORG as ACCOUNTS, configText, profileNames } from '../support/sync-org.js';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const config = configText;
const profiles = (current: SsoFixture): string[] => profileNames(configText(current));

describe('the agent keeps the AWS config in step', () => {
  it('re-syncs on assignment changes and after a user edit, without undoing the edit', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, accounts: ACCOUNTS });
    await fixture.seedToken();
    const current = fixture;
    const agent = await startAgent(current.temp.env, clock);
    try {
      await eventually(() => profiles(current).length === 3, 'the first sync');
      expect(profiles(current)).toEqual(['acme-dev.Admin', 'acme-dev.ReadOnly', 'acme-prod.ReadOnly']);

      // Assignments change: the next re-listing (every 15 minutes) brings them in.
      current.fake.addAccount({ accountId: '333333333333', accountName: 'acme-new', roles: ['Admin'] });
      current.fake.assignRole(PROD, 'Admin');
      await clock.advanceAsync(RELIST_INTERVAL_MS);
      await eventually(() => profiles(current).length === 5, 'the re-sync after the assignment change');
      expect(profiles(current)).toEqual([
        'acme-dev.Admin',
        'acme-dev.ReadOnly',
        'acme-prod.ReadOnly',
        'acme-new.Admin',
        'acme-prod.Admin',
      ]);

      // The user edits one of Lanyard's profiles: the agent notices and leaves it to them.
      const edited = config(current).replace(
        /(\[profile acme-dev\.Admin\][^[]*?region = )us-east-1/,
        '$1eu-north-1\noutput = table',
      );
      expect(edited).not.toBe(config(current));
      writeFileSync(current.temp.paths.awsConfigFile, edited);
      await clock.advanceAsync(CONFIG_POLL_MS);
      await eventually(() => agent.log().includes('"skipped":["acme-dev.Admin"]'), 'the re-sync after the edit');
      expect(config(current)).toBe(edited);

      // Losing the role later does not remove the user's profile; the other lost role goes.
      current.fake.unassignRole(DEV, 'Admin');
      current.fake.unassignRole(DEV, 'ReadOnly');
      await clock.advanceAsync(RELIST_INTERVAL_MS);
      await eventually(() => !profiles(current).includes('acme-dev.ReadOnly'), 'the prune');
      expect(config(current)).toContain('region = eu-north-1\noutput = table\n');
      expect(profiles(current)).toContain('acme-dev.Admin');
    } finally {
      expect(await agent.stop()).toBe(0);
    }
  });

  it('does not write the config when auto-sync is off', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, accounts: ACCOUNTS });
    await fixture.seedToken();
    const store = new JsonFilePreferencesStore(fixture.temp.paths.dataDir);
    const preferences = normalizePreferences({});
    store.write({ ...preferences, settings: { ...preferences.settings, autoSync: false } });
    const before = config(fixture);
    const agent = await startAgent(fixture.temp.env, clock);
    try {
      await clock.advanceAsync(RELIST_INTERVAL_MS);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(config(fixture)).toBe(before);
    } finally {
      expect(await agent.stop()).toBe(0);
    }
  });
});
