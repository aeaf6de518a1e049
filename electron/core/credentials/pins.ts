/**
 * Pinned profiles: for tools that read only the credentials file (old SDKs, containers that
 * mount ~/.aws/credentials), a Lanyard profile can also get plain temporary keys there,
 * `[NAME]` with aws_access_key_id / aws_secret_access_key / aws_session_token, renewed before
 * they expire (by the agent, or the app) and removed on sign-out.
 *
 * Which profiles are pinned is kept in Lanyard's data folder (one record per credentials
 * file), with each section's fingerprint as last written: a section the user edited or deleted
 * is theirs, and the profile is unpinned rather than fought over. Signing out removes the keys
 * but keeps the pin, so they come back at the next sign-in.
 */
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { readTextIfExists } from '../support/atomic-file.js';
import { sha256Base64 } from '../support/digest.js';
import { withAwsCredentialsLock } from '../aws-files/locks.js';
import {
  type RecordDamage,
  editAwsFile,
  recordEntries,
  recordFileFor,
  readJsonRecord,
  writeJsonRecord,
} from '../aws-files/editing.js';
import { readManagedProfiles } from '../config-sync/record.js';
import {
  type CredentialsFileChanges,
  pinnedSection,
  pinnedSectionFingerprint,
  pinnedSectionState,
  writeCredentialsFile,
} from '../aws-files/credentials-file.js';
import { LanyardError, isLanyardError, signInHint } from '../domain/errors.js';
import { type IniDocument, parseAwsIni } from '../aws-files/aws-ini.js';
import { type Logger, silentLogger } from '../support/log.js';
import { type RoleCredentials, type RoleRef, parseRoleKey } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';
import type { RoleCredentialsProvider } from './role-credentials.js';

/** Pinned keys are renewed once less than this much of their life is left. */
export const PIN_REFRESH_AHEAD_MS = 30 * 60_000;
/** Keys written for a pin must have at least this long to go, so they are not due again at once. */
export const PIN_MIN_VALIDITY_MS = PIN_REFRESH_AHEAD_MS + 5 * 60_000;
/** After a failed renewal (network, throttling), try again this much later. */
export const PIN_RETRY_MS = 60_000;

const FORMAT = 1;
const RECORD_FOLDER = 'pins';

const RELEASE_REASONS = {
  edited: 'you edited its section in the credentials file, so it is yours now',
  deleted: 'you removed its section from the credentials file',
  userSection: 'the credentials file has a section of yours with this name',
  roleGone: 'the role is no longer assigned to you',
} as const;

interface PinEntry {
  role: string;
  /** Fingerprint of the section as written; absent while no keys are in the file (signed out). */
  fingerprint?: string;
  /** When the keys in the file expire, epoch ms. */
  expiresAt?: number;
}

export interface PinnedProfile {
  profile: string;
  role: RoleRef;
  /** When the keys in the credentials file expire; absent while none are there (signed out). */
  expiresAt?: number;
}

export interface PinRefreshReport {
  /** Profiles whose keys were written or renewed. */
  written: string[];
  /** Profiles whose keys were taken out (signed out), still pinned. */
  cleared: string[];
  /** Profiles no longer pinned, and why. */
  released: Array<{ profile: string; reason: string }>;
  /** Renewals that failed for now (retried later). */
  failed: Array<{ profile: string; reason: string }>;
}

export interface PinnedProfilesDeps {
  paths: LanyardPaths;
  credentials: Pick<RoleCredentialsProvider, 'get'>;
  /** The configured sso-sessions (read afresh for each operation). */
  sessions: () => Promise<SsoSessionConfig[]>;
  clock?: Clock;
  logger?: Logger;
}

function pinsFile(paths: LanyardPaths): string {
  return recordFileFor(paths, RECORD_FOLDER, paths.awsCredentialsFile);
}

function parseEntry(value: unknown): PinEntry | undefined {
  const raw = value as Partial<Record<keyof PinEntry, unknown>> | null;
  if (!raw || typeof raw !== 'object' || typeof raw.role !== 'string' || !parseRoleKey(raw.role)) return undefined;
  return {
    role: raw.role,
    ...(typeof raw.fingerprint === 'string' ? { fingerprint: raw.fingerprint } : {}),
    ...(typeof raw.expiresAt === 'number' ? { expiresAt: raw.expiresAt } : {}),
  };
}

/**
 * How a damaged pins record is reported. Without it no profile is pinned, and the sections
 * Lanyard wrote count as the user's (it cannot tell them from ones the user wrote), so none is
 * rewritten or removed: their keys stay until they expire.
 */
