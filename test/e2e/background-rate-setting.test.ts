// The settings pane's background request rate: validated as the core validates it, saved
// through updateSettings like the other settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { InMemoryLanyard, startHarness, type Harness } from './harness/index.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('background requests per second', () => {
  it('shows the default, refuses a rate out of range, and saves a valid one', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const rate = app.page.getByLabel('Background requests per second', { exact: true });
    const save = app.page.getByRole('button', { name: 'Save settings' });
    expect(await rate.inputValue()).toBe(String(DEFAULT_SETTINGS.backgroundRequestsPerSecond));

    await rate.fill('0');
    expect(await app.page.getByText('Enter a number from 0.5 to 50.').isVisible()).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    await rate.fill('2.5');
    expect(await save.isDisabled()).toBe(false);
    await save.click();

    await expect.poll(() => app.callsTo('updateSettings')).toEqual([[{ backgroundRequestsPerSecond: 2.5 }]]);
    await expect.poll(() => app.page.getByText('Settings saved.').isVisible()).toBe(true);
    expect(await rate.inputValue()).toBe('2.5');
    await app.close();
  });
});
