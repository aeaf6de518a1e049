import { applyInventoryUpdate, type InventoryUpdate } from '../../../electron/core/domain/inventory-updates.js';
import type { InventoryView } from '../../../electron/core/domain/views.js';
import { replaceEqualDeep } from './structural-sharing.js';

/** A value the main process owns: loaded once, then kept current by pushed snapshots. */
export interface RemoteStore<T> {
  get(): T | undefined;
  subscribe(listener: () => void): () => void;
}

/** A held value and its listeners; `start` runs on the first subscription. */
function heldValue<T>(start: () => void): RemoteStore<T> & { set(next: T): void } {
  let value: T | undefined;
  let started = false;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        start();
      }
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Starts listening on first subscription. A pushed snapshot always wins over the initial
 * load, which may resolve after it.
 */
export function createRemoteStore<T>(
  load: () => Promise<T>,
  listen: (listener: (value: T) => void) => () => void,
): RemoteStore<T> {
  let pushed = false;
  const held = heldValue<T>(() => {
    listen((next) => {
      pushed = true;
      set(next);
    });
    void load().then((initial) => {
      if (!pushed) set(initial);
    });
  });
  // Unchanged parts keep their identity, so memoised views of them do not re-render.
  const set = (next: T): void => held.set(replaceEqualDeep(held.get(), next));
  return { get: held.get, subscribe: held.subscribe };
}

/**
 * The role list: loaded once (getInventory), then kept current by pushed updates applied to
 * the list held (applyInventoryUpdate). Updates pushed while a load is under way wait for it
 * and apply on top of its answer; an update that does not build on the version held (one was
 * missed) fetches the whole list again.
 */
export function createInventoryStore(
  load: () => Promise<InventoryView>,
  listen: (listener: (update: InventoryUpdate) => void) => () => void,
): RemoteStore<InventoryView> {
  let loading = false;
  /** Pushed while loading, in order. */
  const queued: InventoryUpdate[] = [];
  const held = heldValue<InventoryView>(() => {
    listen((update) => {
      if (loading) queued.push(update);
      else if (!apply(update)) fetchAll();
    });
    fetchAll();
  });

  /** Applies `update`; false when it does not fit the list held. */
  const apply = (update: InventoryUpdate): boolean => {
    const value = held.get();
    // No newer than what a load answered: already in it.
    if (value && update.version <= value.version) return true;
    const next = applyInventoryUpdate(value, update);
    if (next) held.set(next);
    return next !== undefined;
  };

  const fetchAll = (): void => {
    loading = true;
    load().then(
      (view) => {
        loading = false;
        const value = held.get();
        if (!value || view.version > value.version)
          held.set(applyInventoryUpdate(value, { version: view.version, roles: view.roles }) ?? view);
        const pushed = queued.splice(0);
        if (!pushed.every(apply)) fetchAll();
      },
      () => {
        loading = false;
        // Nothing to build on: the next update that does not fit loads again.
        queued.splice(0).forEach(apply);
      },
    );
  };

  return { get: held.get, subscribe: held.subscribe };
}
