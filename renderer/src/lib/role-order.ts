import type { RoleView } from '../../../electron/core/domain/views.js';

export { displayName, sortRoles } from '../../../electron/core/domain/role-order.js';

/** Favourites first, each part keeping its order. */
export function favouritesFirst<T extends { role: RoleView }>(
  items: readonly T[],
  favourites: ReadonlySet<string>,
): T[] {
  if (favourites.size === 0) return [...items];
  const pinned: T[] = [];
  const rest: T[] = [];
  for (const item of items) (favourites.has(item.role.key) ? pinned : rest).push(item);
  return [...pinned, ...rest];
}
