import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { signOutSession } from '../../core/sessions/sign-out.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';

/**
 * Signs out of one session, or of every configured session (as `aws sso logout` does): the
 * token, the cached role credentials and the keys of pinned profiles go (the pins stay, so the
 * keys come back at the next sign-in).
 */
export async function logout(ctx: CliContext, options: { ssoSession?: string }): Promise<number> {
  const configured = await configuredSessions(ctx.paths);
  const sessions = options.ssoSession
    ? [findSession(configured, options.ssoSession, ctx.paths.awsConfigFile)]
    : configured.sessions;
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  for (const session of sessions) {
    const { hadToken, removedPinnedKeys } = await signOutSession(ctx.paths, tokens, session);
    ctx.out(hadToken ? `Signed out of ${session.name}.` : `${session.name} was not signed in.`);
    if (removedPinnedKeys.length > 0)
      ctx.out(`Removed the keys of ${removedPinnedKeys.join(', ')} from ${ctx.paths.awsCredentialsFile}.`);
  }
  if (sessions.length === 0) ctx.out('No SSO sessions are configured.');
  return 0;
}
