import { describe, expect, it } from 'vitest';
import {
  MENU_LIMITS,
  formatTimeLeft,
  trayIconState,
  trayMenuTemplate,
  trayTooltip,
  updateItems,
  type TrayMenuInput,
  type TrayMenuItem,
} from '../../../electron/main/tray-menu.js';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import { HOUR, MINUTE, NOW, inventory, manyRoles, role, session, state } from './fixtures.js';

/** A template as indented text: `[text]` labels, `=> kind target` actions, `▸` submenus. */
function outline(items: TrayMenuItem[], depth = 0): string {
  const pad = '  '.repeat(depth);
  return items
    .map((item) => {
      switch (item.type) {
        case 'separator':
          return `${pad}---`;
        case 'label':
          return `${pad}[${item.label}]`;
        case 'submenu':
          return `${pad}${item.label} ▸\n${outline(item.items, depth + 1)}`;
        case 'action': {
          const { action } = item;
          const target =
            'roleKey' in action ? ` ${action.roleKey}` : 'sessionName' in action ? ` ${action.sessionName}` : '';
          const flags = [
            item.enabled === false && 'disabled',
            item.checked && 'checked',
            item.accelerator && `<${item.accelerator}>`,
          ].filter(Boolean);
          return `${pad}${item.label}${flags.length ? ` (${flags.join(', ')})` : ''} => ${action.kind}${target}`;
        }
      }
    })
    .join('\n');
}

function find(items: TrayMenuItem[], label: string | RegExp): TrayMenuItem | undefined {
  for (const item of items) {
    if ('label' in item && (typeof label === 'string' ? item.label === label : label.test(item.label))) return item;
    if (item.type === 'submenu') {
      const found = find(item.items, label);
      if (found) return found;
    }
  }
  return undefined;
}

const submenu = (item: TrayMenuItem | undefined): TrayMenuItem[] => {
  if (item?.type !== 'submenu') throw new Error(`not a submenu: ${JSON.stringify(item)}`);
  return item.items;
};

const prodAdmin = role('111111111111', 'acme-prod', 'AdministratorAccess');
const prodRead = role('111111111111', 'acme-prod', 'ReadOnly');
const devAdmin = role('222222222222', 'acme-dev', 'AdministratorAccess', { alias: 'dev' });
const sandbox = role('333333333333', 'sandbox', 'PowerUser', { profileName: undefined });

function input(overrides: Partial<TrayMenuInput> = {}): TrayMenuInput {
  return {
    state: state(),
    inventory: inventory([prodAdmin, prodRead, devAdmin, sandbox]),
    now: NOW,
    platform: 'linux',
    ...overrides,
  };
}

