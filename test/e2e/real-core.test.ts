// The renderer against the core's real facade and the fake Identity Center: device sign-in,
// the listed inventory, search, opening the console through the injected launcher, copying
// credentials, countdowns running out and a session that ends.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, startRealCore, type Harness, type LanyardPage, type RealCore } from './harness/index.js';
import { secretsInPage } from './harness/page-checks.js';

let harness: Harness;
let core: RealCore | undefined;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

const card = (app: LanyardPage, name: string) =>
  app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name, exact: true }) });
const filterBox = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
const roleList = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Accounts and roles' });

async function activeKey(app: LanyardPage, combobox = filterBox(app)): Promise<string | null> {
  const id = await combobox.getAttribute('aria-activedescendant');
  return id ? app.page.locator(`[id="${id}"]`).getAttribute('data-role-key') : null;
}

describe('the renderer on the real core', () => {
  it('signs in with the device code approved on the fake, then lists, filters and opens the console', async () => {
    core = await startRealCore({ approval: 'manual', accounts: 30, rolesPerAccount: 2 });
    const app = await harness.open({ commands: core.lanyard });
    await expect.poll(() => card(app, 'work').textContent()).toContain('Signed out');

    await app.page.getByRole('button', { name: 'Sign in to work with a device code' }).click();
    const code = app.page.getByRole('status', { name: 'Device user code' });
    await expect.poll(() => code.textContent(), { timeout: 10_000 }).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const userCode = (await code.textContent()) as string;
    expect(core.openedExternally.at(-1)).toContain(`user_code=${userCode}`);
    expect(await secretsInPage(app.page, core.secrets())).toEqual([]);

    core.fixture.fake.approveDevice(userCode);
    await expect.poll(() => card(app, 'work').textContent(), { timeout: 15_000 }).toContain('Signed in');
    expect(await app.page.getByRole('region', { name: /^Signing in to/ }).count()).toBe(0);
    const status = app.page.getByRole('status').filter({ hasText: 'roles' });
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('60 roles');
    // The card shows that the token renews by itself, not its hourly expiry.
    expect(await card(app, 'work').getByText('Token renews automatically').isVisible()).toBe(true);

    await filterBox(app).fill('prod payments');
    await expect.poll(() => status.textContent()).toMatch(/^\d+ of 60 roles$/);
    const key = await activeKey(app);
    expect(key).toMatch(/^work\/\d{12}\/\w+$/);
    expect(await roleList(app).locator(`[data-role-key="${key}"]`).getAttribute('aria-label')).toContain(
      'acme-prod-payments',
    );
    await filterBox(app).press('Enter');
    await expect.poll(() => core?.inAppConsoles.length, { timeout: 10_000 }).toBe(1);
    expect(core.inAppConsoles[0]?.role.key).toBe(key);
    expect(core.inAppConsoles[0]?.url).toContain('Action=login');
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: 'Opening the console' }).count()).toBe(1);
    // The card summarises the listing (once a snapshot after the listing arrives; see the known bug below).
    await expect.poll(() => card(app, 'work').textContent()).toContain('30 accounts · 60 roles');
    // The console credentials now count down on the row.
    await expect
      .poll(() => roleList(app).locator(`[data-role-key="${key}"] time[data-countdown]`).textContent())
      .toMatch(/^(59m \d\ds|1h 00m)$/);

    await filterBox(app).press('Control+Enter');
    await expect.poll(() => core?.clipboard.length).toBe(1);
    expect(core.clipboard[0]).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA\w+'$/m);
    expect(core.secrets().length).toBeGreaterThan(5);
    expect(await secretsInPage(app.page, core.secrets())).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('searches the core’s index from the palette and opens the console with Enter', async () => {
    core = await startRealCore({ accounts: 40, rolesPerAccount: 2, signedIn: true });
    const main = await harness.open({ commands: core.lanyard });
    await expect
      .poll(() => main.page.getByRole('status').filter({ hasText: 'roles' }).textContent(), { timeout: 15_000 })
      .toBe('80 roles');
    await main.close();

    const app = await harness.open({ commands: core.lanyard, window: 'palette' });
    const input = app.page.getByRole('combobox', { name: 'Search accounts and roles' });
    await input.pressSequentially('stag ident');
    const hits = await core.lanyard.search('stag ident', 50);
    expect(hits.length).toBeGreaterThan(0);
    const results = app.page.getByRole('listbox', { name: 'Results' }).getByRole('option');
    await expect
      .poll(() => results.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role-key'))))
      .toEqual(hits.map((hit) => hit.key));
    expect((await results.first().locator('mark').allTextContents()).join('')).toMatch(/stag.*ident|ident.*stag/i);

    await input.press('ArrowDown');
    expect(await activeKey(app, input)).toBe(hits[1]?.key ?? hits[0]?.key);
    await input.press('Enter');
    await expect
      .poll(() => core?.inAppConsoles.map((request) => request.role.key), { timeout: 10_000 })
      .toEqual([hits[1]?.key ?? hits[0]?.key]);
    await expect.poll(() => app.callsTo('hidePalette')).toHaveLength(1);

    // The console just opened is a recent now: the empty palette offers it first.
    await app.showPalette();
    await expect
      .poll(() =>
        app.page.getByRole('group', { name: 'Recent' }).getByRole('option').first().getAttribute('data-role-key'),
      )
      .toBe(hits[1]?.key ?? hits[0]?.key);
    expect(await secretsInPage(app.page, core.secrets())).toEqual([]);
    await app.close();
  });

  // InventoryService emits 'updated' while the listing is still running, so that snapshot says
  // 'listing'; its 'settled' event brings a fresh one once the listing is over, so the card
  // never stays at "Listing accounts 30/30".
  it('shows the listing as finished as soon as it ends', async () => {
    core = await startRealCore({ accounts: 30, rolesPerAccount: 2, signedIn: true });
    const app = await harness.open({ commands: core.lanyard });
    await expect
      .poll(() => app.page.getByRole('status').filter({ hasText: 'roles' }).textContent(), { timeout: 15_000 })
      .toBe('60 roles');
    expect(await core.lanyard.refreshInventory('work')).toEqual({ ok: true, value: undefined });
    try {
      await expect.poll(() => card(app, 'work').textContent(), { timeout: 3_000 }).toContain('30 accounts · 60 roles');
    } finally {
      await app.close();
    }
  });

  it('counts role credentials down to zero, and shows when the SSO session has ended', async () => {
    // Whole seconds, so expiries land on the ticker's whole-second ticks.
    const clock = new FakeClock(Math.ceil(Date.now() / 1000) * 1000);
    core = await startRealCore({ clock, accounts: 2, lifetimes: { accessTokenMs: 20_000 }, signedIn: true });
    const app = await harness.open({ commands: core.lanyard, clock: { at: clock.now(), paused: true } });
    const rows = roleList(app).getByRole('option');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
    const key = (await rows.first().getAttribute('data-role-key')) as string;
    expect(await core.lanyard.copyExports(key)).toEqual({ ok: true, value: undefined });
    const countdown = roleList(app).locator(`[data-role-key="${key}"] time[data-countdown]`);
    await expect.poll(() => countdown.textContent()).toBe('1h 00m');
    const expiresAt = (await core.lanyard.getState()).activeCredentials.find((entry) => entry.key === key)
      ?.expiresAt as number;
    const pageNow = async (): Promise<number> => app.page.evaluate<number>('Date.now()');

    await app.page.clock.runFor(expiresAt - (await pageNow()) - 5 * 60_000);
    await expect.poll(() => countdown.textContent()).toBe('5m 00s');
    expect(await countdown.getAttribute('class')).toContain('countdown--warn');
    await app.page.clock.runFor(expiresAt - (await pageNow()) - 1000);
    await expect.poll(() => countdown.textContent()).toBe('1s');
    await app.page.clock.runFor(1000);
    await expect.poll(() => countdown.textContent()).toBe('expired');
    expect(await countdown.getAttribute('class')).toContain('countdown--expired');

    core.fixture.fake.endAllSessions();
    for (
      let i = 0;
      i < 40 && !(await core.lanyard.getState()).sessions.some((session) => session.health === 'sign-in-needed');
      i += 1
    ) {
      await clock.advanceAsync(1_000);
      await core.lanyard.idle();
    }
    await expect.poll(() => card(app, 'work').textContent(), { timeout: 10_000 }).toContain('Sign-in needed');
    expect(await card(app, 'work').getByRole('button', { name: 'Sign in to work', exact: true }).isEnabled()).toBe(
      true,
    );
    await expect
      .poll(() => app.page.getByRole('list', { name: 'Notices' }).textContent())
      .toContain('Sign in to work again');
    await app.close();
  });
});
