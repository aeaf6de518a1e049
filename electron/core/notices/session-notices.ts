import type { InventoryDiff } from '../accounts/inventory.js';
import { isSessionEndingSoon, sessionEnd } from '../domain/session-health.js';
import type { Settings } from '../domain/settings.js';
import type { Notice, SessionView } from '../domain/views.js';

/** What the desktop shows as a system notification; `action` is what clicking it does. */
export interface LanyardNotification {
  id: string;
  title: string;
  body: string;
  action?: { kind: 'sign-in'; sessionName: string };
}

/**
 * The notices and notifications a session's state change calls for. Pure: the facade keeps
 * `previous` and which notifications it already showed.
 */
export function sessionNotifications(
  previous: SessionView | undefined,
  next: SessionView,
  settings: Settings,
  now: number,
): LanyardNotification[] {
  const out: LanyardNotification[] = [];
  const becameSignInNeeded = next.health === 'sign-in-needed' && previous?.health !== 'sign-in-needed';
  if (becameSignInNeeded && settings.notifications.signInNeeded) {
    out.push({
      id: `sign-in-needed:${next.name}:${next.expiresAt ?? 0}`,
      title: `Sign in to ${next.name} again`,
      body: `The SSO session "${next.name}" has ended. AWS tools using it will fail until you sign in.`,
      action: { kind: 'sign-in', sessionName: next.name },
    });
  }
  const end = sessionEnd(next);
  if (
    settings.notifications.sessionEnding &&
    end !== undefined &&
    end > now &&
    isSessionEndingSoon(next, settings, now)
  ) {
    const minutes = Math.max(1, Math.round((end - now) / 60_000));
    out.push({
      id: `session-ending:${next.name}:${end}`,
      title: `${next.name} ends in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      body: 'Sign in again now to keep your AWS tools working without a break.',
      action: { kind: 'sign-in', sessionName: next.name },
    });
  }
  return out;
}

/** The notice for accounts and roles that appeared or went away; undefined for no change. */
export function assignmentNotice(diff: InventoryDiff, at: number): Notice | undefined {
  const parts: string[] = [];
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const newRolesOfKnownAccounts = diff.addedRoles.filter(
    (role) => !diff.addedAccounts.some((account) => account.accountId === role.accountId),
  );
  const goneRolesOfKeptAccounts = diff.removedRoles.filter(
    (role) => !diff.removedAccounts.some((account) => account.accountId === role.accountId),
  );
  if (diff.addedAccounts.length)
    parts.push(
      `${count(diff.addedAccounts.length, 'new account')} (${names(diff.addedAccounts.map((account) => account.accountName))})`,
    );
  if (newRolesOfKnownAccounts.length)
    parts.push(
      `${count(newRolesOfKnownAccounts.length, 'new role')} (${names(newRolesOfKnownAccounts.map((role) => role.roleName))})`,
    );
  if (diff.removedAccounts.length)
    parts.push(
      `${count(diff.removedAccounts.length, 'account')} removed (${names(diff.removedAccounts.map((account) => account.accountName))})`,
    );
  if (goneRolesOfKeptAccounts.length)
    parts.push(
      `${count(goneRolesOfKeptAccounts.length, 'role')} removed (${names(goneRolesOfKeptAccounts.map((role) => role.roleName))})`,
    );
  if (parts.length === 0) return undefined;
  return {
    id: `assignments:${diff.sessionName}:${at}`,
    at,
    kind: 'assignments-changed',
    title: `Your AWS access changed (${diff.sessionName})`,
    body: `${parts.join('; ')}.`,
    sessionName: diff.sessionName,
  };
}

function names(list: string[]): string {
  const unique = [...new Set(list)];
  return unique.length <= 3 ? unique.join(', ') : `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}
