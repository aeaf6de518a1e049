/** Small builders for the main-process tests: states, sessions, roles and a LanyardCommands double. */
import { vi } from 'vitest';
import { roleKey } from '../../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import type {
  InventoryView,
  LanyardCommands,
  LanyardState,
  RoleView,
  SessionView,
} from '../../../electron/core/domain/views.js';

export const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function session(name: string, overrides: Partial<SessionView> = {}): SessionView {
  return {
    name,
    startUrl: `https://${name}.awsapps.com/start`,
    region: 'eu-west-1',
    health: 'active',
    expiresAt: NOW + HOUR,
    refreshable: true,
    sessionEndsAt: NOW + 8 * HOUR,
    inventory: { state: 'idle', done: 3, total: 3, complete: true, updatedAt: NOW - 5 * MINUTE, accounts: 3, roles: 5 },
    ...overrides,
  };
}

export function role(
  accountId: string,
  accountName: string,
  roleName: string,
  overrides: Partial<RoleView> = {},
): RoleView {
  const sessionName = overrides.sessionName ?? 'work';
  return {
    key: roleKey({ sessionName, accountId, roleName }),
    sessionName,
    accountId,
    accountName,
    roleName,
    profileName: `${accountName}.${roleName}`,
    ...overrides,
  };
}

export function state(overrides: Partial<LanyardState> = {}): LanyardState {
  return {
    sessions: [session('work')],
    activeCredentials: [],
    recents: [],
    settings: DEFAULT_SETTINGS,
    notices: [],
    problems: [],
    ...overrides,
  };
}

export function inventory(roles: RoleView[], version = 1): InventoryView {
  return { version, roles };
}

/** `count` accounts with `rolesEach` roles each, named so they sort in number order. */
export function manyRoles(count: number, rolesEach = 2, sessionName = 'work'): RoleView[] {
  const roles: RoleView[] = [];
  for (let index = 0; index < count; index++) {
    const accountId = String(100000000000 + index);
    for (let r = 0; r < rolesEach; r++) roles.push(role(accountId, `account-${index}`, `Role${r}`, { sessionName }));
  }
  return roles;
}

const ok = { ok: true as const, value: undefined };

export type FakeCore = { [K in keyof LanyardCommands]: ReturnType<typeof vi.fn> & LanyardCommands[K] } & {
  emitState(next: LanyardState): void;
  emitInventory(next: InventoryView): void;
};

/** A LanyardCommands double: every command resolves ok; onState/onInventory listeners can be fed. */
export function fakeCore(initial: LanyardState = state(), initialInventory: InventoryView = inventory([])): FakeCore {
  const stateListeners = new Set<(value: LanyardState) => void>();
  const inventoryListeners = new Set<(value: InventoryView) => void>();
  const core = {
    getState: vi.fn(async () => initial),
    getInventory: vi.fn(async () => initialInventory),
    addSession: vi.fn(async () => ok),
    signIn: vi.fn(async () => ok),
    cancelSignIn: vi.fn(async () => ok),
    signOut: vi.fn(async () => ok),
    refreshInventory: vi.fn(async () => ok),
    syncNow: vi.fn(async () => ok),
    openConsole: vi.fn(async () => ok),
    copyExports: vi.fn(async () => ok),
    copyProfileName: vi.fn(async () => ok),
    setDefaultProfile: vi.fn(async () => ok),
    toggleFavourite: vi.fn(async () => ok),
    setAlias: vi.fn(async () => ok),
    updateSettings: vi.fn(async () => ({ ok: true as const, value: initial.settings })),
    dismissNotice: vi.fn(async () => ok),
    search: vi.fn(async () => []),
    onState: vi.fn((listener: (value: LanyardState) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    }),
    onInventory: vi.fn((listener: (value: InventoryView) => void) => {
      inventoryListeners.add(listener);
      return () => inventoryListeners.delete(listener);
    }),
    emitState: (next: LanyardState) => stateListeners.forEach((listener) => listener(next)),
    emitInventory: (next: InventoryView) => inventoryListeners.forEach((listener) => listener(next)),
  };
  return core as unknown as FakeCore;
}
