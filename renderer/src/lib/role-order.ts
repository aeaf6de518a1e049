import type { RoleView } from '../../../electron/core/views.js';

/** The name people know an account by: their alias for it, or its name. */
export const displayName = (role: RoleView): string => role.alias || role.accountName;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Roles by account display name, then role name. */
export function sortRoles(roles: readonly RoleView[]): RoleView[] {
  return [...roles].sort(
    (a, b) => collator.compare(displayName(a), displayName(b)) || a.accountId.localeCompare(b.accountId) || collator.compare(a.roleName, b.roleName),
  );
}

/** Favourites first, each part keeping its order. */
export function favouritesFirst<T extends { role: RoleView }>(items: readonly T[], favourites: ReadonlySet<string>): T[] {
  if (favourites.size === 0) return [...items];
  const pinned: T[] = [];
  const rest: T[] = [];
  for (const item of items) (favourites.has(item.role.key) ? pinned : rest).push(item);
  return [...pinned, ...rest];
}
