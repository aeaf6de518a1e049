// The interaction around the palette, the session card, sign-in and settings at the windows'
// real sizes: the "first N" note, listing progress, signed-out roles, the console destination
// picker, the `?` key list; the card's session end and listing progress, errors with buttons,
// focus after sign-in and sign-out; the shortcut recorder and validation clear of the footer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePath } from '../../electron/core/console/service-paths.js';
import { resolveDestination } from '../../electron/core/console/destination.js';
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE, PALETTE_SIZE } from '../../electron/main/window-options.js';
import { CONSOLE_SERVICES } from '../../electron/core/domain/console-services.js';
import { CONSOLE_REGIONS } from '../../renderer/src/lib/regions.js';
import { acceleratorProblem } from '../../electron/core/domain/accelerator.js';
import { InMemoryLanyard, startHarness, type Harness, type LanyardPage } from './harness/index.js';
import { hasFocus } from './harness/page-checks.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const input = (app: LanyardPage) => app.page.getByRole('combobox', { name: 'Search accounts and roles' });
const results = (app: LanyardPage) => app.page.getByRole('listbox', { name: 'Results' }).getByRole('option');
const card = (app: LanyardPage, name: string) =>
  app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name, exact: true }) });

async function openPalette(lanyard: InMemoryLanyard): Promise<LanyardPage> {
  const app = await harness.open({ commands: lanyard, window: 'palette', viewport: PALETTE_SIZE });
  await expect.poll(() => hasFocus(input(app))).toBe(true);
  return app;
}

