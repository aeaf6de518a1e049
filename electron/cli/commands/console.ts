import { nodeBrowserHost } from '../../core/console/browser-detection.js';
import { openConsoleInBrowser, parseBrowserOption } from '../../core/console/open-in-browser.js';
import { partitionOfRegion } from '../../core/console/partitions.js';
import { CONSOLE_CREDENTIALS_MIN_VALIDITY_MS, createConsoleSignIn } from '../../core/console/signin-url.js';
import { LanyardError } from '../../core/domain/errors.js';
import { InventoryStore } from '../../core/accounts/inventory-store.js';
import type { RoleRef } from '../../core/domain/model.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { RoleCredentialsProvider } from '../../core/credentials/role-credentials.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';

export interface ConsoleOptions {
  ssoSession: string;
  accountId: string;
  roleName: string;
  browser?: string;
  region?: string;
  destination?: string;
  printUrl?: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Opens the AWS console for one account/role in its own browser identity (or prints the
 * sign-in URL with --print-url). The sign-in URL is a bearer secret for a few minutes: it
 * goes to stdout only when asked for, and never into messages or logs.
 */
export async function consoleCommand(ctx: CliContext, options: ConsoleOptions): Promise<number> {
  if (!ACCOUNT_ID.test(options.accountId)) {
    throw new LanyardError(
      'USAGE',
      `"${options.accountId}" is not an AWS account id.`,
      'Account ids are 12 digits, e.g. --account-id 123456789012.',
    );
  }
  const choice = parseBrowserOption(options.browser);
  const session = findSession(await configuredSessions(ctx.paths), options.ssoSession, ctx.paths.awsConfigFile);
  const region = options.region ?? session.region;
  const credentialsPartition = partitionOfRegion(session.region);
  if (partitionOfRegion(region) !== credentialsPartition) {
    throw new LanyardError(
      'USAGE',
      `Region ${region} is not in the ${credentialsPartition.id} partition that sso-session ${session.name} signs in to.`,
      `Pick a region of the ${credentialsPartition.id} partition with --region.`,
    );
  }

  const ref: RoleRef = { sessionName: session.name, accountId: options.accountId, roleName: options.roleName };
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const provider = new RoleCredentialsProvider({
    paths: ctx.paths,
    portal: (target) => portals.get(target),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  try {
    const credentials = await provider.get(session, ref, { minValidityMs: CONSOLE_CREDENTIALS_MIN_VALIDITY_MS });
    const signIn = await createConsoleSignIn(credentials, { region, destination: options.destination, env: ctx.env });
    if (options.printUrl) {
      ctx.out(signIn.url);
      return 0;
    }
    const accountName = await knownAccountName(ctx, ref);
    const opened = await openConsoleInBrowser(
      { ...choice, signInUrl: signIn.url, ref, accountName },
      { dataDir: ctx.paths.dataDir, host: nodeBrowserHost(ctx.env), clock: ctx.clock, openDefault: ctx.openUrl },
    );
    const who = `${accountName ?? ref.accountId} / ${ref.roleName}`;
    ctx.out(`Opened the AWS console for ${who} in ${opened.browser}${opened.profile ? ` (${opened.profile})` : ''}.`);
    if (opened.isolation === 'firefox-container')
      ctx.out('This needs the "Open external links in a container" Firefox add-on.');
    // The launch page has to outlive the browser's start-up; stay until it is removed.
    await opened.settled;
    return 0;
  } finally {
    portals.destroy();
  }
}

/** The account's name from the stored account list, when there is one. */
async function knownAccountName(ctx: CliContext, ref: RoleRef): Promise<string | undefined> {
  const stored = await new InventoryStore({ paths: ctx.paths }).load(ref.sessionName);
  return stored?.latest.accounts.find((account) => account.accountId === ref.accountId)?.accountName;
}
