/**
 * Which `[profile ...]` sections of an AWS config file Lanyard wrote, kept in Lanyard's data
 * folder (one record per config file path). For each profile: the role it is for, the base
 * name the template gave (so a role keeps a disambiguated name), and the fingerprint of the
 * section as last written. A section whose bytes no longer match its fingerprint was edited
 * by someone else and is theirs from then on.
 */
import {
  type RecordDamage,
  recordEntries,
  recordFileFor,
  readJsonRecord,
  writeJsonRecord,
} from '../aws-files/editing.js';
import type { LookOnly } from '../support/damaged-files.js';
import type { LanyardPaths } from '../support/paths.js';

/** Bumped when the shape changes; a record of another format counts as none. */
const FORMAT = 1;
const RECORD_FOLDER = 'config-sync';

export interface ManagedProfile {
  /** model.roleKey of the role the profile is for. */
  role: string;
  /** The template's name for the role before any disambiguating suffix. */
  base: string;
  /** sectionFingerprint of the section as Lanyard last wrote it. */
  fingerprint: string;
}

/** What the last sync found, to answer an identical sync without planning it again. */
export interface LastSync {
  /** sectionFingerprint-style hash of the config text the sync left. */
  config: string;
  /** Hash of the sync's input (sessions, listings, settings, command). */
  input: string;
  skipped: Array<{ profile: string; reason: string }>;
  notPruned: Array<{ sessionName: string; reason: string }>;
}

export interface SyncRecord {
  /** Profile name -> what Lanyard wrote there. */
  profiles: Map<string, ManagedProfile>;
  /** Profile name -> role key of Lanyard profiles the user deleted: not added back. */
  declined: Map<string, string>;
  /** Profile name -> role key of Lanyard profiles the user edited: theirs now. */
  edited: Map<string, string>;
  lastSync?: LastSync;
  /**
   * The record as it was before the sync that saved this one, and the hash of the config
   * text that sync planned from. The record is saved ahead of the config (sync.ts): should
   * the config write not happen (the process killed between the two, a failed write), the
   * file still reads as that text, and this is the record that describes it.
   */
  before?: RecordBefore;
}

export interface RecordBefore {
  config: string;
  profiles: Map<string, ManagedProfile>;
  declined: Map<string, string>;
  edited: Map<string, string>;
}

export function emptySyncRecord(): SyncRecord {
  return { profiles: new Map(), declined: new Map(), edited: new Map() };
}

export function syncRecordFile(paths: LanyardPaths): string {
  return recordFileFor(paths, RECORD_FOLDER, paths.awsConfigFile);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const roleKeyOf = (value: unknown): string | undefined => (isString(value) ? value : undefined);

function parseLastSync(value: unknown): LastSync | undefined {
  const raw = value as Partial<Record<keyof LastSync, unknown>> | null;
  if (
    !raw ||
    typeof raw !== 'object' ||
    !isString(raw.config) ||
    !isString(raw.input) ||
    !Array.isArray(raw.skipped) ||
    !Array.isArray(raw.notPruned)
  )
    return undefined;
  return {
    config: raw.config,
    input: raw.input,
    skipped: raw.skipped as LastSync['skipped'],
    notPruned: raw.notPruned as LastSync['notPruned'],
  };
}

function parseManaged(value: unknown): ManagedProfile | undefined {
  const raw = value as Partial<Record<keyof ManagedProfile, unknown>> | null;
  if (!raw || typeof raw !== 'object' || !isString(raw.role) || !isString(raw.base) || !isString(raw.fingerprint))
    return undefined;
  return { role: raw.role, base: raw.base, fingerprint: raw.fingerprint };
}

const isObjectOrAbsent = (value: unknown): boolean =>
  value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));

/**
 * How a damaged record is reported. Without a record nothing is lost that the plan cannot
 * rebuild safely (plan.ts): no profile is removed (only recorded ones ever are), one the user
 * edited reads differently from what Lanyard writes and so stays theirs, and only sections
 * that read exactly as Lanyard writes them are taken back. What is forgotten is which profiles
 * the user deleted, so those may come back.
 */