function pinsDamage(paths: LanyardPaths): RecordDamage {
  return {
    what: `Lanyard's record of the profiles pinned in ${paths.awsCredentialsFile} (${pinsFile(paths)})`,
    title: 'Damaged pins record set aside',
    outcome: `. No profile is pinned now: the keys Lanyard wrote there stay, no longer renewed or removed at sign-out, until they expire. To pin a profile again, remove its section from ${paths.awsCredentialsFile} and pin it.`,
    shape: (raw) =>
      raw.format === FORMAT && (typeof raw.pins !== 'object' || raw.pins === null || Array.isArray(raw.pins))
        ? 'its list of pins is not a JSON object'
        : undefined,
  };
}

/**
 * The pins that describe the credentials file whose text hashes to `credentials` (read now
 * when not given). The record is saved ahead of the file (editPins), with the pins as they were
 * before and the hash of the text that edit started from: when the file still reads as that
 * text, its write did not go in (the process was killed between the two, or the write failed),
 * and those earlier pins are the ones that match it.
 */
async function loadPins(paths: LanyardPaths, credentials?: string): Promise<Map<string, PinEntry>> {
  const raw = await readJsonRecord(pinsFile(paths), pinsDamage(paths));
  if (!raw || raw.format !== FORMAT || raw.credentialsFile !== paths.awsCredentialsFile) return new Map();
  const before = raw.before as Record<string, unknown> | null | undefined;
  if (before && typeof before === 'object' && typeof before.credentials === 'string') {
    const now = credentials ?? sha256Base64((await readTextIfExists(paths.awsCredentialsFile)) ?? '');
    if (now === before.credentials) return recordEntries(before.pins, parseEntry);
  }
  return recordEntries(raw.pins, parseEntry);
}

async function savePins(
  paths: LanyardPaths,
  pins: Map<string, PinEntry>,
  before: { credentials: string; pins: Map<string, PinEntry> },
): Promise<void> {
  await writeJsonRecord(pinsFile(paths), {
    format: FORMAT,
    credentialsFile: paths.awsCredentialsFile,
    pins: Object.fromEntries(pins),
    before: { credentials: before.credentials, pins: Object.fromEntries(before.pins) },
  });
}

function view(profile: string, entry: PinEntry): PinnedProfile {
  return {
    profile,
    role: parseRoleKey(entry.role)!,
    ...(entry.fingerprint && entry.expiresAt !== undefined ? { expiresAt: entry.expiresAt } : {}),
  };
}

/** One locked read-modify-write of the credentials file and the pins record. */
interface PinEdit {
  doc: IniDocument;
  pins: Map<string, PinEntry>;
  changes: CredentialsFileChanges;
  report: PinRefreshReport;
}

function emptyReport(): PinRefreshReport {
  return { written: [], cleared: [], released: [], failed: [] };
}

async function editPins(paths: LanyardPaths, task: (edit: PinEdit) => void): Promise<PinRefreshReport> {
  return withAwsCredentialsLock(paths, (signal) => {
    // The pins this edit starts from, kept when it runs again: by then it has saved its own
    // record ahead of a write that did not go in.
    let basis: Map<string, PinEntry> | undefined;
    return editAwsFile(paths.awsCredentialsFile, async ({ text, write }) => {
      const textHash = sha256Base64(text);
      basis ??= await loadPins(paths, textHash);
      const edit: PinEdit = {
        doc: parseAwsIni(text),
        pins: new Map(basis),
        changes: { replace: [], append: [], remove: [] },
        report: emptyReport(),
      };
      const before = JSON.stringify([...edit.pins]);
      // The record as it matches the file read: its sections are kept out of the backup.
      const recorded = [...edit.pins].map(([profile, entry]) => [profile, entry.fingerprint] as const);
      task(edit);
      // The record first, with what it was before: should the file's write not go in (killed
      // between the two, a failed write, someone saving meanwhile), loadPins still matches the
      // file. The other way round, a kill in between made Lanyard's fresh section look edited
      // by the user: the pin was dropped and pinning again refused.
      if (JSON.stringify([...edit.pins]) !== before)
        await savePins(paths, edit.pins, { credentials: textHash, pins: basis });
      await writeCredentialsFile(paths, edit.doc, edit.changes, recorded, { signal, write });
      return edit.report;
    });
  });
}

/**
 * Takes a pin's keys out of the file (when they are Lanyard's) and keeps or drops the pin. A
 * section the user edited stays, and its pin is released.
 */
