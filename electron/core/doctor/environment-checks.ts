/**
 * Checks of what Lanyard relies on outside itself: a browser for the chosen console method and
 * the AWS CLI's version. Pure: a BrowserHost and the `aws --version` output come in.
 */
import { type BrowserHost } from '../console/browser-detection.js';
import { parseBrowserOption, resolveBrowserChoice } from '../console/open-in-browser.js';
import { isLanyardError } from '../domain/errors.js';
import type { DiagnosticCheck } from '../domain/diagnostics.js';
import type { Settings } from '../domain/settings.js';
import { check, reasonOf } from './check.js';

/** The AWS CLI signs in with authorization code + PKCE (and reads sso-session sections that way) from this version. */
const PKCE_AWS_CLI = [2, 22] as const;

/** A browser exists for the console method the settings choose. */
export function browserCheck(settings: Pick<Settings, 'isolation' | 'browser'>, host: BrowserHost): DiagnosticCheck {
  const inApp = settings.isolation === 'in-app';
  if (settings.isolation === 'default-browser')
    return check('browser', 'ok', "Consoles open in the system's default browser (no isolation).");
  try {
    const named = settings.browser.trim() ? parseBrowserOption(settings.browser) : {};
    const isolation = settings.isolation === 'in-app' ? named.isolation : settings.isolation;
    const { browser } = resolveBrowserChoice({ ...named, ...(isolation ? { isolation } : {}) }, host);
    const where = browser ? `${browser.displayName} (${browser.executable})` : 'the default browser';
    return check(
      'browser',
      'ok',
      inApp
        ? `The app opens consoles in its own windows; \`lanyard console\` uses ${where}.`
        : `Consoles open in ${where} with ${settings.isolation} isolation.`,
    );
  } catch (error) {
    const hint =
      isLanyardError(error) && error.hint ? error.hint : 'Install a browser, or choose another in the settings.';
    // With in-app consoles only the command line needs a browser.
    return check(
      'browser',
      inApp ? 'warn' : 'fail',
      `${inApp ? '`lanyard console` has no browser to use: ' : ''}${reasonOf(error)}`,
      hint,
    );
  }
}

/** `aws --version` output (`aws-cli/2.22.3 Python/3.12...`), or undefined when there is no `aws`. */
export function awsCliCheck(versionOutput: string | undefined): DiagnosticCheck {
  if (versionOutput === undefined)
    return check('aws-cli', 'ok', 'The AWS CLI is not installed (Lanyard does not need it).');
  const match = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(versionOutput);
  if (!match) {
    // A broken install prints a traceback: its last line says what is wrong.
    const last = versionOutput.trim().split(/\r?\n/).pop()?.trim() ?? '';
    return check(
      'aws-cli',
      'warn',
      `\`aws --version\` did not print a version: ${last.slice(0, 160) || '(nothing)'}`,
      'Reinstall the AWS CLI v2 (2.22 or later), or remove the broken `aws` from PATH.',
    );
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const version = `${match[1]}.${match[2]}.${match[3]}`;
  if (major < 2)
    return check(
      'aws-cli',
      'warn',
      `The AWS CLI on PATH is version ${version}: v1 cannot use sso-session profiles or sign in to IAM Identity Center.`,
      'Install the AWS CLI v2 (2.22 or later): https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
    );
  if (major === PKCE_AWS_CLI[0] && minor < PKCE_AWS_CLI[1])
    return check(
      'aws-cli',
      'warn',
      `The AWS CLI is version ${version}: \`aws sso login\` uses the device code flow before 2.22 (PKCE sign-in needs 2.22+).`,
      'Update the AWS CLI v2 to 2.22 or later.',
    );
  return check('aws-cli', 'ok', `The AWS CLI is version ${version}.`);
}
