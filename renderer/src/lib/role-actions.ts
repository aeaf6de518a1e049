/**
 * What can be done to a role from the keyboard, shared by the main window's list and the
 * palette: Enter opens the console, Ctrl/Cmd+Enter copies exports, Alt+Enter copies the
 * profile name, Shift+Enter makes it the default profile. The main window's other keys (star,
 * rename, filter, the shortcuts sheet) are here too: the sheet that lists them is drawn from
 * these tables, and the key handlers read the same ones, so the sheet is always true.
 */
import type { CommandResult, LanyardCommands, RoleView } from '../../../electron/core/domain/views.js';

export type RoleAction = 'open-console' | 'copy-exports' | 'copy-profile-name' | 'set-default-profile';

// The renderer's navigator; none where these tables are read under Node (unit tests).
const userAgent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
const isMac = /Mac|iPhone|iPad/.test(userAgent);
/** The modifier people press for shortcuts: ⌘ on a Mac, Ctrl elsewhere (both work everywhere). */
export const PRIMARY_MODIFIER = isMac ? '⌘' : 'Ctrl';

interface ActionInfo {
  label: string;
  /** A shorter label, for buttons and the palette's footer. */
  short: string;
  /** Keys as shown to people, e.g. ["Ctrl", "Enter"]. */
  keys: string[];
  /** The same keys in aria-keyshortcuts syntax. */
  ariaKeys: string;
  /** What to announce when it worked. */
  done(role: RoleView): string;
  /** Needs the role's session signed in (it gets role credentials). */
  needsCredentials: boolean;
}

const subject = (role: RoleView): string => `${role.alias || role.accountName} / ${role.roleName}`;

export const ROLE_ACTIONS: Record<RoleAction, ActionInfo> = {
  'open-console': {
    label: 'Open console',
    short: 'Open console',
    keys: ['Enter'],
    ariaKeys: 'Enter',
    done: (role) => `Opening the console: ${subject(role)}`,
    needsCredentials: true,
  },
  'copy-exports': {
    label: 'Copy export lines',
    short: 'Copy exports',
    keys: [PRIMARY_MODIFIER, 'Enter'],
    ariaKeys: 'Control+Enter Meta+Enter',
    done: (role) => `Copied export lines: ${subject(role)}`,
    needsCredentials: true,
  },
  'copy-profile-name': {
    label: 'Copy profile name',
    short: 'Copy profile',
    keys: [isMac ? '⌥' : 'Alt', 'Enter'],
    ariaKeys: 'Alt+Enter',
    done: (role) => (role.profileName ? `Copied ${role.profileName}` : `Copied the profile name: ${subject(role)}`),
    needsCredentials: false,
  },
  'set-default-profile': {
    label: 'Set as default profile',
    short: 'Set default',
    keys: [isMac ? '⇧' : 'Shift', 'Enter'],
    ariaKeys: 'Shift+Enter',
    done: (role) => `Set as the default profile: ${subject(role)}`,
    needsCredentials: false,
  },
};

export const ROLE_ACTION_ORDER: RoleAction[] = [
  'open-console',
  'copy-exports',
  'copy-profile-name',
  'set-default-profile',
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The action a key press asks for, if any. */
export function roleActionForKey(event: KeyLike): RoleAction | undefined {
  if (event.key !== 'Enter') return undefined;
  if (event.ctrlKey || event.metaKey) return 'copy-exports';
  if (event.altKey) return 'copy-profile-name';
  if (event.shiftKey) return 'set-default-profile';
  return 'open-console';
}

export function runRoleAction(
  api: Pick<LanyardCommands, 'openConsole' | 'copyExports' | 'copyProfileName' | 'setDefaultProfile'>,
  action: RoleAction,
  roleKey: string,
): Promise<CommandResult> {
  switch (action) {
    case 'open-console':
      return api.openConsole(roleKey);
    case 'copy-exports':
      return api.copyExports(roleKey);
    case 'copy-profile-name':
      return api.copyProfileName(roleKey);
    case 'set-default-profile':
      return api.setDefaultProfile(roleKey);
  }
}

/** The main window's keys beyond the role actions and the arrows. */
export type WindowCommand = 'toggle-favourite' | 'rename' | 'focus-filter' | 'clear-filter' | 'show-shortcuts';

interface WindowCommandInfo {
  label: string;
  /** Each way to press it, as shown to people. */
  keys: string[][];
  ariaKeys: string;
  matches(event: KeyLike): boolean;
}

const withPrimary = (event: KeyLike): boolean => (event.ctrlKey || event.metaKey) && !event.altKey;

export const WINDOW_COMMANDS: Record<WindowCommand, WindowCommandInfo> = {
  'toggle-favourite': {
    label: 'Add to or remove from favourites',
    keys: [[PRIMARY_MODIFIER, 'D']],
    ariaKeys: 'Control+D Meta+D',
    matches: (event) => withPrimary(event) && event.key.toLowerCase() === 'd',
  },
  rename: {
    label: 'Rename the account',
    keys: [['F2']],
    ariaKeys: 'F2',
    matches: (event) => event.key === 'F2',
  },
  'focus-filter': {
    label: 'Filter accounts and roles',
    keys: [['/'], [PRIMARY_MODIFIER, 'F']],
    ariaKeys: '/ Control+F Meta+F',
    matches: (event) =>
      (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) ||
      (withPrimary(event) && event.key.toLowerCase() === 'f'),
  },
  'clear-filter': {
    label: 'Clear the filter',
    keys: [['Esc']],
    ariaKeys: 'Escape',
    matches: (event) => event.key === 'Escape',
  },
  'show-shortcuts': {
    label: 'Show these keyboard shortcuts',
    keys: [['?']],
    ariaKeys: '?',
    matches: (event) => event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey,
  },
};

/** The window command a key press asks for, if any. */
export function windowCommandForKey(event: KeyLike): WindowCommand | undefined {
  return (Object.keys(WINDOW_COMMANDS) as WindowCommand[]).find((command) => WINDOW_COMMANDS[command].matches(event));
}
