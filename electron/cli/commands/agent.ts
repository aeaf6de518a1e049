import type { EngineEvent } from '../../core/background-engine.js';
import type { ConfigSyncEvent } from '../../core/config-sync/agent.js';
import type { SessionStatus } from '../../core/domain/views.js';
import type { CliContext } from '../context.js';
import { jsonText, terminalSafe, withTerminalSafeErrors } from '../format.js';

/** A real (ref'd) timer that keeps the process alive: the core's timers never hold the event loop. */
const KEEP_PROCESS_ALIVE_MS = 2 ** 30;

function describe(status: SessionStatus): Record<string, unknown> {
  return {
    session: status.name,
    state: status.health,
    ...(status.expiresAt ? { tokenExpiresAt: new Date(status.expiresAt).toISOString() } : {}),
    ...(status.nextRefreshAt ? { nextRefreshAt: new Date(status.nextRefreshAt).toISOString() } : {}),
    ...(status.message ? { reason: status.message } : {}),
  };
}

/** One log line per sync or pin event worth telling (never a secret). */
function describeSyncEvent(event: ConfigSyncEvent): Record<string, unknown> | undefined {
  switch (event.kind) {
    case 'synced': {
      const { result } = event;
      if (!result.changed && result.skipped.length === 0 && result.notPruned.length === 0) return undefined;
      return {
        sync: event.reason,
        added: result.added.length,
        updated: result.updated.length,
        removed: result.removed.length,
        ...(result.skipped.length > 0 ? { skipped: result.skipped.map((item) => item.profile) } : {}),
        ...(result.notPruned.length > 0 ? { notPruned: result.notPruned } : {}),
      };
    }
    case 'sync-failed':
      return { sync: event.reason, failed: event.message };
    case 'pins':
      return {
        pins: 'renewed',
        written: event.report.written,
        cleared: event.report.cleared,
        released: event.report.released,
        failed: event.report.failed,
      };
    case 'config-changed':
      return undefined;
  }
}

/**
 * Logs each engine event worth telling, once (never a secret). Lines hold names and messages
 * from the service: JSON escapes what a terminal would act on (jsonText), warnings are terminal-safe.
 */
function eventLogger(ctx: CliContext): (event: EngineEvent) => void {
  const log = (fields: Record<string, unknown>): void =>
    ctx.err(`${new Date(ctx.clock.now()).toISOString()} ${jsonText(fields)}`);
  const lastLogged = new Map<string, string>();
  let lastProblems = '';
  return (event) => {
    if (event.kind === 'sessions') {
      const problems = event.problems.map(terminalSafe).join('\n');
      if (problems && problems !== lastProblems) ctx.err(`warning: ${problems}`);
      lastProblems = problems;
    } else if (event.kind === 'session') {
      const { status } = event;
      const seen = `${status.health}:${status.expiresAt}`;
      if (lastLogged.get(status.name) === seen) return;
      lastLogged.set(status.name, seen);
      log(describe(status));
    } else {
      const fields = describeSyncEvent(event);
      if (fields) log(fields);
    }
  };
}

/**
 * Headless Lanyard: the app's background engine without windows. Keeps every configured SSO
 * session signed in, the AWS config's profiles in step with assignments (when auto-sync is on)
 * and pinned keys renewed, until SIGINT/SIGTERM, logging each state change.
 */
export function agent(ctx: CliContext): Promise<number> {
  return withTerminalSafeErrors(() => runAgent(ctx));
}

async function runAgent(ctx: CliContext): Promise<number> {
  // Listen for the stop signal first: a stop during start-up must still end the agent cleanly.
  const stopSignal = ctx.untilSignal();
  const { engine } = ctx.core;
  engine.on(eventLogger(ctx));
  await engine.start();
  const count = ctx.core.keepAlive.statuses().length;
  ctx.err(
    `lanyard agent: keeping ${count} SSO session(s) alive and ${terminalSafe(ctx.paths.awsConfigFile)} in step. Stop with Ctrl-C.`,
  );
  const keepProcessAlive = setInterval(() => {}, KEEP_PROCESS_ALIVE_MS);
  const signal = await stopSignal;
  clearInterval(keepProcessAlive);
  await engine.stop();
  ctx.err(`lanyard agent: stopped (${signal}).`);
  return 0;
}
