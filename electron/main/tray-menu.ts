/**
 * The tray menu and icon as pure functions of the state. The menu is a switcher: what people
 * open the tray for (a console, often prod, often the same few roles) is one or two clicks away,
 * and nothing is silently left out. Top to bottom:
 *
 * - Each SSO session with the time its SSO session has left (not the hourly token's), or why
 *   it is not signed in; a submenu holds its listing, "Reload accounts" and "Sign out". When a
 *   session needs signing in, "Sign in to NAME…" (or "Cancel signing in to NAME") is right
 *   there at the top level, not in that submenu.
 * - "Search accounts and roles…" with the palette's hotkey.
 * - Favourites, then recent roles: each item opens its console in one click. Their other
 *   actions (copy credentials as export lines, copy the profile name, use as default profile)
 *   are in one trailing "More for favourites and recents ▸" submenu.
 * - The accounts, every one of them when they fit: a flat list up to MENU_LIMITS.flatAccounts,
 *   under environment headings up to MENU_LIMITS.accounts; each account a submenu whose roles open
 *   the console in one click, with a trailing "More for ACCOUNT ▸". Beyond that (or beyond the
 *   role budget), no alphabetical prefix of the list, which would hide the accounts people
 *   want behind a wall of `acme-billing-*`: one "All 2,000 accounts: search…" item that opens
 *   the palette. Wherever a list is cut, an "N more …: search…" item says so.
 * - Warnings, then the app's own commands.
 *
 * Why "the item opens the console, the other actions sit in a separate submenu": a native menu
 * item is either clickable or a submenu, on every platform (NSMenu on macOS, Win32 menus on
 * Windows, dbusmenu / GTK on Linux); Electron ignores `click` on an item with a `submenu`, and
 * macOS never fires it. Opening the console is what the tray is for, so the role itself is that
 * action; the rarer actions stay two levels away, and one trailing submenu per list (rather
 * than a twin "…▸" item per role) keeps lists as long as they have roles, not twice as long.
 *
 * Prod is marked "● PROD " before the name. Labels are plain text: a colour emoji (🔴) shows in
 * colour on macOS, but monochrome in Windows' menus and as a missing glyph in Linux trays
 * drawn with fonts that lack emoji. U+25CF is in every UI font (Windows' WGL4 set, DejaVu,
 * Cantarell, San Francisco), and the word says it where a glyph would not (and to screen
 * readers). Only prod is marked: a mark on everything marks nothing.
 *
 * Items carry action descriptors instead of click handlers, so templates can be compared and
 * asserted; tray.ts turns them into Electron menu items. The template is rebuilt on every state
 * change and once a minute: what depends on the inventory alone (accounts, their order and
 * groups) is computed once per inventory snapshot, and the menu holds a bounded number of
 * items however many roles there are. Times are shown to the minute, so a template built once a
 * minute stays true. Names and messages come from the service (or the user's config), so each is
 * made plain before it goes into a label (no bidi overrides or control characters, long names
 * cut: see display-text.ts); tray.ts escapes `&` for Electron.
 */
import { MAX_LABEL_LENGTH, capLength, plainLabel, plainName } from '../core/domain/display-text.js';
import { formatTimeLeft as formatMinutesLeft } from '../core/domain/durations.js';
import { ENVIRONMENTS, ENVIRONMENT_TITLES, type Environment } from '../core/domain/environment.js';
import { accountKey } from '../core/domain/model.js';
import { SESSION_HEALTH_LABELS, isSessionEndingSoon, isSignedIn, sessionEnd } from '../core/domain/session-health.js';
import { compareAccounts, compareRoles, displayName } from '../core/domain/role-order.js';
import type { InventoryView, LanyardState, RoleView, SessionView } from '../core/domain/views.js';
import type { AppAction } from './actions.js';
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
  /** Up to this many accounts, one flat list (about what a laptop screen shows without scrolling). */
  flatAccounts: 25,
  /** Up to this many, under environment headings; beyond, the palette. */
  accounts: 60,
  rolesPerAccount: 20,
  /**
   * Roles the account list may hold in all (each is about five native items: its console, its
   * "More" submenu and the actions there); beyond, the palette.
   */
  roles: 250,
} as const;

