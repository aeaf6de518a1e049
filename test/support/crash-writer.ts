/**
 * A process for the crash tests to kill: it writes every file Lanyard keeps, pass after pass,
 * through the core's own writers: the SSO token cache, the AWS CLI's credential cache, the
 * stored inventory, the settings, the sync record with `~/.aws/config`, and pinned keys in
 * `~/.aws/credentials`. Pass N's contents say N (see crashVersions), so a test that kills it
 * with SIGKILL can tell whether each file is a whole old or new version. It prints
 * `pass N` as each pass starts and runs until killed (at most MAX_PASSES).
 */
import { InventoryStore } from '../../electron/core/accounts/inventory-store.js';
import type { SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import { syncProfiles } from '../../electron/core/config-sync/sync.js';
import { PinnedProfiles } from '../../electron/core/credentials/pins.js';
import { RoleCredentialsProvider } from '../../electron/core/credentials/role-credentials.js';
import type { PortalClient } from '../../electron/core/accounts/portal-client.js';
import type { AccountWithRoles, RoleCredentials, RoleRef } from '../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { writeCachedToken, type CachedToken } from '../../electron/core/sessions/token-cache.js';
import { type LanyardPaths, resolvePaths } from '../../electron/core/support/paths.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../electron/core/support/preferences.js';

const MAX_PASSES = 100_000;
export const CRASH_SESSION: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};
export const CRASH_ROLE: RoleRef = { sessionName: 'work', accountId: '100000000000', roleName: 'Admin' };
export const CRASH_PINNED_PROFILE = 'acme-0000.Admin';
const SETTINGS = {
  profileNameTemplate: DEFAULT_SETTINGS.profileNameTemplate,
  defaultRegion: '',
  profileStyle: 'sso' as const,
};
/** Large enough that a write takes a while, so kills land inside writes too. */
const ACCOUNTS = 1_500;

/** What pass N writes, as the test checks it. */
export const crashVersions = {
  token: (pass: number): CachedToken => ({
    startUrl: CRASH_SESSION.startUrl,
    region: CRASH_SESSION.region,
    accessToken: `access-token-${pass}`,
    expiresAt: Date.UTC(2030, 0, 1) + pass * 1000,
    refreshToken: `refresh-token-${pass}`,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    registrationExpiresAt: Date.UTC(2030, 0, 1),
  }),
  credentials: (pass: number): RoleCredentials => ({
    accessKeyId: `ASIA${String(pass).padStart(16, '0')}`,
    secretAccessKey: `secret-${pass}`,
    sessionToken: `session-token-${pass}`.repeat(20),
    expiration: Date.UTC(2030, 0, 1) + pass * 1000,
  }),
  /** Even passes list every account's Admin and ReadOnly, odd ones Admin only. */
  accounts: (pass: number): AccountWithRoles[] =>
    Array.from({ length: ACCOUNTS }, (_, index) => ({
      accountId: String(100000000000 + index),
      accountName: `acme-${String(index).padStart(4, '0')}`,
      roles: pass % 2 === 0 ? ['Admin', 'ReadOnly'] : ['Admin'],
    })),
  favourite: (pass: number): string => `work|100000000000|Admin|${pass}`,
};

export function crashSyncInput(pass: number): Parameters<typeof syncProfiles>[1] {
  return {
    sessions: [CRASH_SESSION],
    inventories: new Map([['work', { accounts: crashVersions.accounts(pass), complete: true }]]),
    settings: SETTINGS,
    credentialProcessCommand: '',
  };
}

const fresh = (pass: number) => (): Promise<RoleCredentials> => Promise.resolve(crashVersions.credentials(pass));

/** Each file Lanyard keeps, written as pass N through the core's own writer, in the order a busy app would. */
export const CRASH_WRITES: ReadonlyArray<readonly [string, (paths: LanyardPaths, pass: number) => Promise<void>]> = [
  ['token cache', (paths, pass) => writeCachedToken(paths, CRASH_SESSION.name, crashVersions.token(pass))],
  [
    'AWS CLI credential cache',
    async (paths, pass) => {
      const portal = { getRoleCredentials: fresh(pass) } as unknown as PortalClient;
      // Asked for more validity than any cached set has, so it fetches (and writes) every time.
      await new RoleCredentialsProvider({ paths, portal: () => portal }).get(CRASH_SESSION, CRASH_ROLE, {
        minValidityMs: 100 * 365 * 86_400_000,
      });
    },
  ],
  [
    'inventory',
    async (paths, pass) => {
      await new InventoryStore({ paths }).save({
        sessionName: CRASH_SESSION.name,
        startUrl: CRASH_SESSION.startUrl,
        listedAt: pass,
        complete: true,
        accounts: crashVersions.accounts(pass),
      });
    },
  ],
  [
    'settings',
    async (paths, pass) => {
      const preferences = new JsonFilePreferencesStore(paths.dataDir);
      const stored = normalizePreferences(preferences.read());
      preferences.write({ ...stored, settings: { ...stored.settings, favourites: [crashVersions.favourite(pass)] } });
    },
  ],
  [
    'config and sync record',
    async (paths, pass) => {
      await syncProfiles(paths, crashSyncInput(pass));
    },
  ],
  [
    'credentials',
    async (paths, pass) => {
      const pins = new PinnedProfiles({
        paths,
        sessions: async () => [CRASH_SESSION],
        credentials: { get: fresh(pass) },
      });
      if ((await pins.list()).length === 0) await pins.pin(CRASH_PINNED_PROFILE);
      else await pins.refresh({ force: true });
    },
  ],
];

/** One pass: every file; `step` is told before each. */
export async function crashPass(
  paths: LanyardPaths,
  pass: number,
  step: (file: string) => void = () => {},
): Promise<void> {
  for (const [name, write] of CRASH_WRITES) {
    step(name);
    await write(paths, pass);
  }
}

async function main(): Promise<void> {
  const paths = resolvePaths(process.env);
  const first = Number(process.env.LANYARD_TEST_FIRST_PASS ?? 1);
  for (let pass = first; pass < first + MAX_PASSES; pass += 1) {
    process.stdout.write(`pass ${pass}\n`);
    await crashPass(paths, pass, (file) => process.stdout.write(`writing ${file}\n`));
  }
}

if (process.env.LANYARD_TEST_CRASH_WRITER === '1') void main();
