import { KeepAlive, type SessionStatus } from '../../core/keep-alive.js';
import { SessionTokens } from '../../core/session-tokens.js';
import { configuredSessions } from '../../core/sso-sessions.js';
import type { CliContext } from '../context.js';

/** How often the agent re-reads the AWS config for added or removed sso-sessions. */
const CONFIG_POLL_MS = 10_000;

function describe(status: SessionStatus): Record<string, unknown> {
  return {
    session: status.name,
    state: status.health,
    ...(status.expiresAt ? { tokenExpiresAt: new Date(status.expiresAt).toISOString() } : {}),
    ...(status.nextRefreshAt ? { nextRefreshAt: new Date(status.nextRefreshAt).toISOString() } : {}),
    ...(status.message ? { reason: status.message } : {}),
  };
}

/**
 * Headless keep-alive: keeps every configured SSO session signed in until SIGINT/SIGTERM,
 * logging each state change (never a secret).
 */
export async function agent(ctx: CliContext): Promise<number> {
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const keepAlive = new KeepAlive({ tokens, clock: ctx.clock, logger: ctx.logger });
  const lastLogged = new Map<string, string>();
  keepAlive.onChange((status) => {
    const line = JSON.stringify(describe(status));
    if (lastLogged.get(status.name) === `${status.health}:${status.expiresAt}`) return;
    lastLogged.set(status.name, `${status.health}:${status.expiresAt}`);
    ctx.err(`${new Date(ctx.clock.now()).toISOString()} ${line}`);
  });
  let lastProblems = '';
  const loadSessions = async (): Promise<void> => {
    const configured = await configuredSessions(ctx.paths);
    keepAlive.setSessions(configured.sessions);
    const problems = configured.problems.join('\n');
    if (problems && problems !== lastProblems) ctx.err(`warning: ${problems}`);
    lastProblems = problems;
  };
  await loadSessions();
  ctx.err(`lanyard agent: keeping ${keepAlive.statuses().length} SSO session(s) alive (config ${ctx.paths.awsConfigFile}). Stop with Ctrl-C.`);
  // A ref'd timer keeps the process alive; the core's timers do not hold the event loop.
  const configPoll = setInterval(() => {
    loadSessions().catch((error: unknown) => ctx.err(`warning: could not read the AWS config: ${(error as Error).message}`));
  }, CONFIG_POLL_MS);
  const signal = await ctx.untilSignal();
  clearInterval(configPoll);
  keepAlive.stop();
  ctx.err(`lanyard agent: stopped (${signal}).`);
  return 0;
}
