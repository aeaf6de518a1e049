// The user's environment overrides through the real facade: a settings change re-marks the
// list at once, survives in the preferences, and reaches the console (in-app window request).
import { afterEach, describe, expect, it } from 'vitest';
import { type InAppConsoleRequest, Lanyard } from '../../electron/core/lanyard.js';
import type { InventoryView } from '../../electron/core/domain/views.js';
import type { StoredPreferences } from '../../electron/core/support/preferences.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

let fixture: SsoFixture | undefined;
let lanyard: Lanyard | undefined;
afterEach(async () => {
  await lanyard?.stop();
  lanyard = undefined;
  await fixture?.close();
  fixture = undefined;
});

async function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('environment overrides in the facade', () => {
  it('re-mark the list when saved, persist, and colour the console window', async () => {
    fixture = await createSsoFixture({ accounts: 3 });
    await fixture.seedToken();
    let stored: unknown = {};
    const inventories: InventoryView[] = [];
    const inApp: InAppConsoleRequest[] = [];
    lanyard = new Lanyard({
      paths: fixture.temp.paths,
      env: fixture.temp.env,
      preferences: { read: () => stored, write: (value: StoredPreferences) => void (stored = structuredClone(value)) },
      random: () => 0.5,
      platform: {
        writeClipboard: () => undefined,
        openExternal: async () => undefined,
        openInAppConsole: async (request) => void inApp.push(request),
        platform: 'linux',
      },
    });
    lanyard.onInventory((inventory) => inventories.push(inventory));
    await lanyard.start();
    const listed = await until(() =>
      inventories.find((view) => view.roles.some((role) => role.accountName === 'acme-dev-payments')),
    );
    const prod = listed.roles.find((role) => role.accountName === 'acme-prod-payments');
    const dev = listed.roles.find((role) => role.accountName === 'acme-dev-payments');
    if (!prod || !dev) throw new Error('the fixture has no acme-prod-payments and acme-dev-payments');
    expect(prod).toMatchObject({ environment: 'prod', environmentColour: 'red' });
    expect(dev).toMatchObject({ environment: 'dev', environmentColour: 'blue' });

    const before = inventories.length;
    const saved = await lanyard.updateSettings({
      environmentOverrides: [
        { match: prod.accountId, environment: 'prod', colour: 'purple' },
        { match: 'ACME-DEV-*', environment: 'none' },
      ],
    });
    expect(saved).toMatchObject({ ok: true });
    expect(inventories.length).toBeGreaterThan(before);
    const remarked = (await lanyard.getInventory()).roles;
    expect(remarked.find((role) => role.key === prod.key)).toMatchObject({ environmentColour: 'purple' });
    expect(remarked.find((role) => role.key === dev.key)).not.toHaveProperty('environment');
    expect((stored as StoredPreferences).settings.environmentOverrides).toHaveLength(2);

    // Another setting leaves the list alone.
    const count = inventories.length;
    await lanyard.updateSettings({ autoSync: false });
    expect(inventories).toHaveLength(count);

    expect(await lanyard.openConsole(prod.key)).toEqual({ ok: true, value: undefined });
    expect(inApp[0]?.role).toMatchObject({ environment: 'prod', environmentColour: 'purple' });
  });
});
