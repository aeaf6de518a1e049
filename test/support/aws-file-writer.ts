/**
 * A Lanyard writer for the concurrency tests, run as its own process (`node --import tsx`):
 * it rewrites both AWS files in a loop, through the core's own writers, as the app, the agent
 * and `lanyard sync` do (with 20 ms between passes), and each pass changes them (assignments alternate, the default
 * profile switches, pinned keys are renewed). It stops when the file named by LANYARD_TEST_STOP
 * appears, or after a bounded number of passes, and prints how many it made.
 */
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { upsertSsoSession, type SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import { setDefaultProfile, syncProfiles } from '../../electron/core/config-sync/sync.js';
import { PinnedProfiles } from '../../electron/core/credentials/pins.js';
import { isLanyardError } from '../../electron/core/domain/errors.js';
import type { AccountWithRoles } from '../../electron/core/domain/model.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { resolvePaths } from '../../electron/core/support/paths.js';

export const WRITER_SESSION: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};
/** Pinned by every writer; in both alternating assignment sets. */
export const WRITER_PINNED_PROFILE = 'acme-dev.Admin';

const MAX_PASSES = 2_000;
const PAUSE_MS = 20;
const SETTINGS = {
  profileNameTemplate: DEFAULT_SETTINGS.profileNameTemplate,
  defaultRegion: '',
  profileStyle: 'sso' as const,
};

function accounts(pass: number): AccountWithRoles[] {
  return [
    { accountId: '111111111111', accountName: 'acme-dev', roles: pass % 2 ? ['Admin', 'ReadOnly'] : ['Admin'] },
    { accountId: '222222222222', accountName: 'acme-prod', roles: pass % 3 ? ['ReadOnly'] : ['ReadOnly', 'Billing'] },
  ];
}

async function main(): Promise<void> {
  const paths = resolvePaths(process.env);
  const stop = process.env.LANYARD_TEST_STOP ?? '';
  let keys = 0;
  const pins = new PinnedProfiles({
    paths,
    sessions: async () => [WRITER_SESSION],
    credentials: {
      get: async () => {
        keys += 1;
        return {
          accessKeyId: `ASIA${String(process.pid).padStart(8, '0')}${String(keys).padStart(8, '0')}`,
          secretAccessKey: 'not-a-real-secret',
          sessionToken: 'not-a-real-token',
          expiration: Date.now() + 3_600_000,
        };
      },
    },
  });
  let passes = 0;
  while (passes < MAX_PASSES && !(stop && existsSync(stop))) {
    passes += 1;
    // A breath between passes: still hundreds of times the rate the app and the agent write at.
    await delay(PAUSE_MS);
    await upsertSsoSession(paths, WRITER_SESSION);
    await syncProfiles(paths, {
      sessions: [WRITER_SESSION],
      inventories: new Map([['work', { accounts: accounts(passes), complete: true }]]),
      settings: SETTINGS,
      credentialProcessCommand: '',
    });
    await setDefaultProfile(paths, {
      session: WRITER_SESSION,
      role: { accountId: passes % 2 ? '111111111111' : '222222222222', roleName: passes % 2 ? 'Admin' : 'ReadOnly' },
      settings: SETTINGS,
      credentialProcessCommand: '',
    });
    if ((await pins.list()).length > 0) await pins.refresh({ force: true });
    else {
      // An editor saving a stale copy over Lanyard's latest keys makes the section the user's:
      // the pin is released, and pinning again is refused. That is the product working.
      await pins.pin(WRITER_PINNED_PROFILE).catch((error: unknown) => {
        if (!isLanyardError(error, 'CONFIG')) throw error;
      });
    }
  }
  process.stdout.write(`${passes}\n`);
}

// Only as its own process: the tests import its names, and must not start writing.
if (process.env.LANYARD_TEST_STOP) await main();
