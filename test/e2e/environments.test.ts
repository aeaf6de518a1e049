// Environment badges that never lie: what names say (acme-data-non-prod is Non-prod, not
// Prod), readable in both themes, and the user's overrides from the settings reaching the
// list and the palette at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE } from '../../electron/main/window-options.js';
import { saveScreenshot } from './harness/screenshot.js';
import { startHarness, type Harness, type LanyardPage } from './harness/index.js';
import { demoLanyard } from './harness/demo-scenario.js';
import { contrastProblems } from './harness/page-checks.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const filterBox = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
const roleList = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Accounts and roles' });
/** The badge of the first listed role of an account, as class and text: `env--red Prod`, or '' for none. */
async function badgeOf(rows: ReturnType<LanyardPage['page']['locator']>): Promise<string> {
  const row = rows.first();
  await row.waitFor();
  const badge = row.locator('.env');
  if ((await badge.count()) === 0) return '';
  const colour = (await badge.getAttribute('class'))?.match(/env--(\w+)/)?.[1];
  return `${colour} ${(await badge.textContent()) ?? ''}`;
}
const listBadge = async (app: LanyardPage, accountName: string): Promise<string> => {
  await filterBox(app).fill(accountName);
  return badgeOf(roleList(app).getByRole('option').filter({ hasText: accountName }));
};

describe('environment badges', () => {
  it('read names by whole words: non-prod is Non-prod, uat is Staging, and every badge is readable', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const app = await harness.open({ commands: demoLanyard(), colorScheme });
      expect(await listBadge(app, 'acme-data-non-prod')).toBe('turquoise Non-prod');
      expect(await listBadge(app, 'acme-data-nonprod')).toBe('turquoise Non-prod');
      expect(await listBadge(app, 'checkout-uat')).toBe('orange Staging');
      expect(await listBadge(app, 'network-prod')).toBe('red Prod');
      expect(await listBadge(app, 'log-archive')).toBe('');
      await filterBox(app).fill('');
      await roleList(app).getByRole('option').first().waitFor();
      expect(await contrastProblems(app.page)).toEqual([]);
      await app.close();
    }
  });

  it('follow an override added in the settings, in the list and in the palette', async () => {
    const lanyard = demoLanyard();
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByRole('button', { name: 'Add rule' }).click();
    const match = app.page.getByLabel('Account id or name pattern, rule 1', { exact: true });
    const save = app.page.getByRole('button', { name: 'Save badges' });

    await match.fill('1234');
    expect(await app.page.getByText('An account id has exactly 12 digits.').isVisible()).toBe(true);
    expect(await match.getAttribute('aria-invalid')).toBe('true');
    expect(await save.isDisabled()).toBe(true);

    await match.fill('ACME-DATA-*');
    await app.page.getByLabel('Badge, rule 1', { exact: true }).selectOption({ label: 'Prod' });
    await app.page.getByLabel('Colour, rule 1', { exact: true }).selectOption({ label: 'Pink' });
    expect(await contrastProblems(app.page)).toEqual([]);
    await save.click();
    await expect
      .poll(() => app.callsTo('updateSettings'))
      .toEqual([[{ environmentOverrides: [{ match: 'ACME-DATA-*', environment: 'prod', colour: 'pink' }] }]]);
    await expect.poll(() => app.page.getByText('Badges saved.').isVisible()).toBe(true);

    // A second rule: no badge for the log archive... and Enter saves the rules, not the settings form.
    await app.page.getByRole('button', { name: 'Add rule' }).click();
    await app.page.getByLabel('Badge, rule 2', { exact: true }).selectOption({ label: 'No badge' });
    expect(await app.page.getByLabel('Colour, rule 2', { exact: true }).isDisabled()).toBe(true);
    const second = app.page.getByLabel('Account id or name pattern, rule 2', { exact: true });
    await second.fill('network-prod');
    await second.press('Enter');
    await expect.poll(() => app.callsTo('updateSettings')).toHaveLength(2);
    expect(app.callsTo('updateSettings')[1]).toEqual([
      {
        environmentOverrides: [
          { match: 'ACME-DATA-*', environment: 'prod', colour: 'pink' },
          { match: 'network-prod', environment: 'none' },
        ],
      },
    ]);

    await app.page.getByRole('button', { name: 'Accounts and roles' }).click();
    expect(await listBadge(app, 'acme-data-non-prod')).toBe('pink Prod');
    expect(await listBadge(app, 'data-platform-dev')).toBe('blue Dev');
    expect(await listBadge(app, 'network-prod')).toBe('');
    await app.close();

    const palette = await harness.open({ commands: lanyard, window: 'palette' });
    const search = palette.page.getByRole('combobox', { name: 'Search accounts and roles' });
    const results = palette.page.getByRole('listbox', { name: 'Results' }).getByRole('option');
    await search.fill('acme-data-non-prod');
    expect(await badgeOf(results.filter({ hasText: 'acme-data-non-prod' }))).toBe('pink Prod');
    await search.fill('network-prod');
    expect(await badgeOf(results.filter({ hasText: 'network-prod' }))).toBe('');
    await palette.close();
  });

  it.each([
    ['default', MAIN_WINDOW_SIZE],
    ['minimum', MAIN_WINDOW_MIN_SIZE],
  ] as const)('screenshots of the rules in the settings at the %s size, light and dark', async (name, viewport) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const lanyard = demoLanyard();
      await lanyard.updateSettings({
        environmentOverrides: [
          { match: 'acme-data-*', environment: 'prod', colour: 'pink' },
          { match: '104736309452', environment: 'prod' },
          { match: '*-np', environment: 'nonprod', colour: 'purple' },
          { match: 'shared-services', environment: 'none' },
        ],
      });
      const app = await harness.open({ commands: lanyard, colorScheme, viewport });
      await app.page.getByRole('button', { name: 'Settings' }).click();
      const section = app.page.getByRole('group', { name: 'Environment badges' });
      await section.scrollIntoViewIfNeeded();
      expect(await section.getByRole('textbox').count()).toBe(4);
      await saveScreenshot(app, `settings-environments-${name}-${viewport.width}x${viewport.height}-${colorScheme}`);
      expect(await contrastProblems(app.page)).toEqual([]);
      await app.close();
    }
  });
});