function clearKeys(edit: PinEdit, profile: string, entry: PinEntry, keepPin: boolean, reason?: string): void {
  const state = pinnedSectionState(edit.doc, profile, entry.fingerprint);
  if (state.kind === 'lanyard') edit.changes.remove.push(state.section);
  if (state.kind === 'user' && entry.fingerprint) {
    edit.pins.delete(profile);
    edit.report.released.push({ profile, reason: RELEASE_REASONS.edited });
    return;
  }
  if (keepPin) {
    edit.pins.set(profile, { role: entry.role });
    if (state.kind === 'lanyard') edit.report.cleared.push(profile);
  } else {
    edit.pins.delete(profile);
    if (reason) edit.report.released.push({ profile, reason });
  }
}

/** Writes fresh keys for a pin, unless the section under its name is no longer Lanyard's. */
function writeKeys(edit: PinEdit, profile: string, entry: PinEntry, credentials: RoleCredentials): void {
  const state = pinnedSectionState(edit.doc, profile, entry.fingerprint);
  if (state.kind === 'user' || (state.kind === 'absent' && entry.fingerprint)) {
    edit.pins.delete(profile);
    const reason =
      state.kind === 'absent'
        ? RELEASE_REASONS.deleted
        : entry.fingerprint
          ? RELEASE_REASONS.edited
          : RELEASE_REASONS.userSection;
    edit.report.released.push({ profile, reason });
    return;
  }
  const section = pinnedSection(profile, credentials);
  if (state.kind === 'lanyard') edit.changes.replace.push({ section: state.section, with: section });
  else edit.changes.append.push(section);
  edit.pins.set(profile, {
    role: entry.role,
    fingerprint: pinnedSectionFingerprint(section),
    expiresAt: credentials.expiration,
  });
  edit.report.written.push(profile);
}

/**
 * Removes the keys of pinned profiles from the credentials file: those of one sso-session, or
 * all (sign-out). The pins stay, so the keys come back at the next sign-in. Sections the user
 * edited stay too. Returns the profiles whose keys were removed.
 */
export async function removePinnedCredentials(paths: LanyardPaths, sessionName?: string): Promise<string[]> {
  const report = await editPins(paths, (edit) => {
    for (const [profile, entry] of [...edit.pins]) {
      if (!entry.fingerprint || (sessionName !== undefined && parseRoleKey(entry.role)?.sessionName !== sessionName))
        continue;
      clearKeys(edit, profile, entry, true);
    }
  });
  return report.cleared;
}

type Renewal = { profile: string; role: string } & (
  | { outcome: 'fresh'; credentials: RoleCredentials }
  | { outcome: 'signed-out' }
  | { outcome: 'role-gone' }
  | { outcome: 'failed'; reason: string }
);

