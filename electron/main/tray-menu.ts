/**
 * The tray menu and icon as pure functions of the state: sessions with their time left,
 * favourite and recent roles, accounts with their roles (capped, so thousands of accounts
 * still make a menu people can use), then the app's own commands. Items carry action
 * descriptors instead of click handlers, so templates can be compared and asserted; tray.ts
 * turns them into Electron menu items. Times are shown to the minute, so a template built
 * once a minute stays true. Names and messages come from the service (or the user's config),
 * so each is made plain before it goes into a label (no bidi overrides or control characters,
 * long names cut: see display-text.ts); tray.ts escapes `&` for Electron.
 */
import { plainLabel, plainName } from '../core/domain/display-text.js';
import { formatTimeLeft as formatMinutesLeft } from '../core/domain/durations.js';
import { accountKey } from '../core/domain/model.js';
import { SESSION_HEALTH_LABELS, isSessionEndingSoon, isSignedIn, sessionEnd } from '../core/domain/session-health.js';
import { compareAccounts, compareRoles, displayName } from '../core/domain/role-order.js';
import type { InventoryView, LanyardState, RoleView, SessionView } from '../core/domain/views.js';
import type { AppAction } from './actions.js';
import { acceleratorLabel } from './hotkey.js';
import type { UpdateState } from './updater.js';

export type TrayMenuItem =
  | { type: 'separator' }
  /** Text only, not clickable. */
  | { type: 'label'; label: string }
  | { type: 'action'; label: string; action: AppAction; enabled?: boolean; checked?: boolean; accelerator?: string }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] };

export interface TrayMenuInput {
  state: LanyardState;
  inventory: InventoryView;
  now: number;
  platform: NodeJS.Platform;
  /** Why the palette hotkey does not work, when it does not. */
  hotkeyProblem?: string;
  /** The updater's state (no update items without it). */
  update?: UpdateState;
  /** Whether the `lanyard` command is on PATH (no install items when unknown). */
  cliInstalled?: boolean;
}

