import { nodeBrowserHost } from '../../core/console/browser-detection.js';
import { consoleSignInUrl, openConsole } from '../../core/console/open-console.js';
import { parseBrowserOption } from '../../core/console/open-in-browser.js';
import { markOf } from '../../core/domain/environment.js';
import { LanyardError } from '../../core/domain/errors.js';
import { regionFor } from '../../core/domain/settings.js';
import type { CliContext } from '../context.js';
import { terminalSafe } from '../format.js';
import { type RoleOptions, chooseRole } from '../role-argument.js';

export interface ConsoleOptions extends RoleOptions {
  browser?: string;
  region?: string;
  service?: string;
  destination?: string;
  printUrl?: boolean;
}

/**
 * Opens the AWS console for one account/role in its own browser identity (or prints the
 * sign-in URL with --print-url). The sign-in URL is a bearer secret for a few minutes: it
 * goes to stdout only when asked for, and never into messages or logs.
 */
export async function consoleCommand(
  ctx: CliContext,
  role: string | undefined,
  options: ConsoleOptions,
): Promise<number> {
  if (options.service && options.destination)
    throw new LanyardError('USAGE', 'Use --service or --destination, not both.');
  const choice = parseBrowserOption(options.browser);
  const { core } = ctx;
  const chosen = await chooseRole(ctx, role, options);
  const { session, ref } = chosen;
  const destination = options.service ?? options.destination;
  const target = {
    session,
    ref,
    region: regionFor(core.settings(), session.region, options.region ?? chosen.region),
    ...(destination ? { destination } : {}),
  };
  if (options.printUrl) {
    ctx.out((await consoleSignInUrl(target, { credentials: core.credentials, env: core.env, fetch: core.fetch })).url);
    return 0;
  }
  const accountName = chosen.view?.accountName;
  const mark = chosen.view ? markOf(chosen.view) : undefined;
  const { browser: opened } = await openConsole(
    { ...target, ...choice, ...(accountName ? { accountName } : {}), ...(mark ? { mark } : {}) },
    {
      credentials: core.credentials,
      env: core.env,
      fetch: core.fetch,
      browsers: {
        dataDir: ctx.paths.dataDir,
        host: nodeBrowserHost(ctx.env),
        clock: ctx.clock,
        openDefault: ctx.openUrl,
      },
    },
  );
  if (!opened) return 0;
  const who = terminalSafe(`${accountName ?? ref.accountId} / ${ref.roleName}`);
  ctx.out(`Opened the AWS console for ${who} in ${opened.browser}${opened.profile ? ` (${opened.profile})` : ''}.`);
  if (opened.isolation === 'firefox-container')
    ctx.out('This needs the "Open external links in a container" Firefox add-on.');
  // The launch page has to outlive the browser's start-up; stay until it is removed.
  await opened.settled;
  if ((await opened.pickedUp) === false)
    throw new LanyardError(
      'BROWSER_NOT_FOUND',
      `The console did not open: ${opened.browser} never asked for the sign-in page.`,
      opened.isolation === 'firefox-container'
        ? 'Install and enable the "Open external links in a container" Firefox add-on, then try again.'
        : 'Try again, or use --print-url and paste the URL into a browser yourself.',
    );
  return 0;
}
