/**
 * What can be done to a role from the keyboard, shared by the main window's list and the
 * palette: Enter opens the console, Ctrl/Cmd+Enter copies exports, Alt+Enter copies the
 * profile name, Shift+Enter makes it the default profile.
 */
import type { CommandResult, LanyardCommands } from '../../../electron/core/domain/views.js';

export type RoleAction = 'open-console' | 'copy-exports' | 'copy-profile-name' | 'set-default-profile';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

interface ActionInfo {
  label: string;
  /** A shorter label, for buttons and the palette's footer. */
  short: string;
  /** Keys as shown to people, e.g. ["Ctrl", "Enter"]. */
  keys: string[];
  /** The same keys in aria-keyshortcuts syntax. */
  ariaKeys: string;
  /** What to announce when it worked. */
  done: string;
}

export const ROLE_ACTIONS: Record<RoleAction, ActionInfo> = {
  'open-console': {
    label: 'Open console',
    short: 'Open console',
    keys: ['Enter'],
    ariaKeys: 'Enter',
    done: 'Opening the console',
  },
  'copy-exports': {
    label: 'Copy export lines',
    short: 'Copy exports',
    keys: [isMac ? '⌘' : 'Ctrl', 'Enter'],
    ariaKeys: 'Control+Enter Meta+Enter',
    done: 'Copied export lines',
  },
  'copy-profile-name': {
    label: 'Copy profile name',
    short: 'Copy profile',
    keys: [isMac ? '⌥' : 'Alt', 'Enter'],
    ariaKeys: 'Alt+Enter',
    done: 'Copied the profile name',
  },
  'set-default-profile': {
    label: 'Set as default profile',
    short: 'Set default',
    keys: [isMac ? '⇧' : 'Shift', 'Enter'],
    ariaKeys: 'Shift+Enter',
    done: 'Set as the default profile',
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

export function runRoleAction(api: LanyardCommands, action: RoleAction, roleKey: string): Promise<CommandResult> {
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
