/**
 * "Set as default profile": the config's default profile gets one role's credentials. Only the
 * keys that decide which credentials the profile uses change; the user's other keys there
 * (region, output, cli_pager, nested s3 blocks, comments) stay as they are.
 */
import { readTextIfExists } from '../support/atomic-file.js';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import {
  addSection,
  deleteKey,
  findSections,
  getEntry,
  parseAwsIni,
  renderSection,
  serializeAwsIni,
  setValue,
  type IniDocument,
} from '../aws-files/aws-ini.js';
import { withAwsConfigLock } from '../aws-files/locks.js';
import { editAwsFile } from '../aws-files/editing.js';
import { credentialKeys, hasControlCharacters, profileRegion, type ProfileSyncInput } from './plan.js';
import { LanyardError } from '../domain/errors.js';
import type { RoleRef } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';

/** Keys that would make AWS tools take other credentials than the role's (or refuse the profile). */
const COMPETING_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'role_session_name',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  // Legacy SSO keys: botocore refuses a profile whose sso_start_url or sso_region disagree with its sso_session.
  'sso_start_url',
  'sso_region',
  'sso_account_name',
];
/** The JS SDK prefers credential_process to SSO keys, botocore the other way round: keep only the style's own. */
const SSO_STYLE_KEYS = ['sso_session', 'sso_account_id', 'sso_role_name'];
const PROCESS_STYLE_KEYS = ['credential_process'];
const DEFAULT_HEADER = 'default';

export interface DefaultProfileInput {
  session: SsoSessionConfig;
  role: { accountId: string; roleName: string };
  settings: Pick<ProfileSyncInput['settings'], 'defaultRegion' | 'profileStyle'>;
  /** As in ProfileSyncInput: the CLI command, for the credential-process style. */
  credentialProcessCommand: string;
}

export interface DefaultProfileResult {
  /** The config file was rewritten. */
  changed: boolean;
  /** Keys taken out of the default profile because they would have competed with the role. */
  removedKeys: string[];
  /** Things outside the config file that still stand in the way, in words for the user. */
  warnings: string[];
}

function updateDefault(
  doc: IniDocument,
  pairs: Array<[string, string]>,
  competing: readonly string[],
  region: string,
): { doc: IniDocument; removedKeys: string[] } {
  // Like botocore, the last of [default] and [profile default] is the one tools use.
  const existing = findSections(doc, 'profile', 'default').at(-1);
  if (!existing) return { doc: addSection(doc, DEFAULT_HEADER, [...pairs, ['region', region]]), removedKeys: [] };
  const index = doc.sections.indexOf(existing);
  const removedKeys = competing.filter((key) => getEntry(existing, key));
  let next = doc;
  for (const key of removedKeys) next = deleteKey(next, next.sections[index]!, key);
  for (const [key, value] of pairs) next = setValue(next, next.sections[index]!, key, value);
  if (!getEntry(next.sections[index]!, 'region')) next = setValue(next, next.sections[index]!, 'region', region);
  return { doc: next, removedKeys };
}

/** Access keys in the credentials file's [default] win over the config's SSO keys in some SDKs. */
async function credentialsFileWarnings(paths: LanyardPaths): Promise<string[]> {
  const text = await readTextIfExists(paths.awsCredentialsFile);
  if (!text) return [];
  const doc = parseAwsIni(text);
  const keys = findSections(doc, 'profile', 'default', 'credentials').some((section) =>
    getEntry(section, 'aws_access_key_id'),
  );
  return keys
    ? [
        `${paths.awsCredentialsFile} has access keys under [default]; the AWS SDKs for JavaScript, Go and Java use them instead of the role. Remove them there to use the role everywhere.`,
      ]
    : [];
}

/** A role name from the service that the config cannot hold as written (or holds escapes) is refused, as sync skips it. */
function assertWritableRole(ref: RoleRef, pairs: Array<[string, string]>): void {
  let writable = ![ref.roleName, ref.accountId, ref.sessionName].some(hasControlCharacters);
  try {
    if (writable) renderSection({ header: 'default', body: pairs });
  } catch {
    writable = false;
  }
  if (!writable)
    throw new LanyardError(
      'CONFIG',
      'This role name has a line break, control characters, surrounding spaces or a comment marker, which Lanyard does not write into the AWS config.',
      'Choose another role for the default profile.',
    );
}

/**
 * Makes the default profile use a role: the role's credential keys (in the configured profile
 * style) are set in the last `[default]`/`[profile default]` section (added when there is
 * none), keys that would compete with them are removed, and `region` is set only if the
 * section has none. Every other byte of the file stays; nothing is written when the file
 * already says so. Takes the config file's lock.
 */
export async function setDefaultProfile(
  paths: LanyardPaths,
  input: DefaultProfileInput,
): Promise<DefaultProfileResult> {
  const ref: RoleRef = { sessionName: input.session.name, ...input.role };
  const pairs = credentialKeys(ref, input);
  assertWritableRole(ref, pairs);
  const competing = [
    ...COMPETING_KEYS,
    ...(input.settings.profileStyle === 'credential-process' ? SSO_STYLE_KEYS : PROCESS_STYLE_KEYS),
  ];
  const { changed, removedKeys } = await withAwsConfigLock(paths, (signal) =>
    editAwsFile(paths.awsConfigFile, async ({ text, write }) => {
      const update = updateDefault(parseAwsIni(text), pairs, competing, profileRegion(input.session, input.settings));
      const next = serializeAwsIni(update.doc);
      await write(next, { backup: true, signal });
      return { changed: next !== text, removedKeys: update.removedKeys };
    }),
  );
  return { changed, removedKeys, warnings: await credentialsFileWarnings(paths) };
}
