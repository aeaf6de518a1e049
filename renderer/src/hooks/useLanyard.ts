import { useSyncExternalStore } from 'react';
import type { InventoryView, LanyardState } from '../../../electron/core/domain/views.js';
import { createInventoryStore, createRemoteStore, type RemoteStore } from '../lib/remote-store.js';

let stateStore: RemoteStore<LanyardState> | undefined;
let inventoryStore: RemoteStore<InventoryView> | undefined;

function states(): RemoteStore<LanyardState> {
  stateStore ??= createRemoteStore(
    () => window.lanyard.getState(),
    (listener) => window.lanyard.onState(listener),
  );
  return stateStore;
}

function inventories(): RemoteStore<InventoryView> {
  // Pushed as updates to the list held (inventory-updates.ts), not as whole lists.
  inventoryStore ??= createInventoryStore(
    () => window.lanyard.getInventory(),
    (listener) => window.lanyard.onInventory(listener),
  );
  return inventoryStore;
}

/** The latest state snapshot; undefined until the first one arrives. */
export function useLanyardState(): LanyardState | undefined {
  const store = states();
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The latest role list; undefined until the first one arrives. */
export function useInventory(): InventoryView | undefined {
  const store = inventories();
  return useSyncExternalStore(store.subscribe, store.get);
}
