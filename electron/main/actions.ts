/**
 * What the tray menu and notifications can ask for, as plain data (so menu templates can be
 * compared and asserted in tests), and the one place that carries such a request out.
 */
import type { CommandError, CommandResult, LanyardCommands } from '../core/domain/views.js';

export type AppAction =
  | { kind: 'open-console'; roleKey: string }
  | { kind: 'copy-exports'; roleKey: string }
  | { kind: 'copy-profile-name'; roleKey: string }
  | { kind: 'set-default-profile'; roleKey: string }
  | { kind: 'sign-in'; sessionName: string }
  | { kind: 'sign-out'; sessionName: string }
  | { kind: 'cancel-sign-in' }
  | { kind: 'refresh-inventory'; sessionName: string }
  | { kind: 'sync-now' }
  | { kind: 'show-window' }
  | { kind: 'show-palette' }
  | { kind: 'check-for-updates' }
  | { kind: 'restart-to-update' }
  | { kind: 'install-cli' }
  | { kind: 'uninstall-cli' }
  | { kind: 'show-diagnostics' }
  | { kind: 'quit' };

/** The app's own controls (updates, the command on PATH); absent ones do nothing. */
type AppControl = 'check-for-updates' | 'restart-to-update' | 'install-cli' | 'uninstall-cli' | 'show-diagnostics';

export interface ActionTargets {
  core: LanyardCommands;
  showMainWindow(): void;
  showPalette(): void;
  quit(): void;
  /** Updates, the `lanyard` command on PATH (updater.ts, cli-install.ts) and Help → Diagnostics. */
  controls?: Partial<Record<AppControl, () => void>>;
  /** Tells the user a command failed (the tray has no page to show it on). */
  reportFailure(title: string, error: CommandError): void;
}

/** Actions the core carries out (the rest are window and app controls). */
type CommandAction = Exclude<AppAction, { kind: 'show-window' | 'show-palette' | 'quit' | AppControl }>;

const FAILURE_TITLES: Record<CommandAction['kind'], string> = {
  'open-console': 'Could not open the console',
  'copy-exports': 'Could not copy the credentials',
  'copy-profile-name': 'Could not copy the profile name',
  'set-default-profile': 'Could not set the default profile',
  'sign-in': 'Could not start signing in',
  'sign-out': 'Could not sign out',
  'cancel-sign-in': 'Could not cancel signing in',
  'refresh-inventory': 'Could not reload the accounts',
  'sync-now': 'Could not sync ~/.aws/config',
};

function commandFor(action: CommandAction, core: LanyardCommands): Promise<CommandResult> {
  switch (action.kind) {
    case 'open-console':
      return core.openConsole(action.roleKey);
    case 'copy-exports':
      return core.copyExports(action.roleKey);
    case 'copy-profile-name':
      return core.copyProfileName(action.roleKey);
    case 'set-default-profile':
      return core.setDefaultProfile(action.roleKey);
    case 'sign-in':
      return core.signIn(action.sessionName);
    case 'sign-out':
      return core.signOut(action.sessionName);
    case 'cancel-sign-in':
      return core.cancelSignIn();
    case 'refresh-inventory':
      return core.refreshInventory(action.sessionName);
    case 'sync-now':
      return core.syncNow();
  }
}

/** Carries out an action; a failed command is reported, never thrown. */
export async function runAction(action: AppAction, targets: ActionTargets): Promise<void> {
  switch (action.kind) {
    case 'show-window':
      return targets.showMainWindow();
    case 'show-palette':
      return targets.showPalette();
    case 'quit':
      return targets.quit();
    case 'check-for-updates':
    case 'restart-to-update':
    case 'install-cli':
    case 'uninstall-cli':
    case 'show-diagnostics':
      return targets.controls?.[action.kind]?.();
  }
  // Signing in may show a device code or a prompt: the window is where that appears.
  if (action.kind === 'sign-in') targets.showMainWindow();
  const result = await commandFor(action, targets.core);
  if (!result.ok) targets.reportFailure(FAILURE_TITLES[action.kind], result.error);
}
