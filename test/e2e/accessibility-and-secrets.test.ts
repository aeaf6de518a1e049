// Whole-page checks in both themes: every control has an accessible name, text meets WCAG AA
// contrast, keyboard focus is visible, the Content-Security-Policy holds, and no secret the
// core holds ever reaches the DOM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLanyard } from './harness/demo-scenario.js';
import { FAKE_SECRETS, startHarness, type Harness, type LanyardPage } from './harness/index.js';
import {
  accessibleRoles,
  contrastProblems,
  secretsInPage,
  tabThrough,
  unnamedControls,
} from './harness/page-checks.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The main window in each of its states: roles (with an alias being edited), a device sign-in, settings, a new session. */
const MAIN_WINDOW_STATES: Array<[string, (app: LanyardPage) => Promise<void>]> = [
  [
    'roles',
    async (app) =>
      void (await app.page.getByRole('combobox', { name: 'Filter accounts and roles' }).press('ArrowDown')),
  ],
  [
    'renaming an account',
    async (app) => void (await app.page.getByRole('combobox', { name: 'Filter accounts and roles' }).press('F2')),
  ],
  [
    'device sign-in',
    async (app) => {
      await app.page.getByRole('button', { name: 'Sign out of acme-labs' }).click();
      await app.page.getByRole('button', { name: 'Sign in to acme-labs with a device code' }).click();
      await app.page.getByRole('status', { name: 'Device user code' }).waitFor();
    },
  ],
  ['settings', async (app) => void (await app.page.getByRole('button', { name: 'Settings' }).click())],
  [
    'new session with errors',
    async (app) => {
      await app.page.getByRole('button', { name: 'Add session' }).click();
      await app.page.getByRole('button', { name: 'Sign in with browser' }).click();
    },
  ],
];

describe.each(['light', 'dark'] as const)('%s theme', (colorScheme) => {
  it.each(MAIN_WINDOW_STATES)('main window (%s): named controls, AA contrast, no CSP errors', async (_state, reach) => {
    const app = await harness.open({ commands: demoLanyard(), colorScheme });
    await app.page.getByRole('listbox', { name: 'Accounts and roles' }).getByRole('option').first().waitFor();
    await reach(app);
    expect(await unnamedControls(app.page)).toEqual([]);
    expect(await contrastProblems(app.page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('palette: named controls, AA contrast', async () => {
    const app = await harness.open({ commands: demoLanyard(), window: 'palette', colorScheme });
    await app.page.getByRole('option').first().waitFor();
    expect(await unnamedControls(app.page)).toEqual([]);
    expect(await contrastProblems(app.page)).toEqual([]);
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).fill('pay');
    await app.page.getByRole('group', { name: 'Search results' }).getByRole('option').first().waitFor();
    expect(await unnamedControls(app.page)).toEqual([]);
    expect(await contrastProblems(app.page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });
});

describe('structure and focus', () => {
  it('exposes the role list as a named listbox of options, driven by a combobox with aria-activedescendant', async () => {
    const app = await harness.open({ commands: demoLanyard() });
    const filter = app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
    await app.page.getByRole('option').first().waitFor();
    const listId = await filter.getAttribute('aria-controls');
    expect(await app.page.locator(`[id="${listId}"]`).getAttribute('role')).toBe('listbox');
    await filter.press('ArrowDown');
    const active = app.page.locator(`[id="${await filter.getAttribute('aria-activedescendant')}"]`);
    expect(await active.getAttribute('role')).toBe('option');
    expect(await active.getAttribute('aria-selected')).toBe('true');
    const roles = await accessibleRoles(app.page);
    expect(roles).toContainEqual({ role: 'navigation', name: 'Views' });
    expect(roles).toContainEqual({ role: 'main', name: '' });
    expect(roles.filter((node) => node.role === 'option' && /, account \d{12}/.test(node.name)).length).toBeGreaterThan(
      10,
    );
    await app.close();
  });

  it('shows where keyboard focus is on every stop, in a sensible order', async () => {
    const app = await harness.open({ commands: demoLanyard() });
    await app.page.getByRole('option').first().waitFor();
    // The filter has focus when the window opens; walk the page from its top instead (a click
    // on the empty corner above the brand moves where Tab starts from).
    await app.page.mouse.click(2, 2);
    const stops = await tabThrough(app.page);
    expect(stops.length).toBeGreaterThan(12);
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
    const names = stops.map((stop) => stop.element);
    const index = (pattern: RegExp): number => names.findIndex((name) => pattern.test(name));
    // Navigation, then the sessions, then the role filter, the list and the role's actions.
    expect(index(/Accounts and roles/)).toBeLessThan(index(/Sign out of acme\b/));
    expect(index(/Sign out of acme\b/)).toBeLessThan(index(/Filter accounts and roles/));
    expect(index(/Filter accounts and roles/)).toBeLessThan(index(/^div Accounts and roles/));
    expect(index(/^div Accounts and roles/)).toBeLessThan(index(/Open console/));
    await app.close();
  });
});

describe('secrets', () => {
  it('never shows a token or key in the main window or the palette, even after copying credentials', async () => {
    const lanyard = demoLanyard();
    const app = await harness.open({ commands: lanyard });
    const filter = app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
    await app.page.getByRole('option').first().waitFor();
    await filter.press('Control+Enter');
    await filter.press('ArrowDown');
    await filter.press('Enter');
    await expect.poll(() => lanyard.clipboard.length).toBe(1);
    // The stand-in really did handle secrets: they went to the (Node-side) clipboard only.
    expect(lanyard.clipboard[0]).toContain(FAKE_SECRETS.secretAccessKey);
    expect(await secretsInPage(app.page, Object.values(FAKE_SECRETS))).toEqual([]);

    const palette = await harness.open({ commands: lanyard, window: 'palette' });
    await palette.page.getByRole('combobox', { name: 'Search accounts and roles' }).fill('prod');
    await palette.page.getByRole('option').first().waitFor();
    await palette.page.keyboard.press('Control+Enter');
    await expect.poll(() => lanyard.clipboard.length).toBe(2);
    expect(await secretsInPage(palette.page, Object.values(FAKE_SECRETS))).toEqual([]);
    await palette.close();
    await app.close();
  });

  it('the scan finds a secret when one is in the page', async () => {
    const app = await harness.open({ commands: demoLanyard() });
    await app.page.getByRole('option').first().waitFor();
    const body = app.page.locator('body');
    await body.evaluate((element, secret) => element.setAttribute('data-leak', secret), FAKE_SECRETS.sessionToken);
    expect(await secretsInPage(app.page, Object.values(FAKE_SECRETS))).toContain(FAKE_SECRETS.sessionToken);
    await body.evaluate((element) => element.setAttribute('data-leak', 'ASIAQWERTYUIOPASDFGH'));
    expect(await secretsInPage(app.page, [])).toEqual(['ASIAQWERTYUIOPASDFGH']);
    await app.close();
  });
});