describe('console services', () => {
  // What each listed service's console page must start with: the core's servicePath mapping.
  const EXPECTED: Record<string, string> = {
    ec2: '/ec2/home',
    s3: '/s3/home',
    cloudwatch: '/cloudwatch/home',
    logs: '/cloudwatch/home#logsV2',
    lambda: '/lambda/home',
    iam: '/iam/home',
    cloudformation: '/cloudformation/home',
    ecs: '/ecs/',
    eks: '/eks/home',
    ecr: '/ecr/',
    rds: '/rds/home',
    dynamodb: '/dynamodbv2/home',
    sqs: '/sqs/',
    sns: '/sns/',
    stepfunctions: '/states/home',
    eventbridge: '/events/home',
    apigateway: '/apigateway/',
    vpc: '/vpcconsole/home',
    route53: '/route53/',
    cloudfront: '/cloudfront/',
    secretsmanager: '/secretsmanager/',
    ssm: '/systems-manager/',
    kms: '/kms/home',
    cloudtrail: '/cloudtrail/home',
    organizations: '/organizations/',
    billing: '/billing/home',
    costexplorer: '/costmanagement/home',
  };

  it('lists only names the core maps to their console pages, in every offered region', () => {
    expect(CONSOLE_SERVICES.map((service) => service.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const service of CONSOLE_SERVICES) {
      expect(servicePath(service.name), service.name).toMatch(
        new RegExp(`^${EXPECTED[service.name]?.replace(/[#/]/g, '\\$&')}`),
      );
      for (const region of ['eu-west-1', 'ap-southeast-2']) {
        const url = new URL(resolveDestination(region, service.name));
        expect(url.hostname).toBe(`${region}.console.aws.amazon.com`);
        expect(url.searchParams.get('region')).toBe(region);
      }
    }
    for (const region of CONSOLE_REGIONS) expect(() => resolveDestination(region, 's3')).not.toThrow();
  });
});

describe('palette at 640x440', () => {
  it('says when it shows only the first matches, and aria-expanded follows the shown results', async () => {
    const lanyard = new InMemoryLanyard({ roles: 2000 });
    const app = await openPalette(lanyard);
    expect(await input(app).getAttribute('aria-expanded')).toBe('false');
    await input(app).fill('a');
    await expect.poll(() => app.callsTo('search').at(-1)).toEqual(['a', 51]);
    await expect.poll(() => results(app).count()).toBe(50);
    expect(await input(app).getAttribute('aria-expanded')).toBe('true');
    const note = app.page.getByText('Showing the first 50 matches — type more to narrow them down.');
    expect(await note.isVisible()).toBe(true);
    const box = await note.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PALETTE_SIZE.height);

    // Few enough matches: no note.
    const few = (await lanyard.search('payments prod admin', 51)).length;
    expect(few).toBeLessThan(51);
    await input(app).fill('payments prod admin');
    await expect.poll(() => results(app).count()).toBe(few);
    expect(await note.count()).toBe(0);

    await input(app).fill('zzzzqqqq');
    await expect.poll(() => app.page.getByText('No accounts or roles match').count()).toBe(1);
    expect(await input(app).getAttribute('aria-expanded')).toBe('false');
    await app.close();
  });

  it('shows listing progress instead of "Search 0 roles" while a session is listing', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', signedIn: false }] });
    lanyard.updateSession('acme', {
      health: 'active',
      inventory: { state: 'listing', done: 379, total: 2000, complete: false, accounts: 0, roles: 0 },
    });
    const app = await openPalette(lanyard);
    await expect.poll(() => input(app).getAttribute('placeholder')).toContain('Listing accounts… 379 of 2,000');
    expect(await input(app).getAttribute('placeholder')).not.toContain('Search 0 roles');
    expect(await app.page.getByText('Listing accounts… 379 of 2,000 Roles show up here').isVisible()).toBe(true);
    lanyard.updateSession('acme', {
      inventory: { state: 'listing', done: 1200, total: 2000, complete: false, accounts: 0, roles: 0 },
    });
    await expect.poll(() => input(app).getAttribute('placeholder')).toContain('1,200 of 2,000');
    await app.close();
  });

  it('warns before it opens a console for a signed-out session, and Enter signs in first', async () => {
    const lanyard = new InMemoryLanyard({ roles: 40 });
    const app = await openPalette(lanyard);
    await input(app).fill('payments');
    await expect.poll(() => results(app).count()).toBeGreaterThan(0);
    expect(await app.page.getByText(/is signed out/).count()).toBe(0);
    const key = await results(app).first().getAttribute('data-role-key');

    // The session ends while the palette is open; its roles stay listed.
    lanyard.updateSession('acme', { health: 'signed-out' });
    const warning = app.page.getByText('acme is signed out — Enter signs in first, then opens the console.');
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await app.page.getByRole('button', { name: 'Sign in to acme' }).isVisible()).toBe(true);

    await input(app).press('Enter');
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme']]);
    expect(app.callsTo('openConsole')).toEqual([]);
    await expect.poll(() => app.page.getByText('Signing in to acme: finish in your browser').isVisible()).toBe(true);
    lanyard.approveSignIn();
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[key]]);
    await expect.poll(() => app.callsTo('hidePalette')).toHaveLength(1);
    await app.close();
  });

  it('offers buttons for a failed command: sign in and run it again, or try again', async () => {
    const lanyard = new InMemoryLanyard({ roles: 40 });
    lanyard.failNext('copyExports', { code: 'SIGN_IN_REQUIRED', message: 'The acme session has ended.' });
    const app = await openPalette(lanyard);
    await input(app).fill('payments');
    await expect.poll(() => results(app).count()).toBeGreaterThan(0);
    const key = await results(app).first().getAttribute('data-role-key');
    await input(app).press('Control+Enter');
    const alert = app.page.getByRole('alert');
    await alert.getByRole('button', { name: 'Sign in to acme' }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme']]);
    lanyard.approveSignIn();
    await expect.poll(() => app.callsTo('copyExports')).toEqual([[key], [key]]);
    await expect.poll(() => alert.count()).toBe(0);

    lanyard.failNext('openConsole', { code: 'NETWORK', message: 'AWS did not answer.' });
    await input(app).press('Enter');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[key], [key]]);
    await app.close();
  });

  it('opens the console at a chosen service and region from the picker (Tab), Enter still opens home', async () => {
    const lanyard = new InMemoryLanyard({ roles: 40, settings: { defaultRegion: '' } });
    const app = await openPalette(lanyard);
    await input(app).fill('payments');
    await expect.poll(() => results(app).count()).toBeGreaterThan(1);
    await input(app).press('ArrowDown');
    const key = await results(app).nth(1).getAttribute('data-role-key');

    await input(app).press('Tab');
    const picker = app.page.getByRole('group', { name: 'Console destination' });
    const service = picker.getByLabel('Service');
    const region = picker.getByLabel('Region');
    await expect.poll(() => hasFocus(service)).toBe(true);
    expect(await region.inputValue()).toBe('eu-west-1'); // the session's region
    // Escape goes back to the results, without closing the palette.
    await service.press('Escape');
    await expect.poll(() => picker.count()).toBe(0);
    expect(await hasFocus(input(app))).toBe(true);
    expect(app.callsTo('hidePalette')).toEqual([]);

    // → at the end of the text opens it too.
    await input(app).press('ArrowRight');
    await expect.poll(() => hasFocus(service)).toBe(true);
    await service.selectOption('logs');
    await region.selectOption('us-east-2');
    await region.press('Enter');
    await expect.poll(() => app.callsTo('openConsole')).toEqual([[key, { region: 'us-east-2', destination: 'logs' }]]);
    await expect.poll(() => app.callsTo('hidePalette')).toHaveLength(1);

    // Console home from the picker passes only the region; Enter in the input opens home as before.
    await input(app).press('Tab');
    await picker.getByRole('button', { name: 'Open console' }).click();
    await expect.poll(() => app.callsTo('openConsole').at(-1)).toEqual([key, { region: 'eu-west-1' }]);
    await input(app).press('Enter');
    await expect.poll(() => app.callsTo('openConsole').at(-1)).toEqual([key]);
    await app.close();
  });

  it('lists every key with `?` and in the footer, all fitting at 640 px', async () => {
    const app = await openPalette(new InMemoryLanyard({ roles: 10 }));
    const footer = app.page.locator('footer');
    const text = ((await footer.textContent()) ?? '').replace(/[\s↵]/g, '');
    for (const hint of [
      'EnterOpen console',
      'Ctrl Enter Copy exports',
      'Tab Service and region',
      'Esc Close',
      '?All keys',
    ])
      expect(text).toContain(hint.replace(/\s/g, ''));
    const frame = await footer.boundingBox();
    for (const item of [
      ...(await footer.getByRole('listitem').all()),
      footer.getByRole('button', { name: 'All keys' }),
    ]) {
      const box = await item.boundingBox();
      if (!box || !frame) throw new Error('footer item not laid out');
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
    }

    await input(app).press('?');
    const keys = app.page.getByRole('region', { name: 'All palette keys' });
    await expect.poll(() => keys.isVisible()).toBe(true);
    expect(await input(app).inputValue()).toBe('');
    const list = (await keys.textContent()) ?? '';
    for (const words of ['Move through the results', 'Copy export lines', 'Choose a service and region', 'Close'])
      expect(list).toContain(words);
    expect(await footer.getByRole('button', { name: 'All keys' }).getAttribute('aria-expanded')).toBe('true');
    await input(app).press('Escape');
    await expect.poll(() => keys.count()).toBe(0);
    expect(app.callsTo('hidePalette')).toEqual([]);
    // Typed after other text, ? is just a character.
    await input(app).fill('a');
    await input(app).press('?');
    expect(await input(app).inputValue()).toBe('a?');
    await app.close();
  });
});

