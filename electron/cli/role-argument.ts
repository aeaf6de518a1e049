/**
 * The ROLE argument of the commands that act on one role (`console`, `exec`, `env`, `serve`,
 * `credential-process`, `pin`, `unpin`): a profile name, ACCOUNT/ROLE, or a query; on a
 * terminal an ambiguous or missing ROLE opens the picker. The old
 * `--sso-session S --account-id A --role-name R` form keeps working (profiles written by
 * earlier versions call it).
 */
import { MAX_LISTED_CANDIDATES, type ResolvedRole, RoleDirectory } from '../core/accounts/role-directory.js';
import type { SsoSessionConfig } from '../core/aws-files/aws-config.js';
import { LanyardError } from '../core/domain/errors.js';
import { ACCOUNT_ID_HINT, isAccountId } from '../core/domain/model.js';
import type { CliContext } from './context.js';
import { terminalSafe } from './format.js';
import { pickRole } from './picker.js';

export interface RoleOptions {
  ssoSession?: string;
  accountId?: string;
  roleName?: string;
}

export interface ChosenRole extends ResolvedRole {
  session: SsoSessionConfig;
}

/** How a ROLE can be given, in the words of a command line. */
const ROLE_EXAMPLES =
  'a profile name (team-dev.AdministratorAccess), ACCOUNT/ROLE (team-dev/ReadOnly) or words to search for';

/** The help text of the ROLE argument every one-role command declares. */
export const ROLE_ARGUMENT_HELP =
  'a profile name, ACCOUNT/ROLE (account name, alias or id), or words to search for; omitted on a terminal: pick one';

function describeCandidates(candidates: readonly ResolvedRole[], total: number): string {
  const lines = candidates.slice(0, MAX_LISTED_CANDIDATES).map((role) => {
    const view = role.view;
    const where = view ? `${view.alias ?? view.accountName}/${role.ref.roleName}` : role.label;
    return `  ${terminalSafe(role.profile ?? where)}${role.profile ? `  (${terminalSafe(where)})` : ''}`;
  });
  if (total > MAX_LISTED_CANDIDATES) lines.push(`  and ${total - MAX_LISTED_CANDIDATES} more`);
  return lines.join('\n');
}

async function withSession(ctx: CliContext, role: ResolvedRole): Promise<ChosenRole> {
  const session = await ctx.core.sessions.selectOne(role.ref.sessionName);
  return { ...role, session };
}

/** The role a command acts on, from ROLE (or the picker) or the legacy flags. */
export async function chooseRole(
  ctx: CliContext,
  input: string | undefined,
  options: RoleOptions,
): Promise<ChosenRole> {
  if (options.accountId !== undefined || options.roleName !== undefined) {
    if (input !== undefined)
      throw new LanyardError('USAGE', 'Name the role either as ROLE or with --account-id/--role-name, not both.');
    const { accountId, roleName } = options;
    if (!accountId || !roleName)
      throw new LanyardError(
        'USAGE',
        '--account-id and --role-name go together.',
        `Or name the role: ${ROLE_EXAMPLES}`,
      );
    if (!isAccountId(accountId))
      throw new LanyardError('USAGE', `"${terminalSafe(accountId)}" is not an AWS account id.`, ACCOUNT_ID_HINT);
    const session = await ctx.core.sessions.selectOne(options.ssoSession);
    const directory = await RoleDirectory.load(ctx.paths, { sessionName: session.name });
    return { ...directory.resolved({ sessionName: session.name, accountId, roleName }), session };
  }
  // Errors about the session (none configured, unknown name) come before anything about roles.
  await ctx.core.sessions.select(options.ssoSession);
  const directory = await RoleDirectory.load(ctx.paths, options.ssoSession ? { sessionName: options.ssoSession } : {});
  if (input === undefined || !input.trim()) {
    if (ctx.terminal) return withSession(ctx, await pickRole(directory, ctx.terminal));
    throw new LanyardError('USAGE', 'Say which role.', `Name it: ${ROLE_EXAMPLES}`);
  }
  const match = directory.find(input);
  if (match.kind === 'one') return withSession(ctx, match.role);
  if (match.kind === 'several') {
    if (ctx.terminal) return withSession(ctx, await pickRole(directory, ctx.terminal, input));
    throw new LanyardError(
      'USAGE',
      `${match.total} roles match "${terminalSafe(input)}":\n${describeCandidates(match.candidates, match.total)}`,
      'Name one exactly (a profile name or ACCOUNT/ROLE), or add words to narrow it down.',
    );
  }
  const none = `No role matches "${terminalSafe(input)}".`;
  if (match.suggestions.length > 0)
    throw new LanyardError(
      'NOT_FOUND',
      none,
      `Did you mean: ${match.suggestions.map((name) => terminalSafe(name)).join(', ')}?`,
    );
  throw new LanyardError(
    'NOT_FOUND',
    none,
    directory.roles.length === 0
      ? 'Lanyard has no account list yet: run `lanyard accounts` (or sign in with `lanyard login`) first.'
      : 'See the roles you have with `lanyard accounts`.',
  );
}
