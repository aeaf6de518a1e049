/**
 * A new Firefox profile greets the user with welcome pages, a default-browser question and a
 * data-reporting notice. A `user.js` in the profile folder turns those off, the counterpart of
 * Chrome's --no-first-run and --no-default-browser-check.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const QUIET_FIREFOX_PREFS: Readonly<Record<string, boolean | string>> = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.aboutwelcome.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': '',
  'startup.homepage_welcome_url.additional': '',
  'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};

const USER_PREFS_FILE = 'user.js';

export function quietFirefoxUserJs(): string {
  const lines = Object.entries(QUIET_FIREFOX_PREFS).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  return ['// Written by Lanyard for an isolated AWS console profile.', ...lines, ''].join('\n');
}

/** Writes the profile's user.js unless it has one (the user may have edited it). */
export async function writeQuietFirefoxPrefs(profileDir: string): Promise<void> {
  try {
    await fs.writeFile(path.join(profileDir, USER_PREFS_FILE), quietFirefoxUserJs(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