describe('session card', () => {
  it('shows when the SSO session ends and that the token renews itself, not the token timer', async () => {
    const lanyard = new InMemoryLanyard({ now: () => T0, sessions: [{ name: 'acme' }, { name: 'labs' }] });
    lanyard.updateSession('acme', { sessionEndsAt: T0 + 6 * HOUR + 22 * MINUTE });
    lanyard.updateSession('labs', { sessionEndsAt: undefined });
    const app = await harness.open({ commands: lanyard, clock: { at: T0, paused: true }, viewport: MAIN_WINDOW_SIZE });
    const acme = card(app, 'acme');
    await expect.poll(() => acme.textContent()).toContain('Session ends in 6h 22m');
    const at = await app.page.evaluate(
      (end) => new Date(end).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
      T0 + 6 * HOUR + 22 * MINUTE,
    );
    expect(await acme.getByText(`(at ${at})`).isVisible()).toBe(true);
    expect(await acme.getByText('Token renews automatically').isVisible()).toBe(true);
    expect(await acme.getByText('Token', { exact: true }).count()).toBe(0);
    expect(await card(app, 'labs').getByText('Session end not known yet').isVisible()).toBe(true);
    await app.page.clock.runFor(61_000);
    await expect.poll(() => acme.textContent()).toContain('Session ends in 6h 20m');
    await app.close();
  });

  it('shows listing progress in words, and a failed listing offers Refresh list', async () => {
    const lanyard = new InMemoryLanyard();
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_MIN_SIZE });
    lanyard.updateSession('acme', {
      inventory: { state: 'listing', done: 379, total: 2000, complete: false, accounts: 379, roles: 700 },
    });
    const acme = card(app, 'acme');
    await expect.poll(() => acme.getByText('Listing accounts… 379 of 2,000', { exact: true }).isVisible()).toBe(true);
    expect(await acme.getByRole('progressbar', { name: 'Listing accounts… 379 of 2,000' }).count()).toBe(1);
    lanyard.updateSession('acme', {
      inventory: {
        state: 'failed',
        done: 379,
        total: 2000,
        complete: false,
        accounts: 379,
        roles: 700,
        error: 'Throttled',
      },
    });
    await acme.getByRole('button', { name: 'Refresh list of acme' }).click();
    await expect.poll(() => app.callsTo('refreshInventory')).toEqual([['acme']]);
    await app.close();
  });

  it('offers buttons, not commands, when a sign-in or a refresh fails', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', signedIn: false }] });
    const app = await harness.open({ commands: lanyard });
    const acme = card(app, 'acme');
    await acme.getByRole('button', { name: 'Sign in to acme', exact: true }).click();
    await expect.poll(() => app.callsTo('signIn')).toHaveLength(1);
    lanyard.failSignIn({ code: 'DENIED', message: 'The sign-in was declined in the browser.' });
    const alert = acme.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('The sign-in was declined in the browser.');
    await alert.getByRole('button', { name: 'Sign in to acme with a device code instead' }).click();
    await expect.poll(() => app.callsTo('signIn').at(-1)).toEqual(['acme', 'device-code']);
    await expect.poll(() => alert.count()).toBe(0);
    lanyard.failSignIn({ code: 'TIMEOUT', message: 'The code expired.' });
    await alert.getByRole('button', { name: 'Sign in to acme again' }).click();
    await expect.poll(() => app.callsTo('signIn').at(-1)).toEqual(['acme']);
    lanyard.approveSignIn();

    lanyard.failNext('refreshInventory', { code: 'NETWORK', message: 'Identity Center did not answer.' });
    await acme.getByRole('button', { name: 'Refresh the account list of acme' }).click();
    await expect.poll(() => alert.textContent()).toContain('Identity Center did not answer.');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => app.callsTo('refreshInventory')).toEqual([['acme'], ['acme']]);
    await expect.poll(() => alert.count()).toBe(0);
    await app.close();
  });
});