describe('tray menu template', () => {
  it('lists sessions with time left, favourites and recents first, then accounts and commands', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [
            session('work'),
            session('personal', {
              health: 'sign-in-needed',
              sessionEndsAt: undefined,
              message: 'Your SSO session ended.',
            }),
          ],
          settings: { ...DEFAULT_SETTINGS, favourites: [prodAdmin.key] },
          recents: [prodAdmin.key, devAdmin.key],
          activeCredentials: [{ key: devAdmin.key, expiresAt: NOW + 42 * MINUTE + 30_000 }],
          defaultProfile: { roleKey: prodAdmin.key, label: prodAdmin.profileName as string },
        }),
      }),
    );
    expect(outline(template)).toMatchInlineSnapshot(`
      "work — 8h 00m left ▸
        Sign out => sign-out work
        ---
        [3 accounts, 5 roles]
        Reload accounts => refresh-inventory work
      personal — sign-in needed ▸
        [Your SSO session ended.]
        Sign in… => sign-in personal
        ---
        [3 accounts, 5 roles]
        Reload accounts (disabled) => refresh-inventory personal
      ---
      [Favourites]
      acme-prod · AdministratorAccess · default ▸
        Open console => open-console work/111111111111/AdministratorAccess
        Copy export AWS_… lines => copy-exports work/111111111111/AdministratorAccess
        Copy profile name (acme-prod.AdministratorAccess) => copy-profile-name work/111111111111/AdministratorAccess
        Default profile (disabled, checked) => set-default-profile work/111111111111/AdministratorAccess
      [Recent]
      dev · AdministratorAccess · 42m ▸
        [Credentials valid for 42m]
        Open console => open-console work/222222222222/AdministratorAccess
        Copy export AWS_… lines => copy-exports work/222222222222/AdministratorAccess
        Copy profile name (acme-dev.AdministratorAccess) => copy-profile-name work/222222222222/AdministratorAccess
        Default profile => set-default-profile work/222222222222/AdministratorAccess
      ---
      Accounts (3) ▸
        acme-prod (111111111111) ▸
          AdministratorAccess · default ▸
            Open console => open-console work/111111111111/AdministratorAccess
            Copy export AWS_… lines => copy-exports work/111111111111/AdministratorAccess
            Copy profile name (acme-prod.AdministratorAccess) => copy-profile-name work/111111111111/AdministratorAccess
            Default profile (disabled, checked) => set-default-profile work/111111111111/AdministratorAccess
          ReadOnly ▸
            Open console => open-console work/111111111111/ReadOnly
            Copy export AWS_… lines => copy-exports work/111111111111/ReadOnly
            Copy profile name (acme-prod.ReadOnly) => copy-profile-name work/111111111111/ReadOnly
            Default profile => set-default-profile work/111111111111/ReadOnly
        dev (222222222222) ▸
          AdministratorAccess · 42m ▸
            [Credentials valid for 42m]
            Open console => open-console work/222222222222/AdministratorAccess
            Copy export AWS_… lines => copy-exports work/222222222222/AdministratorAccess
            Copy profile name (acme-dev.AdministratorAccess) => copy-profile-name work/222222222222/AdministratorAccess
            Default profile => set-default-profile work/222222222222/AdministratorAccess
        sandbox (333333333333) ▸
          PowerUser ▸
            Open console => open-console work/333333333333/PowerUser
            Copy export AWS_… lines => copy-exports work/333333333333/PowerUser
            Copy profile name (not synced yet) (disabled) => copy-profile-name work/333333333333/PowerUser
            Default profile => set-default-profile work/333333333333/PowerUser
      ---
      Search… (<CommandOrControl+Alt+K>) => show-palette
      Sync ~/.aws/config now => sync-now
      Open Lanyard => show-window
      Help ▸
        Diagnostics… => show-diagnostics
      ---
      Quit Lanyard => quit"
    `);
  });

  it('invites setting up a session when there is none', () => {
    expect(outline(trayMenuTemplate(input({ state: state({ sessions: [] }), inventory: inventory([]) }))))
      .toMatchInlineSnapshot(`
      "[No SSO session yet]
      Add an SSO session… => show-window
      ---
      Search… (<CommandOrControl+Alt+K>) => show-palette
      Sync ~/.aws/config now (disabled) => sync-now
      Open Lanyard => show-window
      Help ▸
        Diagnostics… => show-diagnostics
      ---
      Quit Lanyard => quit"
    `);
  });

  it('offers to cancel a sign-in in progress and shows listing progress', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [
            session('work', {
              health: 'signed-out',
              inventory: { state: 'listing', done: 12, total: 40, complete: false, accounts: 12, roles: 30 },
            }),
          ],
          signIn: { sessionName: 'work', flow: 'auth-code', startedAt: NOW },
        }),
      }),
    );
    expect(outline(submenu(template[0]))).toMatchInlineSnapshot(`
      "Cancel signing in => cancel-sign-in
      ---
      [Listing accounts… 12/40]
      Reload accounts (disabled) => refresh-inventory work"
    `);
    expect(template[0]).toMatchObject({ label: 'work — signing in…' });
  });

  it('caps thousands of accounts and roles, pointing at the palette for the rest', () => {
    const roles = [
      ...manyRoles(3000, 2),
      ...Array.from({ length: 45 }, (_, index) =>
        role('999999999999', 'zz-big', `Role${String(index).padStart(2, '0')}`),
      ),
    ];
    const favourites = roles.slice(0, 14).map((item) => item.key);
    const template = trayMenuTemplate(
      input({
        state: state({
          settings: { ...DEFAULT_SETTINGS, favourites },
          recents: roles.slice(20, 40).map((item) => item.key),
        }),
        inventory: inventory(roles),
      }),
    );
    const accounts = submenu(find(template, /^Accounts/));
    expect(find(template, /^Accounts/)).toMatchObject({ label: 'Accounts (3,001)' });
    expect(accounts.filter((item) => item.type === 'submenu')).toHaveLength(MENU_LIMITS.accounts);
    expect(accounts.at(-1)).toEqual({
      type: 'action',
      label: 'Search all 3,001 accounts… (Ctrl+Alt+K)',
      action: { kind: 'show-palette' },
    });
    // Numeric collation: account-2 before account-10.
    expect(accounts.slice(0, 3).map((item) => 'label' in item && item.label)).toEqual([
      'account-0 (100000000000)',
      'account-1 (100000000001)',
      'account-2 (100000000002)',
    ]);

    const labels = template.filter((item) => item.type === 'submenu').map((item) => item.label);
    expect(labels.filter((label) => label.startsWith('account-'))).toHaveLength(
      MENU_LIMITS.favourites + MENU_LIMITS.recents,
    );

    const big = trayMenuTemplate(input({ inventory: inventory(roles.slice(-45)) }));
    const bigRoles = submenu(submenu(find(big, /^Accounts/))[0]);
    expect(bigRoles.filter((item) => item.type === 'submenu')).toHaveLength(MENU_LIMITS.rolesPerAccount);
    expect(bigRoles.at(-1)).toMatchObject({ label: 'Search all 45 roles… (Ctrl+Alt+K)' });
    // The whole menu stays small enough to build and compare every minute.
    expect(JSON.stringify(template).length).toBeLessThan(200_000);
  });

  it('names the session of each account when several sessions list accounts', () => {
    const template = trayMenuTemplate(
      input({
        state: state({ sessions: [session('work'), session('lab')] }),
        inventory: inventory([prodAdmin, role('444444444444', 'lab-one', 'Admin', { sessionName: 'lab' })]),
      }),
    );
    expect(submenu(find(template, /^Accounts/)).map((item) => 'label' in item && item.label)).toEqual([
      'acme-prod (111111111111) · work',
      'lab-one (444444444444) · lab',
    ]);
  });

  it('leaves out favourites and recents that are no longer listed, and recents that are favourites', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          settings: { ...DEFAULT_SETTINGS, favourites: ['work/000000000000/Gone', prodRead.key] },
          recents: [prodRead.key, 'work/000000000000/Gone'],
        }),
      }),
    );
    const top = outline(template)
      .split('\n')
      .filter((line) => !line.startsWith(' '));
    expect(top.slice(top.indexOf('[Favourites]'), top.indexOf('[Favourites]') + 3)).toEqual([
      '[Favourites]',
      'acme-prod · ReadOnly ▸',
      '---',
    ]);
    expect(top).not.toContain('[Recent]');
  });

  it('labels change only at minute boundaries', () => {
    const build = (now: number): string =>
      JSON.stringify(
        trayMenuTemplate(
          input({ now, state: state({ activeCredentials: [{ key: prodAdmin.key, expiresAt: NOW + 30 * MINUTE }] }) }),
        ),
      );
    expect(build(NOW + 1_000)).toBe(build(NOW + 59_000));
    expect(build(NOW + 59_000)).not.toBe(build(NOW + 61_000));
  });

  it('drops expired credentials and shows a hotkey problem instead of a dead accelerator', () => {
    const template = trayMenuTemplate(
      input({
        state: state({ activeCredentials: [{ key: prodAdmin.key, expiresAt: NOW - 1 }] }),
        hotkeyProblem: 'Lanyard could not register Ctrl+Alt+K.',
      }),
    );
    expect(find(template, /^acme-prod/)).toBeDefined();
    expect(find(template, /Credentials valid/)).toBeUndefined();
    expect(find(template, '⚠ Lanyard could not register Ctrl+Alt+K.')).toMatchObject({
      action: { kind: 'show-window' },
    });
    expect(find(template, 'Search…')).not.toHaveProperty('accelerator');
  });

  it('points at config problems and says Exit on Windows', () => {
    const template = trayMenuTemplate(
      input({ platform: 'win32', state: state({ problems: ['[sso-session x] has no sso_region'] }) }),
    );
    expect(find(template, '⚠ 1 AWS config problem: open Lanyard')).toBeDefined();
    expect(template.at(-1)).toEqual({ type: 'action', label: 'Exit Lanyard', action: { kind: 'quit' } });
  });
});

