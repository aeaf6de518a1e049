import type { SsoSessionConfig } from '../../core/aws-files/aws-config.js';
import { LanyardError } from '../../core/domain/errors.js';
import type { InventoryProgress } from '../../core/accounts/inventory.js';
import { InventoryService, type SessionInventory } from '../../core/accounts/inventory-service.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { formatDuration, table } from '../format.js';

export interface AccountsOptions {
  ssoSession?: string;
  json?: boolean;
  refresh?: boolean;
}

/** At most one progress line per session this often while listing live. */
const PROGRESS_INTERVAL_MS = 1_000;

interface SessionReport {
  session: SsoSessionConfig;
  inventory: SessionInventory;
  source: 'cache' | 'live';
}

function progressPrinter(ctx: CliContext): (progress: InventoryProgress) => void {
  const printedAt = new Map<string, number>();
  return (progress) => {
    const finished = progress.allAccountsFound && progress.done === progress.total;
    const now = ctx.clock.now();
    if (!finished && now - (printedAt.get(progress.sessionName) ?? 0) < PROGRESS_INTERVAL_MS) return;
    printedAt.set(progress.sessionName, now);
    const total = `${progress.total}${progress.allAccountsFound ? '' : '+'}`;
    ctx.err(`${progress.sessionName}: listed the roles of ${progress.done} of ${total} accounts`);
  };
}

function describeAge(ctx: CliContext, listedAt: number | undefined): string {
  return listedAt === undefined ? 'never listed' : `listed ${formatDuration(ctx.clock.now() - listedAt)} ago`;
}

function printTable(ctx: CliContext, reports: SessionReport[]): void {
  const several = reports.length > 1;
  const rows = [[...(several ? ['SESSION'] : []), 'ACCOUNT ID', 'ACCOUNT NAME', 'ROLES']];
  for (const { session, inventory } of reports) {
    for (const account of inventory.accounts)
      rows.push([...(several ? [session.name] : []), account.accountId, account.accountName, account.roles.join(', ')]);
  }
  if (rows.length > 1) ctx.out(table(rows));
  for (const { session, inventory, source } of reports) {
    const roles = inventory.accounts.reduce((sum, account) => sum + account.roles.length, 0);
    const from = source === 'cache' ? `from the cache, ${describeAge(ctx, inventory.latest?.listedAt)}` : 'listed live';
    ctx.err(`${session.name}: ${inventory.accounts.length} accounts, ${roles} roles (${from}).`);
  }
}

function printJson(ctx: CliContext, reports: SessionReport[]): void {
  const sessions = reports.map(({ session, inventory, source }) => ({
    name: session.name,
    startUrl: session.startUrl,
    source,
    complete: inventory.latest?.complete ?? false,
    ...(inventory.latest ? { listedAt: new Date(inventory.latest.listedAt).toISOString() } : {}),
    ...(inventory.latest?.problem ? { problem: inventory.latest.problem } : {}),
    accounts: inventory.accounts,
  }));
  ctx.out(JSON.stringify({ sessions }, null, 2));
}

/**
 * Lists every account and role of one or all sso-sessions: from Lanyard's stored inventory
 * when it is complete and fresh, live otherwise (or with --refresh), with progress on stderr.
 * An incomplete listing still prints what is known, then fails with the reason.
 */
export async function accounts(ctx: CliContext, options: AccountsOptions): Promise<number> {
  const configured = await configuredSessions(ctx.paths);
  const sessions = options.ssoSession
    ? [findSession(configured, options.ssoSession, ctx.paths.awsConfigFile)]
    : configured.sessions;
  if (sessions.length === 0) {
    throw new LanyardError(
      'CONFIG',
      `No SSO sessions in ${ctx.paths.awsConfigFile}.`,
      'Add one: lanyard login --sso-session NAME --start-url URL --region REGION',
    );
  }
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const service = new InventoryService({
    paths: ctx.paths,
    portal: (session) => portals.get(session),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  service.on('progress', progressPrinter(ctx));
  service.on('warning', ({ message }) => ctx.err(`warning: ${message}`));

  const reports: SessionReport[] = [];
  try {
    for (const session of sessions) {
      const stored = await service.load(session);
      if (!options.refresh && service.isFresh(stored)) {
        reports.push({ session, inventory: stored, source: 'cache' });
        continue;
      }
      const { inventory } = await service.refresh(session);
      reports.push({ session, inventory, source: 'live' });
    }
  } finally {
    portals.destroy();
  }

  if (options.json) printJson(ctx, reports);
  else printTable(ctx, reports);
  let exitCode = 0;
  for (const { session, inventory } of reports) {
    const problem = inventory.latest?.complete === false ? inventory.latest.problem : undefined;
    if (!problem) continue;
    const error = new LanyardError(
      problem.code,
      `The account list of "${session.name}" is incomplete: ${problem.message}`,
      problem.hint,
    );
    ctx.err(`lanyard: ${error.describe()}`);
    exitCode ||= error.exitCode;
  }
  return exitCode;
}
