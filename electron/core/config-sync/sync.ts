/**
 * Keeps `[profile ...]` sections in the AWS config file in step with the user's account and
 * role assignments: one profile per role, written losslessly (every byte outside Lanyard's own
 * sections stays), atomically (the previous file kept as `<file>.lanyard-backup`), under the
 * config file's cross-process lock, and only when something changed. The rules of what to
 * write are in plan.ts; this module does the I/O.
 */
import { sha256Base64 } from '../support/digest.js';
import { editSections, parseAwsIni } from '../aws-files/aws-ini.js';
import { unifiedDiff } from './diff.js';
import { withAwsConfigLock } from '../aws-files/locks.js';
import { editAwsFile } from '../aws-files/editing.js';
import { type NotPruned, type ProfileSyncInput, type SkippedProfile, planProfileSync } from './plan.js';
import {
  type LastSync,
  type SyncRecord,
  loadSyncRecord,
  managedProfileNames,
  recordForConfig,
  sameSyncRecord,
  saveSyncRecord,
} from './record.js';
import type { LanyardPaths } from '../support/paths.js';
import type { SessionInventory } from '../accounts/inventory-service.js';
import type { Settings } from '../domain/settings.js';
import type { SessionListing } from './plan.js';

export { readManagedProfiles } from './record.js';
export { MANAGED_MARKER, type ProfileSyncInput, type SessionListing } from './plan.js';

export interface ProfileSyncResult {
  /** The file was (or, in a dry run, would be) rewritten. */
  changed: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  /** Names the user owns, profiles the user edited or deleted. */
  skipped: SkippedProfile[];
  /** Sessions whose listing was incomplete. */
  notPruned: NotPruned[];
  /** Unified diff of the config file (`''` when none). */
  diff: string;
  /** roleKey -> profile name Lanyard manages for it. */
  profiles: Record<string, string>;
}

export interface ProfileSyncOptions {
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Add back Lanyard profiles the user deleted. */
  restore?: boolean;
}

/** The result, and the config file's text as it now is (for watchers that must tell their own writes apart). */
export interface ProfileSyncOutcome {
  result: ProfileSyncResult;
  configText: string;
}

/** The hash the record keeps of config texts and inputs. */
const digest = sha256Base64;

/** Everything the plan depends on besides the file and the record. */
function inputDigest(input: ProfileSyncInput): string {
  const { profileNameTemplate, defaultRegion, profileStyle } = input.settings;
  return digest(
    JSON.stringify([
      input.sessions,
      [...input.inventories],
      profileNameTemplate,
      defaultRegion,
      profileStyle,
      input.credentialProcessCommand,
    ]),
  );
}

/**
 * The answer of the last sync, when this one is the same sync again: same input, the config
 * as that sync left it, and the record as it saved it. The plan is a fixpoint (planning again
 * over its own result changes nothing), so the answer is the same, without parsing the file.
 */
function repeatedSync(record: SyncRecord, input: string, config: string): ProfileSyncResult | undefined {
  const last = record.lastSync;
  if (last?.input !== input || last.config !== config) return undefined;
  return {
    changed: false,
    added: [],
    updated: [],
    removed: [],
    skipped: last.skipped,
    notPruned: last.notPruned,
    diff: '',
    profiles: managedProfileNames(record),
  };
}

function sameLastSync(a: LastSync | undefined, b: LastSync): boolean {
  return (
    a !== undefined &&
    a.config === b.config &&
    a.input === b.input &&
    JSON.stringify([a.skipped, a.notPruned]) === JSON.stringify([b.skipped, b.notPruned])
  );
}

/** Like `syncProfiles`, also returning the config's text after the sync. */
export function runProfileSync(
  paths: LanyardPaths,
  input: ProfileSyncInput,
  options: ProfileSyncOptions = {},
): Promise<ProfileSyncOutcome> {
  const file = paths.awsConfigFile;
  return withAwsConfigLock(paths, (signal) => {
    // The record this sync starts from, kept when it plans again: by then it has saved its own
    // record ahead of a write that did not go in, and the stored one no longer describes the file.
    let basis: SyncRecord | undefined;
    return editAwsFile(file, async ({ text, write }) => {
      const textHash = digest(text);
      basis ??= recordForConfig(await loadSyncRecord(paths), textHash);
      const previous = basis;
      const inputHash = inputDigest(input);
      const repeated = options.restore ? undefined : repeatedSync(previous, inputHash, textHash);
      if (repeated) return { result: repeated, configText: text };

      const doc = parseAwsIni(text);
      const plan = planProfileSync(doc, previous, input, options.restore ? { restore: true } : {});
      const edited = editSections(doc, plan.edits);
      const configText = edited.changed ? edited.text : text;
      const { added, updated, removed, skipped, notPruned, profiles } = plan;
      const lastSync: LastSync = { config: digest(configText), input: inputHash, skipped, notPruned };
      if (!options.dryRun) {
        const recordChanged = !sameSyncRecord(previous, plan.record) || !sameLastSync(previous.lastSync, lastSync);
        // The record first, with what it was before: should the config write not go in (the
        // process killed between the two, a failed write, someone saving meanwhile), the next
        // sync still knows which sections are Lanyard's (recordForConfig). The other way round,
        // a kill in between left profiles Lanyard had just added looking deleted by the user.
        if (recordChanged) {
          const { profiles: before, declined, edited: editedBefore } = previous;
          await saveSyncRecord(paths, {
            ...plan.record,
            lastSync,
            before: { config: textHash, profiles: before, declined, edited: editedBefore },
          });
        }
        await write(configText, { backup: true, signal });
      }
      let diff: string | undefined;
      const result: ProfileSyncResult = {
        changed: edited.changed,
        added,
        updated,
        removed,
        skipped,
        notPruned,
        // Worked out when read: few callers want it, and for thousands of new profiles it costs.
        get diff(): string {
          diff ??= unifiedDiff(edited, file);
          return diff;
        },
        profiles,
      };
      return { result, configText: options.dryRun ? text : configText };
    });
  });
}

/**
 * Adds, updates and removes the profiles Lanyard manages so that the config file has one per
 * role in `input.inventories` (see plan.ts for the ownership and pruning rules).
 * Writes nothing when nothing changed (same bytes, same mtime), or in a dry run.
 */
export async function syncProfiles(
  paths: LanyardPaths,
  input: ProfileSyncInput,
  options: ProfileSyncOptions = {},
): Promise<ProfileSyncResult> {
  return (await runProfileSync(paths, input, options)).result;
}
export { setDefaultProfile } from './default-profile.js';

/** What a sync needs to know of one session's inventory; none before its first listing. */
export function listingOf(inventory: SessionInventory | undefined): SessionListing | undefined {
  const latest = inventory?.latest;
  if (!inventory || !latest) return undefined;
  return {
    accounts: inventory.accounts,
    complete: latest.complete,
    ...(latest.problem ? { problem: latest.problem.message } : {}),
  };
}

/** The command credential_process profiles run: asked for only in that profile style ('' for native SSO profiles). */
export function profileCommandFor(settings: Pick<Settings, 'profileStyle'>, command: () => string): string {
  return settings.profileStyle === 'credential-process' ? command() : '';
}
