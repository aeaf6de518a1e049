import type { SsoSessionConfig } from '../../core/aws-files/aws-config.js';
import {
  type ProfileSyncResult,
  type SessionListing,
  listingOf,
  profileCommandFor,
  syncProfiles,
} from '../../core/config-sync/sync.js';
import type { CliContext } from '../context.js';
import { terminalSafe, withTerminalSafeErrors } from '../format.js';
import { printListingProgress } from '../progress.js';

export interface SyncOptions {
  ssoSession?: string;
  dryRun?: boolean;
  restore?: boolean;
  /** Use the stored account lists instead of listing live. */
  cached?: boolean;
}

/** Profile names listed per kind of change; the rest are counted. */
const NAMES_SHOWN = 10;

function names(list: readonly string[]): string {
  const more = list.length - NAMES_SHOWN;
  return list.slice(0, NAMES_SHOWN).map(terminalSafe).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** The lines for people; every name and reason in them terminal-safe (each stays one line). */
function summary(ctx: CliContext, result: ProfileSyncResult, dryRun: boolean): string[] {
  const file = terminalSafe(ctx.paths.awsConfigFile);
  const counts = `${result.added.length} added, ${result.updated.length} updated, ${result.removed.length} removed`;
  const lines = [
    dryRun
      ? `Dry run, nothing written. ${file} would change: ${counts}.`
      : result.changed
        ? `Updated ${file}: ${counts}.`
        : `${file} is up to date.`,
  ];
  if (result.added.length > 0) lines.push(`  added: ${names(result.added)}`);
  if (result.updated.length > 0) lines.push(`  updated: ${names(result.updated)}`);
  if (result.removed.length > 0) lines.push(`  removed: ${names(result.removed)}`);
  for (const { profile, reason } of result.skipped)
    lines.push(`  skipped ${terminalSafe(profile)}: ${terminalSafe(reason)}`);
  return lines;
}

/** Each session's inventory: listed live, or the stored one with --cached. */
async function listings(
  ctx: CliContext,
  sessions: SsoSessionConfig[],
  cached: boolean,
): Promise<Map<string, SessionListing>> {
  printListingProgress(ctx);
  const result = new Map<string, SessionListing>();
  for (const session of sessions) {
    const listing = listingOf((await ctx.core.inventory.obtain(session, { cached })).inventory);
    if (listing) result.set(session.name, listing);
  }
  return result;
}

/**
 * Writes one profile per account/role into the AWS config (`lanyard sync`), from a live
 * listing (or the stored one with --cached). With --dry-run prints the unified diff and
 * writes nothing. Profiles are removed only after a complete listing; what was left alone,
 * and why, is printed (a role the file cannot hold is one of those: the rest are written).
 */
export function sync(ctx: CliContext, options: SyncOptions): Promise<number> {
  return withTerminalSafeErrors(() => syncNow(ctx, options));
}

async function syncNow(ctx: CliContext, options: SyncOptions): Promise<number> {
  const sessions = await ctx.core.sessions.select(options.ssoSession);
  const settings = ctx.core.settings();
  const inventories = await listings(ctx, sessions, options.cached ?? false);
  const command = profileCommandFor(settings, ctx.core.credentialProcessCommand);
  const result = await syncProfiles(
    ctx.paths,
    { sessions, inventories, settings, credentialProcessCommand: command },
    { ...(options.dryRun ? { dryRun: true } : {}), ...(options.restore ? { restore: true } : {}) },
  );
  if (options.dryRun) {
    if (result.diff) ctx.out(result.diff);
    for (const line of summary(ctx, result, true)) ctx.err(line);
  } else {
    for (const line of summary(ctx, result, false)) ctx.out(line);
  }
  for (const { sessionName, reason } of result.notPruned) {
    const name = terminalSafe(sessionName);
    ctx.err(
      `warning: ${name}: ${terminalSafe(reason)}. Sign in (lanyard login --sso-session ${name}) and sync again to remove profiles of roles you lost.`,
    );
  }
  return 0;
}