describe('tray icon state', () => {
  it('is signed in while every session has time left', () => {
    expect(trayIconState(state(), NOW)).toBe('signed-in');
  });

  it('warns when a session ends within the notification window', () => {
    const minutes = DEFAULT_SETTINGS.notifications.sessionEndingMinutes;
    expect(trayIconState(state({ sessions: [session('work', { sessionEndsAt: NOW + minutes * MINUTE })] }), NOW)).toBe(
      'expiring',
    );
    expect(
      trayIconState(state({ sessions: [session('work', { sessionEndsAt: NOW + minutes * MINUTE + 1 })] }), NOW),
    ).toBe('signed-in');
    // A token that cannot be refreshed ends when it expires.
    expect(
      trayIconState(
        state({
          sessions: [session('work', { sessionEndsAt: undefined, refreshable: false, expiresAt: NOW + 5 * MINUTE })],
        }),
        NOW,
      ),
    ).toBe('expiring');
  });

  it('asks for sign-in when no session is signed in or one has ended', () => {
    expect(trayIconState(state({ sessions: [] }), NOW)).toBe('sign-in-needed');
    expect(trayIconState(state({ sessions: [session('work', { health: 'signed-out' })] }), NOW)).toBe('sign-in-needed');
    expect(
      trayIconState(state({ sessions: [session('work'), session('lab', { health: 'sign-in-needed' })] }), NOW),
    ).toBe('sign-in-needed');
    // A session the user signed out of on purpose does not turn the icon red while another works.
    expect(trayIconState(state({ sessions: [session('work'), session('lab', { health: 'signed-out' })] }), NOW)).toBe(
      'signed-in',
    );
  });
});

