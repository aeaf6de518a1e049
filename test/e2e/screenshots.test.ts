// Screenshots of the main window at its real sizes (the default 1040x720 and the minimum
// 720x480), light and dark: the role list, a first listing, the signed-out pane, the keyboard
// shortcuts, long names cut in the middle, a device-code sign-in, settings; and the palette at
// its own size. Saved to test/artifacts/ for people to look at. Time is frozen so countdowns
// are stable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFirstListing, demoLanyard, demoSignedOut } from './harness/demo-scenario.js';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE, PALETTE_SIZE } from '../../electron/main/window-options.js';
import { saveScreenshot } from './harness/screenshot.js';
import { startHarness, type Harness, type InMemoryLanyard, type LanyardPage } from './harness/index.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

const SIZES = [
  ['default', MAIN_WINDOW_SIZE],
  ['minimum', MAIN_WINDOW_MIN_SIZE],
] as const;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function openFrozen(
  window: 'main' | 'palette',
  colorScheme: 'light' | 'dark',
  viewport: { width: number; height: number },
  commands: InMemoryLanyard = demoLanyard(() => T0),
): Promise<LanyardPage> {
  return harness.open({ commands, window, colorScheme, clock: { at: T0 + 1000, paused: true }, viewport });
}

const filterBox = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
const options = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Accounts and roles' }).getByRole('option');

describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
  describe.each(SIZES)('at the %s size', (name, size) => {
    const at = `${name}-${size.width}x${size.height}-${scheme}`;

    it('main window', async () => {
      const app = await openFrozen('main', scheme, size);
      await expect.poll(() => options(app).count()).toBeGreaterThan(3);
      await filterBox(app).press('ArrowDown');
      await saveScreenshot(app, `main-${at}`);
      await app.close();
    });

    it('long names cut in the middle, the highlighted one in full', async () => {
      const app = await openFrozen('main', scheme, size);
      await filterBox(app).fill('payments');
      await expect.poll(() => options(app).count()).toBeGreaterThan(3);
      await filterBox(app).press('ArrowDown');
      await saveScreenshot(app, `main-long-names-${at}`);
      await app.close();
    });

    it('the first listing under way', async () => {
      const app = await openFrozen(
        'main',
        scheme,
        size,
        demoFirstListing(() => T0),
      );
      await expect.poll(() => options(app).count()).toBeGreaterThan(3);
      await saveScreenshot(app, `main-first-listing-${at}`);
      await app.close();
    });

    it('signed out', async () => {
      const app = await openFrozen(
        'main',
        scheme,
        size,
        demoSignedOut(() => T0),
      );
      await expect.poll(() => options(app).count()).toBeGreaterThan(3);
      await filterBox(app).press('ArrowDown');
      await saveScreenshot(app, `main-signed-out-${at}`);
      await app.close();
    });

    it('keyboard shortcuts', async () => {
      const app = await openFrozen('main', scheme, size);
      await expect.poll(() => options(app).count()).toBeGreaterThan(3);
      await app.page.keyboard.press('?');
      await expect.poll(() => app.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
      await saveScreenshot(app, `main-shortcuts-${at}`);
      await app.close();
    });

    it('filtered, with a device-code sign-in under way', async () => {
      const app = await openFrozen('main', scheme, size);
      await app.page.getByRole('button', { name: 'Sign out of acme-labs' }).click();
      await app.page.getByRole('button', { name: 'Sign in to acme-labs with a device code' }).click();
      await expect.poll(() => app.page.getByRole('status', { name: 'Device user code' }).count()).toBe(1);
      await filterBox(app).fill('pay prod');
      await saveScreenshot(app, `sign-in-${at}`);
      await app.close();
    });

    it('settings, top and the system group', async () => {
      const app = await openFrozen('main', scheme, size);
      await app.page.getByRole('button', { name: 'Settings' }).click();
      await app.page.getByLabel('Default region').fill('eu-west');
      await app.page.getByLabel('Shell for copied exports').scrollIntoViewIfNeeded();
      await saveScreenshot(app, `settings-${at}`);
      await app.page.getByLabel('Check for updates automatically').scrollIntoViewIfNeeded();
      await saveScreenshot(app, `settings-system-${at}`);
      await app.close();
    });
  });

  it('palette', async () => {
    const app = await openFrozen('palette', scheme, PALETTE_SIZE);
    await expect.poll(() => app.page.getByRole('option').count()).toBeGreaterThan(0);
    await saveScreenshot(app, `palette-empty-${scheme}`);
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).fill('pay');
    await expect
      .poll(() => app.page.getByRole('group', { name: 'Search results' }).getByRole('option').count())
      .toBeGreaterThan(3);
    await app.page.keyboard.press('ArrowDown');
    await saveScreenshot(app, `palette-${scheme}`);
    await app.close();
  });
});
