/**
 * The roles as the app lists them: every account and role of every session's inventory, with
 * the user's aliases, the environment its name suggests and the profile the sync keeps for it,
 * plus the search index over them (built once per list) and a lookup by role key.
 */
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type EnvironmentOverride, environmentMark } from '../domain/environment.js';
import { sameRole } from '../domain/inventory-updates.js';
import { type AccountWithRoles, accountKey, roleKey } from '../domain/model.js';
import { RoleSearch } from '../domain/search.js';
import type { InventoryView, RoleView, SearchHit } from '../domain/views.js';
import { PARTIAL_INVENTORY_INTERVAL_MS, type SessionInventory } from './inventory-service.js';

export interface CatalogueSources {
  sessions: readonly SsoSessionConfig[];
  inventory: (sessionName: string) => SessionInventory | undefined;
  /** Account key -> the user's name for it. */
  aliases: Readonly<Record<string, string>>;
  /** Role key -> the profile name the sync manages for it. */
  profileNames: Readonly<Record<string, string>>;
  /** The user's word on accounts' environments (settings), before what their names say. */
  environmentOverrides: readonly EnvironmentOverride[];
}

/** The role list from its sources (pure). */
export function catalogueRoles(sources: CatalogueSources): RoleView[] {
  const roles: RoleView[] = [];
  for (const session of sources.sessions) {
    for (const account of sources.inventory(session.name)?.accounts ?? []) {
      const alias = sources.aliases[accountKey(session.name, account.accountId)];
      const mark = environmentMark(
        { accountId: account.accountId, accountName: account.accountName, ...(alias ? { alias } : {}) },
        sources.environmentOverrides,
      );
      for (const roleName of account.roles) {
        const key = roleKey({ sessionName: session.name, accountId: account.accountId, roleName });
        const profileName = sources.profileNames[key];
        roles.push({
          key,
          sessionName: session.name,
          ...(profileName ? { profileName } : {}),
          accountId: account.accountId,
          accountName: account.accountName,
          roleName,
          ...(alias ? { alias } : {}),
          ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
          ...(mark ? { environment: mark.environment, environmentColour: mark.colour } : {}),
        });
      }
    }
  }
  return roles;
}

/** The search index is built once the list has been still this long (or on the first search before). */
const SEARCH_INDEX_QUIET_MS = 2 * PARTIAL_INVENTORY_INTERVAL_MS;

/** One account's roles as last built, for the session they were built in. */
interface BuiltAccount {
  sessionName: string;
  roles: RoleView[];
}

export class RoleCatalogue {
  private current: InventoryView = { version: 0, roles: [] };
  private byKey = new Map<string, RoleView>();
  private index?: { version: number; search: RoleSearch };
  private indexTimer?: NodeJS.Timeout;
  /**
   * By account object: its roles as last built. Inventories are immutable, so an account object
   * seen before (a first listing's partial lists share them) has the same roles, valid while the
   * other sources (aliases, profile names, ...) are the same objects as then.
   */
  private built = new WeakMap<AccountWithRoles, BuiltAccount>();
  private context: unknown[] = [];

  get view(): InventoryView {
    return this.current;
  }

  /**
   * Builds the list anew (a new version); the search index follows once the list is still,
   * not on the first keystroke. A role that shows the same as before is the same object as
   * before, so what changed is found by identity (inventory-updates.ts) and the renderer's
   * memoised rows stay; an account whose inventory object and other sources did not change is
   * not built again (a first listing rebuilds the list every few hundred ms as it grows).
   */
  rebuild(sources: CatalogueSources): InventoryView {
    const context = Object.entries(sources)
      .filter(([name]) => name !== 'sessions' && name !== 'inventory')
      .map(([, value]) => value as unknown);
    if (context.length !== this.context.length || context.some((value, index) => value !== this.context[index]))
      this.built = new WeakMap();
    this.context = context;
    const roles: RoleView[] = [];
    for (const session of sources.sessions) {
      const inventory = sources.inventory(session.name);
      for (const account of inventory?.accounts ?? []) {
        let built = this.built.get(account);
        if (built?.sessionName !== session.name) {
          const one: CatalogueSources = {
            ...sources,
            sessions: [session],
            inventory: () => ({ sessionName: session.name, accounts: [account] }),
          };
          built = { sessionName: session.name, roles: catalogueRoles(one).map((role) => this.reused(role)) };
          this.built.set(account, built);
        }
        for (const role of built.roles) roles.push(role);
      }
    }
    this.current = { version: this.current.version + 1, roles };
    this.byKey = new Map(roles.map((role) => [role.key, role]));
    // Tens of ms for 10,000 roles: built soon after, not when the palette's first key arrives,
    // but once for a list that grows every few hundred ms, not for each step.
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      this.searchIndex();
    }, SEARCH_INDEX_QUIET_MS);
    this.indexTimer.unref();
    return this.current;
  }

  role(key: unknown): RoleView | undefined {
    return typeof key === 'string' ? this.byKey.get(key) : undefined;
  }

  search(query: string, limit: number): SearchHit[] {
    return this.searchIndex().search(query, limit);
  }

  /** The role as built before when it shows the same. */
  private reused(role: RoleView): RoleView {
    const previous = this.byKey.get(role.key);
    return previous && sameRole(previous, role) ? previous : role;
  }

  private searchIndex(): RoleSearch {
    if (!this.index || this.index.version !== this.current.version) {
      this.index = { version: this.current.version, search: new RoleSearch(this.current.roles) };
    }
    return this.index.search;
  }
}