describe('focus', () => {
  it('moves to the sign-in panel when a sign-in starts, and to Sign in after signing out', async () => {
    // A slow start leaves frames with no panel while the flows switch: focus must wait for the next one.
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', signedIn: false }], signInDelayMs: 150 });
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_SIZE });
    const panel = app.page.getByRole('region', { name: /^Signing in to/ });
    await card(app, 'acme').getByRole('button', { name: 'Sign in to acme', exact: true }).focus();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(panel.getByRole('button', { name: 'Use a device code instead' }))).toBe(true);
    // Switching to the device code keeps focus in the panel.
    await app.page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(panel.getByRole('button', { name: 'Copy code' }))).toBe(true);
    // The panel comes first in the main pane's tab order.
    const first = await app.page
      .locator('main')
      .evaluate((main) => main.querySelector('button, input, select, a[href]')?.closest('section')?.className ?? '');
    expect(first).toBe('sign-in');
    lanyard.approveSignIn();
    await expect.poll(() => panel.count()).toBe(0);

    await card(app, 'acme').getByRole('button', { name: 'Sign out of acme' }).click();
    await expect
      .poll(() => hasFocus(card(app, 'acme').getByRole('button', { name: 'Sign in to acme', exact: true })))
      .toBe(true);
    await app.close();
  });
});

