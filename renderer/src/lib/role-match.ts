/**
 * The main window's client-side filter, on the core's own search (electron/core/domain/search.ts, a
 * pure module): the same matching and ranking as the palette, over every role instead of the
 * top 50. The index is built once per role list (snapshots keep unchanged lists identical).
 */
import { RoleSearch } from '../../../electron/core/domain/search.js';
import type { RoleView, SearchField } from '../../../electron/core/domain/views.js';

export type MatchPositions = Partial<Record<SearchField, number[]>>;

export interface RankedRole {
  role: RoleView;
  matches?: MatchPositions;
}

interface Index {
  search: RoleSearch;
  byKey: Map<string, RoleView>;
}

const indexes = new WeakMap<readonly RoleView[], Index>();

function indexOf(roles: readonly RoleView[]): Index {
  let index = indexes.get(roles);
  if (!index) {
    index = { search: new RoleSearch(roles), byKey: new Map(roles.map((role) => [role.key, role])) };
    indexes.set(roles, index);
  }
  return index;
}

/**
 * The roles matching `query`, best first (ties keep their order in `roles`). An empty query
 * keeps every role in order.
 */
export function filterRoles(roles: readonly RoleView[], query: string): RankedRole[] {
  if (query.trim() === '') return roles.map((role) => ({ role }));
  const { search, byKey } = indexOf(roles);
  return search.search(query, roles.length).flatMap((hit) => {
    const role = byKey.get(hit.key);
    return role ? [{ role, matches: hit.matches }] : [];
  });
}
