// The main window's role list at its real sizes (the default 1040x720 and the minimum
// 720x480) and its interaction: nothing scrolls sideways, the action bar stays short, usual
// role names are whole, long names are cut in the middle with both ends kept, the filter has
// focus, status lines clear, the shortcuts sheet, the signed-out pane, error buttons, the
// first listing, and rows arriving above the view without moving it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInHint } from '../../electron/core/domain/errors.js';
import type { RoleView } from '../../electron/core/domain/views.js';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE } from '../../electron/main/window-options.js';
import type { AccountSpec } from '../fake-idc/organization.js';
import { demoLanyard, demoSignedOut, LONG_ACCOUNT_NAMES } from './harness/demo-scenario.js';
import { InMemoryLanyard, startHarness, type Harness, type LanyardPage } from './harness/index.js';
import { contrastProblems, hasFocus, unnamedControls } from './harness/page-checks.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const USUAL_ROLES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'SecurityAudit',
  'NetworkAdministrator',
  'Billing',
  'ViewOnlyAccess',
];

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
const toolbar = (app: LanyardPage) => app.page.getByRole('toolbar', { name: 'Role actions' });
const countLine = (app: LanyardPage) => app.page.locator('.roles__count');

/** Elements whose content is wider than their box (scrolls or is cut), by selector. */
async function overflowing(app: LanyardPage, selector: string): Promise<string[]> {
  return app.page
    .locator(selector)
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map((element) => `${element.className}: ${element.textContent ?? ''}`),
    );
}

