// Screenshots of the interaction details, light and dark, at the windows' real sizes, saved to
// test/artifacts/ for people to look at: the palette's "first N" note, its console destination
// picker and `?` key list, a role of a signed-out session, the session cards, and the
// shortcut recorder refusing an incomplete shortcut. Time is frozen so countdowns are stable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE, PALETTE_SIZE } from '../../electron/main/window-options.js';
import { demoLanyard } from './harness/demo-scenario.js';
import { saveScreenshot } from './harness/screenshot.js';
import { InMemoryLanyard, startHarness, type Harness, type LanyardPage } from './harness/index.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

function open(
  commands: InMemoryLanyard,
  window: 'main' | 'palette',
  colorScheme: 'light' | 'dark',
  viewport: { width: number; height: number },
): Promise<LanyardPage> {
  return harness.open({ commands, window, colorScheme, viewport, clock: { at: T0 + 1000, paused: true } });
}

const search = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Search accounts and roles' });

describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
  it('palette: the first 50 of many matches', async () => {
    const app = await open(new InMemoryLanyard({ now: () => T0, roles: 2000 }), 'palette', scheme, PALETTE_SIZE);
    await search(app).fill('a');
    await expect.poll(() => app.page.getByText('Showing the first 50 matches').count()).toBe(1);
    await saveScreenshot(app, `palette-first-n-${scheme}`);
    await app.close();
  });

  it('palette: the console destination picker', async () => {
    const app = await open(
      demoLanyard(() => T0),
      'palette',
      scheme,
      PALETTE_SIZE,
    );
    await search(app).fill('pay prod');
    await expect.poll(() => app.page.getByRole('option').count()).toBeGreaterThan(2);
    await search(app).press('ArrowDown');
    await search(app).press('Tab');
    const picker = app.page.getByRole('group', { name: 'Console destination' });
    await picker.getByLabel('Service').selectOption('logs');
    await saveScreenshot(app, `palette-console-picker-${scheme}`);
    await app.close();
  });

  it('palette: the key list and a signed-out session', async () => {
    const lanyard = demoLanyard(() => T0);
    const app = await open(lanyard, 'palette', scheme, PALETTE_SIZE);
    await expect.poll(() => app.page.getByRole('option').count()).toBeGreaterThan(0);
    await search(app).press('?');
    await expect.poll(() => app.page.getByRole('region', { name: 'All palette keys' }).count()).toBe(1);
    await saveScreenshot(app, `palette-keys-${scheme}`);
    await search(app).press('Escape');
    lanyard.updateSession('acme', { health: 'sign-in-needed' });
    await search(app).fill('checkout');
    await expect.poll(() => app.page.getByText(/needs a new sign-in/).count()).toBe(1);
    await saveScreenshot(app, `palette-signed-out-${scheme}`);
    await app.close();
  });

  it.each([
    ['default', MAIN_WINDOW_SIZE],
    ['minimum', MAIN_WINDOW_MIN_SIZE],
  ] as const)('session cards at the %s size', async (name, size) => {
    const lanyard = demoLanyard(() => T0);
    lanyard.failNext('refreshInventory', {
      code: 'NETWORK',
      message: 'IAM Identity Center did not answer.',
      hint: 'Check your connection.',
    });
    const app = await open(lanyard, 'main', scheme, size);
    const acme = app.page
      .getByRole('listitem')
      .filter({ has: app.page.getByRole('heading', { name: 'acme', exact: true }) });
    await acme.getByRole('button', { name: 'Refresh the account list of acme' }).click();
    await expect.poll(() => app.page.getByRole('alert').count()).toBe(1);
    await saveScreenshot(app, `session-cards-${name}-${size.width}x${size.height}-${scheme}`);
    await app.close();
  });

  it('settings: the shortcut recorder refusing a shortcut without its key', async () => {
    const app = await open(
      demoLanyard(() => T0),
      'main',
      scheme,
      MAIN_WINDOW_MIN_SIZE,
    );
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByRole('button', { name: 'Record shortcut' }).click();
    await app.page.keyboard.down('Control');
    await app.page.keyboard.down('Shift');
    await app.page.keyboard.up('Shift');
    await app.page.keyboard.up('Control');
    await expect.poll(() => app.page.getByText('Ctrl+Shift+ has no key yet').count()).toBe(1);
    await saveScreenshot(app, `settings-hotkey-recorder-${scheme}`);
    await app.close();
  });
});
