import { noSessionsError } from '../../core/sessions/sso-sessions.js';
import { signOutSession } from '../../core/sessions/sign-out.js';
import type { CliContext } from '../context.js';
import { describeSafely, terminalSafe, withTerminalSafeErrors } from '../format.js';

/**
 * Signs out of one session, or of every configured session (as `aws sso logout` does): the
 * token, the cached role credentials and the keys of pinned profiles go (the pins stay, so the
 * keys come back at the next sign-in).
 */
export function logout(ctx: CliContext, options: { ssoSession?: string }): Promise<number> {
  return withTerminalSafeErrors(() => signOut(ctx, options));
}

async function signOut(ctx: CliContext, options: { ssoSession?: string }): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession, { allowNone: true });
  for (const session of sessions) {
    const { hadToken, removedPinnedKeys } = await signOutSession(ctx.paths, ctx.core.tokens, session);
    const name = terminalSafe(session.name);
    ctx.out(hadToken ? `Signed out of ${name}.` : `${name} was not signed in.`);
    if (removedPinnedKeys.length > 0) {
      const profiles = removedPinnedKeys.map(terminalSafe).join(', ');
      ctx.out(`Removed the keys of ${profiles} from ${terminalSafe(ctx.paths.awsCredentialsFile)}.`);
    }
  }
  if (sessions.length === 0) ctx.out(describeSafely(noSessionsError(ctx.paths.awsConfigFile)));
  return 0;
}
