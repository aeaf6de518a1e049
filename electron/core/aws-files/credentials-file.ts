/**
 * Pinned profiles' sections in the AWS credentials file: `[NAME]` with temporary access keys
 * and a comment saying Lanyard manages them and when they expire. Edited like the config
 * (lossless splices, one pass), written atomically with mode 0600 and a backup.
 *
 * A section is Lanyard's while its bytes match the fingerprint recorded when Lanyard wrote it
 * (the pins record keeps it); anything else under that name is the user's and is never touched.
 *
 * The backup (`credentials.lanyard-backup`, 0600) is the file as it was before Lanyard's edit
 * minus Lanyard's own sections: only the user's part, which is what a backup is for (Lanyard's
 * keys are temporary and written again at the next renewal). So no key Lanyard wrote outlives
 * its removal there: after an unpin or a sign-out the backup holds no pinned keys, and a renewal
 * does not leave the previous keys behind. A section the user edited is theirs and stays in it.
 */
import { writeFileAtomically } from '../support/atomic-file.js';
import {
  editSections,
  findSections,
  renderSection,
  serializeAwsIni,
  sectionText,
  type IniDocument,
  type IniSection,
  type NewSection,
} from './aws-ini.js';
import { sectionFingerprint } from './editing.js';
import type { FileEdit } from '../support/file-edit.js';
import type { RoleCredentials } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';

/** Secrets files are owner-only, whatever mode the file had. */
export const CREDENTIALS_FILE_MODE = 0o600;

/** The section Lanyard writes for a pinned profile. */
export function pinnedSection(profile: string, credentials: RoleCredentials): NewSection {
  const expires = new Date(credentials.expiration).toISOString();
  return {
    header: profile,
    body: [
      {
        comment: `Pinned by Lanyard: temporary keys, renewed by its agent; these expire ${expires}. Remove with: lanyard unpin ${profile}`,
      },
      ['aws_access_key_id', credentials.accessKeyId],
      ['aws_secret_access_key', credentials.secretAccessKey],
      ['aws_session_token', credentials.sessionToken],
    ],
  };
}

export function pinnedSectionFingerprint(section: NewSection): string {
  return sectionFingerprint(renderSection(section).join('\n'));
}

/** What is under a profile's name in the credentials file, measured against what Lanyard wrote there. */
export type PinnedSectionState = { kind: 'absent' } | { kind: 'lanyard'; section: IniSection } | { kind: 'user' };

export function pinnedSectionState(
  doc: IniDocument,
  profile: string,
  fingerprint: string | undefined,
): PinnedSectionState {
  const found = findSections(doc, 'profile', profile, 'credentials');
  if (found.length === 0) return { kind: 'absent' };
  const only = found.length === 1 ? found[0]! : undefined;
  if (only && fingerprint !== undefined && sectionFingerprint(sectionText(doc, only)) === fingerprint)
    return { kind: 'lanyard', section: only };
  return { kind: 'user' };
}

export interface CredentialsFileChanges {
  /** Lanyard sections to rewrite with new keys. */
  replace: Array<{ section: IniSection; with: NewSection }>;
  /** New sections. */
  append: NewSection[];
  /** Lanyard sections to take out. */
  remove: IniSection[];
}

/** What the pins record says Lanyard last wrote: each pinned profile and its section's fingerprint. */
export type RecordedPins = Iterable<readonly [profile: string, fingerprint: string | undefined]>;

/**
 * Applies the changes and writes the file (0600, atomic) if any byte changed; returns whether
 * it wrote. `recorded` is the pins record as it was when `doc` was read: the sections it
 * recognises as Lanyard's are left out of the backup (see the top of this file). `write` is
 * the guarded write of an editAwsFile the caller runs (so an edit made meanwhile is not lost);
 * without it, the file is written as is.
 */
export async function writeCredentialsFile(
  paths: LanyardPaths,
  doc: IniDocument,
  changes: CredentialsFileChanges,
  recorded: RecordedPins,
  how: { signal?: AbortSignal; write?: FileEdit['write'] } = {},
): Promise<boolean> {
  const edited = editSections(doc, changes);
  if (!edited.changed) return false;
  const options = {
    backup: { text: usersPart(doc, recorded) },
    mode: CREDENTIALS_FILE_MODE,
    enforceMode: true,
    ...(how.signal ? { signal: how.signal } : {}),
  };
  if (how.write) await how.write(edited.text, options);
  else await writeFileAtomically(paths.awsCredentialsFile, edited.text, options);
  return true;
}

/** The document without the sections Lanyard wrote (as the record recognises them), byte for byte otherwise. */
function usersPart(doc: IniDocument, recorded: RecordedPins): string {
  const lanyards = new Set<IniSection>();
  for (const [profile, fingerprint] of recorded) {
    const state = pinnedSectionState(doc, profile, fingerprint);
    if (state.kind === 'lanyard') lanyards.add(state.section);
  }
  return lanyards.size > 0 ? editSections(doc, { remove: [...lanyards] }).text : serializeAwsIni(doc);
}
