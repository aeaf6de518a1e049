/**
 * The profile sync as a pure function: from the config document, the record of what Lanyard
 * wrote and the inventories, which sections to add, rewrite and remove, and why others are
 * left alone. No I/O, so every rule here is unit-tested directly.
 *
 * Rules:
 * - Ownership: a `[profile NAME]` section is Lanyard's while its bytes match the fingerprint
 *   recorded when Lanyard last wrote it. Once they differ, the user edited it: it is theirs,
 *   it is reported in `skipped` (every sync, until its role is gone) and never rewritten or
 *   removed. A recorded profile that is gone
 *   from the file was deleted by the user and is not added back (`restore` undoes that),
 *   unless none of Lanyard's profiles are left, which means the file was replaced.
 *   A section that reads exactly as Lanyard would write it (marker comment included) is
 *   adopted, so a lost record costs nothing.
 * - Names the user's own profiles use are never taken; the role is reported in `skipped`.
 * - Hostile names: account and role names are chosen by any organisation administrator (and
 *   an overridden endpoint sends anything). Account names only ever reach the file through
 *   the sanitised profile name. A role whose values the file cannot hold as written (a line
 *   break, surrounding spaces, a comment marker, or in the credential_process style a
 *   character shells split differently), or that carry control characters or bidi controls
 *   (which `cat` or an editor would act on), gets no profile: it is reported in `skipped`
 *   under the name it would have had, takes no name from another role, and every other
 *   profile is still written. A profile Lanyard wrote for it before is kept as it is.
 * - Pruning: a Lanyard profile is removed only when its session's listing is complete and
 *   no longer has the role. Incomplete listings add and update, never remove (`notPruned`).
 */
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import {
  renderSection,
  sectionId,
  sectionText,
  type IniBodyLine,
  type IniDocument,
  type IniSection,
  type NewSection,
  type SectionEdits,
} from '../aws-files/aws-ini.js';
import { canonicalSectionText, sectionFingerprint } from '../aws-files/editing.js';
import { type ManagedProfile, type SyncRecord, emptySyncRecord, managedProfileNames } from './record.js';
import { LanyardError } from '../domain/errors.js';
import { type AccountWithRoles, type RoleRef, parseRoleKey, roleKey } from '../domain/model.js';
import { type NameRequest, assignProfileNames, profileNamer } from './profile-names.js';
import type { Settings } from '../domain/settings.js';

/** The comment inside every profile Lanyard writes (part of its fingerprint). */
export const MANAGED_MARKER = 'Managed by Lanyard. Edit this profile and Lanyard leaves it to you.';
/** The CLI subcommand a credential_process profile runs. */
export const CREDENTIAL_PROCESS_SUBCOMMAND = 'credential-process';
/** Arguments written into credential_process unquoted; every splitter (shlex, sh, cmd.exe) reads them alike. */
const PLAIN_ARGUMENT = /^[\w@+=:,./-]+$/;

export const SKIP_REASONS = {
  edited: 'you edited this Lanyard profile, so it is yours now: Lanyard no longer updates or removes it',
  userOwned:
    'a profile Lanyard did not write already has this name: Lanyard leaves it alone (rename yours, or change the profile name template)',
  declined: 'you removed this Lanyard profile, so Lanyard does not add it back (lanyard sync --restore does)',
  controlCharacters:
    'its role name has control characters (a line break, a terminal escape or a bidi override), which Lanyard does not write into the AWS config: this role gets no profile',
  unwritable:
    'its role name has surrounding spaces or a comment marker (# or ;), which the AWS config cannot hold as written: this role gets no profile',
} as const;

/** C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Whether a value from the service must not be written into an AWS file: control characters
 * and bidi controls would act on whoever reads the file in a terminal or an editor.
 */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_OR_BIDI.test(value);
}

/** One session's account list, as the inventory has it. */
export interface SessionListing {
  accounts: AccountWithRoles[];
  /** Only a complete listing removes profiles. */
  complete: boolean;
  /** Why the listing is incomplete, for the `notPruned` report. */
  problem?: string;
}

export interface ProfileSyncInput {
  sessions: SsoSessionConfig[];
  /** Per session name: the accounts/roles and whether that listing was complete (only complete listings prune). */
  inventories: Map<string, SessionListing>;
  settings: Pick<Settings, 'profileNameTemplate' | 'defaultRegion' | 'profileStyle'>;
  /**
   * The absolute, quoted command that starts the lanyard CLI (`cliCommand()`), for
   * credential_process profiles; unused with the 'sso' profile style.
   */
  credentialProcessCommand: string;
}

export interface SyncPlanOptions {
  /** Add back Lanyard profiles the user deleted. */
  restore?: boolean;
}