describe('tray tooltip and times', () => {
  it('sums up each session', () => {
    expect(
      trayTooltip(state({ sessions: [session('work'), session('lab', { health: 'retrying' })] }), NOW + HOUR),
    ).toBe('Lanyard\nwork: 7h 00m left\nlab: retrying…');
    expect(trayTooltip(state({ sessions: [] }), NOW)).toBe('Lanyard\nno SSO session yet');
  });

  it('formats time left to the minute', () => {
    expect([0, 30_000, 61_000, 59 * MINUTE + 59_000, 7 * HOUR + 5 * MINUTE, 51 * HOUR].map(formatTimeLeft)).toEqual([
      'expired',
      '<1m',
      '1m',
      '59m',
      '7h 05m',
      '2d 3h',
    ]);
  });
});

describe('update and command items', () => {
  const labels = (items: TrayMenuItem[]) =>
    items.map(
      (item) =>
        ('label' in item ? item.label : item.type) + ('enabled' in item && item.enabled === false ? ' (disabled)' : ''),
    );

  it('shows what the last check found, with the check disabled while it runs', () => {
    expect(labels(updateItems({ kind: 'idle' }))).toEqual(['Check for updates']);
    expect(labels(updateItems({ kind: 'checking' }))).toEqual(['Checking for updates… (disabled)']);
    expect(labels(updateItems({ kind: 'up-to-date' }))).toEqual(['Lanyard is up to date', 'Check for updates']);
    expect(labels(updateItems({ kind: 'downloading', version: '1.2.0' }))).toEqual(['Downloading Lanyard 1.2.0…']);
    expect(updateItems({ kind: 'downloaded', version: '1.2.0' })).toEqual([
      { type: 'action', label: 'Restart to update to 1.2.0', action: { kind: 'restart-to-update' } },
    ]);
    expect(labels(updateItems({ kind: 'error', message: 'Could not reach the update server.' }))).toEqual([
      'Update check failed: Could not reach the update server.',
      'Check for updates',
    ]);
    expect(labels(updateItems({ kind: 'disabled', reason: 'Updates are off in a development build.' }))).toEqual([
      'Updates are off in a development build.',
    ]);
  });

  it('offers to install the lanyard command, or to uninstall it', () => {
    const actions = (cliInstalled: boolean | undefined) =>
      trayMenuTemplate(input({ cliInstalled }))
        .filter((item) => item.type === 'action')
        .map((item) => item.label);
    expect(actions(false)).toContain('Install the lanyard command');
    expect(actions(true)).toContain('Uninstall the lanyard command');
    expect(actions(undefined).some((label) => label.includes('lanyard command'))).toBe(false);
  });
});
