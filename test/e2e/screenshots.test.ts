// Screenshots of the main window (light and dark), the device-code sign-in, settings and the
// palette, saved to test/artifacts/ for people to look at. Time is frozen so countdowns are stable.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLanyard } from './harness/demo-scenario.js';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE } from '../../electron/main/window-options.js';
import { ARTIFACTS_DIR, startHarness, type Harness, type LanyardPage } from './harness/index.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

let harness: Harness;
beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function shoot(app: LanyardPage, name: string): Promise<void> {
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await app.page.screenshot({ path: file });
  expect(statSync(file).size).toBeGreaterThan(10_000);
  expect(app.pageErrors).toEqual([]);
}

async function openFrozen(
  window: 'main' | 'palette',
  colorScheme: 'light' | 'dark',
  viewport?: { width: number; height: number },
): Promise<LanyardPage> {
  return harness.open({
    commands: demoLanyard(() => T0),
    window,
    colorScheme,
    clock: { at: T0 + 1000, paused: true },
    ...(viewport ? { viewport } : {}),
  });
}

describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
  it('main window', async () => {
    const app = await openFrozen('main', scheme);
    const list = app.page.getByRole('listbox', { name: 'Accounts and roles' });
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(10);
    await app.page.getByRole('combobox', { name: 'Filter accounts and roles' }).focus();
    await app.page.keyboard.press('ArrowDown');
    await shoot(app, `main-${scheme}`);
    await app.close();
  });

  it.each([
    ['default', MAIN_WINDOW_SIZE],
    ['minimum', MAIN_WINDOW_MIN_SIZE],
  ] as const)('main window at its %s size', async (name, size) => {
    const app = await openFrozen('main', scheme, size);
    const list = app.page.getByRole('listbox', { name: 'Accounts and roles' });
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(3);
    await shoot(app, `main-${name}-${size.width}x${size.height}-${scheme}`);
    await app.close();
  });

  it('main window, filtered, with a device-code sign-in under way', async () => {
    const app = await openFrozen('main', scheme);
    await app.page.getByRole('button', { name: 'Sign out of acme-labs' }).click();
    await app.page.getByRole('button', { name: 'Sign in to acme-labs with a device code' }).click();
    await expect.poll(() => app.page.getByRole('status', { name: 'Device user code' }).count()).toBe(1);
    await app.page.getByRole('combobox', { name: 'Filter accounts and roles' }).fill('pay prod');
    await shoot(app, `sign-in-${scheme}`);
    await app.close();
  });

  it('settings', async () => {
    const app = await openFrozen('main', scheme);
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByLabel('Default region').fill('eu-west');
    await shoot(app, `settings-${scheme}`);
    await app.close();
  });

  it.each([
    ['default', MAIN_WINDOW_SIZE],
    ['minimum', MAIN_WINDOW_MIN_SIZE],
  ] as const)('settings at the %s size, top and the system group', async (name, size) => {
    const app = await openFrozen('main', scheme, size);
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByLabel('Shell for copied exports').scrollIntoViewIfNeeded();
    await shoot(app, `settings-${name}-${size.width}x${size.height}-${scheme}`);
    await app.page.getByLabel('Check for updates automatically').scrollIntoViewIfNeeded();
    await shoot(app, `settings-system-${name}-${size.width}x${size.height}-${scheme}`);
    await app.close();
  });

  it('palette', async () => {
    const app = await openFrozen('palette', scheme);
    await expect.poll(() => app.page.getByRole('option').count()).toBeGreaterThan(0);
    await shoot(app, `palette-empty-${scheme}`);
    await app.page.getByRole('combobox', { name: 'Search accounts and roles' }).fill('pay');
    await expect
      .poll(() => app.page.getByRole('group', { name: 'Search results' }).getByRole('option').count())
      .toBeGreaterThan(3);
    await app.page.keyboard.press('ArrowDown');
    await shoot(app, `palette-${scheme}`);
    await app.close();
  });
});
