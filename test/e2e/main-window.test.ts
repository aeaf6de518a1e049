// The main window in Chromium against the in-memory stand-in core: sessions and countdowns,
// the virtualised role list, filter, favourites, keyboard actions, aliases, notices, errors.
import { accountKey } from '../../electron/core/domain/model.js';
import type { RoleView } from '../../electron/core/domain/views.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InMemoryLanyard,
  renderCounts,
  resetRenderCounts,
  startHarness,
  type Harness,
  type LanyardPage,
} from './harness/index.js';
import { hasFocus } from './harness/page-checks.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MINUTE = 60_000;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const filterBox = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Filter accounts and roles' });
const roleList = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Accounts and roles' });
const options = (app: LanyardPage) => roleList(app).getByRole('option');

/** The role key the list's highlight is on. */
async function activeKey(app: LanyardPage): Promise<string | null> {
  const id = await filterBox(app).getAttribute('aria-activedescendant');
  return id ? app.page.locator(`[id="${id}"]`).getAttribute('data-role-key') : null;
}

/** Roles in the order the list shows them with no filter: by account display name, then role. */
function listOrder(roles: RoleView[]): RoleView[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...roles].sort(
    (a, b) =>
      collator.compare(a.alias || a.accountName, b.alias || b.accountName) ||
      a.accountId.localeCompare(b.accountId) ||
      collator.compare(a.roleName, b.roleName),
  );
}

describe('sessions', () => {
  it('shows each session with its health in words and a ticking countdown to the session end', async () => {
    const lanyard = new InMemoryLanyard({
      now: () => T0,
      sessions: [{ name: 'acme' }, { name: 'legacy', signedIn: false }],
    });
    const app = await harness.open({ commands: lanyard, clock: { at: T0 + 1000, paused: true } });
    const acme = app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name: 'acme' }) });
    const legacy = app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name: 'legacy' }) });
    await expect.poll(() => acme.textContent()).toContain('Signed in');
    expect(await legacy.textContent()).toContain('Signed out');
    await expect(legacy.getByRole('button', { name: 'Sign in to legacy', exact: true }).isVisible()).resolves.toBe(
      true,
    );

    // The access token renews by itself: the card counts down to the SSO session's end instead.
    const sessionEnd = acme.locator('.session__end time');
    expect(await sessionEnd.textContent()).toBe('7h 59m');
    expect(await acme.getByText('Token renews automatically').isVisible()).toBe(true);
    await app.page.clock.runFor(61_000);
    await expect.poll(() => sessionEnd.textContent()).toBe('7h 58m');
    await app.page.clock.runFor(8 * 60 * MINUTE);
    await expect.poll(() => sessionEnd.textContent()).toBe('expired');
    expect(await sessionEnd.getAttribute('class')).toContain('countdown--expired');
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('shows listing progress and a session that needs signing in again', async () => {
    const lanyard = new InMemoryLanyard();
    const app = await harness.open({ commands: lanyard });
    lanyard.updateSession('acme', {
      inventory: { state: 'listing', done: 120, total: 500, complete: false, accounts: 500, roles: 240 },
    });
    const progress = app.page.getByRole('progressbar', { name: 'Listing accounts… 120 of 500' });
    await expect.poll(() => progress.count()).toBe(1);
    expect(await app.page.getByText('Listing accounts… 120 of 500', { exact: true }).isVisible()).toBe(true);

    lanyard.updateSession('acme', {
      health: 'sign-in-needed',
      message: 'Your SSO session has ended.',
      hint: 'Sign in again to continue.',
    });
    await expect.poll(() => app.page.getByText('Sign-in needed').isVisible()).toBe(true);
    expect(await app.page.getByText('Your SSO session has ended.').isVisible()).toBe(true);
    await app.page.getByRole('button', { name: 'Sign in to acme', exact: true }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme']]);
    await app.close();
  });
});

