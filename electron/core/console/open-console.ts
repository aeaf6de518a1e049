/**
 * Opening the AWS console for a role, once for the app and the CLI: the region must be in the
 * partition the session signs in to, the role credentials must outlast a console session, and
 * the sign-in URL (a bearer secret) goes to an in-app window, an isolated browser profile, or
 * (only when asked for) back to the caller to print.
 */
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import type { RoleCredentialsProvider } from '../credentials/role-credentials.js';
import { LanyardError } from '../domain/errors.js';
import type { EnvironmentMark } from '../domain/environment.js';
import type { RoleRef } from '../domain/model.js';
import type { IsolationMethod } from '../domain/settings.js';
import type { Env } from '../support/paths.js';
import { type OpenInBrowserDeps, type OpenedInBrowser, openConsoleInBrowser } from './open-in-browser.js';
import { partitionOfRegion } from './partitions.js';
import { CONSOLE_CREDENTIALS_MIN_VALIDITY_MS, createConsoleSignIn } from './signin-url.js';

export interface ConsoleTarget {
  session: SsoSessionConfig;
  ref: RoleRef;
  /** The console's region. */
  region: string;
  /** A console URL, path or service name to land on. */
  destination?: string;
}

export interface ConsoleSignInDeps {
  credentials: Pick<RoleCredentialsProvider, 'get'>;
  env: Env;
  /** How the federation request is sent; default: the process's network (network/agent.ts). */
  fetch?: typeof fetch;
}

/** The region must belong to the partition whose credentials the session hands out. */
export function checkConsoleRegion(session: Pick<SsoSessionConfig, 'name' | 'region'>, region: string): void {
  const credentialsPartition = partitionOfRegion(session.region);
  if (partitionOfRegion(region) !== credentialsPartition) {
    throw new LanyardError(
      'USAGE',
      `Region ${region} is not in the ${credentialsPartition.id} partition that sso-session ${session.name} signs in to.`,
      `Pick a region of the ${credentialsPartition.id} partition.`,
    );
  }
}

/** The console sign-in URL for a role (a bearer secret) and when its console session ends (epoch ms). */
export async function consoleSignInUrl(
  target: ConsoleTarget,
  deps: ConsoleSignInDeps,
): Promise<{ url: string; expiresAt: number }> {
  checkConsoleRegion(target.session, target.region);
  const credentials = await deps.credentials.get(target.session, target.ref, {
    minValidityMs: CONSOLE_CREDENTIALS_MIN_VALIDITY_MS,
  });
  const signIn = await createConsoleSignIn(credentials, {
    region: target.region,
    ...(target.destination ? { destination: target.destination } : {}),
    env: deps.env,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  return { url: signIn.url, expiresAt: credentials.expiration };
}

export interface OpenConsoleRequest extends ConsoleTarget {
  /** The account's name (or alias) for profile and window names. */
  accountName?: string;
  /** The role's environment mark (its RoleView's), for the colour of a Firefox container. */
  mark?: EnvironmentMark;
  /** Omitted: follows the browser. `in-app` needs `openInApp`, else a browser profile is used. */
  isolation?: IsolationMethod;
  /** A browser name or path; empty for the first one found. */
  browser?: string;
}

export interface OpenConsoleDeps extends ConsoleSignInDeps {
  browsers: OpenInBrowserDeps;
  /** Opens an in-app console window (Electron only). */
  openInApp?: (request: { url: string; expiresAt: number; region: string }) => Promise<void>;
}

export interface OpenedConsole {
  /** When the console session ends (epoch ms). */
  expiresAt: number;
  /** The browser it opened in; absent for an in-app window. */
  browser?: OpenedInBrowser;
}

/** Signs in to the console for a role and opens it, isolated per account and role. */
export async function openConsole(request: OpenConsoleRequest, deps: OpenConsoleDeps): Promise<OpenedConsole> {
  const { url, expiresAt } = await consoleSignInUrl(request, deps);
  const { isolation } = request;
  if (isolation === 'in-app' && deps.openInApp) {
    await deps.openInApp({ url, expiresAt, region: request.region });
    return { expiresAt };
  }
  const browser = await openConsoleInBrowser(
    {
      ...(isolation && isolation !== 'in-app' ? { isolation } : {}),
      ...(request.browser ? { browser: request.browser } : {}),
      signInUrl: url,
      ref: request.ref,
      ...(request.accountName ? { accountName: request.accountName } : {}),
      ...(request.mark ? { mark: request.mark } : {}),
    },
    deps.browsers,
  );
  return { expiresAt, browser };
}
