/**
 * What `lanyard __complete roles|sessions [PREFIX]` prints for the shell completion scripts: one
 * candidate a line, from local files only (the AWS config, the stored account lists, the sync
 * record and the settings). Shells call it on every Tab, so it loads no commander, no SDK and no
 * command module, and it never fails: what cannot be read gives no candidates.
 */
import { RoleDirectory } from '../core/accounts/role-directory.js';
import type { LanyardPaths } from '../core/support/paths.js';

export type CandidateKind = 'roles' | 'sessions';

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Control characters: a line break would split a name in two, a tab starts fish's description. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Names that start with `prefix` (in any case), or, when none does, names that contain it;
 * sorted ignoring case (the same on every machine) and without duplicates.
 */
function matching(names: Iterable<string>, prefix: string): string[] {
  const all = [...new Set(names)]
    .filter((name) => name !== '' && !CONTROL.test(name))
    .map((name) => ({ name, folded: fold(name) }))
    .sort((a, b) => compare(a.folded, b.folded) || compare(a.name, b.name));
  const wanted = fold(prefix);
  const starting = all.filter((entry) => entry.folded.startsWith(wanted));
  const chosen = starting.length > 0 ? starting : all.filter((entry) => entry.folded.includes(wanted));
  return chosen.map((entry) => entry.name);
}

/**
 * Roles: every AWS config profile that signs in to a role, and `ACCOUNT/ROLE` (alias, else the
 * account name) for every role in the stored account lists. Sessions: the sso-session names.
 */
export async function completeCandidates(kind: CandidateKind, prefix: string, paths: LanyardPaths): Promise<string[]> {
  let directory: RoleDirectory;
  try {
    directory = await RoleDirectory.load(paths);
  } catch {
    return [];
  }
  if (kind === 'sessions')
    return matching(
      directory.sessions.map((session) => session.name),
      prefix,
    );
  const labels = directory.roles.map((role) => `${role.alias ?? role.accountName}/${role.roleName}`);
  return matching([...directory.profileNames, ...labels], prefix);
}
