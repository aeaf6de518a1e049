/**
 * Names of the profiles Lanyard writes: the user's template filled in, made safe for every
 * reader of the AWS config, and unique.
 *
 * Characters: ASCII letters, digits and `. _ - @ +`. That is what both botocore (which splits
 * `[profile NAME]` with shlex, so no spaces or quotes) and the AWS SDK for JavaScript (which
 * reads only `[\w-@+.%:/]` in names) accept, minus `% : /`, which mean something to shells and
 * to other tools that put profile names in paths. Accents are dropped (`café` -> `cafe`);
 * any other run of characters becomes one `-` (none next to a `.`, none at either end).
 *
 * Case is kept. Profile names are case-sensitive to every AWS tool, so lower-casing would buy
 * nothing but make names differ from the account and permission-set names people see in the
 * AWS access portal (and from what aws-sso-util writes with the same `{account_name}.{role_name}`
 * template, which users migrating from it already type).
 */

export interface ProfileNameFields {
  accountName: string;
  accountId: string;
  roleName: string;
  sessionName: string;
}

/** One role that needs a name. */
export interface NameRequest {
  /** A unique, stable key for the role (model.roleKey). */
  key: string;
  /** The sanitised template result: the name the role gets unless another role also wants it. */
  base: string;
  accountId: string;
  sessionName: string;
  /** A name the role already holds and keeps (it was given this name for this same base before). */
  keep?: string;
}

/** Names botocore reads specially: `[profile default]` is the default profile. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['default']);
const TEMPLATE_FIELD = /\{(account_name|account_id|role_name|session)\}/g;
const UNSAFE_RUN = /[^A-Za-z0-9._@+-]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const REPEATED_DASHES = /-{2,}/g;
const DASHES_AROUND_DOT = /-*\.-*/g;
const EDGE_PUNCTUATION = /^[-.]+|[-.]+$/g;

/** Already safe: the allowed characters, no `--`, no `-` next to a `.`, none at either end. */
const SAFE_NAME = /^[A-Za-z0-9_@+](?:[A-Za-z0-9._@+-]*[A-Za-z0-9_@+])?$/;

/** A profile name as every AWS tool reads it, or `''` when nothing usable is left. */
export function sanitizeProfileName(raw: string): string {
  if (SAFE_NAME.test(raw) && !raw.includes('--') && !raw.includes('-.') && !raw.includes('.-')) return raw;
  return raw
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNSAFE_RUN, '-')
    .replace(REPEATED_DASHES, '-')
    .replace(DASHES_AROUND_DOT, '.')
    .replace(EDGE_PUNCTUATION, '');
}

/** The template with its fields filled in, sanitised; `{account_id}.{role_name}` when that leaves nothing. */
export function renderProfileName(template: string, fields: ProfileNameFields): string {
  const values: Record<string, string> = {
    account_name: fields.accountName,
    account_id: fields.accountId,
    role_name: fields.roleName,
    session: fields.sessionName,
  };
  const name = sanitizeProfileName(template.replace(TEMPLATE_FIELD, (_match, field: string) => values[field] ?? ''));
  return name || sanitizeProfileName(`${fields.accountId}.${fields.roleName}`);
}

/** Alternatives for a role whose base name another role has, most readable first. */
function* candidateNames(request: NameRequest): Generator<string> {
  yield request.base;
  const byAccount = sanitizeProfileName(`${request.base}-${request.accountId}`);
  yield byAccount;
  const bySession = sanitizeProfileName(`${request.base}-${request.sessionName}-${request.accountId}`);
  yield bySession;
  for (let counter = 2; ; counter += 1) yield `${bySession}-${counter}`;
}

/**
 * Gives every request a unique name. Names in `claimed` (profiles Lanyard keeps for roles not
 * being named now) are never handed out. A role keeps the name it holds when its base is
 * unchanged, so adding a role never renames another's profile. The rest are named in key
 * order: the first gets the base name, later ones with the same base get the account id (then
 * the session name, then a counter) appended. The same inputs always give the same names.
 */
export function assignProfileNames(requests: readonly NameRequest[], claimed: ReadonlySet<string> = new Set()): Map<string, string> {
  const used = new Set(claimed);
  const names = new Map<string, string>();
  for (const request of requests) {
    if (request.keep === undefined || used.has(request.keep) || RESERVED_NAMES.has(request.keep)) continue;
    used.add(request.keep);
    names.set(request.key, request.keep);
  }
  const rest = requests.filter((request) => !names.has(request.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const request of rest) {
    for (const candidate of candidateNames(request)) {
      if (used.has(candidate) || RESERVED_NAMES.has(candidate)) continue;
      used.add(candidate);
      names.set(request.key, candidate);
      break;
    }
  }
  return names;
}
