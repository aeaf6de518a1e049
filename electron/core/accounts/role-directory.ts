/**
 * Finding one role by what a person types: a profile name from the AWS config, `ACCOUNT/ROLE`
 * (an account name, alias or 12-digit id), or a query ranked like the palette's search.
 *
 * Everything comes from local files (the AWS config, the stored account lists, the sync record
 * and the settings), so commands that act on one role (`exec`, `env`, `console`, `pin`, ...)
 * resolve it without the SDK or the network, and the warm `env` / `credential-process` paths
 * stay light: this module imports no SDK and no write-side package.
 */
import { distance } from 'fastest-levenshtein';
import { readAwsConfig, type SsoSessionConfig } from '../aws-files/aws-config.js';
import { emptySyncRecord, loadSyncRecord, managedProfileNames } from '../config-sync/record.js';
import { type RoleRef, isAccountId, roleKey } from '../domain/model.js';
import { RoleSearch } from '../domain/search.js';
import type { Settings } from '../domain/settings.js';
import type { RoleView } from '../domain/views.js';
import type { LookOnly } from '../support/damaged-files.js';
import type { LanyardPaths } from '../support/paths.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../support/preferences.js';
import { knownAccounts } from './inventory.js';
import { InventoryStore } from './inventory-store.js';
import { catalogueRoles } from './role-catalogue.js';

/** A role a command can act on. */
export interface ResolvedRole {
  ref: RoleRef;
  /** How the role reads to a person: `account name/role`, or the profile name when it came from one. */
  label: string;
  /** The AWS config profile for the role, when there is one. */
  profile?: string;
  /** The profile's `region`, when it sets one. */
  region?: string;
  /** The role as listed, when it is in a stored account list. */
  view?: RoleView;
}

export type RoleMatch =
  | { kind: 'one'; role: ResolvedRole }
  | { kind: 'several'; candidates: ResolvedRole[]; total: number }
  | { kind: 'none'; suggestions: string[] };

/** How many candidates a non-interactive "several roles match" lists before "and N more". */
export const MAX_LISTED_CANDIDATES = 10;
/** How many matches a query collects (the picker shows a page of them). */
const QUERY_LIMIT = 200;
/**
 * The directory only looks (the fast CLI paths and completions read it, and nobody sees their
 * stderr): damaged files read as none here, left for the full CLI or the app to set aside and report.
 */
const LOOK_ONLY: LookOnly = { setAside: false };

export interface ProfileRole {
  ref: RoleRef;
  region?: string;
}

