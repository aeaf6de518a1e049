/**
 * How roles are ordered and named for people, the same in the main window, the palette and the
 * tray: by the name people know the account by (their alias, else its name; numbers in natural
 * order, case ignored), then account id, then role name. Pure: the renderer uses it too.
 */
import type { RoleView } from './views.js';

/** The name people know an account by: their alias for it, or its name. */
export const displayName = (role: Pick<RoleView, 'alias' | 'accountName'>): string => role.alias || role.accountName;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Accounts by display name, then id. */
export function compareAccounts(a: RoleView, b: RoleView): number {
  return (
    compareNames(displayName(a), displayName(b)) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
  );
}

/** Roles by account (compareAccounts), then role name. */
export function compareRoles(a: RoleView, b: RoleView): number {
  return compareAccounts(a, b) || compareNames(a.roleName, b.roleName);
}

export function sortRoles(roles: readonly RoleView[]): RoleView[] {
  return [...roles].sort(compareRoles);
}
