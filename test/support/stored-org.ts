import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InventoryStore } from '../../electron/core/accounts/inventory-store.js';
import type { AccountWithRoles } from '../../electron/core/domain/model.js';
import { createTempHome, type TempHome } from './temp-home.js';

export const STORED_START_URL = 'https://acme.awsapps.com/start';

export interface StoredOrg {
  /** Config text after `[sso-session work]` (profiles, other sessions). */
  config?: string;
  accounts: AccountWithRoles[];
  /** Account key (`work/ID`) -> alias, in settings.json. */
  aliases?: Record<string, string>;
  /** The start URL the stored list was made for (default: the session's). */
  listedFor?: string;
}

/**
 * A private HOME as Lanyard leaves it after a listing, without any service: `[sso-session
 * work]` and more config, a stored account list for `work`, and the settings' aliases.
 */
export async function homeWithStoredOrg(org: StoredOrg): Promise<TempHome> {
  const temp = createTempHome();
  const { paths } = temp;
  mkdirSync(path.dirname(paths.awsConfigFile), { recursive: true });
  writeFileSync(
    paths.awsConfigFile,
    `[sso-session work]\nsso_start_url = ${STORED_START_URL}\nsso_region = us-east-1\n\n${org.config ?? ''}`,
  );
  await new InventoryStore({ paths }).save({
    sessionName: 'work',
    startUrl: org.listedFor ?? STORED_START_URL,
    listedAt: 0,
    complete: true,
    accounts: org.accounts,
  });
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileSync(
    path.join(paths.dataDir, 'settings.json'),
    JSON.stringify({ settings: { aliases: org.aliases ?? {} } }),
  );
  return temp;
}
