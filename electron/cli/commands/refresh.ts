import { KEEP_ALIVE_WINDOW_MS } from '../../core/sessions/keep-alive.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { formatDuration } from '../format.js';

/**
 * Refreshes a session's token now if it is inside the keep-alive window (or always, with
 * --force), under the cross-process lock. Safe to run from many processes at once.
 */
export async function refresh(ctx: CliContext, options: { ssoSession?: string; force?: boolean }): Promise<number> {
  const configured = await configuredSessions(ctx.paths);
  const sessions = options.ssoSession
    ? [findSession(configured, options.ssoSession, ctx.paths.awsConfigFile)]
    : configured.sessions;
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  for (const session of sessions) {
    const result = await tokens.refreshIfNeeded(session, {
      minValidityMs: KEEP_ALIVE_WINDOW_MS,
      force: options.force ?? false,
    });
    const remaining = formatDuration(result.token.expiresAt - ctx.clock.now());
    ctx.out(`${session.name}: ${result.refreshed ? 'refreshed' : 'already fresh'}, token valid for ${remaining}.`);
  }
  return 0;
}
