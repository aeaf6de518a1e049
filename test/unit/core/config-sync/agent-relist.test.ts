/**
 * The agent's periodic re-listing counts from the end of the last one: a big organisation
 * revalidated at the background pace can take longer than the interval, and must not be
 * listed back to back (which would keep Identity Center busy for the user's other tools).
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryService } from '../../../../electron/core/accounts/inventory-service.js';
import { ConfigSyncAgent, RELIST_INTERVAL_MS } from '../../../../electron/core/config-sync/agent.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const SESSION = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: [],
};
const LISTING_MS = 20 * 60_000;

let temp: TempHome | undefined;
let agent: ConfigSyncAgent | undefined;
afterEach(() => {
  agent?.stop();
  temp?.cleanup();
});

describe('the agent’s re-listing', () => {
  it('waits a whole interval after a listing that outlasts it before the next', async () => {
    temp = createTempHome();
    const clock = new FakeClock();
    const started: number[] = [];
    // A listing that takes 20 minutes on the injected clock, longer than the 15-minute interval.
    const inventory = Object.assign(new EventEmitter(), {
      load: async () => undefined,
      needsListing: () => false,
      latest: () => undefined,
      refresh: () => {
        started.push(clock.now());
        return new Promise<void>((resolve) => clock.setTimeout(resolve, LISTING_MS));
      },
    }) as unknown as InventoryService;
    agent = new ConfigSyncAgent({
      paths: temp.paths,
      inventory,
      sessions: () => [SESSION],
      isSignedIn: () => true,
      settings: () => ({ ...DEFAULT_SETTINGS, autoSync: false }),
      credentialProcessCommand: () => '',
      clock,
    });
    await agent.start();
    const begin = clock.now();
    await clock.advanceAsync(3 * (RELIST_INTERVAL_MS + LISTING_MS));
    expect(started.map((at) => (at - begin) / 60_000)).toEqual([15, 50, 85]);
  });
});
