import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SsoSessionConfig } from '../../core/aws-files/aws-config.js';
import { type CliRuntime, cliCommand } from '../../core/support/cli-command.js';
import { type ProfileSyncResult, type SessionListing, syncProfiles } from '../../core/config-sync/sync.js';
import { LanyardError } from '../../core/domain/errors.js';
import { InventoryService, type SessionInventory } from '../../core/accounts/inventory-service.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../core/support/preferences.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import type { Settings } from '../../core/domain/settings.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';

export interface SyncOptions {
  ssoSession?: string;
  dryRun?: boolean;
  restore?: boolean;
  /** List live even when the stored account list is fresh. */
  refresh?: boolean;
}

/** Profile names listed per kind of change; the rest are counted. */
const NAMES_SHOWN = 10;
const CLI_ENTRY = path.join('bin', 'lanyard.js');

/** The checkout this CLI runs from: the nearest folder above this module with bin/lanyard.js. */
function checkoutDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, CLI_ENTRY))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new LanyardError(
        'CONFIG',
        'Cannot find the lanyard command this CLI runs from.',
        'Use the "sso" profile style.',
      );
    dir = parent;
  }
  return dir;
}

/** How this CLI was started: the installed app runs it as Node inside Electron, a checkout with node. */
function cliRuntime(env: NodeJS.ProcessEnv = process.env): CliRuntime {
  if (env.APPIMAGE) return { kind: 'appimage', appImagePath: env.APPIMAGE };
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (process.versions.electron && resourcesPath)
    return { kind: 'installed', resourcesPath, platform: process.platform };
  return { kind: 'checkout', nodePath: process.execPath, checkoutDir: checkoutDir() };
}

/** The command credential_process profiles run (empty for the 'sso' style, which needs none). */
export function credentialProcessCommandFor(settings: Pick<Settings, 'profileStyle'>): string {
  return settings.profileStyle === 'credential-process' ? cliCommand(cliRuntime()) : '';
}

export function readSettings(ctx: CliContext): Settings {
  return normalizePreferences(new JsonFilePreferencesStore(ctx.paths.dataDir).read()).settings;
}

/** What a sync needs to know of one session's inventory. */
export function listingOf(inventory: SessionInventory): SessionListing | undefined {
  const latest = inventory.latest;
  if (!latest) return undefined;
  return {
    accounts: inventory.accounts,
    complete: latest.complete,
    ...(latest.problem ? { problem: latest.problem.message } : {}),
  };
}

function names(list: readonly string[]): string {
  const more = list.length - NAMES_SHOWN;
  return list.slice(0, NAMES_SHOWN).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function summary(ctx: CliContext, result: ProfileSyncResult, dryRun: boolean): string[] {
  const file = ctx.paths.awsConfigFile;
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
  for (const { profile, reason } of result.skipped) lines.push(`  skipped ${profile}: ${reason}`);
  return lines;
}

/** Each session's inventory: the stored one when fresh (and `refresh` is not set), else listed live. */
async function inventories(
  ctx: CliContext,
  sessions: SsoSessionConfig[],
  refresh: boolean,
): Promise<Map<string, SessionListing>> {
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const service = new InventoryService({
    paths: ctx.paths,
    portal: (session) => portals.get(session),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  service.on('warning', ({ message }) => ctx.err(`warning: ${message}`));
  const listings = new Map<string, SessionListing>();
  try {
    for (const session of sessions) {
      const stored = await service.load(session);
      const inventory = !refresh && service.isFresh(stored) ? stored : (await service.refresh(session)).inventory;
      const listing = listingOf(inventory);
      if (listing) listings.set(session.name, listing);
    }
  } finally {
    portals.destroy();
  }
  return listings;
}

/**
 * Writes one profile per account/role into the AWS config (`lanyard sync`), from the stored
 * account lists when fresh, else listed live. With --dry-run prints the unified diff and
 * writes nothing. Profiles are removed only after a complete listing; what was left alone,
 * and why, is printed.
 */
export async function sync(ctx: CliContext, options: SyncOptions): Promise<number> {
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
  const settings = readSettings(ctx);
  const result = await syncProfiles(
    ctx.paths,
    {
      sessions,
      inventories: await inventories(ctx, sessions, options.refresh ?? false),
      settings,
      credentialProcessCommand: credentialProcessCommandFor(settings),
    },
    { ...(options.dryRun ? { dryRun: true } : {}), ...(options.restore ? { restore: true } : {}) },
  );
  if (options.dryRun) {
    if (result.diff) ctx.out(result.diff);
    for (const line of summary(ctx, result, true)) ctx.err(line);
  } else {
    for (const line of summary(ctx, result, false)) ctx.out(line);
  }
  for (const { sessionName, reason } of result.notPruned)
    ctx.err(
      `warning: ${sessionName}: ${reason}. Sign in (lanyard login --sso-session ${sessionName}) and sync again to remove profiles of roles you lost.`,
    );
  return 0;
}