/** Marks prod accounts and roles (see the header for why this text). */
export const PROD_MARK = `● ${ENVIRONMENT_TITLES.prod} `;

const ENVIRONMENT_GROUP_LABELS: Readonly<Record<Environment | 'other', string>> = {
  prod: 'Production',
  staging: 'Staging',
  test: 'Test',
  dev: 'Development',
  sandbox: 'Sandbox',
  nonprod: 'Non-production',
  other: 'Other',
};

/** Time left to the minute: the menu is rebuilt once a minute. */
export const formatTimeLeft = (ms: number): string => formatMinutesLeft(ms, 'minute');

const count = (value: number): string => value.toLocaleString('en-US');
const isProd = (role: Pick<RoleView, 'environment'>): boolean => role.environment === 'prod';
/** Opens the palette: where everything a menu leaves out is found. */
const searchItem = (label: string): TrayMenuItem => ({ type: 'action', label, action: { kind: 'show-palette' } });

export function trayIconState(state: LanyardState, now: number): TrayIconState {
  const signedIn = state.sessions.filter((session) => isSignedIn(session.health));
  const broken = state.sessions.some((session) => session.health === 'sign-in-needed' || session.health === 'corrupt');
  if (signedIn.length === 0 || broken) return 'sign-in-needed';
  return signedIn.some((session) => isSessionEndingSoon(session, state.settings, now)) ? 'expiring' : 'signed-in';
}

/**
 * How long the SSO session has left ("6h 22m left"), from its end (sessionEnd): the hourly
 * access token renews on its own and says nothing about when the user must sign in again.
 */
function timeLeftStatus(session: SessionView, now: number): string {
  const end = sessionEnd(session);
  if (end === undefined) return 'signed in, renews on its own';
  return end > now ? `${formatTimeLeft(end - now)} left` : 'ending now';
}

function sessionStatus(session: SessionView, state: LanyardState, now: number): string {
  if (state.signIn?.sessionName === session.name) return 'signing in…';
  switch (session.health) {
    case 'active':
    case 'refreshing':
      return timeLeftStatus(session, now);
    case 'retrying':
      return `${SESSION_HEALTH_LABELS.retrying.toLowerCase()}…`;
    default:
      return SESSION_HEALTH_LABELS[session.health].toLowerCase();
  }
}

/** "Lanyard" and one line per session, for the tray's tooltip. */
export function trayTooltip(state: LanyardState, now: number): string {
  const lines = state.sessions.map((session) => `${plainName(session.name)}: ${sessionStatus(session, state, now)}`);
  return ['Lanyard', ...(lines.length > 0 ? lines : ['no SSO session yet'])].join('\n');
}

/** " 379 of 2,000" while a listing runs and knows how many accounts it found. */
function listingCount(session: SessionView): string {
  const { done, total } = session.inventory;
  return total > 0 ? ` ${count(done)} of ${count(total)}` : '';
}

function inventoryLine(session: SessionView): string {
  const { inventory } = session;
  if (inventory.state === 'listing') return `Listing accounts…${listingCount(session)}`;
  if (inventory.state === 'failed') return plainLabel(`Listing failed: ${inventory.error ?? 'unknown error'}`);
  return `${count(inventory.accounts)} accounts, ${count(inventory.roles)} roles`;
}

