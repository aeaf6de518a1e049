/**
 * Which `[profile ...]` sections of an AWS config file Lanyard wrote, kept in Lanyard's data
 * folder (one record per config file path). For each profile: the role it is for, the base
 * name the template gave (so a role keeps a disambiguated name), and the fingerprint of the
 * section as last written. A section whose bytes no longer match its fingerprint was edited
 * by someone else and is theirs from then on.
 */
import { recordEntries, recordFileFor, readJsonRecord, writeJsonRecord } from './config-sync-files.js';
import type { LanyardPaths } from './paths.js';

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

export interface SyncRecord {
  /** Profile name -> what Lanyard wrote there. */
  profiles: Map<string, ManagedProfile>;
  /** Profile name -> role key of Lanyard profiles the user deleted: not added back. */
  declined: Map<string, string>;
}

export function emptySyncRecord(): SyncRecord {
  return { profiles: new Map(), declined: new Map() };
}

export function syncRecordFile(paths: LanyardPaths): string {
  return recordFileFor(paths, RECORD_FOLDER, paths.awsConfigFile);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function parseManaged(value: unknown): ManagedProfile | undefined {
  const raw = value as Partial<Record<keyof ManagedProfile, unknown>> | null;
  if (!raw || typeof raw !== 'object' || !isString(raw.role) || !isString(raw.base) || !isString(raw.fingerprint)) return undefined;
  return { role: raw.role, base: raw.base, fingerprint: raw.fingerprint };
}

/** The record for the config file; none (or a damaged one) is an empty record. */
export async function loadSyncRecord(paths: LanyardPaths): Promise<SyncRecord> {
  const raw = await readJsonRecord(syncRecordFile(paths));
  if (!raw || raw.format !== FORMAT || raw.configFile !== paths.awsConfigFile) return emptySyncRecord();
  return {
    profiles: recordEntries(raw.profiles, parseManaged),
    declined: recordEntries(raw.declined, (value) => (isString(value) ? value : undefined)),
  };
}

export async function saveSyncRecord(paths: LanyardPaths, record: SyncRecord): Promise<void> {
  await writeJsonRecord(syncRecordFile(paths), {
    format: FORMAT,
    configFile: paths.awsConfigFile,
    profiles: Object.fromEntries(record.profiles),
    declined: Object.fromEntries(record.declined),
  });
}

export function sameSyncRecord(a: SyncRecord, b: SyncRecord): boolean {
  if (a.profiles.size !== b.profiles.size || a.declined.size !== b.declined.size) return false;
  for (const [name, entry] of a.profiles) {
    const other = b.profiles.get(name);
    if (!other || other.role !== entry.role || other.base !== entry.base || other.fingerprint !== entry.fingerprint) return false;
  }
  for (const [name, role] of a.declined) if (b.declined.get(name) !== role) return false;
  return true;
}

/** Role key -> profile name, for every profile Lanyard manages in the config file. */
export function managedProfileNames(record: SyncRecord): Record<string, string> {
  return Object.fromEntries([...record.profiles].map(([name, entry]) => [entry.role, name]));
}

/** Role key -> profile name Lanyard manages in the config file now (no sync; for "copy profile name"). */
export async function readManagedProfiles(paths: LanyardPaths): Promise<Record<string, string>> {
  return managedProfileNames(await loadSyncRecord(paths));
}