export interface SkippedProfile {
  profile: string;
  reason: string;
}

export interface NotPruned {
  sessionName: string;
  reason: string;
}

export interface SyncPlan {
  edits: SectionEdits;
  added: string[];
  updated: string[];
  removed: string[];
  skipped: SkippedProfile[];
  notPruned: NotPruned[];
  /** The record to keep once the edits are written. */
  record: SyncRecord;
  /** roleKey -> profile name Lanyard manages for it after the edits. */
  profiles: Record<string, string>;
}

interface WantedProfile {
  key: string;
  ref: RoleRef;
  base: string;
  session: SsoSessionConfig;
}

interface OwnedProfile {
  entry: ManagedProfile;
  section: IniSection;
}

export function profileHeader(name: string): string {
  return `profile ${name}`;
}

function plainArgument(value: string, what: string): string {
  if (PLAIN_ARGUMENT.test(value)) return value;
  throw new LanyardError(
    'CONFIG',
    `The ${what} "${value}" has characters a credential_process command cannot pass the same way to every AWS tool.`,
    'Use the "sso" profile style, or rename it to letters, digits and - _ . @ + = : , /.',
  );
}

function assertCliCommand(command: string): void {
  if (!command.trim())
    throw new LanyardError(
      'CONFIG',
      'Lanyard does not know the command that starts its CLI, so it cannot write credential_process profiles.',
      'Use the "sso" profile style.',
    );
}

/** `<command> credential-process --sso-session S --account-id A --role-name R`. */
export function credentialProcessLine(command: string, ref: RoleRef): string {
  assertCliCommand(command);
  return [
    command,
    CREDENTIAL_PROCESS_SUBCOMMAND,
    '--sso-session',
    plainArgument(ref.sessionName, 'sso-session name'),
    '--account-id',
    plainArgument(ref.accountId, 'account id'),
    '--role-name',
    plainArgument(ref.roleName, 'role name'),
  ].join(' ');
}

/** The keys that give a profile the role's credentials, in the configured style. */
export function credentialKeys(
  ref: RoleRef,
  input: { settings: Pick<Settings, 'profileStyle'>; credentialProcessCommand: string },
): Array<[string, string]> {
  if (input.settings.profileStyle === 'credential-process')
    return [['credential_process', credentialProcessLine(input.credentialProcessCommand, ref)]];
  return [
    ['sso_session', ref.sessionName],
    ['sso_account_id', ref.accountId],
    ['sso_role_name', ref.roleName],
  ];
}

export function profileRegion(session: SsoSessionConfig, settings: Pick<Settings, 'defaultRegion'>): string {
  return settings.defaultRegion || session.region;
}

const MARKER_LINE: IniBodyLine = { comment: MANAGED_MARKER };

function profileSection(name: string, wanted: WantedProfile, input: ProfileSyncInput): NewSection {
  const body: IniBodyLine[] = [
    MARKER_LINE,
    ...credentialKeys(wanted.ref, input),
    ['region', profileRegion(wanted.session, input.settings)],
  ];
  return { header: profileHeader(name), body };
}

/** Profile sections by the name botocore gives them. */
function profileSections(doc: IniDocument): Map<string, IniSection[]> {
  const byName = new Map<string, IniSection[]>();
  for (const section of doc.sections) {
    // Only `[default]` and headers starting with "profile" can be profiles in the config file.
    if (!section.header.startsWith('p') && section.header !== 'default') continue;
    const id = sectionId(section.header);
    if (id?.type !== 'profile') continue;
    const list = byName.get(id.name);
    if (list) list.push(section);
    else byName.set(id.name, [section]);
  }
  return byName;
}

function fingerprintOf(doc: IniDocument, section: IniSection): string {
  return sectionFingerprint(sectionText(doc, section));
}

/** The roles the listings ask for, in listing order (accounts by name, roles sorted). */
function wantedProfiles(input: ProfileSyncInput): WantedProfile[] {
  const nameOf = profileNamer(input.settings.profileNameTemplate);
  const wanted: WantedProfile[] = [];
  const seen = new Set<string>();
  for (const session of input.sessions) {
    const listing = input.inventories.get(session.name);
    for (const account of listing?.accounts ?? []) {
      for (const roleName of account.roles) {
        const ref: RoleRef = { sessionName: session.name, accountId: account.accountId, roleName };
        const key = roleKey(ref);
        if (seen.has(key)) continue;
        seen.add(key);
        const base = nameOf({
          accountName: account.accountName,
          accountId: account.accountId,
          roleName,
          sessionName: session.name,
        });
        wanted.push({ key, ref, base, session });
      }
    }
  }
  return wanted;
}