function sessionItem(session: SessionView, state: LanyardState, now: number): TrayMenuItem {
  const name = plainName(session.name);
  const signingIn = state.signIn?.sessionName === session.name;
  const signedIn = isSignedIn(session.health);
  const listing = session.inventory.state === 'listing';
  const items: TrayMenuItem[] = [];
  if (session.message) items.push({ type: 'label', label: plainLabel(session.message) });
  items.push(
    { type: 'label', label: inventoryLine(session) },
    {
      type: 'action',
      label: 'Reload accounts',
      action: { kind: 'refresh-inventory', sessionName: session.name },
      enabled: signedIn && !listing,
    },
    { type: 'separator' },
  );
  if (signingIn) items.push({ type: 'action', label: 'Cancel signing in', action: { kind: 'cancel-sign-in' } });
  else if (signedIn)
    items.push({ type: 'action', label: 'Sign out', action: { kind: 'sign-out', sessionName: session.name } });
  else
    items.push({
      type: 'action',
      label: `Sign in to ${name}…`,
      action: { kind: 'sign-in', sessionName: session.name },
    });
  const extra = listing
    ? ` · listing…${listingCount(session)}`
    : session.inventory.state === 'failed'
      ? ' · listing failed'
      : '';
  return { type: 'submenu', label: `${name} — ${sessionStatus(session, state, now)}${extra}`, items };
}

/** Sign-in (or cancelling one under way) at the top level, for each session that needs it. */
function signInItems(state: LanyardState): TrayMenuItem[] {
  return state.sessions.flatMap((session): TrayMenuItem[] => {
    const name = plainName(session.name);
    if (state.signIn?.sessionName === session.name)
      return [{ type: 'action', label: `Cancel signing in to ${name}`, action: { kind: 'cancel-sign-in' } }];
    if (isSignedIn(session.health)) return [];
    return [{ type: 'action', label: `Sign in to ${name}…`, action: { kind: 'sign-in', sessionName: session.name } }];
  });
}

interface RoleContext {
  now: number;
  /** Credential expiry by role key, for roles with live credentials. */
  activeUntil: ReadonlyMap<string, number>;
  /** Role key of the default profile. */
  defaultProfile: string | undefined;
  /** Sessions whose roles can get credentials now. */
  signedIn: ReadonlySet<string>;
  /** Whether roles of more than one session are listed (then labels name the session). */
  severalSessions: boolean;
}

/** "acme-prod · AdministratorAccess" in lists that mix accounts, else the role's name. */
function roleName(role: RoleView, withAccount: boolean): string {
  const name = plainName(role.roleName);
  return withAccount ? `${isProd(role) ? PROD_MARK : ''}${plainName(displayName(role))} · ${name}` : name;
}

/** A role's label: its name, its live credentials' time left, whether it is the default, its session. */
function roleLabel(role: RoleView, context: RoleContext, withAccount: boolean): string {
  const until = context.activeUntil.get(role.key);
  const parts = [roleName(role, withAccount)];
  if (until !== undefined) parts.push(formatTimeLeft(until - context.now));
  if (role.key === context.defaultProfile) parts.push('default');
  if (withAccount && context.severalSessions) parts.push(plainName(role.sessionName));
  return capLength(parts.join(' · '), MAX_LABEL_LENGTH);
}

/** The role itself: one click to its console (disabled while its session is not signed in). */
function consoleItem(role: RoleView, context: RoleContext, withAccount: boolean): TrayMenuItem {
  const item: TrayMenuItem = {
    type: 'action',
    label: roleLabel(role, context, withAccount),
    action: { kind: 'open-console', roleKey: role.key },
  };
  return context.signedIn.has(role.sessionName) ? item : { ...item, enabled: false };
}

/** What else a role offers, besides its console. */
function moreActions(role: RoleView, context: RoleContext): TrayMenuItem[] {
  const until = context.activeUntil.get(role.key);
  const isDefault = role.key === context.defaultProfile;
  const items: TrayMenuItem[] = [];
  if (until !== undefined)
    items.push({ type: 'label', label: `Credentials valid for ${formatTimeLeft(until - context.now)}` });
  items.push(
    {
      type: 'action',
      label: 'Copy credentials (export lines)',
      action: { kind: 'copy-exports', roleKey: role.key },
      enabled: context.signedIn.has(role.sessionName),
    },
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
      label: 'Use as default profile',
      action: { kind: 'set-default-profile', roleKey: role.key },
      checked: isDefault,
      enabled: !isDefault,
    },
  );
  return items;
}

