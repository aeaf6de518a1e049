import { nodeBrowserHost } from '../../core/console/browser-detection.js';
import { consoleSignInUrl, openConsole } from '../../core/console/open-console.js';
import { parseBrowserOption } from '../../core/console/open-in-browser.js';
import { LanyardError } from '../../core/domain/errors.js';
import { ACCOUNT_ID_HINT, type RoleRef, isAccountId } from '../../core/domain/model.js';
import { regionFor } from '../../core/domain/settings.js';
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

/**
 * Opens the AWS console for one account/role in its own browser identity (or prints the
 * sign-in URL with --print-url). The sign-in URL is a bearer secret for a few minutes: it
 * goes to stdout only when asked for, and never into messages or logs.
 */
export async function consoleCommand(ctx: CliContext, options: ConsoleOptions): Promise<number> {
  if (!isAccountId(options.accountId)) {
    throw new LanyardError('USAGE', `"${options.accountId}" is not an AWS account id.`, ACCOUNT_ID_HINT);
  }
  const choice = parseBrowserOption(options.browser);
  const { core } = ctx;
  const session = await core.sessions.selectOne(options.ssoSession);
  const ref: RoleRef = { sessionName: session.name, accountId: options.accountId, roleName: options.roleName };
  const target = {
    session,
    ref,
    region: regionFor(core.settings(), session.region, options.region),
    ...(options.destination ? { destination: options.destination } : {}),
  };
  if (options.printUrl) {
    ctx.out((await consoleSignInUrl(target, { credentials: core.credentials, env: core.env })).url);
    return 0;
  }
  const stored = await core.inventory.load(session);
  const accountName = stored.accounts.find((account) => account.accountId === ref.accountId)?.accountName;
  const { browser: opened } = await openConsole(
    { ...target, ...choice, ...(accountName ? { accountName } : {}) },
    {
      credentials: core.credentials,
      env: core.env,
      browsers: {
        dataDir: ctx.paths.dataDir,
        host: nodeBrowserHost(ctx.env),
        clock: ctx.clock,
        openDefault: ctx.openUrl,
      },
    },
  );
  if (!opened) return 0;
  const who = `${accountName ?? ref.accountId} / ${ref.roleName}`;
  ctx.out(`Opened the AWS console for ${who} in ${opened.browser}${opened.profile ? ` (${opened.profile})` : ''}.`);
  if (opened.isolation === 'firefox-container')
    ctx.out('This needs the "Open external links in a container" Firefox add-on.');
  // The launch page has to outlive the browser's start-up; stay until it is removed.
  await opened.settled;
  return 0;
}
