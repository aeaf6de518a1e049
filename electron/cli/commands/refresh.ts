import { KEEP_ALIVE_WINDOW_MS } from '../../core/sessions/keep-alive.js';
import { noSessionsError } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { describeSafely, formatDuration, terminalSafe, withTerminalSafeErrors } from '../format.js';

/**
 * Refreshes a session's token now if it is inside the keep-alive window (or always, with
 * --force), under the cross-process lock. Safe to run from many processes at once.
 */
export function refresh(ctx: CliContext, options: { ssoSession?: string; force?: boolean }): Promise<number> {
  return withTerminalSafeErrors(() => refreshNow(ctx, options));
}

async function refreshNow(ctx: CliContext, options: { ssoSession?: string; force?: boolean }): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession, { allowNone: true });
  for (const session of sessions) {
    const result = await ctx.core.tokens.refreshIfNeeded(session, {
      minValidityMs: KEEP_ALIVE_WINDOW_MS,
      force: options.force ?? false,
    });
    const remaining = formatDuration(result.token.expiresAt - ctx.clock.now());
    const outcome = result.refreshed ? 'refreshed' : 'already fresh';
    ctx.out(`${terminalSafe(session.name)}: ${outcome}, token valid for ${remaining}.`);
  }
  if (sessions.length === 0) ctx.out(describeSafely(noSessionsError(ctx.paths.awsConfigFile)));
  return 0;
}
