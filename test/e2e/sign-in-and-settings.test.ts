// Adding a session and signing in (browser by default, device code as the fallback), and the
// settings pane saving through updateSettings.
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_USER_CODE, InMemoryLanyard, startHarness, type Harness, type LanyardPage } from './harness/index.js';
import { hasFocus } from './harness/page-checks.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const field = (app: LanyardPage, label: string) => app.page.getByLabel(label, { exact: true });
const signInPanel = (app: LanyardPage) => app.page.getByRole('region', { name: /^Signing in to/ });

describe('adding a session and signing in', () => {
  it('validates the new session, then signs in with a device code and shows the user code', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [] });
    const app = await harness.open({ commands: lanyard, clipboard: true });
    // With no sessions, the window opens on the form.
    await expect
      .poll(() => app.page.getByRole('heading', { name: 'Add an Identity Center session' }).isVisible())
      .toBe(true);

    await app.page.getByRole('button', { name: 'Use a device code' }).click();
    expect(await app.page.getByText('Give the session a name').isVisible()).toBe(true);
    expect(await app.page.getByText('Paste your AWS access portal URL').isVisible()).toBe(true);
    expect(await app.page.getByText('Enter the region of your Identity Center').isVisible()).toBe(true);
    expect(await field(app, 'Session name').getAttribute('aria-invalid')).toBe('true');

    await field(app, 'Session name').fill('work space');
    await field(app, 'Start URL').fill('http://acme.awsapps.com/start');
    await field(app, 'Region').fill('moon-1');
    expect(await app.page.getByText('Use letters, digits and - _ . @ + % : / only, e.g. "work".').isVisible()).toBe(
      true,
    );
    expect(await app.page.getByText('The start URL must be an https:// address.').isVisible()).toBe(true);
    expect(await app.page.getByText('That is not a region name').isVisible()).toBe(true);
    await app.page.getByRole('button', { name: 'Use a device code' }).click();
    expect(app.callsTo('addSession')).toEqual([]);

    await field(app, 'Session name').fill('work');
    await field(app, 'Start URL').fill('https://acme.awsapps.com/start');
    await field(app, 'Region').fill('eu-central-1');
    expect(await field(app, 'Region').getAttribute('aria-invalid')).toBeNull();
    await app.page.getByRole('button', { name: 'Use a device code' }).click();
    await expect
      .poll(() => app.callsTo('addSession'))
      .toEqual([[{ name: 'work', startUrl: 'https://acme.awsapps.com/start', region: 'eu-central-1' }]]);
    await expect.poll(() => app.callsTo('signIn')).toEqual([['work', 'device-code']]);

    const code = signInPanel(app).getByRole('status', { name: 'Device user code' });
    await expect.poll(() => code.textContent()).toBe(DEVICE_USER_CODE);
    expect(
      Number.parseFloat(
        await code.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).fontSize ?? '0'),
      ),
    ).toBeGreaterThanOrEqual(24);
    expect(await signInPanel(app).textContent()).toContain('https://device.sso.eu-west-1.amazonaws.com/');
    await signInPanel(app).getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => app.page.evaluate<string>('navigator.clipboard.readText()')).toBe(DEVICE_USER_CODE);

    lanyard.approveSignIn();
    await expect.poll(() => signInPanel(app).count()).toBe(0);
    // Focus was on the panel's Copy code button: it goes on to the filter, not to <body>.
    await expect.poll(() => hasFocus(app.page.getByRole('combobox', { name: 'Filter accounts and roles' }))).toBe(true);
    const work = app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name: 'work' }) });
    await expect.poll(() => work.textContent()).toContain('Signed in');
    await expect
      .poll(() => app.page.getByRole('listbox', { name: 'Accounts and roles' }).getByRole('option').count())
      .toBeGreaterThan(0);
    await app.close();
  });

  it('rejects a session name that is taken and shows the core’s error for a failed add', async () => {
    const lanyard = new InMemoryLanyard();
    lanyard.failNext('addSession', {
      code: 'FILE',
      message: 'Could not write ~/.aws/config.',
      hint: 'Check that the file is writable.',
    });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Add session' }).click();
    await field(app, 'Session name').fill('acme');
    await field(app, 'Start URL').fill('https://acme.awsapps.com/start');
    await field(app, 'Region').fill('eu-west-1');
    await field(app, 'Region').press('Enter');
    expect(await app.page.getByText('A session named "acme" already exists.').isVisible()).toBe(true);
    expect(app.callsTo('addSession')).toEqual([]);

    await field(app, 'Session name').fill('acme-2');
    await field(app, 'Region').press('Enter');
    await expect.poll(() => app.page.getByRole('alert').textContent()).toContain('Could not write ~/.aws/config.');
    expect(await app.page.getByRole('alert').textContent()).toContain('Check that the file is writable.');
    expect(app.callsTo('signIn')).toEqual([]);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => app.page.getByRole('listbox', { name: 'Accounts and roles' }).isVisible()).toBe(true);
    await app.close();
  });

  it('signs in with the browser by default, offers the device code instead, and cancels', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', signedIn: false }] });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Sign in to acme', exact: true }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme']]);
    await expect.poll(() => signInPanel(app).textContent()).toContain('Finish signing in in the browser');
    expect(await app.page.getByRole('button', { name: 'Sign in to acme', exact: true }).isDisabled()).toBe(true);

    await signInPanel(app).getByRole('button', { name: 'Use a device code instead' }).click();
    await expect.poll(() => app.callsTo('signIn')).toEqual([['acme'], ['acme', 'device-code']]);
    expect(app.callsTo('cancelSignIn')).toEqual([[]]);
    await expect
      .poll(() => signInPanel(app).getByRole('status', { name: 'Device user code' }).textContent())
      .toBe(DEVICE_USER_CODE);

    await signInPanel(app).getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect.poll(() => signInPanel(app).count()).toBe(0);
    expect(app.callsTo('cancelSignIn')).toHaveLength(2);
    // The cancelled sign-ins end with "Sign-in cancelled." errors the user does not need to see.
    await app.page.waitForTimeout(200);
    expect(await app.page.getByRole('alert').count()).toBe(0);
    expect(await app.page.getByRole('button', { name: 'Sign in to acme', exact: true }).isEnabled()).toBe(true);
    await app.close();
  });

  it('shows why a sign-in failed on the session, with its hint', async () => {
    const lanyard = new InMemoryLanyard({ sessions: [{ name: 'acme', signedIn: false }] });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Sign in to acme with a device code' }).click();
    await expect.poll(() => signInPanel(app).count()).toBe(1);
    lanyard.failSignIn({
      code: 'TIMEOUT',
      message: 'The sign-in code expired before it was approved.',
      hint: 'Start the sign-in again and approve the code within its time limit.',
    });
    const card = app.page.getByRole('listitem').filter({ has: app.page.getByRole('heading', { name: 'acme' }) });
    await expect
      .poll(() => card.getByRole('alert').textContent())
      .toContain('The sign-in code expired before it was approved.');
    expect(await card.getByRole('alert').textContent()).toContain('approve the code within its time limit');
    expect(await signInPanel(app).count()).toBe(0);
    // Trying again clears it.
    await card.getByRole('button', { name: 'Sign in to acme', exact: true }).click();
    await expect.poll(() => card.getByRole('alert').count()).toBe(0);
    await app.close();
  });
});

