import { describe, expect, it, vi } from 'vitest';
import {
  applyInventoryUpdate,
  inventoryUpdate,
  sameRole,
  type InventoryUpdate,
} from '../../../../electron/core/domain/inventory-updates.js';
import type { InventoryView, RoleView } from '../../../../electron/core/domain/views.js';
import { createInventoryStore } from '../../../../renderer/src/lib/remote-store.js';
import { manyRoles } from '../../main/fixtures.js';

const view = (roles: RoleView[], version: number): InventoryView => ({ version, roles });

/** Sends `next` against `previous` and applies it to `previous`, as main and the renderer do. */
function roundTrip(previous: InventoryView, next: InventoryView): { update: InventoryUpdate; held: InventoryView } {
  const update = inventoryUpdate(previous, next);
  const held = applyInventoryUpdate(previous, JSON.parse(JSON.stringify(update)) as InventoryUpdate);
  if (!held) throw new Error('the update did not apply');
  return { update, held };
}

describe('inventory updates', () => {
  const roles = manyRoles(10, 3);

  it('send the whole list first, and apply it to nothing', () => {
    const update = inventoryUpdate(undefined, view(roles, 1));
    expect(update).toEqual({ version: 1, roles });
    expect(applyInventoryUpdate(undefined, update)).toEqual(view(roles, 1));
  });

  it('round trip: the new roles only, at their places, giving exactly the next view', () => {
    const previous = view(
      roles.filter((_, index) => index % 3 !== 1),
      4,
    );
    const next = view(roles, 5);
    const { update, held } = roundTrip(previous, next);
    expect(update.from).toBe(4);
    expect(update.roles).toBeUndefined();
    expect(update.insert?.map(({ at }) => at)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect(held).toEqual(next);
    // Roles that stay are the held objects: the renderer's memoised rows do not re-render.
    expect(held.roles[0]).toBe(previous.roles[0]);
  });

  it('a removal sends the key only', () => {
    const next = view(
      roles.filter((role) => role !== roles[4]),
      2,
    );
    const { update, held } = roundTrip(view(roles, 1), next);
    expect(update).toEqual({ version: 2, from: 1, remove: [roles[4]!.key] });
    expect(held).toEqual(next);
  });

  it('a change of one field sends that field, and the role changes where it stands', () => {
    const aliased = { ...roles[7]!, alias: 'Payments' };
    const next = view(
      roles.map((role) => (role === roles[7] ? aliased : role)),
      3,
    );
    const { update, held } = roundTrip(view(roles, 2), next);
    expect(update).toEqual({ version: 3, from: 2, change: [{ key: aliased.key, alias: 'Payments' }] });
    expect(held).toEqual(next);
    expect(held.roles[7]).toEqual(aliased);
    // A field gone travels as null.
    const { profileName: _, ...unsynced } = roles[7]!;
    const back = roundTrip(next, view([...roles.slice(0, 7), unsynced, ...roles.slice(8)], 4));
    expect(back.update.change).toEqual([{ key: unsynced.key, alias: null, profileName: null }]);
    expect(back.held.roles[7]).toEqual(unsynced);
    expect(back.held.roles[7]).not.toHaveProperty('alias');
    // An equal copy is no change.
    expect(
      inventoryUpdate(
        view(roles, 3),
        view(
          roles.map((role) => ({ ...role })),
          4,
        ),
      ),
    ).toEqual({ version: 4, from: 3 });
  });

  it('removals, changes and inserts together round-trip; a moved role sends the whole list', () => {
    const previous = view(roles.slice(0, 20), 1);
    const next = view(
      [...roles.slice(0, 3), ...roles.slice(5, 12).map((role) => ({ ...role, profileName: 'x' })), ...roles.slice(20)],
      2,
    );
    const { update, held } = roundTrip(previous, next);
    expect(update.from).toBe(1);
    expect(held).toEqual(next);

    const moved = view([roles[1]!, roles[0]!, ...roles.slice(2)], 2);
    expect(inventoryUpdate(view(roles, 1), moved)).toEqual({ version: 2, roles: moved.roles });
    expect(inventoryUpdate(view(roles, 1), view([], 2))).toEqual({ version: 2, roles: [] });
  });

  it('an update that builds on another version does not apply', () => {
    const update = inventoryUpdate(view(roles.slice(0, 3), 1), view(roles.slice(0, 4), 2));
    expect(applyInventoryUpdate(view(roles.slice(0, 3), 7), update)).toBeUndefined();
    expect(applyInventoryUpdate(undefined, update)).toBeUndefined();
    // Inserts that do not fit the held list.
    expect(applyInventoryUpdate(view([], 1), update)).toBeUndefined();
  });

  it('sameRole compares every field', () => {
    expect(sameRole(roles[0]!, { ...roles[0]! })).toBe(true);
    expect(sameRole(roles[0]!, { ...roles[0]!, alias: 'a' })).toBe(false);
    const { profileName: _, ...withoutProfile } = roles[0]!;
    expect(sameRole(roles[0]!, withoutProfile)).toBe(false);
  });
});

/** The renderer's store over a fake window.lanyard: pushed updates, and getInventory answering `served`. */
function storeHarness(served: InventoryView) {
  let push: (update: InventoryUpdate) => void = () => undefined;
  const core = { served };
  const load = vi.fn(async () => core.served);
  const store = createInventoryStore(load, (listener) => {
    push = listener;
    return () => undefined;
  });
  const changes = vi.fn();
  store.subscribe(changes);
  return { store, load, core, changes, push: (update: InventoryUpdate) => push(update) };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the renderer inventory store', () => {
  const roles = manyRoles(5, 2);

  it('loads the whole list, then follows updates', async () => {
    const h = storeHarness(view(roles.slice(0, 4), 1));
    await settle();
    expect(h.store.get()).toEqual(view(roles.slice(0, 4), 1));
    h.push(inventoryUpdate(view(roles.slice(0, 4), 1), view(roles.slice(0, 6), 2)));
    expect(h.store.get()).toEqual(view(roles.slice(0, 6), 2));
    expect(h.load).toHaveBeenCalledTimes(1);
    expect(h.changes).toHaveBeenCalledTimes(2);
  });

  it('on a version gap fetches the whole list again', async () => {
    const h = storeHarness(view(roles.slice(0, 2), 1));
    await settle();
    // Version 2 was missed: the update from 2 to 3 does not apply.
    h.core.served = view(roles.slice(0, 8), 3);
    h.push(inventoryUpdate(view(roles.slice(0, 5), 2), h.core.served));
    expect(h.store.get()?.version).toBe(1);
    await settle();
    expect(h.load).toHaveBeenCalledTimes(2);
    expect(h.store.get()).toEqual(h.core.served);
    h.push(inventoryUpdate(h.core.served, view(roles, 4)));
    expect(h.store.get()).toEqual(view(roles, 4));
  });

  it('updates pushed while the list loads apply on top of its answer', async () => {
    const h = storeHarness(view(roles.slice(0, 2), 1));
    // Version 2 was built while the load was under way (the load answers version 1).
    h.push(inventoryUpdate(view(roles.slice(0, 2), 1), view(roles.slice(0, 3), 2)));
    await settle();
    expect(h.store.get()).toEqual(view(roles.slice(0, 3), 2));
    expect(h.load).toHaveBeenCalledTimes(1);
  });

  it('updates pushed while loading that the answer already holds are skipped; a gap loads again', async () => {
    const h = storeHarness(view(roles.slice(0, 3), 2));
    h.push(inventoryUpdate(view(roles.slice(0, 2), 1), view(roles.slice(0, 3), 2)));
    await settle();
    expect(h.store.get()).toEqual(view(roles.slice(0, 3), 2));
    expect(h.load).toHaveBeenCalledTimes(1);

    const h2 = storeHarness(view(roles.slice(0, 2), 1));
    // Builds on version 2, which the page never saw.
    h2.push(inventoryUpdate(view(roles.slice(0, 3), 2), view(roles.slice(0, 4), 3)));
    h2.core.served = view(roles.slice(0, 4), 3);
    await settle();
    await settle();
    expect(h2.load).toHaveBeenCalledTimes(2);
    expect(h2.store.get()).toEqual(view(roles.slice(0, 4), 3));
  });

  it('a whole list pushed wins over an older load, not over a newer one', async () => {
    const h = storeHarness(view([], 1));
    h.push({ version: 2, roles });
    await settle();
    expect(h.store.get()).toEqual(view(roles, 2));

    const h2 = storeHarness(view(roles, 3));
    h2.push({ version: 2, roles: [] });
    await settle();
    expect(h2.store.get()).toEqual(view(roles, 3));
  });
});
