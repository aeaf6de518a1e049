/**
 * The role list as it crosses to the renderer: after the first full list, each change of the
 * catalogue travels as an update against the version before it (the roles added, changed and
 * removed), not as the whole list again. Pure, shared by the main process (which computes
 * updates from the views it sent) and the renderer (which applies them); the browser test
 * harness sends exactly what the main process would.
 */
import type { InventoryView, RoleView } from './views.js';

/** A role listed before with fields changed: its key and those fields' new values (null: the field is gone). */
export type RolePatch = { key: string } & { [F in Exclude<keyof RoleView, 'key'>]?: RoleView[F] | null };

/**
 * One change of the role list. Either `roles` (the whole list, when there is no base to build
 * on) or the changes from version `from`: `remove` (keys gone), `change` (the changed fields of
 * roles that stay, in place) and `insert` (new roles, each with its index in the new list,
 * ascending).
 * Roles that stay keep their relative order, so the new list is fully determined: applying an
 * update to view `from` gives exactly view `version`, in the catalogue's order.
 */
export interface InventoryUpdate {
  version: number;
  /** The whole list: the first update, or when the order of the roles that stay changed. */
  roles?: RoleView[];
  /** The version this update applies to (absent with `roles`). */
  from?: number;
  /** Keys of the roles no longer listed. */
  remove?: string[];
  /** Roles listed before with fields changed (the sync's profile names, an alias): only those fields. */
  change?: RolePatch[];
  /** New roles, at their index in the new list, by ascending index. */
  insert?: Array<{ at: number; role: RoleView }>;
}

/** Whether two roles show the same (every field equal; RoleView's fields are all plain values). */
export function sameRole(a: RoleView, b: RoleView): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as Array<keyof RoleView>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

/** What differs from `before` in `after` (same key). */
function patchOf(before: RoleView, after: RoleView): RolePatch {
  const patch: Record<string, unknown> = { key: after.key };
  for (const field of Object.keys(after) as Array<keyof RoleView>)
    if (after[field] !== before[field]) patch[field] = after[field];
  for (const field of Object.keys(before) as Array<keyof RoleView>) if (!(field in after)) patch[field] = null;
  return patch as RolePatch;
}

/** `role` with `patch` applied (a new object). */
function patched(role: RoleView, patch: RolePatch): RoleView {
  const next: Record<string, unknown> = { ...role };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as unknown as RoleView;
}

/** The update that takes a page holding `previous` (as last sent; none: nothing sent yet) to `next`. */
export function inventoryUpdate(previous: InventoryView | undefined, next: InventoryView): InventoryUpdate {
  if (!previous) return { version: next.version, roles: next.roles };
  const before = new Map<string, { role: RoleView; index: number }>();
  previous.roles.forEach((role, index) => before.set(role.key, { role, index }));
  const change: RolePatch[] = [];
  const insert: Array<{ at: number; role: RoleView }> = [];
  let lastIndex = -1;
  let kept = 0;
  for (let at = 0; at < next.roles.length; at += 1) {
    const role = next.roles[at] as RoleView;
    const old = before.get(role.key);
    if (!old) {
      insert.push({ at, role });
      continue;
    }
    // A role that stays but moved past another that stays: the order changed, send it all.
    if (old.index < lastIndex) return { version: next.version, roles: next.roles };
    lastIndex = old.index;
    kept += 1;
    if (!sameRole(old.role, role)) change.push(patchOf(old.role, role));
  }
  const remove: string[] = [];
  if (kept < previous.roles.length) {
    const now = new Set(next.roles.map((role) => role.key));
    for (const role of previous.roles) if (!now.has(role.key)) remove.push(role.key);
  }
  // Nothing kept (an empty list included): the whole list is no bigger.
  if (insert.length === next.roles.length) return { version: next.version, roles: next.roles };
  return {
    version: next.version,
    from: previous.version,
    ...(remove.length > 0 ? { remove } : {}),
    ...(change.length > 0 ? { change } : {}),
    ...(insert.length > 0 ? { insert } : {}),
  };
}

/**
 * `held` with `update` applied: a new view that shares every role object that did not change
 * (with a full list too, roles equal to held ones are the held objects, so memoised rows stay).
 * Undefined when the update builds on a version other than the one held: fetch the full view.
 */
export function applyInventoryUpdate(
  held: InventoryView | undefined,
  update: InventoryUpdate,
): InventoryView | undefined {
  if (update.roles) {
    const known = new Map((held?.roles ?? []).map((role) => [role.key, role]));
    const roles = update.roles.map((role) => {
      const old = known.get(role.key);
      return old && sameRole(old, role) ? old : role;
    });
    return { version: update.version, roles };
  }
  if (!held || update.from !== held.version) return undefined;
  const removed = new Set(update.remove ?? []);
  const changed = new Map((update.change ?? []).map((patch) => [patch.key, patch]));
  const kept = held.roles
    .filter((role) => !removed.has(role.key))
    .map((role) => {
      const patch = changed.get(role.key);
      return patch ? patched(role, patch) : role;
    });
  const inserts = update.insert ?? [];
  const roles: RoleView[] = [];
  let next = 0;
  let from = 0;
  const length = kept.length + inserts.length;
  for (let at = 0; at < length; at += 1) {
    const insert = inserts[next];
    if (insert && insert.at === at) {
      roles.push(insert.role);
      next += 1;
    } else {
      const role = kept[from];
      // An update that does not fit the held list (a bug, or a list changed under it): start over.
      if (!role) return undefined;
      roles.push(role);
      from += 1;
    }
  }
  if (next !== inserts.length || from !== kept.length) return undefined;
  return { version: update.version, roles };
}