describe('settings', () => {
  it('validates, then saves only what changed through updateSettings', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const save = app.page.getByRole('button', { name: 'Save settings' });
    expect(await save.isDisabled()).toBe(true);

    await field(app, 'Profile name template').fill('{account_name}-{role_name}');
    await app.page.getByRole('checkbox', { name: 'Start Lanyard when I log in' }).check();
    await app.page.getByRole('combobox', { name: 'Open consoles in' }).selectOption('chrome-profile');
    await app.page.getByRole('radio', { name: /credential_process/ }).check();
    await app.page.getByRole('checkbox', { name: 'Notify me when my account assignments change' }).uncheck();
    await field(app, 'Default region').fill('nowhere');
    expect(await app.page.getByText('Leave it empty or enter a region name').isVisible()).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    await field(app, 'Default region').fill('eu-central-1');
    await field(app, 'Shortcut').fill('CommandOrControl+Shift+Space');
    await field(app, 'Browser').fill('firefox');
    await app.page.getByRole('checkbox', { name: 'Keep ~/.aws/config in step with my assignments' }).uncheck();
    await app.page.getByRole('combobox', { name: 'Shell for copied exports' }).selectOption('fish');
    expect(await save.isDisabled()).toBe(false);
    await save.click();

    await expect
      .poll(() => app.callsTo('updateSettings'))
      .toEqual([
        [
          {
            profileNameTemplate: '{account_name}-{role_name}',
            startAtLogin: true,
            isolation: 'chrome-profile',
            profileStyle: 'credential-process',
            notifications: { ...DEFAULT_SETTINGS.notifications, assignmentChanges: false },
            defaultRegion: 'eu-central-1',
            hotkey: 'CommandOrControl+Shift+Space',
            browser: 'firefox',
            autoSync: false,
            exportFormat: 'fish',
          },
        ],
      ]);
    await expect.poll(() => app.page.getByText('Settings saved.').isVisible()).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    // The form shows the saved settings the core sent back.
    expect(await field(app, 'Profile name template').inputValue()).toBe('{account_name}-{role_name}');
    expect(await app.page.getByRole('checkbox', { name: 'Start Lanyard when I log in' }).isChecked()).toBe(true);
    await app.close();
  });

  it('keeps the draft and shows the error when saving fails', async () => {
    const lanyard = new InMemoryLanyard({ roles: 10 });
    lanyard.failNext('updateSettings', {
      code: 'CONFIG',
      message: 'The shortcut is taken by another application.',
      hint: 'Choose another combination.',
    });
    const app = await harness.open({ commands: lanyard });
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await field(app, 'Shortcut').fill('CommandOrControl+Alt+L');
    await field(app, 'Shortcut').press('Enter');
    await expect
      .poll(() => app.page.getByRole('alert').textContent())
      .toContain('The shortcut is taken by another application.');
    expect(await app.page.getByRole('alert').textContent()).toContain('Choose another combination.');
    expect(await field(app, 'Shortcut').inputValue()).toBe('CommandOrControl+Alt+L');
    expect(await app.page.getByText('Unsaved changes.').isVisible()).toBe(true);
    await app.page.getByRole('button', { name: 'Revert' }).click();
    expect(await field(app, 'Shortcut').inputValue()).toBe(DEFAULT_SETTINGS.hotkey);
    await app.close();
  });
});