describe.each([
  ['default', MAIN_WINDOW_SIZE],
  ['minimum', MAIN_WINDOW_MIN_SIZE],
] as const)('at the %s size', (name, viewport) => {
  it('scrolls nothing sideways and keeps the action bar short', async () => {
    const app = await harness.open({ commands: demoLanyard(), viewport });
    await options(app).first().waitFor();
    await filterBox(app).press('ArrowDown');
    expect(
      await overflowing(app, 'html, body, .app, .main, .roles, .roles__toolbar, .role-list, .role-columns'),
    ).toEqual([]);
    expect(await overflowing(app, '.role-row')).toEqual([]);
    // Each row's cells stay inside the row.
    const outside = await options(app).evaluateAll((rows) =>
      rows.flatMap((row) => {
        const box = row.getBoundingClientRect();
        return [...row.children]
          .filter((cell) => cell.getBoundingClientRect().right > box.right + 0.5)
          .map((cell) => cell.className);
      }),
    );
    expect(outside).toEqual([]);

    const buttonHeight =
      (
        await toolbar(app)
          .getByRole('button', { name: /Open console/ })
          .boundingBox()
      )?.height ?? 0;
    const barHeight = (await toolbar(app).boundingBox())?.height ?? Infinity;
    expect(buttonHeight).toBeGreaterThan(20);
    const lines = Math.round((barHeight + 6) / (buttonHeight + 6));
    expect(lines).toBeLessThanOrEqual(name === 'default' ? 1 : 2);
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });

  it('cuts long names in the middle, keeping both ends, with the full names in titles', async () => {
    const app = await harness.open({ commands: demoLanyard(), viewport });
    await filterBox(app).fill('payments settlement');
    await expect.poll(() => options(app).count()).toBe(2);
    for (const [index, end] of ['Prod APAC', 'Prod EU-02'].entries()) {
      const row = options(app).nth(index);
      const account = row.locator('.role-label__account');
      const tail = account.locator('.role-label__name .middle-truncate__tail');
      expect(await tail.textContent()).toBe(end);
      const cell = await account.boundingBox();
      const box = await tail.boundingBox();
      expect(box && cell && box.x >= cell.x && box.x + box.width <= cell.x + cell.width + 0.5).toBe(true);
      expect(await tail.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      // The name is too long for the column: its head is cut (with an ellipsis), not its end.
      const head = account.locator('.role-label__name .middle-truncate__head');
      expect(await head.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      expect(await head.textContent()).toBe('Acme Payments Settlement Reconciliation ');
      expect(await account.getAttribute('title')).toBe(`Acme Payments Settlement Reconciliation ${end} @acme`);
    }
    // The matched characters are still marked, in the part they fall in.
    expect(await options(app).first().locator('mark').allTextContents()).toEqual(['Payments', 'Settlement']);

    // The highlighted row's name is in full in the action bar.
    await filterBox(app).press('ArrowDown');
    expect(await app.page.locator('.action-bar__name').textContent()).toContain(LONG_ACCOUNT_NAMES[2]);
    expect(await overflowing(app, '.action-bar__name')).toEqual([]);

    // The shorter pair is whole at the default size, and keeps both ends at the minimum.
    await filterBox(app).fill('acme-payments-platform');
    await expect.poll(() => options(app).count()).toBe(4);
    const names = await options(app)
      .locator('.role-label__name')
      .evaluateAll((elements) =>
        elements.map((element) => ({
          text: element.textContent,
          tail: element.querySelector('.middle-truncate__tail')?.textContent,
          tailWhole: [...element.querySelectorAll('.middle-truncate__tail')].every(
            (tail) => tail.scrollWidth <= tail.clientWidth,
          ),
        })),
      );
    expect(new Set(names.map((entry) => entry.tail))).toEqual(new Set(['-apac', '-eu-02']));
    expect(names.every((entry) => entry.tailWhole)).toBe(true);
    if (name === 'default') expect(await overflowing(app, '.role-row .role-label__name')).toEqual([]);
    await app.close();
  });

  it('shows the usual role names whole', async () => {
    const accounts: AccountSpec[] = [{ accountId: '111122223333', accountName: 'acme-prod', roles: USUAL_ROLES }];
    const app = await harness.open({
      commands: new InMemoryLanyard({ sessions: [{ name: 'acme', accounts }] }),
      viewport,
    });
    await expect.poll(() => options(app).count()).toBe(USUAL_ROLES.length);
    const cut = await overflowing(app, '.role-row .role-label__role, .role-row .role-label__role *');
    if (name === 'default') expect(cut).toEqual([]);
    // Titles carry the full names either way.
    expect(
      new Set(
        await options(app)
          .locator('.role-label__role')
          .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title'))),
      ),
    ).toEqual(new Set(USUAL_ROLES));
    await app.close();
  });
});

describe('focus', () => {
  it('starts in the filter, and comes back to it on / and Ctrl+F, but not while typing elsewhere', async () => {
    const lanyard = new InMemoryLanyard({ roles: 20 });
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_SIZE });
    await options(app).first().waitFor();
    await expect.poll(() => hasFocus(filterBox(app))).toBe(true);

    await roleList(app).focus();
    await app.page.keyboard.press('/');
    await expect.poll(() => hasFocus(filterBox(app))).toBe(true);
    expect(await filterBox(app).inputValue()).toBe('');
    // In the filter, / is a character.
    await app.page.keyboard.type('a/b');
    expect(await filterBox(app).inputValue()).toBe('a/b');
    await filterBox(app).fill('');

    await toolbar(app).getByRole('button', { name: 'Rename account' }).focus();
    await app.page.keyboard.press('Control+f');
    await expect.poll(() => hasFocus(filterBox(app))).toBe(true);

    // Renaming: / and ? are the alias's characters.
    await app.page.keyboard.press('F2');
    const editor = app.page.getByRole('textbox', { name: /^Alias for / });
    await expect.poll(() => hasFocus(editor)).toBe(true);
    await app.page.keyboard.type('a/b?');
    expect(await editor.inputValue()).toBe('a/b?');
    expect(await app.page.getByRole('dialog').count()).toBe(0);
    await app.page.keyboard.press('Escape');
    await app.close();
  });
});

describe('status line', () => {
  it('names the profile copied, and clears after a few seconds', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10, now: () => T0 });
    const app = await harness.open({ commands: lanyard, clock: { at: T0, paused: true } });
    await options(app).first().waitFor();
    const first = (await options(app).first().getAttribute('data-role-key')) ?? '';
    const profile = lanyard.listRoles().find((role) => role.key === first)?.profileName ?? '';
    expect(profile).not.toBe('');
    await filterBox(app).press('Alt+Enter');
    const status = app.page.getByRole('region', { name: 'Selected role' }).getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`Copied ${profile}`);
    await app.page.clock.runFor(3000);
    expect(await status.textContent()).toBe(`Copied ${profile}`);
    await app.page.clock.runFor(1500);
    // Empty, the status line is hidden (and out of the accessibility tree).
    await expect.poll(() => status.count()).toBe(0);
    expect(await app.page.locator('.action-bar__status').textContent()).toBe('');
    await app.close();
  });
});