describe('shortcut setting', () => {
  it('knows complete accelerators from incomplete ones', () => {
    expect(acceleratorProblem('CommandOrControl+Alt+K')).toBeUndefined();
    expect(acceleratorProblem('Ctrl+Shift+Space')).toBeUndefined();
    expect(acceleratorProblem('F7')).toBeUndefined();
    expect(acceleratorProblem('Ctrl+Shift+')).toContain('has no key yet');
    expect(acceleratorProblem('Ctrl+Shift')).toContain('has no key yet');
    expect(acceleratorProblem('K')).toContain('needs Ctrl, Alt');
    expect(acceleratorProblem('Shift+K')).toContain('needs Ctrl, Alt');
    expect(acceleratorProblem('Hyper+K')).toContain('not a modifier');
    expect(acceleratorProblem('Ctrl+Banana')).toContain('not a key');
  });

  it('records a key combination, refuses incomplete ones with a message, and Escape cancels', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    const app = await harness.open({ commands: lanyard, viewport: MAIN_WINDOW_SIZE });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const record = app.page.getByRole('button', { name: 'Record shortcut' });
    const shown = app.page.getByRole('status', { name: 'Recorded shortcut' });
    expect(await shown.textContent()).toBe('Ctrl+Alt+K');
    const recorder = app.page.getByRole('button', { pressed: true });
    await record.click();
    expect(await recorder.textContent()).toBe('Press the keys… (Esc cancels)');

    // Modifiers only, let go: refused.
    await app.page.keyboard.down('Control');
    await app.page.keyboard.down('Shift');
    await expect.poll(() => shown.textContent()).toBe('Ctrl+Shift+');
    await app.page.keyboard.up('Shift');
    await app.page.keyboard.up('Control');
    await expect.poll(() => app.page.getByText('Ctrl+Shift+ has no key yet').isVisible()).toBe(true);
    // A bare key: refused.
    await app.page.keyboard.press('J');
    await expect.poll(() => app.page.getByText('J needs Ctrl, Alt or another modifier').isVisible()).toBe(true);
    expect(await app.page.getByRole('alert').textContent()).toContain('J needs Ctrl, Alt');
    // What was set stays until a complete shortcut is pressed.
    expect(await app.page.getByLabel('Shortcut', { exact: true }).inputValue()).toBe('CommandOrControl+Alt+K');

    await app.page.keyboard.press('Control+Alt+L');
    await expect.poll(() => recorder.count()).toBe(0);
    expect(await shown.textContent()).toBe('Ctrl+Alt+L');
    expect(await app.page.getByLabel('Shortcut', { exact: true }).inputValue()).toBe('CommandOrControl+Alt+L');
    expect(await app.page.getByRole('alert').count()).toBe(0);

    // Escape cancels a recording and keeps what was there.
    await record.click();
    await app.page.keyboard.press('Escape');
    expect(await record.getAttribute('aria-pressed')).toBe('false');
    expect(await shown.textContent()).toBe('Ctrl+Alt+L');
    await app.page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => app.callsTo('updateSettings')).toEqual([[{ hotkey: 'CommandOrControl+Alt+L' }]]);
    await app.close();
  });

  it('scrolls a field’s validation message into view above the sticky footer at 720x480', async () => {
    const app = await harness.open({ commands: new InMemoryLanyard({ roles: 10 }), viewport: MAIN_WINDOW_MIN_SIZE });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const footer = app.page.locator('.settings__footer');
    for (const [label, bad] of [
      ['Profile name template', 'nothing'],
      ['Default region', 'nowhere'],
      ['Background requests per second', '99'],
    ] as const) {
      const control = app.page.getByLabel(label, { exact: true });
      // Put the field at the very bottom of the scrolled pane, right above the footer.
      await control.evaluate((element) => element.scrollIntoView({ block: 'end' }));
      await control.fill(bad);
      const message = app.page.locator('.field__error').first();
      await expect.poll(() => message.isVisible()).toBe(true);
      await app.page.waitForTimeout(50);
      const [box, bar] = [await message.boundingBox(), await footer.boundingBox()];
      if (!box || !bar) throw new Error('not laid out');
      expect(box.y + box.height, label).toBeLessThanOrEqual(bar.y);
      expect(box.y).toBeGreaterThanOrEqual(0);
      await app.page.getByRole('button', { name: 'Revert' }).click();
    }
    await app.close();
  });
});