/**
 * Why a role gets no profile, when the file cannot hold its section as written; undefined when
 * it can. Only the service's values (role name, account id) are skipped for: the profile name is
 * sanitised, and what the user's own config holds (the sso-session name, its region, the
 * command) still fails the whole sync, with the error that says what to fix.
 */
function unwritableReason(profile: WantedProfile, input: ProfileSyncInput): string | undefined {
  const { ref } = profile;
  if (input.settings.profileStyle === 'credential-process') plainArgument(ref.sessionName, 'sso-session name');
  if (hasControlCharacters(ref.roleName) || hasControlCharacters(ref.accountId)) return SKIP_REASONS.controlCharacters;
  try {
    renderSection(profileSection(profile.base, profile, input));
    return undefined;
  } catch (error) {
    // credential_process arguments: the error says which value and what to do.
    if (error instanceof LanyardError) return `${error.message} ${error.hint ?? ''}`.trim();
    // The same section with a plain role name fails too: the user's config is at fault, not the role.
    renderSection(profileSection(profile.base, { ...profile, ref: { ...ref, roleName: 'Role' } }, input));
    return SKIP_REASONS.unwritable;
  }
}

/** Listings that may prune, by session name (only sessions that are configured). */
function listingsBySession(input: ProfileSyncInput): Map<string, SessionListing> {
  const listings = new Map<string, SessionListing>();
  for (const session of input.sessions) {
    const listing = input.inventories.get(session.name);
    if (listing) listings.set(session.name, listing);
  }
  return listings;
}

function completeListingLacks(
  listings: Map<string, SessionListing>,
  wanted: ReadonlySet<string>,
  role: string,
): boolean {
  const ref = parseRoleKey(role);
  return Boolean(ref && listings.get(ref.sessionName)?.complete && !wanted.has(role));
}

/** A record whose profiles are all missing from the file belongs to a file that was replaced. */
function fileWasReplaced(record: SyncRecord, sections: Map<string, IniSection[]>): boolean {
  return record.profiles.size > 0 && [...record.profiles.keys()].every((name) => !sections.has(name));
}

interface Ownership {
  /** Recorded profiles still exactly as Lanyard wrote them. */
  owned: Map<string, OwnedProfile>;
  /** Profile name -> role of Lanyard profiles the user edited. */
  edited: Map<string, string>;
  /** Profile name -> role of Lanyard profiles the user deleted. */
  declined: Map<string, string>;
}

/** What of the record still holds in the file: untouched, edited or deleted by the user. */
function ownership(
  doc: IniDocument,
  sections: Map<string, IniSection[]>,
  record: SyncRecord,
  restore: boolean,
): Ownership {
  const declined = new Map(restore ? [] : record.declined);
  const decline = (name: string, role: string): void => {
    if (!restore) declined.set(name, role);
  };
  // Profiles the user edited stay theirs; one they later deleted counts as a deleted Lanyard profile.
  const edited = new Map<string, string>();
  for (const [name, role] of record.edited) {
    if (sections.has(name)) edited.set(name, role);
    else decline(name, role);
  }
  const owned = new Map<string, OwnedProfile>();
  for (const [name, entry] of record.profiles) {
    const found = sections.get(name);
    if (!found) {
      decline(name, entry.role);
      continue;
    }
    const only = found.length === 1 ? found[0]! : undefined;
    if (only && only.header === profileHeader(name) && fingerprintOf(doc, only) === entry.fingerprint)
      owned.set(name, { entry, section: only });
    else edited.set(name, entry.role);
  }
  return { owned, edited, declined };
}

function notPrunedSessions(listings: Map<string, SessionListing>): NotPruned[] {
  const notPruned: NotPruned[] = [];
  for (const [sessionName, listing] of listings) {
    if (listing.complete) continue;
    const why = listing.problem
      ? `its account list is incomplete (${listing.problem.replace(/\.$/, '')})`
      : 'its account list is incomplete';
    notPruned.push({ sessionName, reason: `${why}, so no profile of it was removed` });
  }
  return notPruned;
}