describe('keyboard shortcuts', () => {
  it.each(['light', 'dark'] as const)(
    'opens on ? (and its button), lists the real keys, closes on Escape (%s)',
    async (colorScheme) => {
      const app = await harness.open({ commands: demoLanyard(), viewport: MAIN_WINDOW_SIZE, colorScheme });
      await options(app).first().waitFor();
      await expect.poll(() => hasFocus(filterBox(app))).toBe(true);
      await app.page.keyboard.press('?');
      const sheet = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect.poll(() => sheet.isVisible()).toBe(true);
      expect(await filterBox(app).inputValue()).toBe('');
      const text = (await sheet.textContent()) ?? '';
      for (const entry of [
        'Open console',
        'Copy export lines',
        'Copy profile name',
        'Set as default profile',
        'Add to or remove from favourites',
        'Rename the account',
        'Filter accounts and roles',
        'Page Up',
        'Home',
      ])
        expect(text).toContain(entry);
      expect(text).toContain('CtrlD');
      expect(text).toContain('F2');
      expect(await unnamedControls(app.page)).toEqual([]);
      expect(await contrastProblems(app.page)).toEqual([]);
      await app.page.keyboard.press('Escape');
      await expect.poll(() => sheet.count()).toBe(0);
      await expect.poll(() => hasFocus(filterBox(app))).toBe(true);

      // With text in the filter, ? is a character; the button still opens the sheet.
      await filterBox(app).fill('pay');
      await app.page.keyboard.press('?');
      expect(await filterBox(app).inputValue()).toBe('pay?');
      expect(await sheet.count()).toBe(0);
      const button = app.page.getByRole('button', { name: 'Keyboard shortcuts' });
      await button.click();
      await expect.poll(() => sheet.isVisible()).toBe(true);
      await sheet.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => sheet.count()).toBe(0);
      await expect.poll(() => hasFocus(button)).toBe(true);
      expect(app.pageErrors).toEqual([]);
      await app.close();
    },
  );
});

describe('signed out', () => {
  it('offers a Sign in button for each session when none is signed in', async () => {
    const lanyard = new InMemoryLanyard({
      sessions: [
        { name: 'acme', signedIn: false },
        { name: 'legacy', signedIn: false },
      ],
    });
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_MIN_SIZE });
    const pane = app.page.getByRole('region', { name: 'Not signed in' });
    await expect.poll(() => pane.isVisible()).toBe(true);
    expect(await roleList(app).textContent()).toContain('Sign in to list the accounts and roles you can reach.');
    await pane.getByRole('button', { name: 'Sign in: legacy' }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['legacy']]);
    // While that sign-in runs, the others wait.
    await expect.poll(() => pane.getByRole('button', { name: 'Sign in: acme' }).isDisabled()).toBe(true);
    lanyard.approveSignIn();
    await expect.poll(() => pane.count()).toBe(0);
    await app.close();
  });

  it.each(['light', 'dark'] as const)(
    "draws a signed-out session's rows unavailable and says why (%s)",
    async (colorScheme) => {
      const lanyard = demoSignedOut();
      const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_SIZE, colorScheme });
      await options(app).first().waitFor();
      expect(await options(app).first().getAttribute('aria-disabled')).toBe('true');
      expect(await options(app).first().getAttribute('aria-label')).toContain('acme signed out');
      expect(
        await toolbar(app)
          .getByRole('button', { name: /Open console/ })
          .isDisabled(),
      ).toBe(true);
      expect(
        await toolbar(app)
          .getByRole('button', { name: /Copy exports/ })
          .isDisabled(),
      ).toBe(true);
      expect(
        await toolbar(app)
          .getByRole('button', { name: /Copy profile/ })
          .isEnabled(),
      ).toBe(true);
      expect(await app.page.getByText('Sign in to acme first', { exact: true }).isVisible()).toBe(true);
      expect(await unnamedControls(app.page)).toEqual([]);
      expect(await contrastProblems(app.page)).toEqual([]);
      await filterBox(app).press('Enter');
      await expect
        .poll(() => app.page.getByRole('region', { name: 'Selected role' }).getByRole('status').textContent())
        .toBe('Sign in to acme first.');
      expect(app.callsTo('openConsole')).toEqual([]);
      await app.close();
    },
  );
});

