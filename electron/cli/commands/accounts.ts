import type { SsoSessionConfig } from '../../core/aws-files/aws-config.js';
import type { SessionInventory } from '../../core/accounts/inventory-service.js';
import { LanyardError } from '../../core/domain/errors.js';
import type { CliContext } from '../context.js';
import { describeSafely, formatDuration, jsonText, table, terminalSafe, withTerminalSafeErrors } from '../format.js';
import { printListingProgress } from '../progress.js';

export interface AccountsOptions {
  ssoSession?: string;
  json?: boolean;
  /** Use the stored listing instead of listing live. */
  cached?: boolean;
}

interface SessionReport {
  session: SsoSessionConfig;
  inventory: SessionInventory;
  source: 'cache' | 'live';
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
    ctx.err(`${terminalSafe(session.name)}: ${inventory.accounts.length} accounts, ${roles} roles (${from}).`);
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
  ctx.out(jsonText({ sessions }, 2));
}

/**
 * Lists every account and role of one or all sso-sessions: live (a person asking wants now),
 * with progress on stderr, or from Lanyard's stored listing with --cached. An incomplete
 * listing still prints what is known, then fails with the reason. Names are the service's:
 * every line for people is terminal-safe (format.ts), and --json is exact.
 */
export function accounts(ctx: CliContext, options: AccountsOptions): Promise<number> {
  return withTerminalSafeErrors(() => listAccounts(ctx, options));
}

async function listAccounts(ctx: CliContext, options: AccountsOptions): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession);
  printListingProgress(ctx);
  const reports: SessionReport[] = [];
  for (const session of sessions) {
    reports.push({ session, ...(await ctx.core.inventory.obtain(session, { cached: options.cached ?? false })) });
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
    ctx.err(`lanyard: ${describeSafely(error)}`);
    exitCode ||= error.exitCode;
  }
  return exitCode;
}