function recordDamage(paths: LanyardPaths): RecordDamage {
  return {
    what: `Lanyard's record of the profiles it manages in ${paths.awsConfigFile} (${syncRecordFile(paths)})`,
    title: 'Damaged profile sync record set aside',
    outcome:
      '. Lanyard now manages only the profiles there that read exactly as it writes them and removes none of the others: profiles you edited stay yours, and profiles you had removed may be added back.',
    shape: (raw) =>
      raw.format === FORMAT &&
      !(isObjectOrAbsent(raw.profiles) && isObjectOrAbsent(raw.declined) && isObjectOrAbsent(raw.edited))
        ? 'its profile lists are not JSON objects'
        : undefined,
  };
}

/** The record for the config file; none is an empty record, and so is a damaged one, once set aside with a report. */
export async function loadSyncRecord(paths: LanyardPaths, options: LookOnly = {}): Promise<SyncRecord> {
  const raw = await readJsonRecord(syncRecordFile(paths), recordDamage(paths), options);
  if (!raw || raw.format !== FORMAT || raw.configFile !== paths.awsConfigFile) return emptySyncRecord();
  const lastSync = parseLastSync(raw.lastSync);
  const before = raw.before as Record<string, unknown> | null | undefined;
  return {
    profiles: recordEntries(raw.profiles, parseManaged),
    declined: recordEntries(raw.declined, roleKeyOf),
    edited: recordEntries(raw.edited, roleKeyOf),
    ...(lastSync ? { lastSync } : {}),
    ...(before && typeof before === 'object' && isString(before.config)
      ? {
          before: {
            config: before.config,
            profiles: recordEntries(before.profiles, parseManaged),
            declined: recordEntries(before.declined, roleKeyOf),
            edited: recordEntries(before.edited, roleKeyOf),
          },
        }
      : {}),
  };
}

/**
 * The record that describes a config file whose text hashes to `config`: the one before the
 * last sync when that sync's config write did not happen (see SyncRecord.before), else the
 * record itself. Either way without `before`: it is only ever about the next write.
 */
export function recordForConfig(record: SyncRecord, config: string): SyncRecord {
  const { before, ...current } = record;
  if (!before || before.config !== config || before.config === record.lastSync?.config) return current;
  return { profiles: before.profiles, declined: before.declined, edited: before.edited };
}

export async function saveSyncRecord(paths: LanyardPaths, record: SyncRecord): Promise<void> {
  await writeJsonRecord(syncRecordFile(paths), {
    format: FORMAT,
    configFile: paths.awsConfigFile,
    profiles: Object.fromEntries(record.profiles),
    declined: Object.fromEntries(record.declined),
    edited: Object.fromEntries(record.edited),
    ...(record.lastSync ? { lastSync: record.lastSync } : {}),
    ...(record.before
      ? {
          before: {
            config: record.before.config,
            profiles: Object.fromEntries(record.before.profiles),
            declined: Object.fromEntries(record.before.declined),
            edited: Object.fromEntries(record.before.edited),
          },
        }
      : {}),
  });
}

function sameMap<T>(a: Map<string, T>, b: Map<string, T>, same: (x: T, y: T) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined || !same(value, other)) return false;
  }
  return true;
}

/** Whether two records say the same (the last-sync cache aside). */
export function sameSyncRecord(a: SyncRecord, b: SyncRecord): boolean {
  const sameEntry = (x: ManagedProfile, y: ManagedProfile): boolean =>
    x.role === y.role && x.base === y.base && x.fingerprint === y.fingerprint;
  const sameRole = (x: string, y: string): boolean => x === y;
  return (
    sameMap(a.profiles, b.profiles, sameEntry) &&
    sameMap(a.declined, b.declined, sameRole) &&
    sameMap(a.edited, b.edited, sameRole)
  );
}

/** Role key -> profile name, for every profile Lanyard manages in the config file. */
export function managedProfileNames(record: SyncRecord): Record<string, string> {
  const names: Record<string, string> = {};
  // Role keys are `session/account/role`, never `__proto__`.
  for (const [name, entry] of record.profiles) names[entry.role] = name;
  return names;
}

/** Role key -> profile name Lanyard manages in the config file now (no sync; for "copy profile name"). */
export async function readManagedProfiles(paths: LanyardPaths): Promise<Record<string, string>> {
  return managedProfileNames(await loadSyncRecord(paths));
}