describe('errors', () => {
  it('offer buttons instead of commands: Sign in, Try again, Refresh list', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    const app = await harness.open({ commands: lanyard });
    await options(app).first().waitFor();
    const alert = app.page.getByRole('region', { name: 'Selected role' }).getByRole('alert');

    lanyard.failNext('openConsole', {
      code: 'SIGN_IN_REQUIRED',
      message: 'The SSO session acme has ended.',
      hint: signInHint('acme'),
    });
    await filterBox(app).press('Enter');
    await expect.poll(() => alert.textContent()).toContain('The SSO session acme has ended.');
    expect(await alert.textContent()).not.toContain('lanyard login');
    await alert.getByRole('button', { name: 'Sign in to acme again' }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme']]);
    await expect.poll(() => alert.count()).toBe(0);
    await lanyard.cancelSignIn();

    lanyard.failNext('copyExports', { code: 'NETWORK', message: 'portal.sso.eu-west-1.amazonaws.com did not answer.' });
    await filterBox(app).press('Control+Enter');
    await expect.poll(() => alert.textContent()).toContain('did not answer');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => app.callsTo('copyExports').length).toBe(2);
    await expect.poll(() => alert.count()).toBe(0);

    lanyard.failNext('openConsole', {
      code: 'NOT_FOUND',
      message: 'That role is no longer assigned to you.',
      hint: 'Refresh the account list.',
    });
    await filterBox(app).press('Enter');
    await expect.poll(() => alert.textContent()).toContain('no longer assigned');
    await alert.getByRole('button', { name: 'Refresh the account list of acme' }).click();
    await expect.poll(() => app.callsTo('refreshInventory')).toEqual([['acme']]);
    await app.close();
  });
});

describe('the first listing', () => {
  it('says how far it is in the count line and in the empty list', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', accounts: [] }] });
    const app = await harness.open({ commands: lanyard });
    lanyard.updateSession('acme', {
      inventory: { state: 'listing', done: 3, total: 40, complete: false, accounts: 3, roles: 0 },
    });
    await expect.poll(() => countLine(app).textContent()).toBe('0 roles · Listing… 3 of 40 accounts');
    expect(await roleList(app).textContent()).toBe('Listing accounts… 3 of 40');
    lanyard.updateSession('acme', {
      inventory: { state: 'idle', done: 40, total: 40, complete: true, accounts: 0, roles: 0, updatedAt: Date.now() },
    });
    await expect.poll(() => countLine(app).textContent()).toBe('0 roles');
    await app.close();
  });

  it('keeps the rows in view where they are when rows arrive above them', async () => {
    const accounts = (prefix: string, count: number): AccountSpec[] =>
      Array.from({ length: count }, (_, index) => ({
        accountId: String(200_000_000_000 + index + (prefix === 'aaa' ? 0 : 5000)),
        accountName: `${prefix}-account-${String(index).padStart(3, '0')}`,
        roles: ['ReadOnlyAccess', 'PowerUserAccess'],
      }));
    const lanyard = new InMemoryLanyard({
      sessions: [
        { name: 'acme', accounts: accounts('team', 200) },
        { name: 'early', accounts: accounts('aaa', 30), signedIn: false },
      ],
    });
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_SIZE });
    await options(app).first().waitFor();
    await roleList(app).evaluate((element) => {
      element.scrollTop = 36 * 100 + 10;
    });
    await expect.poll(() => options(app).first().getAttribute('aria-posinset').then(Number)).toBeGreaterThan(80);
    const top = async (): Promise<{ key: string | null; y: number }> =>
      roleList(app).evaluate((list) => {
        const box = list.getBoundingClientRect();
        const rows = [...list.querySelectorAll('[role=option]')];
        const first = rows
          .map((row) => ({ row, y: row.getBoundingClientRect().top - box.top }))
          .filter((entry) => entry.y >= 0)
          .sort((a, b) => a.y - b.y)[0];
        return { key: first?.row.getAttribute('data-role-key') ?? null, y: first?.y ?? -1 };
      });
    const before = await top();
    expect(before.key).toMatch(/^acme\//);

    void lanyard.signIn('early');
    lanyard.approveSignIn();
    await expect.poll(() => options(app).first().getAttribute('aria-setsize')).toBe(String(460));
    const view = (key: string | null) => roleList(app).locator(`[data-role-key="${key}"]`);
    await expect.poll(() => view(before.key).count()).toBe(1);
    const after = await top();
    expect(after.key).toBe(before.key);
    expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    await app.close();
  });
});

/** Unused, for the type checker: a RoleView's fields this file relies on. */
export type _Fields = Pick<RoleView, 'key' | 'profileName'>;