describe('role list', () => {
  it('renders 10,000 roles with a small, constant number of rows in the DOM while scrolling', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10_000 });
    const app = await harness.open({ commands: lanyard });
    await expect
      .poll(() => app.page.getByRole('status').filter({ hasText: 'roles' }).textContent())
      .toBe('10,000 roles');
    const rendered = await options(app).count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(await options(app).first().getAttribute('aria-setsize')).toBe('10000');

    const order = listOrder(lanyard.listRoles());
    await roleList(app).evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    const last = order[order.length - 1] as RoleView;
    await expect.poll(() => roleList(app).locator(`[data-role-key="${last.key}"]`).count()).toBe(1);
    expect(await options(app).count()).toBeLessThan(60);

    await roleList(app).evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2;
    });
    await expect
      .poll(async () => Number(await options(app).first().getAttribute('aria-posinset')))
      .toBeGreaterThan(4000);
    expect(await options(app).count()).toBeLessThan(60);

    // Keyboard: Home and End on the focused list move the highlight and keep it rendered.
    await roleList(app).focus();
    await app.page.keyboard.press('End');
    const activeId = await roleList(app).getAttribute('aria-activedescendant');
    await expect.poll(() => app.page.locator(`[id="${activeId}"]`).getAttribute('aria-posinset')).toBe('10000');
    await app.page.keyboard.press('Home');
    await expect
      .poll(async () =>
        app.page
          .locator(`[id="${await roleList(app).getAttribute('aria-activedescendant')}"]`)
          .getAttribute('data-role-key'),
      )
      .toBe(order[0]?.key);
    await app.close();
  });

  it('filters instantly on the client and marks the matched characters', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10_000 });
    const app = await harness.open({ commands: lanyard });
    await filterBox(app).fill('prod payments admin');
    const status = app.page.getByRole('status').filter({ hasText: 'roles' });
    await expect.poll(() => status.textContent()).toMatch(/^\d+ of 10,000 roles$/);
    const shown = Number((await status.textContent())?.split(' ')[0]);
    const expected = lanyard
      .listRoles()
      .filter((role) => /prod-payments/.test(role.accountName) && role.roleName === 'AdministratorAccess').length;
    expect(shown).toBe(expected);
    for (const label of await options(app).evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('aria-label') ?? ''),
    )) {
      expect(label).toMatch(/acme-prod-payments.*AdministratorAccess/);
    }
    expect(await options(app).first().locator('mark').allTextContents()).toEqual(
      expect.arrayContaining(['prod', 'payments', 'Admin']),
    );
    expect(app.callsTo('search')).toEqual([]); // the main window filters locally

    await filterBox(app).fill('no such account anywhere');
    await expect.poll(() => roleList(app).textContent()).toContain('No roles match');
    await filterBox(app).press('Escape');
    await expect.poll(() => status.textContent()).toBe('10,000 roles');
    await app.close();
  });

  it('lists favourites first, and Ctrl+D stars the highlighted role', async () => {
    const lanyard = new InMemoryLanyard({ roles: 200 });
    const order = listOrder(lanyard.listRoles());
    const starred = order[150] as RoleView;
    await lanyard.toggleFavourite(starred.key);
    const app = await harness.open({ commands: lanyard });
    await expect.poll(() => options(app).first().getAttribute('data-role-key')).toBe(starred.key);
    expect(await options(app).first().getAttribute('aria-label')).toContain('favourite');

    const next = order[0] as RoleView;
    await filterBox(app).focus();
    await app.page.keyboard.press('ArrowDown');
    expect(await activeKey(app)).toBe(next.key);
    await app.page.keyboard.press('Control+d');
    await expect.poll(() => app.callsTo('toggleFavourite')).toEqual([[next.key]]);
    // Favourites keep the list's own order among themselves.
    await expect.poll(() => options(app).nth(0).getAttribute('data-role-key')).toBe(next.key);
    expect(await options(app).nth(1).getAttribute('data-role-key')).toBe(starred.key);
    expect(await options(app).nth(2).getAttribute('data-role-key')).toBe(order[1]?.key);
    await app.close();
  });

  it('acts on the highlighted role from the keyboard: Enter, Ctrl+Enter, Alt+Enter, Shift+Enter', async () => {
    const lanyard = new InMemoryLanyard({ roles: 60 });
    const order = listOrder(lanyard.listRoles());
    const app = await harness.open({ commands: lanyard });
    await filterBox(app).focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('ArrowDown');
    const third = order[2] as RoleView;
    expect(await activeKey(app)).toBe(third.key);

    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[third.key]]);
    await app.page.keyboard.press('Control+Enter');
    await expect.poll(() => app.callsTo('copyExports')).toEqual([[third.key]]);
    await app.page.keyboard.press('Alt+Enter');
    await expect.poll(() => app.callsTo('copyProfileName')).toEqual([[third.key]]);
    await app.page.keyboard.press('Shift+Enter');
    await expect.poll(() => app.callsTo('setDefaultProfile')).toEqual([[third.key]]);
    expect(lanyard.openedConsoles).toEqual([third.key]);

    const row = roleList(app).locator(`[data-role-key="${third.key}"]`);
    await expect.poll(() => row.getByText('default', { exact: true }).isVisible()).toBe(true);
    // Opening the console and copying exports made role credentials; the row counts them down.
    await expect.poll(() => row.locator('time[data-countdown]').textContent()).toMatch(/^(59m \d\ds|1h 00m)$/);
    expect(
      await app.page.getByRole('status').filter({ hasText: 'Set as the default profile' }).textContent(),
    ).toContain(third.roleName);

    // The toolbar does the same with the mouse.
    await app.page
      .getByRole('toolbar', { name: 'Role actions' })
      .getByRole('button', { name: /Copy profile/ })
      .click();
    await expect.poll(() => app.callsTo('copyProfileName').length).toBe(2);
    // Double-click opens a row's console.
    await options(app).first().dblclick();
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[third.key], [order[0]?.key]]);
    await app.close();
  });

  it('opens the console at a service and region picked in the action bar, and Escape backs out', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    const first = listOrder(lanyard.listRoles())[0] as RoleView;
    const app = await harness.open({ commands: lanyard });
    const toolbar = app.page.getByRole('toolbar', { name: 'Role actions' });
    const toggle = toolbar.getByRole('button', { name: 'Open the console at a service or region' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const picker = app.page.getByRole('group', { name: 'Console destination' });
    // The service choice has focus; Escape closes the picker and gives focus back to its button.
    await expect.poll(() => hasFocus(picker.getByLabel('Service'))).toBe(true);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => picker.count()).toBe(0);
    await expect.poll(() => hasFocus(toggle)).toBe(true);

    await toggle.click();
    await picker.getByLabel('Service').selectOption('logs');
    await picker.getByLabel('Region').selectOption('eu-central-1');
    await picker.getByRole('button', { name: 'Open console' }).click();
    await expect
      .poll(() => app.callsTo('openConsole'))
      .toEqual([[first.key, { region: 'eu-central-1', destination: 'logs' }]]);
    await expect.poll(() => picker.count()).toBe(0);
    await app.close();
  });

  it('shows a failed command inline, with its hint', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    lanyard.failNext('openConsole', {
      code: 'BROWSER_NOT_FOUND',
      message: 'No Chrome or Firefox found.',
      hint: 'Install one, or choose "Lanyard window" in Settings.',
    });
    const app = await harness.open({ commands: lanyard });
    await filterBox(app).press('Enter');
    const alert = app.page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('No Chrome or Firefox found.');
    expect(await alert.textContent()).toContain('Install one, or choose "Lanyard window" in Settings.');
    await alert.getByRole('button', { name: 'Dismiss error' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await app.close();
  });

  it('renames an account in place with F2', async () => {
    const lanyard = new InMemoryLanyard({ roles: 20 });
    const first = listOrder(lanyard.listRoles())[0] as RoleView;
    const app = await harness.open({ commands: lanyard });
    await filterBox(app).focus();
    await app.page.keyboard.press('F2');
    const editor = app.page.getByRole('textbox', {
      name: `Alias for ${first.accountName} (Enter saves, Escape cancels)`,
    });
    await expect.poll(() => hasFocus(editor)).toBe(true);
    await editor.fill('Payments (live)');
    await editor.press('Enter');
    await expect
      .poll(() => app.callsTo('setAlias'))
      .toEqual([[accountKey(first.sessionName, first.accountId), 'Payments (live)']]);
    const renamed = roleList(app).locator(`[data-role-key="${first.key}"]`);
    await expect.poll(() => renamed.textContent()).toContain('Payments (live)');
    expect(await renamed.textContent()).toContain(first.accountName);
    await expect.poll(() => hasFocus(filterBox(app))).toBe(true);

    // Escape cancels without a call.
    await app.page.keyboard.press('F2');
    await app.page.keyboard.press('Escape');
    expect(app.callsTo('setAlias')).toHaveLength(1);
    await app.close();
  });

  it('re-renders countdowns every second but not the rows around them', async () => {
    const lanyard = new InMemoryLanyard({ roles: 400, now: () => T0 });
    const order = listOrder(lanyard.listRoles());
    for (const role of order.slice(0, 6)) lanyard.activateCredentials(role.key, 30 * MINUTE);
    const app = await harness.open({ commands: lanyard, clock: { at: T0, paused: true }, countRenders: true });
    await expect.poll(() => roleList(app).locator('time[data-countdown]').count()).toBe(6);
    const countdowns = await app.page.locator('time[data-countdown]').count(); // rows + session card
    await resetRenderCounts(app.page);
    const before = await roleList(app).locator('time[data-countdown]').first().textContent();

    await app.page.clock.runFor(5000);
    await expect.poll(() => roleList(app).locator('time[data-countdown]').first().textContent()).not.toBe(before);
    const counts = await renderCounts(app.page);
    expect(counts.countdown ?? 0).toBeGreaterThanOrEqual(countdowns * 4);
    expect(counts.option ?? 0).toBe(0);
    expect(counts.listbox ?? 0).toBe(0);

    // And the counter does see rows render when they do change: the highlight moves.
    await resetRenderCounts(app.page);
    await filterBox(app).press('ArrowDown');
    await expect.poll(async () => (await renderCounts(app.page)).option ?? 0).toBe(2);
    await app.close();
  });
});

describe('notices', () => {
  it('shows assignment changes and config problems; notices can be dismissed', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    lanyard.addNotice({
      id: 'assign-1',
      kind: 'assignments-changed',
      title: 'Assignments changed',
      body: '2 roles added in acme-prod-payments.',
    });
    lanyard.setState({ problems: ['~/.aws/config: [sso-session work] has no sso_region.'] });
    const app = await harness.open({ commands: lanyard });
    const notices = app.page.getByRole('list', { name: 'Notices' });
    await expect.poll(() => notices.textContent()).toContain('2 roles added in acme-prod-payments.');
    expect(await notices.textContent()).toContain('[sso-session work] has no sso_region.');
    await notices.getByRole('button', { name: 'Dismiss: Assignments changed' }).click();
    await expect.poll(() => app.callsTo('dismissNotice')).toEqual([['assign-1']]);
    await expect.poll(() => notices.textContent()).not.toContain('2 roles added');
    await app.close();
  });
});
