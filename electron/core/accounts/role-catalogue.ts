/**
 * The roles as the app lists them: every account and role of every session's inventory, with
 * the user's aliases, the environment its name suggests and the profile the sync keeps for it,
 * plus the search index over them (built once per list) and a lookup by role key.
 */
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { environmentMark } from '../domain/environment.js';
import { accountKey, roleKey } from '../domain/model.js';
import { RoleSearch } from '../domain/search.js';
import type { InventoryView, RoleView, SearchHit } from '../domain/views.js';
import type { SessionInventory } from './inventory-service.js';

export interface CatalogueSources {
  sessions: readonly SsoSessionConfig[];
  inventory: (sessionName: string) => SessionInventory | undefined;
  /** Account key -> the user's name for it. */
  aliases: Readonly<Record<string, string>>;
  /** Role key -> the profile name the sync manages for it. */
  profileNames: Readonly<Record<string, string>>;
}

/** The role list from its sources (pure). */
export function catalogueRoles(sources: CatalogueSources): RoleView[] {
  const roles: RoleView[] = [];
  for (const session of sources.sessions) {
    for (const account of sources.inventory(session.name)?.accounts ?? []) {
      const alias = sources.aliases[accountKey(session.name, account.accountId)];
      const mark = environmentMark({ accountName: account.accountName, ...(alias ? { alias } : {}) });
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

export class RoleCatalogue {
  private current: InventoryView = { version: 0, roles: [] };
  private byKey = new Map<string, RoleView>();
  private index?: { version: number; search: RoleSearch };

  get view(): InventoryView {
    return this.current;
  }

  /** Builds the list anew (a new version); the search index follows soon, not on the first keystroke. */
  rebuild(sources: CatalogueSources): InventoryView {
    const roles = catalogueRoles(sources);
    this.current = { version: this.current.version + 1, roles };
    this.byKey = new Map(roles.map((role) => [role.key, role]));
    // Tens of ms for 10,000 roles: built right after, not when the palette's first key arrives.
    setImmediate(() => this.searchIndex());
    return this.current;
  }

  role(key: unknown): RoleView | undefined {
    return typeof key === 'string' ? this.byKey.get(key) : undefined;
  }

  search(query: string, limit: number): SearchHit[] {
    return this.searchIndex().search(query, limit);
  }

  private searchIndex(): RoleSearch {
    if (!this.index || this.index.version !== this.current.version) {
      this.index = { version: this.current.version, search: new RoleSearch(this.current.roles) };
    }
    return this.index.search;
  }
}
