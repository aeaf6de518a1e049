import { KEEP_ALIVE_WINDOW_MS } from '../../core/sessions/keep-alive.js';
import { noSessionsError } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { formatDuration } from '../format.js';

/**
 * Refreshes a session's token now if it is inside the keep-alive window (or always, with
 * --force), under the cross-process lock. Safe to run from many processes at once.
 */
export async function refresh(ctx: CliContext, options: { ssoSession?: string; force?: boolean }): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession, { allowNone: true });
  for (const session of sessions) {
    const result = await ctx.core.tokens.refreshIfNeeded(session, {
      minValidityMs: KEEP_ALIVE_WINDOW_MS,
      force: options.force ?? false,
    });
    const remaining = formatDuration(result.token.expiresAt - ctx.clock.now());
    ctx.out(`${session.name}: ${result.refreshed ? 'refreshed' : 'already fresh'}, token valid for ${remaining}.`);
  }
  if (sessions.length === 0) ctx.out(noSessionsError(ctx.paths.awsConfigFile).describe());
  return 0;
}
