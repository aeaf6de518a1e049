import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from '../../../electron/core/domain/display-text.js';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import type { RoleView } from '../../../electron/core/domain/views.js';
import {
  MENU_LIMITS,
  PROD_MARK,
  formatTimeLeft,
  trayIconState,
  trayMenuTemplate,
  trayTooltip,
  updateItems,
  type TrayMenuInput,
  type TrayMenuItem,
} from '../../../electron/main/tray-menu.js';
import { HOUR, MINUTE, NOW, inventory, manyRoles, role, session, state } from './fixtures.js';
import { landingZone } from './landing-zone.js';
import { itemCount, outline } from './tray-menu-outline.js';

function find(items: readonly TrayMenuItem[], label: string | RegExp): TrayMenuItem | undefined {
  for (const item of items) {
    if ('label' in item && (typeof label === 'string' ? item.label === label : label.test(item.label))) return item;
    if (item.type === 'submenu') {
      const found = find(item.items, label);
      if (found) return found;
    }
  }
  return undefined;
}

function all(items: readonly TrayMenuItem[]): TrayMenuItem[] {
  return items.flatMap((item) => [item, ...(item.type === 'submenu' ? all(item.items) : [])]);
}

const labelsOf = (items: readonly TrayMenuItem[]): string[] =>
  items.flatMap((item) => ('label' in item ? [item.label] : []));

const submenu = (item: TrayMenuItem | undefined): TrayMenuItem[] => {
  if (item?.type !== 'submenu') throw new Error(`not a submenu: ${JSON.stringify(item)}`);
  return item.items;
};

/** The top level only: submenus as one line. */
const topLevel = (template: TrayMenuItem[]): string => outline(template, 0, 1);