/**
 * The trailing submenu of a list of roles: their other actions. One role: "More for ROLE ▸"
 * with its actions; several: `title ▸` with a submenu per role.
 */
function moreItem(roles: readonly RoleView[], context: RoleContext, title: string, withAccount: boolean): TrayMenuItem {
  const [only] = roles;
  if (roles.length === 1 && only)
    return { type: 'submenu', label: `More for ${roleName(only, withAccount)}`, items: moreActions(only, context) };
  return {
    type: 'submenu',
    label: title,
    items: roles.map((role) => ({
      type: 'submenu',
      label: roleLabel(role, context, withAccount),
      items: moreActions(role, context),
    })),
  };
}

interface AccountGroup {
  key: string;
  first: RoleView;
  /** Sorted by role name. */
  roles: RoleView[];
  prod: boolean;
}

interface EnvironmentGroup {
  label: string;
  accounts: AccountGroup[];
}

/** What the menu needs from an inventory, computed once per inventory snapshot. */
interface InventoryIndex {
  byKey: ReadonlyMap<string, RoleView>;
  /** Accounts (per session), sorted by the name people know them by. */
  accounts: AccountGroup[];
  /** The accounts by environment (prod first, unclassified last), for lists too long to show flat. */
  environments: EnvironmentGroup[];
  /** Whether every account (and up to MENU_LIMITS.rolesPerAccount roles of each) fits in the menu. */
  fits: boolean;
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
    if (group) {
      group.roles.push(role);
      group.prod ||= isProd(role);
    } else groups.set(key, { key, first: role, roles: [role], prod: isProd(role) });
  }
  const accounts = [...groups.values()].sort((a, b) => compareAccounts(a.first, b.first) || a.key.localeCompare(b.key));
  let listedRoles = 0;
  for (const account of accounts) {
    account.roles.sort(compareRoles);
    listedRoles += Math.min(account.roles.length, MENU_LIMITS.rolesPerAccount);
  }
  const byEnvironment = new Map<Environment | 'other', AccountGroup[]>(
    [...ENVIRONMENTS, 'other' as const].map((environment) => [environment, []]),
  );
  for (const account of accounts) {
    const environment = account.prod
      ? 'prod'
      : (account.roles.find((role) => role.environment)?.environment ?? 'other');
    byEnvironment.get(environment)?.push(account);
  }
  const index: InventoryIndex = {
    byKey: new Map(inventory.roles.map((role) => [role.key, role])),
    accounts,
    environments: [...byEnvironment]
      .filter(([, members]) => members.length > 0)
      .map(([environment, members]) => ({ label: ENVIRONMENT_GROUP_LABELS[environment], accounts: members })),
    fits: accounts.length <= MENU_LIMITS.accounts && listedRoles <= MENU_LIMITS.roles,
    sessions: new Set(inventory.roles.map((role) => role.sessionName)).size,
  };
  indexes.set(inventory, index);
  return index;
}

function accountItem(account: AccountGroup, context: RoleContext): TrayMenuItem {
  const { first, roles } = account;
  const name = plainName(displayName(first));
  const shown = roles.slice(0, MENU_LIMITS.rolesPerAccount);
  const items = shown.map((role) => consoleItem(role, context, false));
  if (roles.length > shown.length) items.push(searchItem(`${count(roles.length - shown.length)} more roles: search…`));
  items.push({ type: 'separator' }, moreItem(shown, context, `More for ${name}`, false));
  const session = context.severalSessions ? ` · ${plainName(first.sessionName)}` : '';
  const label = `${account.prod ? PROD_MARK : ''}${name} (${plainName(first.accountId)})${session}`;
  return { type: 'submenu', label: capLength(label, MAX_LABEL_LENGTH), items };
}

