/**
 * Inventory of 500 accounts against the fake Identity Center (in a worker thread) with 50 ms
 * of latency per call: unthrottled, then under a 20 requests/second throttle.
 */
import type { SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import { loadPortalSdk } from '../../electron/core/support/aws-clients.js';
import { DEFAULT_INVENTORY_CONCURRENCY } from '../../electron/core/accounts/inventory.js';
import { InventoryService } from '../../electron/core/accounts/inventory-service.js';
import { PortalClients } from '../../electron/core/accounts/portal-client.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import type { ThrottleOptions } from '../fake-idc/index.js';
import { createTempHome } from '../support/temp-home.js';
import { seedIssuedSession } from '../support/seed-token.js';
import { startRemoteFake } from './remote-fake.js';
import { printResult } from './report.js';

const ACCOUNTS = 500;
const LATENCY_MS = 50;
/** 20 calls per second, with a bucket of 10: the service tolerates a short burst, no more. */
const THROTTLE: ThrottleOptions = { ratePerSecond: 20, burst: 10 };
const UNTHROTTLED_TARGET = 1.25;
const THROTTLED_TARGET = 1.15;
const LISTING_OPERATIONS = ['ListAccounts', 'ListAccountRoles'] as const;

interface Measurement {
  ms: number;
  successes: number;
  throttled: number;
  complete: boolean;
  accounts: number;
  cuts: number;
}

async function measure(throttle?: ThrottleOptions): Promise<Measurement> {
  const fake = await startRemoteFake({ accounts: ACCOUNTS, latencyMs: LATENCY_MS, ...(throttle ? { throttle } : {}) });
  const temp = createTempHome({ ...fake.env });
  const savedEnv = { ...process.env };
  // The SDK finds the fake through AWS_ENDPOINT_URL_SSO in the process environment.
  Object.assign(process.env, temp.env);
  try {
    const session: SsoSessionConfig = {
      name: 'bench',
      startUrl: 'https://acme.awsapps.com/start',
      region: 'us-east-1',
      registrationScopes: ['sso:account:access'],
    };
    const issued = await fake.issueSession();
    await seedIssuedSession(temp.paths, session, issued);
    // Loading the SDK's modules is a one-off cost of the process (the app pays it at start), not of a listing.
    await loadPortalSdk();
    const portals = new PortalClients({ tokens: new SessionTokens({ paths: temp.paths }) });
    const service = new InventoryService({ paths: temp.paths, portal: (target) => portals.get(target) });
    const started = performance.now();
    const { snapshot } = await service.refresh(session);
    const ms = performance.now() - started;
    const counters = await fake.allCounters();
    const cuts = portals.get(session).limiter.stats().cuts;
    portals.destroy();
    return {
      ms,
      successes: LISTING_OPERATIONS.reduce((sum, operation) => sum + counters[operation].successes, 0),
      throttled: LISTING_OPERATIONS.reduce((sum, operation) => sum + counters[operation].throttled, 0),
      complete: snapshot.complete,
      accounts: snapshot.accounts.length,
      cuts,
    };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    temp.cleanup();
    await fake.stop();
  }
}

export default async function inventoryBench(): Promise<boolean> {
  const free = await measure();
  const freeMet = printResult({
    name: `inventory, ${ACCOUNTS} accounts, ${LATENCY_MS} ms latency`,
    measuredMs: free.ms,
    floorMs: (free.successes / DEFAULT_INVENTORY_CONCURRENCY) * LATENCY_MS,
    floor: `${free.successes} calls / concurrency ${DEFAULT_INVENTORY_CONCURRENCY} x ${LATENCY_MS} ms`,
    targetRatio: UNTHROTTLED_TARGET,
    details: { accounts: free.accounts, complete: String(free.complete) },
    mustHold: free.complete,
  });
  const throttled = await measure(THROTTLE);
  const throttledMet = printResult({
    name: `inventory, ${ACCOUNTS} accounts, ${LATENCY_MS} ms latency, throttled at ${THROTTLE.ratePerSecond}/s (burst ${THROTTLE.burst})`,
    measuredMs: throttled.ms,
    floorMs: (throttled.successes / THROTTLE.ratePerSecond) * 1000,
    floor: `${throttled.successes} successful calls / ${THROTTLE.ratePerSecond} per s`,
    targetRatio: THROTTLED_TARGET,
    details: {
      'throttled calls': throttled.throttled,
      'rate cuts': throttled.cuts,
      'failed listings': throttled.complete ? 0 : 1,
    },
    mustHold: throttled.complete,
  });
  return freeMet && throttledMet;
}