export function planProfileSync(
  doc: IniDocument,
  previous: SyncRecord,
  input: ProfileSyncInput,
  options: SyncPlanOptions = {},
): SyncPlan {
  const sections = profileSections(doc);
  const record = fileWasReplaced(previous, sections) ? emptySyncRecord() : previous;
  const { owned, edited, declined } = ownership(doc, sections, record, options.restore ?? false);

  const asked = wantedProfiles(input);
  const wantedKeys = new Set(asked.map((profile) => profile.key));
  const listings = listingsBySession(input);
  if (asked.length > 0 && input.settings.profileStyle === 'credential-process')
    assertCliCommand(input.credentialProcessCommand);
  // Roles whose section the file cannot hold: left out of naming, so they take no name from another role.
  const unwritable = new Map<string, string>();
  for (const profile of asked) {
    const reason = unwritableReason(profile, input);
    if (reason !== undefined) unwritable.set(profile.key, reason);
  }
  const wanted = unwritable.size === 0 ? asked : asked.filter((profile) => !unwritable.has(profile.key));

  // Lanyard profiles of roles not asked for now keep their names unless a complete listing prunes them;
  // one written for a role that can no longer be written stays as it is.
  const claimed = new Set<string>();
  for (const [name, { entry }] of owned)
    if (
      unwritable.has(entry.role) ||
      (!wantedKeys.has(entry.role) && !completeListingLacks(listings, wantedKeys, entry.role))
    )
      claimed.add(name);
  const heldNames = new Map([...owned].map(([name, { entry }]) => [entry.role, { name, base: entry.base }]));
  const nameRequest = (profile: WantedProfile): NameRequest => {
    const held = heldNames.get(profile.key);
    return {
      key: profile.key,
      base: profile.base,
      accountId: profile.ref.accountId,
      sessionName: profile.ref.sessionName,
      ...(held?.base === profile.base ? { keep: held.name } : {}),
    };
  };
  const names = assignProfileNames(wanted.map(nameRequest), claimed);

  const skipped = new Map<string, string>();
  if (unwritable.size > 0) {
    // Reported under the name of the profile Lanyard keeps for it, else the name it would have had,
    // unique among every name in use.
    const unnamed: WantedProfile[] = [];
    for (const profile of asked) {
      const reason = unwritable.get(profile.key);
      const held = heldNames.get(profile.key);
      if (reason === undefined) continue;
      if (held) skipped.set(held.name, reason);
      else unnamed.push(profile);
    }
    const taken = new Set([...claimed, ...names.values(), ...sections.keys()]);
    for (const [key, name] of assignProfileNames(unnamed.map(nameRequest), taken))
      skipped.set(name, unwritable.get(key)!);
  }
  const added: string[] = [];
  const updated: string[] = [];
  const replace: Array<{ section: IniSection; with: NewSection }> = [];
  const append: NewSection[] = [];
  const profiles = new Map<string, ManagedProfile>();
  for (const profile of wanted) {
    const name = names.get(profile.key)!;
    const section = profileSection(name, profile, input);
    const text = renderSection(section).join('\n');
    const mine = owned.get(name);
    // Lanyard's own section with exactly this text has the fingerprint on record: no need to hash it again.
    const unchanged = mine !== undefined && canonicalSectionText(sectionText(doc, mine.section)) === text;
    const entry: ManagedProfile = {
      role: profile.key,
      base: profile.base,
      fingerprint: unchanged ? mine.entry.fingerprint : sectionFingerprint(text),
    };
    if (mine) {
      // Lanyard's section by this name: this role's, or one whose role moved or went away.
      if (mine.entry.fingerprint !== entry.fingerprint) {
        replace.push({ section: mine.section, with: section });
        updated.push(name);
      }
      profiles.set(name, entry);
    } else if (declined.get(name) === profile.key) {
      skipped.set(name, SKIP_REASONS.declined);
    } else if (sections.has(name)) {
      const existing = sections.get(name)!;
      const adoptable =
        existing.length === 1 &&
        existing[0]!.header === section.header &&
        fingerprintOf(doc, existing[0]!) === entry.fingerprint;
      if (adoptable) profiles.set(name, entry);
      else if (!edited.has(name)) skipped.set(name, SKIP_REASONS.userOwned);
    } else {
      append.push(section);
      added.push(name);
      profiles.set(name, entry);
    }
  }

  // Lanyard profiles nobody took: kept when their role may still exist, else removed (pruned or renamed).
  const removed: string[] = [];
  const remove: IniSection[] = [];
  for (const [name, mine] of owned) {
    if (profiles.has(name)) continue;
    if (claimed.has(name)) {
      profiles.set(name, mine.entry);
      continue;
    }
    remove.push(mine.section);
    removed.push(name);
  }

  // Forget deletions and edits once the name is Lanyard's again or a complete listing lacks the role.
  for (const forgotten of [declined, edited]) {
    for (const [name, role] of forgotten)
      if (profiles.has(name) || completeListingLacks(listings, wantedKeys, role)) forgotten.delete(name);
  }
  const editedSkips = [...edited.keys()].map((name) => ({ profile: name, reason: SKIP_REASONS.edited }));

  const next: SyncRecord = { profiles, declined, edited };
  return {
    edits: { replace, remove, append },
    added,
    updated,
    removed,
    skipped: [...editedSkips, ...[...skipped].map(([profile, reason]) => ({ profile, reason }))],
    notPruned: notPrunedSessions(listings),
    record: next,
    profiles: managedProfileNames(next),
  };
}
