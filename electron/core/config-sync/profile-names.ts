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

type TemplatePart = { literal: string } | { field: keyof ProfileNameFields };

const FIELDS: Record<string, keyof ProfileNameFields> = {
  account_name: 'accountName',
  account_id: 'accountId',
  role_name: 'roleName',
  session: 'sessionName',
};

/** The template split once into literal text and fields, for naming thousands of roles. */
function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(TEMPLATE_FIELD)) {
    if (match.index > last) parts.push({ literal: template.slice(last, match.index) });
    parts.push({ field: FIELDS[match[1]!]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

/**
 * A function giving each role its name from the template, sanitised; `{account_id}.{role_name}`
 * when the template leaves nothing.
 */
export function profileNamer(template: string): (fields: ProfileNameFields) => string {
  const parts = parseTemplate(template);
  return (fields) => {
    const name = sanitizeProfileName(
      parts.map((part) => ('literal' in part ? part.literal : fields[part.field])).join(''),
    );
    return name || sanitizeProfileName(`${fields.accountId}.${fields.roleName}`);
  };
}

/** The template with its fields filled in, sanitised (see profileNamer). */
export function renderProfileName(template: string, fields: ProfileNameFields): string {
  return profileNamer(template)(fields);
}

/** The name for a role whose base name another role has, by attempt: account id, session, then a counter. */
function candidateName(request: NameRequest, attempt: number): string {
  if (attempt === 0) return request.base;
  if (attempt === 1) return sanitizeProfileName(`${request.base}-${request.accountId}`);
  const bySession = sanitizeProfileName(`${request.base}-${request.sessionName}-${request.accountId}`);
  return attempt === 2 ? bySession : `${bySession}-${attempt - 1}`;
}

/**
 * Gives every request a unique name. Names in `claimed` (profiles Lanyard keeps for roles not
 * being named now) are never handed out. A role keeps the name it holds when its base is
 * unchanged, so adding a role never renames another's profile. The rest are named in key
 * order: the first gets the base name, later ones with the same base get the account id (then
 * the session name, then a counter) appended. The same inputs always give the same names.
 */
export function assignProfileNames(
  requests: readonly NameRequest[],
  claimed: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const used = new Set(claimed);
  const names = new Map<string, string>();
  for (const request of requests) {
    if (request.keep === undefined || used.has(request.keep) || RESERVED_NAMES.has(request.keep)) continue;
    used.add(request.keep);
    names.set(request.key, request.keep);
  }
  const rest = requests
    .filter((request) => !names.has(request.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const request of rest) {
    let candidate = request.base;
    for (let attempt = 1; used.has(candidate) || RESERVED_NAMES.has(candidate); attempt += 1)
      candidate = candidateName(request, attempt);
    used.add(candidate);
    names.set(request.key, candidate);
  }
  return names;
}