/** The flags a `lanyard credential-process` command line names its role with. */
function credentialProcessRole(line: string): RoleRef | undefined {
  if (!/\bcredential-process\b/.test(line)) return undefined;
  const words = line.split(/\s+/).map((word) => word.replace(/^["']|["']$/g, ''));
  const value = (flag: string): string | undefined => {
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as string;
      if (word === flag) return words[i + 1];
      if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
    }
    return undefined;
  };
  const sessionName = value('--sso-session');
  const accountId = value('--account-id');
  const roleName = value('--role-name');
  return sessionName && accountId && roleName ? { sessionName, accountId, roleName } : undefined;
}

/** The role a profile signs in with: an sso-session profile, a legacy SSO one, or a Lanyard credential_process one. */
export function profileRole(
  values: Record<string, string>,
  sessions: readonly SsoSessionConfig[],
): ProfileRole | undefined {
  const region = values.region ? { region: values.region } : {};
  const fromProcess = values.credential_process ? credentialProcessRole(values.credential_process) : undefined;
  if (fromProcess) return { ref: fromProcess, ...region };
  const accountId = values.sso_account_id;
  const roleName = values.sso_role_name;
  if (!accountId || !roleName) return undefined;
  const session = values.sso_session
    ? sessions.find((candidate) => candidate.name === values.sso_session)
    : sessions.find((candidate) => candidate.startUrl === values.sso_start_url);
  return session ? { ref: { sessionName: session.name, accountId, roleName }, ...region } : undefined;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The roles a person can name, read from local files once per command. `load` is the only
 * constructor; `find` and `search` are synchronous after it.
 */
export class RoleDirectory {
  private readonly byKey: Map<string, RoleView>;
  private readonly profileOfRole = new Map<string, string>();
  private searchIndex?: RoleSearch;

  private constructor(
    readonly sessions: readonly SsoSessionConfig[],
    readonly roles: readonly RoleView[],
    private readonly profiles: ReadonlyMap<string, ProfileRole>,
    readonly settings: Settings,
  ) {
    this.byKey = new Map(roles.map((role) => [role.key, role]));
    for (const [name, profile] of profiles) {
      const key = roleKey(profile.ref);
      if (!this.profileOfRole.has(key)) this.profileOfRole.set(key, name);
    }
    for (const role of roles) if (role.profileName) this.profileOfRole.set(role.key, role.profileName);
  }

  /**
   * Reads the config, the stored account lists, the sync record and the settings; `sessionName`
   * narrows to one session. With `lists: false` only the config and settings are read: enough
   * to find a profile by name (the fast CLI paths try that first).
   */
  static async load(
    paths: LanyardPaths,
    options: { sessionName?: string; lists?: boolean } = {},
  ): Promise<RoleDirectory> {
    const lists = options.lists !== false;
    const [config, record] = await Promise.all([
      readAwsConfig(paths),
      lists ? loadSyncRecord(paths, LOOK_ONLY) : emptySyncRecord(),
    ]);
    const allSessions = [...config.ssoSessions.values()];
    const sessions = options.sessionName
      ? allSessions.filter((session) => session.name === options.sessionName)
      : allSessions;
    const store = new InventoryStore({ paths, ...LOOK_ONLY });
    const stored = lists ? await Promise.all(sessions.map((session) => store.load(session.name))) : [];
    const accounts = new Map(
      sessions.map((session, i) => {
        const lists = stored[i];
        // A list of another organisation (the session now points elsewhere) does not count.
        const usable = lists && lists.latest.startUrl === session.startUrl ? lists : undefined;
        return [session.name, knownAccounts(usable?.lastComplete, usable?.latest)] as const;
      }),
    );
    const { settings } = normalizePreferences(new JsonFilePreferencesStore(paths.dataDir, LOOK_ONLY).read());
    const roles = catalogueRoles({
      sessions,
      inventory: (sessionName) => ({ sessionName, accounts: accounts.get(sessionName) ?? [] }),
      aliases: settings.aliases,
      profileNames: managedProfileNames(record),
      environmentOverrides: settings.environmentOverrides,
    });
    const profiles = new Map<string, ProfileRole>();
    for (const [name, values] of config.profiles) {
      const role = profileRole(values, allSessions);
      if (role && sessions.some((session) => session.name === role.ref.sessionName)) profiles.set(name, role);
    }
    return new RoleDirectory(sessions, roles, profiles, settings);
  }

  /** The AWS config profiles that sign in to a role, in file order. */
  get profileNames(): string[] {
    return [...this.profiles.keys()];
  }

  /** A role as a command uses it, with its profile and that profile's region when known. */
  resolved(ref: RoleRef): ResolvedRole {
    const key = roleKey(ref);
    const view = this.byKey.get(key);
    const profile = this.profileOfRole.get(key);
    const region = profile ? this.profiles.get(profile)?.region : undefined;
    return {
      ref,
      label: profile ?? `${view?.alias ?? view?.accountName ?? ref.accountId}/${ref.roleName}`,
      ...(profile ? { profile } : {}),
      ...(region ? { region } : {}),
      ...(view ? { view } : {}),
    };
  }

  /** The role of a profile in the AWS config, by its exact name. */
  profile(name: string): ResolvedRole | undefined {
    const profile = this.profiles.get(name);
    return (
      profile && {
        ...this.resolved(profile.ref),
        profile: name,
        label: name,
        ...(profile.region ? { region: profile.region } : {}),
      }
    );
  }

  /** Finds what the person typed: a profile name, then ACCOUNT/ROLE, then a query. */
  find(input: string): RoleMatch {
    const text = input.trim();
    const profile = this.profile(text);
    if (profile) return { kind: 'one', role: profile };
    const byPath = this.findAccountRole(text);
    if (byPath) return byPath;
    const hits = this.search(text, QUERY_LIMIT);
    if (hits.length === 1) return { kind: 'one', role: hits[0] as ResolvedRole };
    if (hits.length > 1) return { kind: 'several', candidates: hits, total: hits.length };
    return { kind: 'none', suggestions: this.nearest(text) };
  }

  /** The best roles for a query, best first (the palette's ranking); every role when the query is empty. */
  search(query: string, limit: number): ResolvedRole[] {
    if (!query.trim()) return this.roles.slice(0, limit).map((role) => this.resolved(role));
    this.searchIndex ??= new RoleSearch(this.roles);
    return this.searchIndex
      .search(query, limit)
      .map((hit) => this.byKey.get(hit.key))
      .filter((role): role is RoleView => role !== undefined)
      .map((role) => this.resolved(role));
  }

  /** `ACCOUNT/ROLE` with ACCOUNT an account name, alias or id (case-insensitive, whole); undefined when it is not that form. */
  private findAccountRole(text: string): RoleMatch | undefined {
    // Permission set names never contain "/"; account names may.
    const slash = text.lastIndexOf('/');
    if (slash <= 0 || slash === text.length - 1) return undefined;
    const account = fold(text.slice(0, slash).trim());
    const roleName = fold(text.slice(slash + 1).trim());
    const matches = this.roles.filter(
      (role) =>
        fold(role.roleName) === roleName &&
        (role.accountId === account || fold(role.accountName) === account || fold(role.alias ?? '') === account),
    );
    if (matches.length === 1) return { kind: 'one', role: this.resolved(matches[0] as RoleView) };
    if (matches.length > 1)
      return { kind: 'several', candidates: matches.map((role) => this.resolved(role)), total: matches.length };
    // An account id not in any stored list: with one session there is nothing to guess.
    const rawRole = text.slice(slash + 1).trim();
    if (isAccountId(account) && this.sessions.length === 1) {
      const sessionName = (this.sessions[0] as SsoSessionConfig).name;
      return { kind: 'one', role: this.resolved({ sessionName, accountId: account, roleName: rawRole }) };
    }
    return undefined;
  }

  /** Up to three names close to what was typed (profile names and ACCOUNT/ROLE labels). */
  private nearest(text: string): string[] {
    const wanted = fold(text);
    const names = new Set<string>(this.profiles.keys());
    for (const role of this.roles) names.add(`${role.alias ?? role.accountName}/${role.roleName}`);
    const limit = Math.max(3, Math.floor(wanted.length / 3));
    const close = [...names]
      .map((name) => ({ name, cost: distance(wanted, fold(name)) }))
      .filter((entry) => entry.cost <= limit)
      .sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name));
    // The nearest, and others only as near as it: a typo has one likely meaning.
    const best = close[0]?.cost ?? 0;
    return close
      .filter((entry) => entry.cost <= best + 1)
      .slice(0, 3)
      .map((entry) => entry.name);
  }
}