/** Pins and unpins Lanyard profiles and keeps their keys fresh. */
export class PinnedProfiles {
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly deps: PinnedProfilesDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
  }

  async list(): Promise<PinnedProfile[]> {
    return [...(await loadPins(this.deps.paths))]
      .map(([profile, entry]) => view(profile, entry))
      .sort((a, b) => a.profile.localeCompare(b.profile));
  }

  /** When the next renewal is due (the earliest expiry minus PIN_REFRESH_AHEAD_MS), if any keys are in the file. */
  async nextRefreshAt(): Promise<number | undefined> {
    const due = [...(await loadPins(this.deps.paths)).values()].flatMap((entry) =>
      entry.fingerprint && entry.expiresAt !== undefined ? [entry.expiresAt - PIN_REFRESH_AHEAD_MS] : [],
    );
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  /** Pins a profile Lanyard manages in the config: writes its keys to the credentials file now. */
  async pin(profile: string): Promise<PinnedProfile> {
    const { paths } = this.deps;
    const role = Object.entries(await readManagedProfiles(paths)).find(([, name]) => name === profile)?.[0];
    if (!role) {
      throw new LanyardError(
        'NOT_FOUND',
        `"${profile}" is not a profile Lanyard manages in ${paths.awsConfigFile}.`,
        'Pin one of the profiles `lanyard sync` wrote (run it first if you have not).',
      );
    }
    const renewal = await this.renew(profile, role, await this.sessionsByName());
    if (renewal.outcome === 'signed-out')
      throw new LanyardError(
        'SIGN_IN_REQUIRED',
        `Not signed in to "${parseRoleKey(role)?.sessionName}".`,
        signInHint(parseRoleKey(role)?.sessionName ?? ''),
      );
    if (renewal.outcome === 'role-gone')
      throw new LanyardError(
        'ACCESS_DENIED',
        `The role of "${profile}" is no longer assigned to you.`,
        'Run `lanyard sync` to bring your profiles up to date.',
      );
    if (renewal.outcome === 'failed')
      throw new LanyardError(
        'SERVICE',
        `Could not get keys for "${profile}": ${renewal.reason}`,
        'Try again in a moment.',
      );
    let result: PinnedProfile | undefined;
    await editPins(paths, (edit) => {
      const existing = edit.pins.get(profile);
      const entry = existing?.role === role ? existing : { role };
      const state = pinnedSectionState(edit.doc, profile, entry.fingerprint);
      if (state.kind === 'user') {
        throw new LanyardError(
          'CONFIG',
          `${paths.awsCredentialsFile} already has a [${profile}] section that Lanyard did not write.`,
          'Remove or rename that section, then pin again.',
        );
      }
      writeKeys(edit, profile, state.kind === 'absent' ? { role } : entry, renewal.credentials);
      result = view(profile, edit.pins.get(profile)!);
    });
    this.logger.info('pinned profile', { profile, expiresAt: new Date(renewal.credentials.expiration).toISOString() });
    return result!;
  }

  /** Unpins a profile and takes its keys out of the credentials file. Returns whether it was pinned. */
  async unpin(profile: string): Promise<boolean> {
    let pinned = false;
    await editPins(this.deps.paths, (edit) => {
      const entry = edit.pins.get(profile);
      if (!entry) return;
      pinned = true;
      clearKeys(edit, profile, entry, false);
    });
    return pinned;
  }

  /**
   * Renews the keys of pins that are due (less than PIN_REFRESH_AHEAD_MS left, or none in the
   * file), or of all with `force`. A session that is signed out has its pins' keys removed; a
   * role no longer assigned is unpinned; other failures are reported and left for a retry.
   */
  async refresh(options: { force?: boolean } = {}): Promise<PinRefreshReport> {
    const now = this.clock.now();
    const due = [...(await loadPins(this.deps.paths))].filter(
      ([, entry]) =>
        options.force ||
        entry.expiresAt === undefined ||
        !entry.fingerprint ||
        entry.expiresAt - now <= PIN_REFRESH_AHEAD_MS,
    );
    if (due.length === 0) return emptyReport();
    const sessions = await this.sessionsByName();
    const renewals: Renewal[] = [];
    for (const [profile, entry] of due) renewals.push(await this.renew(profile, entry.role, sessions));
    const report = await editPins(this.deps.paths, (edit) => {
      for (const renewal of renewals) {
        const entry = edit.pins.get(renewal.profile);
        if (entry?.role !== renewal.role) continue; // unpinned or re-pinned meanwhile
        if (renewal.outcome === 'fresh') writeKeys(edit, renewal.profile, entry, renewal.credentials);
        else if (renewal.outcome === 'signed-out') clearKeys(edit, renewal.profile, entry, true);
        else if (renewal.outcome === 'role-gone')
          clearKeys(edit, renewal.profile, entry, false, RELEASE_REASONS.roleGone);
        else edit.report.failed.push({ profile: renewal.profile, reason: renewal.reason });
      }
    });
    for (const { profile, reason } of report.released) this.logger.warn('unpinned profile', { profile, reason });
    for (const { profile, reason } of report.failed)
      this.logger.warn('could not renew pinned keys', { profile, reason });
    return report;
  }

  private async sessionsByName(): Promise<Map<string, SsoSessionConfig>> {
    return new Map((await this.deps.sessions()).map((session) => [session.name, session]));
  }

  /** Fresh keys for a pin's role, or why there are none. */
  private async renew(profile: string, role: string, sessions: Map<string, SsoSessionConfig>): Promise<Renewal> {
    const ref = parseRoleKey(role)!;
    const session = sessions.get(ref.sessionName);
    if (!session) return { profile, role, outcome: 'signed-out' };
    try {
      const credentials = await this.deps.credentials.get(
        session,
        { accountId: ref.accountId, roleName: ref.roleName },
        { minValidityMs: PIN_MIN_VALIDITY_MS },
      );
      return { profile, role, outcome: 'fresh', credentials };
    } catch (error) {
      if (isLanyardError(error, 'SIGN_IN_REQUIRED')) return { profile, role, outcome: 'signed-out' };
      if (isLanyardError(error, 'ACCESS_DENIED') || isLanyardError(error, 'NOT_FOUND'))
        return { profile, role, outcome: 'role-gone' };
      return { profile, role, outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