/**
 * Every account when they fit (flat, or by environment when a flat list would need scrolling
 * and the names say environments), else one item that says how many and opens the palette.
 */
function accountsSection(input: TrayMenuInput, context: RoleContext): TrayMenuItem[] {
  const { accounts, environments, fits } = indexInventory(input.inventory);
  if (accounts.length === 0) return [{ type: 'label', label: 'No accounts listed yet' }];
  if (!fits) return [searchItem(`All ${count(accounts.length)} accounts: search…`)];
  const label = `Accounts (${count(accounts.length)})`;
  if (accounts.length <= MENU_LIMITS.flatAccounts || environments.length < 2)
    return [{ type: 'submenu', label, items: accounts.map((account) => accountItem(account, context)) }];
  // Headings, not submenus: a group level would put a console four levels deep again.
  const items = environments.flatMap((group, index): TrayMenuItem[] => [
    ...(index > 0 ? [{ type: 'separator' } as const] : []),
    { type: 'label', label: `${group.label} (${count(group.accounts.length)})` },
    ...group.accounts.map((account) => accountItem(account, context)),
  ]);
  return [{ type: 'submenu', label, items }];
}

/**
 * Search, favourites, then recent roles that are not favourites (roles no longer listed are
 * left out), each one click to its console, and their other actions in one trailing submenu.
 */
function switcherSection(input: TrayMenuInput, context: RoleContext): TrayMenuItem[] {
  const { state } = input;
  const { byKey } = indexInventory(input.inventory);
  const listed = (keys: readonly string[]): RoleView[] =>
    keys.map((key) => byKey.get(key)).filter((role): role is RoleView => role !== undefined);
  const favouriteKeys = state.settings.favourites;
  const allFavourites = listed(favouriteKeys);
  const favourites = allFavourites.slice(0, MENU_LIMITS.favourites);
  const recents = listed(state.recents.filter((key) => !favouriteKeys.includes(key))).slice(0, MENU_LIMITS.recents);
  const section: TrayMenuItem[] = [
    {
      type: 'action',
      label: 'Search accounts and roles…',
      action: { kind: 'show-palette' },
      ...(input.hotkeyProblem ? {} : { accelerator: state.settings.hotkey }),
    },
  ];
  if (favourites.length > 0) {
    section.push({ type: 'label', label: 'Favourites' }, ...favourites.map((role) => consoleItem(role, context, true)));
    const more = allFavourites.length - favourites.length;
    if (more > 0) section.push(searchItem(`${count(more)} more favourites: search…`));
  }
  if (recents.length > 0)
    section.push({ type: 'label', label: 'Recent' }, ...recents.map((role) => consoleItem(role, context, true)));
  const pinned = [...favourites, ...recents];
  if (pinned.length > 0) {
    const title =
      recents.length === 0
        ? 'More for favourites'
        : favourites.length === 0
          ? 'More for recent roles'
          : 'More for favourites and recents';
    section.push(moreItem(pinned, context, title, true));
  }
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
  return [...state.sessions.map((session) => sessionItem(session, state, now)), ...signInItems(state)];
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
  const signedIn = new Set(
    state.sessions.filter((session) => isSignedIn(session.health)).map((session) => session.name),
  );
  const context: RoleContext = {
    now,
    activeUntil: new Map(
      state.activeCredentials
        .filter((active) => active.expiresAt > now)
        .map((active) => [active.key, active.expiresAt]),
    ),
    defaultProfile: state.defaultProfile?.roleKey,
    signedIn,
    severalSessions: indexInventory(input.inventory).sessions > 1,
  };
  const sections: TrayMenuItem[][] = [
    sessionsSection(input),
    switcherSection(input, context),
    state.sessions.length > 0 ? accountsSection(input, context) : [],
    warningsSection(input),
    [
      {
        type: 'action',
        label: 'Sync ~/.aws/config now',
        action: { kind: 'sync-now' },
        enabled: signedIn.size > 0,
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
