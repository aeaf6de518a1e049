import type { SsoSessionConfig } from '../../core/aws-files/aws-config.js';
import { type ConfigSyncEvent, ConfigSyncAgent } from '../../core/config-sync/agent.js';
import { InventoryService } from '../../core/accounts/inventory-service.js';
import { KeepAlive, type SessionStatus } from '../../core/sessions/keep-alive.js';
import { PinnedProfiles } from '../../core/credentials/pins.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { RoleCredentialsProvider } from '../../core/credentials/role-credentials.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { credentialProcessCommandFor, readSettings } from './sync.js';

/** A real (ref'd) timer that keeps the process alive: the core's timers never hold the event loop. */
const KEEP_PROCESS_ALIVE_MS = 2 ** 30;
const SIGNED_IN: ReadonlySet<SessionStatus['health']> = new Set(['active', 'refreshing', 'retrying']);

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
 * Headless Lanyard: keeps every configured SSO session signed in, keeps the AWS config's
 * profiles in step with assignments (when auto-sync is on) and renews pinned keys, until
 * SIGINT/SIGTERM, logging each state change (never a secret).
 */
export async function agent(ctx: CliContext): Promise<number> {
  // Listen for the stop signal first: a stop during start-up must still end the agent cleanly.
  const stopSignal = ctx.untilSignal();
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const keepAlive = new KeepAlive({ tokens, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const portal = (session: SsoSessionConfig) => portals.get(session);
  const inventory = new InventoryService({ paths: ctx.paths, portal, clock: ctx.clock, logger: ctx.logger });
  const credentials = new RoleCredentialsProvider({ paths: ctx.paths, portal, clock: ctx.clock, logger: ctx.logger });
  let sessions: SsoSessionConfig[] = [];
  const log = (fields: Record<string, unknown>): void =>
    ctx.err(`${new Date(ctx.clock.now()).toISOString()} ${JSON.stringify(fields)}`);

  let lastProblems = '';
  const loadSessions = async (): Promise<void> => {
    const configured = await configuredSessions(ctx.paths);
    sessions = configured.sessions;
    keepAlive.setSessions(sessions);
    const problems = configured.problems.join('\n');
    if (problems && problems !== lastProblems) ctx.err(`warning: ${problems}`);
    lastProblems = problems;
  };
  const pins = new PinnedProfiles({
    paths: ctx.paths,
    credentials,
    sessions: async () => sessions,
    clock: ctx.clock,
    logger: ctx.logger,
  });
  const sync = new ConfigSyncAgent({
    paths: ctx.paths,
    inventory,
    sessions: () => sessions,
    isSignedIn: (name) => SIGNED_IN.has(keepAlive.status(name)?.health ?? 'signed-out'),
    settings: () => readSettings(ctx),
    credentialProcessCommand: () => credentialProcessCommandFor(readSettings(ctx)),
    pins,
    reloadSessions: loadSessions,
    onEvent: (event) => {
      const fields = describeSyncEvent(event);
      if (fields) log(fields);
    },
    clock: ctx.clock,
    logger: ctx.logger,
  });

  const lastLogged = new Map<string, string>();
  keepAlive.onChange((status) => {
    const seen = `${status.health}:${status.expiresAt}`;
    const before = lastLogged.get(status.name);
    if (before === seen) return;
    lastLogged.set(status.name, seen);
    log(describe(status));
    const wasSignedIn = before !== undefined && SIGNED_IN.has(before.split(':')[0] as SessionStatus['health']);
    if (status.health === 'active' && !wasSignedIn) void sync.sessionSignedIn(status.name);
  });

  await loadSessions();
  await keepAlive.idle();
  await sync.start();
  ctx.err(
    `lanyard agent: keeping ${keepAlive.statuses().length} SSO session(s) alive and ${ctx.paths.awsConfigFile} in step. Stop with Ctrl-C.`,
  );
  const keepProcessAlive = setInterval(() => {}, KEEP_PROCESS_ALIVE_MS);
  const signal = await stopSignal;
  clearInterval(keepProcessAlive);
  sync.stop();
  keepAlive.stop();
  await Promise.all([keepAlive.idle(), sync.idle()]);
  portals.destroy();
  ctx.err(`lanyard agent: stopped (${signal}).`);
  return 0;
}
