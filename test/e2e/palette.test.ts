// The hotkey palette in Chromium: search through window.lanyard.search, keyboard actions on
// the highlighted result, Esc, onPaletteShown, and favourites and recents for an empty query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryLanyard, startHarness, type Harness, type LanyardPage } from './harness/index.js';
import { hasFocus } from './harness/page-checks.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const input = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Search accounts and roles' });
const results = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Results' }).getByRole('option');

async function activeKey(app: LanyardPage): Promise<string | null> {
  const id = await input(app).getAttribute('aria-activedescendant');
  return id ? app.page.locator(`[id="${id}"]`).getAttribute('data-role-key') : null;
}

async function openPalette(lanyard: InMemoryLanyard): Promise<LanyardPage> {
  const app = await harness.open({ commands: lanyard, window: 'palette' });
  await expect.poll(() => hasFocus(input(app))).toBe(true);
  return app;
}

describe('palette', () => {
  it('searches through window.lanyard.search and marks the matched characters', async () => {
    const lanyard = new InMemoryLanyard({ roles: 2000 });
    const app = await openPalette(lanyard);
    await input(app).pressSequentially('pay adm');
    // One more than it shows, to know whether there are more (see palette-and-session.test.ts).
    await expect.poll(() => app.callsTo('search').at(-1)).toEqual(['pay adm', 51]);
    const hits = await lanyard.search('pay adm', 50);
    await expect
      .poll(() => results(app).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role-key'))))
      .toEqual(hits.map((hit) => hit.key));
    expect(await results(app).first().locator('mark').allTextContents()).toEqual(['pay', 'Adm']);
    expect(await activeKey(app)).toBe(hits[0]?.key);
    expect(await results(app).first().getAttribute('aria-selected')).toBe('true');
    await app.close();
  });

  it('moves with Up and Down and runs the action Enter and its variants ask for, then hides', async () => {
    const lanyard = new InMemoryLanyard({ roles: 400 });
    const app = await openPalette(lanyard);
    await input(app).fill('payments');
    const hits = await lanyard.search('payments', 50);
    await expect.poll(() => results(app).count()).toBe(hits.length);
    const key = (index: number): string => hits[index]?.key ?? '';

    await input(app).press('ArrowDown');
    await input(app).press('ArrowDown');
    await input(app).press('ArrowUp');
    await input(app).press('ArrowDown');
    expect(await activeKey(app)).toBe(key(2));
    await input(app).press('Enter');
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[key(2)]]);
    await expect.poll(() => app.callsTo('hidePalette')).toHaveLength(1);

    await input(app).press('ArrowUp');
    await input(app).press('Control+Enter');
    await expect.poll(() => app.callsTo('copyExports')).toEqual([[key(1)]]);
    await input(app).press('Alt+Enter');
    await expect.poll(() => app.callsTo('copyProfileName')).toEqual([[key(1)]]);
    await input(app).press('Shift+Enter');
    await expect.poll(() => app.callsTo('setDefaultProfile')).toEqual([[key(1)]]);
    await expect.poll(() => app.callsTo('hidePalette')).toHaveLength(4);
    expect(lanyard.openedConsoles).toEqual([key(2)]);

    // A click on a result opens its console too.
    await results(app).nth(3).click();
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[key(2)], [key(3)]]);
    await app.close();
  });

  it('acts on the top result of what was typed, even when Enter comes before the results', async () => {
    const lanyard = new InMemoryLanyard({ roles: 400, searchDelayMs: 300 });
    const app = await openPalette(lanyard);
    await input(app).pressSequentially('staging');
    await expect.poll(() => results(app).count()).toBeGreaterThan(0);
    await input(app).pressSequentially(' identity', { delay: 0 });
    await input(app).press('Enter');
    const [top] = await lanyard.search('staging identity', 50);
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[top?.key]]);
    await app.close();
  });

  it('keeps the palette open and shows the error when a command fails', async () => {
    const lanyard = new InMemoryLanyard({ roles: 40 });
    lanyard.failNext('copyExports', {
      code: 'SIGN_IN_REQUIRED',
      message: 'The acme session has ended.',
      hint: 'Sign in again from the Lanyard window.',
    });
    const app = await openPalette(lanyard);
    await input(app).fill('acme');
    await expect.poll(() => results(app).count()).toBeGreaterThan(0);
    await input(app).press('Control+Enter');
    await expect.poll(() => app.page.getByRole('alert').textContent()).toContain('The acme session has ended.');
    expect(await app.page.getByRole('alert').textContent()).toContain('Sign in again from the Lanyard window.');
    expect(app.callsTo('hidePalette')).toEqual([]);
    await app.close();
  });

  it('hides on Esc', async () => {
    const app = await openPalette(new InMemoryLanyard({ roles: 10 }));
    await input(app).fill('dev');
    await input(app).press('Escape');
    await expect.poll(() => app.callsTo('hidePalette')).toEqual([[]]);
    expect(app.callsTo('openConsole')).toEqual([]);
    await app.close();
  });

  it('clears and focuses the input each time it is shown', async () => {
    const app = await openPalette(new InMemoryLanyard({ roles: 10 }));
    await input(app).fill('staging');
    await expect.poll(() => results(app).count()).toBeGreaterThan(0);
    await input(app).press('ArrowDown');
    await input(app).blur();
    await app.showPalette();
    await expect.poll(() => input(app).inputValue()).toBe('');
    expect(await hasFocus(input(app))).toBe(true);
    expect(await results(app).count()).toBe(0);
    await app.close();
  });

  it('shows favourites, then recents, while the query is empty', async () => {
    const lanyard = new InMemoryLanyard({ roles: 100 });
    const roles = lanyard.listRoles();
    const [favourite, recent, both] = [roles[10], roles[20], roles[30]].map((role) => role?.key ?? '');
    await lanyard.toggleFavourite(favourite as string);
    await lanyard.toggleFavourite(both as string);
    await lanyard.openConsole(both as string);
    await lanyard.openConsole(recent as string);
    const app = await openPalette(lanyard);

    const favourites = app.page.getByRole('group', { name: 'Favourites' }).getByRole('option');
    const recents = app.page.getByRole('group', { name: 'Recent' }).getByRole('option');
    await expect
      .poll(() => favourites.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role-key'))))
      .toEqual([favourite, both]);
    expect(await recents.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role-key')))).toEqual([recent]);
    expect(app.callsTo('search')).toEqual([]);
    // The first favourite is highlighted; Down then Enter reaches the second.
    await input(app).press('ArrowDown');
    await input(app).press('Enter');
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[both]]);
    await app.close();
  });

  it('shows the main shortcuts in its footer, and every key behind `?`', async () => {
    const app = await openPalette(new InMemoryLanyard({ roles: 10 }));
    const hints = app.page.getByRole('list', { name: 'Keyboard shortcuts' });
    const text = (await hints.textContent()) ?? '';
    for (const hint of ['EnterOpen console', 'CtrlEnterCopy exports', 'TabService and region', 'EscClose']) {
      expect(text.replace(/[\s↵]/g, '')).toContain(hint.replace(/\s/g, ''));
    }
    await app.page.getByRole('button', { name: 'All keys' }).click();
    const all = (await app.page.getByRole('region', { name: 'All palette keys' }).textContent()) ?? '';
    for (const words of ['Copy profile name', 'Set as default profile', 'Move a page at a time'])
      expect(all).toContain(words);
    expect(await hasFocus(input(app))).toBe(true);
    // All of them fit: none is clipped off the footer.
    const footer = await app.page.locator('footer').boundingBox();
    for (const item of await hints.getByRole('listitem').all()) {
      const box = await item.boundingBox();
      expect(box && footer).toBeTruthy();
      if (!box || !footer) continue;
      expect(box.x + box.width).toBeLessThanOrEqual(footer.x + footer.width);
      expect(box.y).toBeGreaterThanOrEqual(footer.y);
      expect(box.y + box.height).toBeLessThanOrEqual(footer.y + footer.height);
    }
    await app.close();
  });
});
