/**
 * One live listing against the fake Identity Center in a worker thread, as the benches measure
 * it: the session's token seeded as after a sign-in, the portal SDK loaded beforehand (a one-off
 * cost of the process, which the app pays at start, not a listing's), then `refresh` timed.
 */
import type { SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import { InventoryService } from '../../electron/core/accounts/inventory-service.js';
import { PortalClients } from '../../electron/core/accounts/portal-client.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import { loadPortalSdk } from '../../electron/core/support/aws-clients.js';
import type { FakeIdentityCenterOptions, OperationCounters, OperationName } from '../fake-idc/index.js';
import { seedIssuedSession } from '../support/seed-token.js';
import { createTempHome } from '../support/temp-home.js';
import { type RemoteFake, startRemoteFake } from './remote-fake.js';

export const BENCH_SESSION: SsoSessionConfig = {
  name: 'bench',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'us-east-1',
  registrationScopes: ['sso:account:access'],
};

export const LISTING_OPERATIONS = ['ListAccounts', 'ListAccountRoles'] as const;

export interface ListingMeasurement {
  ms: number;
  /** Listing calls the fake answered with success, and with TooManyRequests. */
  successes: number;
  throttled: number;
  complete: boolean;
  accounts: number;
  roles: number;
  /** Times the client's adaptive rate limiter cut its rate. */
  cuts: number;
}

/** Sums the listing operations' counter `field`. */
export function listingCount(
  counters: Record<OperationName, OperationCounters>,
  field: keyof OperationCounters,
): number {
  return LISTING_OPERATIONS.reduce((sum, operation) => sum + counters[operation][field], 0);
}

/** Starts the fake in a worker, issues a session and runs `task` with it; stops the fake after. */
export async function withRemoteFake<T>(
  options: Omit<FakeIdentityCenterOptions, 'clock' | 'log'>,
  task: (fake: RemoteFake) => Promise<T>,
): Promise<T> {
  const fake = await startRemoteFake(options);
  try {
    return await task(fake);
  } finally {
    await fake.stop();
  }
}

/** Lists every account and role of the fake's organization once, in this process, and times it. */
export async function measureListing(
  options: Omit<FakeIdentityCenterOptions, 'clock' | 'log'>,
): Promise<ListingMeasurement> {
  return withRemoteFake(options, async (fake) => {
    const temp = createTempHome({ ...fake.env });
    const savedEnv = { ...process.env };
    // The SDK finds the fake through AWS_ENDPOINT_URL_SSO in the process environment.
    Object.assign(process.env, temp.env);
    try {
      await seedIssuedSession(temp.paths, BENCH_SESSION, await fake.issueSession());
      await loadPortalSdk();
      const portals = new PortalClients({ tokens: new SessionTokens({ paths: temp.paths }) });
      const service = new InventoryService({ paths: temp.paths, portal: (target) => portals.get(target) });
      const started = performance.now();
      const { snapshot } = await service.refresh(BENCH_SESSION);
      const ms = performance.now() - started;
      const counters = await fake.allCounters();
      const cuts = portals.get(BENCH_SESSION).limiter.stats().cuts;
      portals.destroy();
      return {
        ms,
        successes: listingCount(counters, 'successes'),
        throttled: listingCount(counters, 'throttled'),
        complete: snapshot.complete,
        accounts: snapshot.accounts.length,
        roles: snapshot.accounts.reduce((sum, account) => sum + account.roles.length, 0),
        cuts,
      };
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
      temp.cleanup();
    }
  });
}