const prodAdmin = role('111111111111', 'acme-prod', 'AdministratorAccess', { environment: 'prod' });
const prodRead = role('111111111111', 'acme-prod', 'ReadOnly', { environment: 'prod' });
const devAdmin = role('222222222222', 'acme-dev', 'AdministratorAccess', { alias: 'dev', environment: 'dev' });
const sandbox = role('333333333333', 'sandbox', 'PowerUser', { profileName: undefined, environment: 'sandbox' });

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
  it('shows sessions with time left, search, favourites and recents one click to their console, then accounts', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [
            session('work', { sessionEndsAt: NOW + 6 * HOUR + 22 * MINUTE }),
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
      "work — 6h 22m left ▸
        [3 accounts, 5 roles]
        Reload accounts => refresh-inventory work
        ---
        Sign out => sign-out work
      personal — sign-in needed ▸
        [Your SSO session ended.]
        [3 accounts, 5 roles]
        Reload accounts (disabled) => refresh-inventory personal
        ---
        Sign in to personal… => sign-in personal
      Sign in to personal… => sign-in personal
      ---
      Search accounts and roles… (<CommandOrControl+Alt+K>) => show-palette
      [Favourites]
      ● PROD acme-prod · AdministratorAccess · default => open-console work/111111111111/AdministratorAccess
      [Recent]
      dev · AdministratorAccess · 42m => open-console work/222222222222/AdministratorAccess
      More for favourites and recents ▸
        ● PROD acme-prod · AdministratorAccess · default ▸
          Copy credentials (export lines) => copy-exports work/111111111111/AdministratorAccess
          Copy profile name (acme-prod.AdministratorAccess) => copy-profile-name work/111111111111/AdministratorAccess
          Use as default profile (disabled, checked) => set-default-profile work/111111111111/AdministratorAccess
        dev · AdministratorAccess · 42m ▸
          [Credentials valid for 42m]
          Copy credentials (export lines) => copy-exports work/222222222222/AdministratorAccess
          Copy profile name (acme-dev.AdministratorAccess) => copy-profile-name work/222222222222/AdministratorAccess
          Use as default profile => set-default-profile work/222222222222/AdministratorAccess
      ---
      Accounts (3) ▸
        ● PROD acme-prod (111111111111) ▸
          AdministratorAccess · default => open-console work/111111111111/AdministratorAccess
          ReadOnly => open-console work/111111111111/ReadOnly
          ---
          More for acme-prod ▸
            AdministratorAccess · default ▸
              Copy credentials (export lines) => copy-exports work/111111111111/AdministratorAccess
              Copy profile name (acme-prod.AdministratorAccess) => copy-profile-name work/111111111111/AdministratorAccess
              Use as default profile (disabled, checked) => set-default-profile work/111111111111/AdministratorAccess
            ReadOnly ▸
              Copy credentials (export lines) => copy-exports work/111111111111/ReadOnly
              Copy profile name (acme-prod.ReadOnly) => copy-profile-name work/111111111111/ReadOnly
              Use as default profile => set-default-profile work/111111111111/ReadOnly
        dev (222222222222) ▸
          AdministratorAccess · 42m => open-console work/222222222222/AdministratorAccess
          ---
          More for AdministratorAccess ▸
            [Credentials valid for 42m]
            Copy credentials (export lines) => copy-exports work/222222222222/AdministratorAccess
            Copy profile name (acme-dev.AdministratorAccess) => copy-profile-name work/222222222222/AdministratorAccess
            Use as default profile => set-default-profile work/222222222222/AdministratorAccess
        sandbox (333333333333) ▸
          PowerUser => open-console work/333333333333/PowerUser
          ---
          More for PowerUser ▸
            Copy credentials (export lines) => copy-exports work/333333333333/PowerUser
            Copy profile name (not synced yet) (disabled) => copy-profile-name work/333333333333/PowerUser
            Use as default profile => set-default-profile work/333333333333/PowerUser
      ---
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
      Search accounts and roles… (<CommandOrControl+Alt+K>) => show-palette
      ---
      Sync ~/.aws/config now (disabled) => sync-now
      Open Lanyard => show-window
      Help ▸
        Diagnostics… => show-diagnostics
      ---
      Quit Lanyard => quit"
    `);
  });

  it('puts sign-in at the top level, and cancelling one under way, with listing progress per session', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [
            session('acme', {
              inventory: { state: 'listing', done: 379, total: 2000, complete: false, accounts: 379, roles: 900 },
            }),
            session('lab', { health: 'signed-out', sessionEndsAt: undefined }),
            session('work', { health: 'sign-in-needed' }),
          ],
          signIn: { sessionName: 'work', flow: 'auth-code', startedAt: NOW },
        }),
      }),
    );
    expect(topLevel(template).split('\n').slice(0, 6)).toEqual([
      'acme — 8h 00m left · listing… 379 of 2,000 ▸ (4 items)',
      'lab — signed out ▸ (4 items)',
      'work — signing in… ▸ (4 items)',
      'Sign in to lab… => sign-in lab',
      'Cancel signing in to work => cancel-sign-in',
      '---',
    ]);
    expect(outline(submenu(template[0]))).toMatchInlineSnapshot(`
      "[Listing accounts… 379 of 2,000]
      Reload accounts (disabled) => refresh-inventory acme
      ---
      Sign out => sign-out acme"
    `);
    expect(outline(submenu(template[2]))).toMatchInlineSnapshot(`
      "[3 accounts, 5 roles]
      Reload accounts (disabled) => refresh-inventory work
      ---
      Cancel signing in => cancel-sign-in"
    `);
  });

  it('says how long each SSO session has left, not the hourly token', () => {
    const label = (overrides: Parameters<typeof session>[1]) =>
      trayMenuTemplate(input({ state: state({ sessions: [session('acme', overrides)] }) }))[0];
    // The token expires in an hour; the SSO session in 6 h 22 min.
    expect(label({ sessionEndsAt: NOW + 6 * HOUR + 22 * MINUTE })).toMatchObject({ label: 'acme — 6h 22m left' });
    // End unknown and the token refreshable: no countdown to invent.
    expect(label({ sessionEndsAt: undefined })).toMatchObject({ label: 'acme — signed in, renews on its own' });
    // A token nobody can refresh ends the session when it expires.
    expect(label({ sessionEndsAt: undefined, refreshable: false, expiresAt: NOW + 42 * MINUTE })).toMatchObject({
      label: 'acme — 42m left',
    });
    expect(label({ health: 'refreshing', sessionEndsAt: NOW - 1 })).toMatchObject({ label: 'acme — ending now' });
    expect(label({ health: 'retrying' })).toMatchObject({ label: 'acme — retrying…' });
    expect(label({ health: 'sign-in-needed' })).toMatchObject({ label: 'acme — sign-in needed' });
    expect(label({ health: 'signed-out' })).toMatchObject({ label: 'acme — signed out' });
    expect(label({ health: 'corrupt' })).toMatchObject({ label: 'acme — cache damaged' });
  });

  it('makes each favourite and recent one click to its console, the other actions in one trailing submenu', () => {
    const template = trayMenuTemplate(
      input({
        state: state({
          settings: { ...DEFAULT_SETTINGS, favourites: [prodRead.key, devAdmin.key] },
          recents: [sandbox.key],
        }),
      }),
    );
    const top = template.filter((item) => item.type === 'action' && item.action.kind === 'open-console');
    expect(top).toEqual([
      {
        type: 'action',
        label: `${PROD_MARK}acme-prod · ReadOnly`,
        action: { kind: 'open-console', roleKey: prodRead.key },
      },
      { type: 'action', label: 'dev · AdministratorAccess', action: { kind: 'open-console', roleKey: devAdmin.key } },
      { type: 'action', label: 'sandbox · PowerUser', action: { kind: 'open-console', roleKey: sandbox.key } },
    ]);
    const more = submenu(find(template, 'More for favourites and recents'));
    expect(labelsOf(more)).toEqual([
      `${PROD_MARK}acme-prod · ReadOnly`,
      'dev · AdministratorAccess',
      'sandbox · PowerUser',
    ]);
    expect(submenu(more[0]).map((item) => item.type === 'action' && item.action.kind)).toEqual([
      'copy-exports',
      'copy-profile-name',
      'set-default-profile',
    ]);
    // One role: its actions straight away.
    const one = trayMenuTemplate(input({ state: state({ recents: [devAdmin.key] }) }));
    expect(labelsOf(submenu(find(one, 'More for dev · AdministratorAccess')))).toEqual([
      'Copy credentials (export lines)',
      'Copy profile name (acme-dev.AdministratorAccess)',
      'Use as default profile',
    ]);
  });

  it('lists every account of a 40-account landing zone, by environment, each role one click to its console', () => {
    const roles = landingZone();
    const template = trayMenuTemplate(input({ inventory: inventory(roles) }));
    const accounts = find(template, /^Accounts/);
    expect(accounts).toMatchObject({ label: 'Accounts (40)' });
    expect(outline(submenu(accounts), 0, 2)).toMatchInlineSnapshot(`
      "[Production (8)]
      ● PROD checkout-prod (500000000009) ▸
        AdministratorAccess => open-console work/500000000009/AdministratorAccess
        PowerUserAccess => open-console work/500000000009/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000009/ReadOnlyAccess
        ---
        More for checkout-prod ▸ (3 items)
      ● PROD data-prod (500000000018) ▸
        AdministratorAccess => open-console work/500000000018/AdministratorAccess
        PowerUserAccess => open-console work/500000000018/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000018/ReadOnlyAccess
        ---
        More for data-prod ▸ (3 items)
      ● PROD identity-prod (500000000015) ▸
        AdministratorAccess => open-console work/500000000015/AdministratorAccess
        PowerUserAccess => open-console work/500000000015/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000015/ReadOnlyAccess
        ---
        More for identity-prod ▸ (3 items)
      ● PROD ml-prod (500000000021) ▸
        AdministratorAccess => open-console work/500000000021/AdministratorAccess
        PowerUserAccess => open-console work/500000000021/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000021/ReadOnlyAccess
        ---
        More for ml-prod ▸ (3 items)
      ● PROD mobile-prod (500000000027) ▸
        AdministratorAccess => open-console work/500000000027/AdministratorAccess
        PowerUserAccess => open-console work/500000000027/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000027/ReadOnlyAccess
        ---
        More for mobile-prod ▸ (3 items)
      ● PROD payments-prod (500000000006) ▸
        AdministratorAccess => open-console work/500000000006/AdministratorAccess
        PowerUserAccess => open-console work/500000000006/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000006/ReadOnlyAccess
        ---
        More for payments-prod ▸ (3 items)
      ● PROD search-prod (500000000012) ▸
        AdministratorAccess => open-console work/500000000012/AdministratorAccess
        PowerUserAccess => open-console work/500000000012/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000012/ReadOnlyAccess
        ---
        More for search-prod ▸ (3 items)
      ● PROD web-prod (500000000024) ▸
        AdministratorAccess => open-console work/500000000024/AdministratorAccess
        PowerUserAccess => open-console work/500000000024/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000024/ReadOnlyAccess
        ---
        More for web-prod ▸ (3 items)
      ---
      [Staging (8)]
      checkout-staging (500000000010) ▸
        AdministratorAccess => open-console work/500000000010/AdministratorAccess
        PowerUserAccess => open-console work/500000000010/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000010/ReadOnlyAccess
        ---
        More for checkout-staging ▸ (3 items)
      data-staging (500000000019) ▸
        AdministratorAccess => open-console work/500000000019/AdministratorAccess
        PowerUserAccess => open-console work/500000000019/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000019/ReadOnlyAccess
        ---
        More for data-staging ▸ (3 items)
      identity-staging (500000000016) ▸
        AdministratorAccess => open-console work/500000000016/AdministratorAccess
        PowerUserAccess => open-console work/500000000016/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000016/ReadOnlyAccess
        ---
        More for identity-staging ▸ (3 items)
      ml-staging (500000000022) ▸
        AdministratorAccess => open-console work/500000000022/AdministratorAccess
        PowerUserAccess => open-console work/500000000022/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000022/ReadOnlyAccess
        ---
        More for ml-staging ▸ (3 items)
      mobile-staging (500000000028) ▸
        AdministratorAccess => open-console work/500000000028/AdministratorAccess
        PowerUserAccess => open-console work/500000000028/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000028/ReadOnlyAccess
        ---
        More for mobile-staging ▸ (3 items)
      payments-staging (500000000007) ▸
        AdministratorAccess => open-console work/500000000007/AdministratorAccess
        PowerUserAccess => open-console work/500000000007/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000007/ReadOnlyAccess
        ---
        More for payments-staging ▸ (3 items)
      search-staging (500000000013) ▸
        AdministratorAccess => open-console work/500000000013/AdministratorAccess
        PowerUserAccess => open-console work/500000000013/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000013/ReadOnlyAccess
        ---
        More for search-staging ▸ (3 items)
      web-staging (500000000025) ▸
        AdministratorAccess => open-console work/500000000025/AdministratorAccess
        PowerUserAccess => open-console work/500000000025/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000025/ReadOnlyAccess
        ---
        More for web-staging ▸ (3 items)
      ---
      [Development (8)]
      checkout-dev (500000000011) ▸
        AdministratorAccess => open-console work/500000000011/AdministratorAccess
        PowerUserAccess => open-console work/500000000011/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000011/ReadOnlyAccess
        ---
        More for checkout-dev ▸ (3 items)
      data-dev (500000000020) ▸
        AdministratorAccess => open-console work/500000000020/AdministratorAccess
        PowerUserAccess => open-console work/500000000020/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000020/ReadOnlyAccess
        ---
        More for data-dev ▸ (3 items)
      identity-dev (500000000017) ▸
        AdministratorAccess => open-console work/500000000017/AdministratorAccess
        PowerUserAccess => open-console work/500000000017/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000017/ReadOnlyAccess
        ---
        More for identity-dev ▸ (3 items)
      ml-dev (500000000023) ▸
        AdministratorAccess => open-console work/500000000023/AdministratorAccess
        PowerUserAccess => open-console work/500000000023/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000023/ReadOnlyAccess
        ---
        More for ml-dev ▸ (3 items)
      mobile-dev (500000000029) ▸
        AdministratorAccess => open-console work/500000000029/AdministratorAccess
        PowerUserAccess => open-console work/500000000029/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000029/ReadOnlyAccess
        ---
        More for mobile-dev ▸ (3 items)
      payments-dev (500000000008) ▸
        AdministratorAccess => open-console work/500000000008/AdministratorAccess
        PowerUserAccess => open-console work/500000000008/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000008/ReadOnlyAccess
        ---
        More for payments-dev ▸ (3 items)
      search-dev (500000000014) ▸
        AdministratorAccess => open-console work/500000000014/AdministratorAccess
        PowerUserAccess => open-console work/500000000014/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000014/ReadOnlyAccess
        ---
        More for search-dev ▸ (3 items)
      web-dev (500000000026) ▸
        AdministratorAccess => open-console work/500000000026/AdministratorAccess
        PowerUserAccess => open-console work/500000000026/PowerUserAccess
        ReadOnlyAccess => open-console work/500000000026/ReadOnlyAccess
        ---
        More for web-dev ▸ (3 items)
      ---
      [Sandbox (10)]
      sandbox-alice (500000000030) ▸
        AdministratorAccess => open-console work/500000000030/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-bob (500000000031) ▸
        AdministratorAccess => open-console work/500000000031/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-carol (500000000032) ▸
        AdministratorAccess => open-console work/500000000032/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-dave (500000000033) ▸
        AdministratorAccess => open-console work/500000000033/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-erin (500000000034) ▸
        AdministratorAccess => open-console work/500000000034/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-frank (500000000035) ▸
        AdministratorAccess => open-console work/500000000035/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-grace (500000000036) ▸
        AdministratorAccess => open-console work/500000000036/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-heidi (500000000037) ▸
        AdministratorAccess => open-console work/500000000037/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-ivan (500000000038) ▸
        AdministratorAccess => open-console work/500000000038/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      sandbox-judy (500000000039) ▸
        AdministratorAccess => open-console work/500000000039/AdministratorAccess
        ---
        More for AdministratorAccess ▸ (3 items)
      ---
      [Other (6)]
      audit (500000000002) ▸
        AdministratorAccess => open-console work/500000000002/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000002/ReadOnlyAccess
        ---
        More for audit ▸ (2 items)
      log-archive (500000000001) ▸
        AdministratorAccess => open-console work/500000000001/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000001/ReadOnlyAccess
        ---
        More for log-archive ▸ (2 items)
      management (500000000000) ▸
        AdministratorAccess => open-console work/500000000000/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000000/ReadOnlyAccess
        ---
        More for management ▸ (2 items)
      network (500000000005) ▸
        AdministratorAccess => open-console work/500000000005/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000005/ReadOnlyAccess
        ---
        More for network ▸ (2 items)
      security-tooling (500000000003) ▸
        AdministratorAccess => open-console work/500000000003/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000003/ReadOnlyAccess
        ---
        More for security-tooling ▸ (2 items)
      shared-services (500000000004) ▸
        AdministratorAccess => open-console work/500000000004/AdministratorAccess
        ReadOnlyAccess => open-console work/500000000004/ReadOnlyAccess
        ---
        More for shared-services ▸ (2 items)"
    `);
    const listed = all(submenu(accounts)).filter((item) => item.type === 'submenu' && /\(\d{12}\)$/.test(item.label));
    expect(listed).toHaveLength(40);
    for (const name of ['management', 'log-archive', 'audit', 'security-tooling', 'shared-services', 'sandbox-judy'])
      expect(
        listed.some((item) => 'label' in item && item.label.includes(name)),
        name,
      ).toBe(true);
    // Every role is there, and opens its console.
    const consoles = all(submenu(accounts)).filter(
      (item) => item.type === 'action' && item.action.kind === 'open-console',
    );
    expect(consoles).toHaveLength(roles.length);
    expect(outline(submenu(find(template, /^● PROD payments-prod/)))).toMatchInlineSnapshot(`
      "AdministratorAccess => open-console work/500000000006/AdministratorAccess
      PowerUserAccess => open-console work/500000000006/PowerUserAccess
      ReadOnlyAccess => open-console work/500000000006/ReadOnlyAccess
      ---
      More for payments-prod ▸
        AdministratorAccess ▸
          Copy credentials (export lines) => copy-exports work/500000000006/AdministratorAccess
          Copy profile name (payments-prod.AdministratorAccess) => copy-profile-name work/500000000006/AdministratorAccess
          Use as default profile => set-default-profile work/500000000006/AdministratorAccess
        PowerUserAccess ▸
          Copy credentials (export lines) => copy-exports work/500000000006/PowerUserAccess
          Copy profile name (payments-prod.PowerUserAccess) => copy-profile-name work/500000000006/PowerUserAccess
          Use as default profile => set-default-profile work/500000000006/PowerUserAccess
        ReadOnlyAccess ▸
          Copy credentials (export lines) => copy-exports work/500000000006/ReadOnlyAccess
          Copy profile name (payments-prod.ReadOnlyAccess) => copy-profile-name work/500000000006/ReadOnlyAccess
          Use as default profile => set-default-profile work/500000000006/ReadOnlyAccess"
    `);
    expect(itemCount(template)).toBeLessThan(800);
  });

  it('shows 25 accounts or fewer as one flat list, and one environment as a flat list too', () => {
    const flat = trayMenuTemplate(input({ inventory: inventory(manyRoles(MENU_LIMITS.flatAccounts, 1)) }));
    expect(
      submenu(find(flat, /^Accounts/)).every((item) => item.type === 'submenu' && item.label.startsWith('account-')),
    ).toBe(true);
    const unclassified = trayMenuTemplate(input({ inventory: inventory(manyRoles(MENU_LIMITS.accounts, 1)) }));
    const accounts = submenu(find(unclassified, /^Accounts/));
    expect(accounts).toHaveLength(MENU_LIMITS.accounts);
    // Numeric collation: account-2 before account-10.
    expect(labelsOf(accounts).slice(0, 3)).toEqual([
      'account-0 (100000000000)',
      'account-1 (100000000001)',
      'account-2 (100000000002)',
    ]);
  });

  it('shows no alphabetical prefix of 2,000 accounts: favourites, recents, then one search item', () => {
    const roles = manyRoles(2000, 3);
    const template = trayMenuTemplate(
      input({
        state: state({
          settings: { ...DEFAULT_SETTINGS, favourites: roles.slice(0, 14).map((item) => item.key) },
          recents: roles.slice(3000, 3020).map((item) => item.key),
        }),
        inventory: inventory(roles),
      }),
    );
    expect(find(template, /^Accounts/)).toBeUndefined();
    expect(find(template, 'All 2,000 accounts: search…')).toEqual({
      type: 'action',
      label: 'All 2,000 accounts: search…',
      action: { kind: 'show-palette' },
    });
    expect(find(template, '4 more favourites: search…')).toMatchObject({ action: { kind: 'show-palette' } });
    const roleItems = template.filter((item) => item.type === 'action' && item.action.kind === 'open-console');
    expect(roleItems).toHaveLength(MENU_LIMITS.favourites + MENU_LIMITS.recents);
    // No account beyond the favourites and recents shows up anywhere.
    expect(all(template).filter((item) => 'label' in item && /^account-/.test(item.label))).toHaveLength(
      2 * (MENU_LIMITS.favourites + MENU_LIMITS.recents),
    );
    // 6,000 roles make a menu of a bounded size, cheap to build and compare every minute.
    expect(itemCount(template)).toBeLessThan(400);
    expect(topLevel(template)).toMatchInlineSnapshot(`
      "work — 8h 00m left ▸ (4 items)
      ---
      Search accounts and roles… (<CommandOrControl+Alt+K>) => show-palette
      [Favourites]
      account-0 · Role0 => open-console work/100000000000/Role0
      account-0 · Role1 => open-console work/100000000000/Role1
      account-0 · Role2 => open-console work/100000000000/Role2
      account-1 · Role0 => open-console work/100000000001/Role0
      account-1 · Role1 => open-console work/100000000001/Role1
      account-1 · Role2 => open-console work/100000000001/Role2
      account-2 · Role0 => open-console work/100000000002/Role0
      account-2 · Role1 => open-console work/100000000002/Role1
      account-2 · Role2 => open-console work/100000000002/Role2
      account-3 · Role0 => open-console work/100000000003/Role0
      4 more favourites: search… => show-palette
      [Recent]
      account-1000 · Role0 => open-console work/100000001000/Role0
      account-1000 · Role1 => open-console work/100000001000/Role1
      account-1000 · Role2 => open-console work/100000001000/Role2
      account-1001 · Role0 => open-console work/100000001001/Role0
      account-1001 · Role1 => open-console work/100000001001/Role1
      More for favourites and recents ▸ (15 items)
      ---
      All 2,000 accounts: search… => show-palette
      ---
      Sync ~/.aws/config now => sync-now
      Open Lanyard => show-window
      Help ▸ (1 items)
      ---
      Quit Lanyard => quit"
    `);
  });

  it('keeps the menu bounded when few accounts have many roles', () => {
    const wide = [
      ...Array.from({ length: 45 }, (_, index) =>
        role('999999999999', 'zz-big', `Role${String(index).padStart(2, '0')}`),
      ),
      ...manyRoles(3, 1),
    ];
    const template = trayMenuTemplate(input({ inventory: inventory(wide) }));
    const big = submenu(find(template, /^zz-big/));
    expect(big.filter((item) => item.type === 'action' && item.action.kind === 'open-console')).toHaveLength(
      MENU_LIMITS.rolesPerAccount,
    );
    expect(find(big, '25 more roles: search…')).toMatchObject({ action: { kind: 'show-palette' } });
    // 60 accounts of 100 roles (6,000 roles): beyond the role budget, the palette.
    const many = trayMenuTemplate(input({ inventory: inventory(manyRoles(60, 100)) }));
    expect(find(many, 'All 60 accounts: search…')).toBeDefined();
    expect(itemCount(many)).toBeLessThan(400);
    // Just within it: every account, still a bounded menu.
    const budget = trayMenuTemplate(input({ inventory: inventory(manyRoles(50, MENU_LIMITS.roles / 50)) }));
    expect(find(budget, 'Accounts (50)')).toBeDefined();
    expect(itemCount(budget)).toBeLessThan(1_600);
  });

  it('reads the role list once per inventory snapshot, not on every minute’s rebuild', () => {
    let reads = 0;
    const roles = new Proxy(manyRoles(2000, 3), {
      get(target, property, receiver) {
        reads++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const big = inventory(roles);
    const first = trayMenuTemplate(input({ inventory: big }));
    expect(reads).toBeGreaterThan(6000);
    reads = 0;
    for (let minute = 1; minute <= 10; minute++)
      trayMenuTemplate(input({ inventory: big, now: NOW + minute * MINUTE }));
    expect(reads).toBe(0);
    // A new snapshot is indexed afresh.
    expect(trayMenuTemplate(input({ inventory: inventory(manyRoles(3, 1), 2) }))).not.toEqual(first);
  });

  it('marks prod accounts and roles, and only prod', () => {
    const template = trayMenuTemplate(
      input({ state: state({ settings: { ...DEFAULT_SETTINGS, favourites: [prodAdmin.key, devAdmin.key] } }) }),
    );
    const marked = all(template).filter((item) => 'label' in item && item.label.includes('PROD'));
    expect(labelsOf(marked)).toEqual([
      '● PROD acme-prod · AdministratorAccess',
      '● PROD acme-prod · AdministratorAccess',
      '● PROD acme-prod (111111111111)',
    ]);
    // A role marked prod marks its account, even if another role of it is not.
    const mixed = trayMenuTemplate(
      input({ inventory: inventory([role('1', 'x', 'A'), role('1', 'x', 'B', { environment: 'prod' })]) }),
    );
    expect(find(mixed, '● PROD x (1)')).toBeDefined();
  });

  it('disables what cannot work while a session is signed out', () => {
    const lab = role('444444444444', 'lab-one', 'Admin', { sessionName: 'lab' });
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [session('work'), session('lab', { health: 'sign-in-needed' })],
          settings: { ...DEFAULT_SETTINGS, favourites: [lab.key, prodAdmin.key] },
        }),
        inventory: inventory([prodAdmin, lab]),
      }),
    );
    const favourites = template.filter((item) => item.type === 'action' && item.action.kind === 'open-console');
    expect(favourites.map((item) => item.type === 'action' && item.enabled !== false)).toEqual([false, true]);
    const labActions = submenu(find(submenu(find(template, 'More for favourites')), /^lab-one · Admin/));
    expect(labActions).toContainEqual(
      expect.objectContaining({ label: 'Copy credentials (export lines)', enabled: false }),
    );
    expect(labActions).toContainEqual(expect.objectContaining({ label: 'Copy profile name (lab-one.Admin)' }));
    expect(find(submenu(find(template, /^lab-one \(/)), 'Admin')).toMatchObject({ enabled: false });
    expect(find(submenu(find(template, /^lab —/)), 'Reload accounts')).toMatchObject({ enabled: false });
    expect(find(template, 'Sync ~/.aws/config now')).toMatchObject({ enabled: true });

    const signedOut = trayMenuTemplate(
      input({ state: state({ sessions: [session('work', { health: 'signed-out' })] }) }),
    );
    expect(find(signedOut, 'Sync ~/.aws/config now')).toMatchObject({ enabled: false });
    expect(find(signedOut, 'Sign in to work…')).toBeDefined();
    expect(
      all(signedOut).filter(
        (item) => item.type === 'action' && ['open-console', 'copy-exports'].includes(item.action.kind),
      ),
    ).toSatisfy(
      (items: TrayMenuItem[]) => items.length > 0 && items.every((item) => 'enabled' in item && item.enabled === false),
    );
  });

  it('names the session of each account and role when several sessions list accounts', () => {
    const lab = role('444444444444', 'lab-one', 'Admin', { sessionName: 'lab' });
    const template = trayMenuTemplate(
      input({
        state: state({ sessions: [session('work'), session('lab')], recents: [lab.key] }),
        inventory: inventory([prodAdmin, lab]),
      }),
    );
    expect(labelsOf(submenu(find(template, /^Accounts/)))).toEqual([
      '● PROD acme-prod (111111111111) · work',
      'lab-one (444444444444) · lab',
    ]);
    expect(find(template, 'lab-one · Admin · lab')).toMatchObject({ action: { kind: 'open-console' } });
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
    const top = topLevel(template).split('\n');
    expect(top.slice(top.indexOf('[Favourites]'), top.indexOf('[Favourites]') + 4)).toEqual([
      '[Favourites]',
      `${PROD_MARK}acme-prod · ReadOnly => open-console ${prodRead.key}`,
      `More for ${PROD_MARK}acme-prod · ReadOnly ▸ (3 items)`,
      '---',
    ]);
    expect(top).not.toContain('[Recent]');
  });

  it('says when no account is listed yet', () => {
    expect(find(trayMenuTemplate(input({ inventory: inventory([]) })), 'No accounts listed yet')).toEqual({
      type: 'label',
      label: 'No accounts listed yet',
    });
  });

  it('keeps hostile names plain, short and in their place', () => {
    const hostile: RoleView[] = [
      role('300000000008', 'admin\u202Egnp.exe', 'Read\u2066Only\u2069', { environment: 'prod' }),
      role('300000000007', '<b>R&amp;D</b> & "quotes"', 'a;b|c&d'),
      role('300000000009', 'x'.repeat(3_000), `Role${'y'.repeat(3_000)}`),
      role('300000000010', 'line\nbreak', 'Admin\n[profile evil]', { sessionName: '\u202Eevil\u001b[2J' }),
    ];
    const template = trayMenuTemplate(
      input({
        state: state({
          sessions: [session('work'), session('\u202Eevil\u001b[2J', { health: 'sign-in-needed' })],
          settings: { ...DEFAULT_SETTINGS, favourites: hostile.map((item) => item.key) },
          activeCredentials: [{ key: hostile[2]!.key, expiresAt: NOW + HOUR }],
          defaultProfile: { roleKey: hostile[2]!.key, label: 'x' },
        }),
        inventory: inventory(hostile),
      }),
    );
    const labels = labelsOf(all(template));
    for (const label of labels) {
      // eslint-disable-next-line no-control-regex
      expect(label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(Array.from(label).length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    }
    expect(labels).toContain('● PROD admingnp.exe · ReadOnly · work');
    expect(labels).toContain('<b>R&amp;D</b> & "quotes" · a;b|c&d · work');
    expect(labels).toContain('Sign in to evil[2J…');
    expect(labels).toContain('line break · Admin [profile evil] · evil[2J');
    expect(labels).toContain(`${'x'.repeat(MAX_NAME_LENGTH - 1)}… (300000000009) · work`);
    // The long names are cut, and what follows them (time left, default, session) stays.
    expect(labels.filter((label) => label.endsWith('… · 1h 00m · default · work'))).toHaveLength(2);
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
    expect(find(template, /acme-prod/)).toBeDefined();
    expect(find(template, /Credentials valid/)).toBeUndefined();
    expect(find(template, '⚠ Lanyard could not register Ctrl+Alt+K.')).toMatchObject({
      action: { kind: 'show-window' },
    });
    expect(find(template, 'Search accounts and roles…')).not.toHaveProperty('accelerator');
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
