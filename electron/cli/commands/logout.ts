import { noSessionsError } from '../../core/sessions/sso-sessions.js';
import { signOutSession } from '../../core/sessions/sign-out.js';
import type { CliContext } from '../context.js';

/**
 * Signs out of one session, or of every configured session (as `aws sso logout` does): the
 * token, the cached role credentials and the keys of pinned profiles go (the pins stay, so the
 * keys come back at the next sign-in).
 */
export async function logout(ctx: CliContext, options: { ssoSession?: string }): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession, { allowNone: true });
  for (const session of sessions) {
    const { hadToken, removedPinnedKeys } = await signOutSession(ctx.paths, ctx.core.tokens, session);
    ctx.out(hadToken ? `Signed out of ${session.name}.` : `${session.name} was not signed in.`);
    if (removedPinnedKeys.length > 0) {
      ctx.out(`Removed the keys of ${removedPinnedKeys.join(', ')} from ${ctx.paths.awsCredentialsFile}.`);
    }
  }
  if (sessions.length === 0) ctx.out(noSessionsError(ctx.paths.awsConfigFile).describe());
  return 0;
}