export const TRAY_ICON_STATES = ['signed-in', 'expiring', 'sign-in-needed'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

export const MENU_LIMITS = {
  favourites: 10,
  recents: 5,
  accounts: 30,
  rolesPerAccount: 20,
} as const;

/** Time left to the minute: the menu is rebuilt once a minute. */
export const formatTimeLeft = (ms: number): string => formatMinutesLeft(ms, 'minute');

export function trayIconState(state: LanyardState, now: number): TrayIconState {
  const signedIn = state.sessions.filter((session) => isSignedIn(session.health));
  const broken = state.sessions.some((session) => session.health === 'sign-in-needed' || session.health === 'corrupt');
  if (signedIn.length === 0 || broken) return 'sign-in-needed';
  return signedIn.some((session) => isSessionEndingSoon(session, state.settings, now)) ? 'expiring' : 'signed-in';
}

function sessionStatus(session: SessionView, state: LanyardState, now: number): string {
  if (state.signIn?.sessionName === session.name) return 'signing in…';
  const label = SESSION_HEALTH_LABELS[session.health].toLowerCase();
  switch (session.health) {
    case 'active':
    case 'refreshing': {
      const end = sessionEnd(session);
      return end === undefined ? SESSION_HEALTH_LABELS.active.toLowerCase() : `${formatTimeLeft(end - now)} left`;
    }
    case 'retrying':
      return `${label}…`;
    default:
      return label;
  }
}

/** "Lanyard" and one line per session, for the tray's tooltip. */
export function trayTooltip(state: LanyardState, now: number): string {
  const lines = state.sessions.map((session) => `${plainName(session.name)}: ${sessionStatus(session, state, now)}`);
  return ['Lanyard', ...(lines.length > 0 ? lines : ['no SSO session yet'])].join('\n');
}

function inventoryLine(session: SessionView): string {
  const { inventory } = session;
  if (inventory.state === 'listing') return `Listing accounts… ${inventory.done}/${inventory.total}`;
  if (inventory.state === 'failed') return plainLabel(`Listing failed: ${inventory.error ?? 'unknown error'}`);
  return `${inventory.accounts.toLocaleString('en-US')} accounts, ${inventory.roles.toLocaleString('en-US')} roles`;
}

function sessionItem(session: SessionView, state: LanyardState, now: number): TrayMenuItem {
  const signingIn = state.signIn?.sessionName === session.name;
  const signedIn = isSignedIn(session.health);
  const items: TrayMenuItem[] = [];
  if (session.message) items.push({ type: 'label', label: plainLabel(session.message) });
  if (signingIn) items.push({ type: 'action', label: 'Cancel signing in', action: { kind: 'cancel-sign-in' } });
  else if (signedIn)
    items.push({ type: 'action', label: 'Sign out', action: { kind: 'sign-out', sessionName: session.name } });
  else items.push({ type: 'action', label: 'Sign in…', action: { kind: 'sign-in', sessionName: session.name } });
  items.push(
    { type: 'separator' },
    { type: 'label', label: inventoryLine(session) },
    {
      type: 'action',
      label: 'Reload accounts',
      action: { kind: 'refresh-inventory', sessionName: session.name },
      enabled: signedIn && session.inventory.state !== 'listing',
    },
  );
  return { type: 'submenu', label: `${plainName(session.name)} — ${sessionStatus(session, state, now)}`, items };
}

interface RoleContext {
  now: number;
  /** Credential expiry by role key, for roles with live credentials. */
  activeUntil: ReadonlyMap<string, number>;
  /** Role key of the default profile. */
  defaultProfile: string | undefined;
}

function roleActions(role: RoleView, context: RoleContext): TrayMenuItem[] {
  const until = context.activeUntil.get(role.key);
  const isDefault = role.key === context.defaultProfile;
  const items: TrayMenuItem[] = [];
  if (until !== undefined)
    items.push({ type: 'label', label: `Credentials valid for ${formatTimeLeft(until - context.now)}` });
  items.push(
    { type: 'action', label: 'Open console', action: { kind: 'open-console', roleKey: role.key } },
    { type: 'action', label: 'Copy export AWS_… lines', action: { kind: 'copy-exports', roleKey: role.key } },
    role.profileName
      ? {
          type: 'action',
          label: `Copy profile name (${plainName(role.profileName)})`,
          action: { kind: 'copy-profile-name', roleKey: role.key },
        }
      : {
          type: 'action',
          label: 'Copy profile name (not synced yet)',
          action: { kind: 'copy-profile-name', roleKey: role.key },
          enabled: false,
        },
    {
      type: 'action',
      label: 'Default profile',
      action: { kind: 'set-default-profile', roleKey: role.key },
      checked: isDefault,
      enabled: !isDefault,
    },
  );
  return items;
}

/** A role's menu label; `withAccount` for lists that mix accounts (favourites, recents). */
function roleLabel(role: RoleView, context: RoleContext, withAccount: boolean): string {
  const until = context.activeUntil.get(role.key);
  const roleName = plainName(role.roleName);
  const parts = [withAccount ? `${plainName(displayName(role))} · ${roleName}` : roleName];
  if (until !== undefined) parts.push(formatTimeLeft(until - context.now));
  if (role.key === context.defaultProfile) parts.push('default');
  return parts.join(' · ');
}

function roleItem(role: RoleView, context: RoleContext, withAccount: boolean): TrayMenuItem {
  return { type: 'submenu', label: roleLabel(role, context, withAccount), items: roleActions(role, context) };
}

interface AccountGroup {
  key: string;
  first: RoleView;
  /** Sorted by role name. */
  roles: RoleView[];
}

/** What the menu needs from an inventory, computed once per inventory snapshot. */
interface InventoryIndex {
  byKey: ReadonlyMap<string, RoleView>;
  /** Accounts (per session), sorted by the name people know them by. */
  accounts: AccountGroup[];
  sessions: number;
}

/** Snapshots are immutable, so the index of one stays true while the menu is rebuilt each minute. */
const indexes = new WeakMap<InventoryView, InventoryIndex>();

function indexInventory(inventory: InventoryView): InventoryIndex {
  const cached = indexes.get(inventory);
  if (cached) return cached;
  const groups = new Map<string, AccountGroup>();
  for (const role of inventory.roles) {
    const key = accountKey(role.sessionName, role.accountId);
    const group = groups.get(key);
    if (group) group.roles.push(role);
    else groups.set(key, { key, first: role, roles: [role] });
  }
  const accounts = [...groups.values()].sort((a, b) => compareAccounts(a.first, b.first) || a.key.localeCompare(b.key));
  for (const account of accounts) account.roles.sort(compareRoles);
  const index = {
    byKey: new Map(inventory.roles.map((role) => [role.key, role])),
    accounts,
    sessions: new Set(inventory.roles.map((role) => role.sessionName)).size,
  };
  indexes.set(inventory, index);
  return index;
}

function accountsItem(input: TrayMenuInput, context: RoleContext): TrayMenuItem {
  const { accounts, sessions } = indexInventory(input.inventory);
  const hotkey = input.hotkeyProblem ? '' : ` (${acceleratorLabel(input.state.settings.hotkey, input.platform)})`;
  const searchAll = (what: string): TrayMenuItem => ({
    type: 'action',
    label: `Search ${what}…${hotkey}`,
    action: { kind: 'show-palette' },
  });
  const items: TrayMenuItem[] = accounts.slice(0, MENU_LIMITS.accounts).map(({ first, roles }) => {
    const suffix = sessions > 1 ? ` · ${plainName(first.sessionName)}` : '';
    const roleItems = roles.slice(0, MENU_LIMITS.rolesPerAccount).map((role) => roleItem(role, context, false));
    if (roles.length > MENU_LIMITS.rolesPerAccount)
      roleItems.push({ type: 'separator' }, searchAll(`all ${roles.length} roles`));
    const label = `${plainName(displayName(first))} (${plainName(first.accountId)})${suffix}`;
    return { type: 'submenu', label, items: roleItems };
  });
  if (accounts.length > MENU_LIMITS.accounts)
    items.push({ type: 'separator' }, searchAll(`all ${accounts.length.toLocaleString('en-US')} accounts`));
  if (items.length === 0) items.push({ type: 'label', label: 'No accounts listed yet' });
  return { type: 'submenu', label: `Accounts (${accounts.length.toLocaleString('en-US')})`, items };
}

/** Favourites, then recent roles that are not favourites; roles no longer listed are left out. */
function pinnedSection(input: TrayMenuInput, context: RoleContext): TrayMenuItem[] {
  const { byKey } = indexInventory(input.inventory);
  const favouriteKeys = input.state.settings.favourites;
  const pick = (keys: readonly string[], limit: number): RoleView[] =>
    keys
      .map((key) => byKey.get(key))
      .filter((role): role is RoleView => role !== undefined)
      .slice(0, limit);
  const favourites = pick(favouriteKeys, MENU_LIMITS.favourites);
  const recents = pick(
    input.state.recents.filter((key) => !favouriteKeys.includes(key)),
    MENU_LIMITS.recents,
  );
  const section: TrayMenuItem[] = [];
  if (favourites.length > 0)
    section.push({ type: 'label', label: 'Favourites' }, ...favourites.map((role) => roleItem(role, context, true)));
  if (recents.length > 0)
    section.push({ type: 'label', label: 'Recent' }, ...recents.map((role) => roleItem(role, context, true)));
  return section;
}

function sessionsSection(input: TrayMenuInput): TrayMenuItem[] {
  const { state, now } = input;
  if (state.sessions.length === 0) {
    return [
      { type: 'label', label: 'No SSO session yet' },
      { type: 'action', label: 'Add an SSO session…', action: { kind: 'show-window' } },
    ];
  }
  return state.sessions.map((session) => sessionItem(session, state, now));
}

function warningsSection(input: TrayMenuInput): TrayMenuItem[] {
  const warnings: TrayMenuItem[] = [];
  if (input.hotkeyProblem)
    warnings.push({ type: 'action', label: plainLabel(`⚠ ${input.hotkeyProblem}`), action: { kind: 'show-window' } });
  const problems = input.state.problems.length;
  if (problems > 0) {
    warnings.push({
      type: 'action',
      label: `⚠ ${problems} AWS config problem${problems === 1 ? '' : 's'}: open Lanyard`,
      action: { kind: 'show-window' },
    });
  }
  return warnings;
}

/** "Check for updates" and what the last check found. */
export function updateItems(update: UpdateState | undefined): TrayMenuItem[] {
  if (!update) return [];
  const check = (enabled: boolean): TrayMenuItem => ({
    type: 'action',
    label: 'Check for updates',
    action: { kind: 'check-for-updates' },
    enabled,
  });
  switch (update.kind) {
    case 'disabled':
      return [{ type: 'label', label: plainLabel(update.reason) }];
    case 'idle':
      return [check(true)];
    case 'checking':
      return [
        { type: 'action', label: 'Checking for updates…', action: { kind: 'check-for-updates' }, enabled: false },
      ];
    case 'up-to-date':
      return [{ type: 'label', label: 'Lanyard is up to date' }, check(true)];
    case 'downloading':
      return [{ type: 'label', label: plainLabel(`Downloading Lanyard ${update.version}…`) }];
    case 'downloaded':
      return [
        {
          type: 'action',
          label: plainLabel(`Restart to update to ${update.version}`),
          action: { kind: 'restart-to-update' },
        },
      ];
    case 'error':
      return [{ type: 'label', label: plainLabel(`Update check failed: ${update.message}`) }, check(true)];
  }
}

function cliItems(installed: boolean | undefined): TrayMenuItem[] {
  if (installed === undefined) return [];
  return installed
    ? [{ type: 'action', label: 'Uninstall the lanyard command', action: { kind: 'uninstall-cli' } }]
    : [{ type: 'action', label: 'Install the lanyard command', action: { kind: 'install-cli' } }];
}

/** The whole tray menu for a state, at a moment, on a platform. */
export function trayMenuTemplate(input: TrayMenuInput): TrayMenuItem[] {
  const { state, now, platform } = input;
  const context: RoleContext = {
    now,
    activeUntil: new Map(
      state.activeCredentials
        .filter((active) => active.expiresAt > now)
        .map((active) => [active.key, active.expiresAt]),
    ),
    defaultProfile: state.defaultProfile?.roleKey,
  };
  const sections: TrayMenuItem[][] = [
    sessionsSection(input),
    pinnedSection(input, context),
    state.sessions.length > 0 ? [accountsItem(input, context)] : [],
    warningsSection(input),
    [
      {
        type: 'action',
        label: 'Search…',
        action: { kind: 'show-palette' },
        ...(input.hotkeyProblem ? {} : { accelerator: state.settings.hotkey }),
      },
      {
        type: 'action',
        label: 'Sync ~/.aws/config now',
        action: { kind: 'sync-now' },
        enabled: state.sessions.length > 0,
      },
      { type: 'action', label: 'Open Lanyard', action: { kind: 'show-window' } },
      {
        type: 'submenu',
        label: 'Help',
        items: [{ type: 'action', label: 'Diagnostics…', action: { kind: 'show-diagnostics' } }],
      },
    ],
    [...updateItems(input.update), ...cliItems(input.cliInstalled)],
    [{ type: 'action', label: platform === 'win32' ? 'Exit Lanyard' : 'Quit Lanyard', action: { kind: 'quit' } }],
  ];
  return sections
    .filter((section) => section.length > 0)
    .flatMap((section, index) => (index === 0 ? section : [{ type: 'separator' } as const, ...section]));
}
