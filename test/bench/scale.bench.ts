/**
 * Issue 13's scale: an organization of 5,000 accounts with 3 roles each (15,000 roles).
 * - The listing under the fake's throttle, against its floor (successful calls / allowed rate).
 * - The peak memory of the built CLI (`lanyard accounts`, `lanyard sync`) listing it live.
 * - The peak memory of the app's core (app-core-run.ts: the Lanyard facade as the tray app
 *   builds it) listing it, syncing its 15,000 profiles and searching it.
 * - How fast the stored inventory of 5,000 accounts loads (InventoryStore.load).
 * The palette's search at 15,000 roles is in search.bench.ts.
 */
import { fileURLToPath } from 'node:url';
import { InventoryService } from '../../electron/core/accounts/inventory-service.js';
import { InventoryStore } from '../../electron/core/accounts/inventory-store.js';
import { upsertSsoSession } from '../../electron/core/aws-files/aws-config.js';
import type { AccountWithRoles } from '../../electron/core/domain/model.js';
import { generateAccounts, type ThrottleOptions } from '../fake-idc/index.js';
import { CLI } from '../support/cli.js';
import { seedIssuedSession } from '../support/seed-token.js';
import { createTempHome } from '../support/temp-home.js';
import type { AppCoreReport } from './app-core-run.js';
import { BENCH_SESSION, measureListing, withRemoteFake } from './listing.js';
import { megabytes, runMeasured } from './peak-memory.js';
import type { RemoteFake } from './remote-fake.js';
import { printResult } from './report.js';

const ACCOUNTS = 5_000;
const ROLES_PER_ACCOUNT = 3;
const LATENCY_MS = 50;
/**
 * 100 calls per second with a bucket of 50. At 20 per second (inventory.bench.ts's figure for
 * 500 accounts) the floor alone would be over four minutes; at 100 the throttle still binds
 * (16 calls in flight at 50 ms could send 320 a second) and the bench stays near a minute.
 * LANYARD_BENCH_SCALE_RATE=20 measures at the real service's pace.
 */
const THROTTLE: ThrottleOptions = {
  ratePerSecond: Number(process.env.LANYARD_BENCH_SCALE_RATE ?? 100),
  burst: Math.max(1, Math.round(Number(process.env.LANYARD_BENCH_SCALE_RATE ?? 100) / 2)),
};
const THROTTLED_TARGET = 1.1;
const CLI_PEAK_TARGET_BYTES = 300e6;
const CORE_PEAK_TARGET_BYTES = 400e6;
const LOAD_TARGET_MS = 100;
const LOAD_RUNS = 20;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

async function throttledListing(): Promise<boolean> {
  const listing = await measureListing({
    accounts: ACCOUNTS,
    rolesPerAccount: ROLES_PER_ACCOUNT,
    latencyMs: LATENCY_MS,
    throttle: THROTTLE,
  });
  return printResult({
    name: `listing ${ACCOUNTS.toLocaleString('en')} accounts x ${ROLES_PER_ACCOUNT} roles, ${LATENCY_MS} ms latency, throttled at ${THROTTLE.ratePerSecond}/s (burst ${THROTTLE.burst})`,
    measuredMs: listing.ms,
    floorMs: (listing.successes / THROTTLE.ratePerSecond) * 1000,
    floor: `${listing.successes} successful calls / ${THROTTLE.ratePerSecond} per s`,
    targetRatio: THROTTLED_TARGET,
    details: {
      roles: listing.roles,
      'throttled calls': listing.throttled,
      'rate cuts': listing.cuts,
      'failed listings': listing.complete ? 0 : 1,
    },
    mustHold: listing.complete && listing.roles === ACCOUNTS * ROLES_PER_ACCOUNT,
  });
}

/** A private HOME with the bench's sso-session and a fresh token of the fake's. */
async function signedInHome(fake: RemoteFake): Promise<ReturnType<typeof createTempHome>> {
  const temp = createTempHome({ ...fake.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  await upsertSsoSession(temp.paths, BENCH_SESSION);
  await seedIssuedSession(temp.paths, BENCH_SESSION, await fake.issueSession());
  return temp;
}

/** Peak RSS of the built CLI running one command that lists the whole organization live. */
async function cliPeak(fake: RemoteFake, args: string[]): Promise<boolean> {
  const temp = await signedInHome(fake);
  try {
    const run = await runMeasured({ script: CLI, args, env: temp.env });
    if (run.code !== 0) console.log(`lanyard ${args.join(' ')} failed (exit ${run.code}):\n${run.stderr}`);
    return printResult({
      name: `peak RSS (getrusage maxRSS) of \`lanyard ${args.join(' ')}\` (built CLI), ${ACCOUNTS.toLocaleString('en')} accounts x ${ROLES_PER_ACCOUNT} roles`,
      measuredMs: run.maxRssBytes / 1e6,
      floorMs: CLI_PEAK_TARGET_BYTES / 1e6,
      floor: 'the target',
      unit: 'MB',
      targetRatio: 1,
      details: {
        'peak V8 heap in use (sampled)': megabytes(run.peakHeapBytes),
        'exit code': String(run.code),
        'stdout lines': run.stdout.split('\n').length - 1,
      },
      mustHold: run.code === 0,
    });
  } finally {
    temp.cleanup();
  }
}

/** Peak RSS of the app's core (app-core-run.ts) listing, syncing and searching the organization. */
async function corePeak(fake: RemoteFake): Promise<boolean> {
  const temp = await signedInHome(fake);
  try {
    const run = await runMeasured({
      script: fileURLToPath(new URL('./app-core-run.ts', import.meta.url)),
      nodeArgs: ['--import', 'tsx'],
      env: temp.env,
    });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    const report = (run.code === 0 ? JSON.parse(line) : undefined) as AppCoreReport | undefined;
    if (!report) console.log(`app-core-run.ts failed (exit ${run.code}):\n${run.stderr}`);
    return printResult({
      name: `peak RSS (getrusage maxRSS) of the app's core (Lanyard facade), listing + sync + search of ${ACCOUNTS.toLocaleString('en')} accounts x ${ROLES_PER_ACCOUNT} roles`,
      measuredMs: run.maxRssBytes / 1e6,
      floorMs: CORE_PEAK_TARGET_BYTES / 1e6,
      floor: 'the target',
      unit: 'MB',
      targetRatio: 1,
      details: {
        'peak V8 heap in use (sampled)': megabytes(run.peakHeapBytes),
        'RSS before any work (modules loaded, tsx included)': report ? megabytes(report.startRssBytes) : '?',
        roles: report?.roles ?? 0,
        'listing and sync ok': String(Boolean(report?.listed && report.synced)),
      },
      mustHold: Boolean(report?.listed && report.synced && report.roles === ACCOUNTS * ROLES_PER_ACCOUNT),
    });
  } finally {
    temp.cleanup();
  }
}

function storedAccounts(): AccountWithRoles[] {
  return generateAccounts(ACCOUNTS, ROLES_PER_ACCOUNT).map((account, index) => ({
    accountId: account.accountId ?? String(100_000_000_000 + index),
    accountName: account.accountName,
    emailAddress: account.emailAddress ?? `aws+${account.accountName}@acme.example`,
    roles: [...(account.roles ?? [])].sort(),
  }));
}

/** InventoryStore.load of 5,000 stored accounts: the first (cold) run, then p50/p95 of the rest. */
async function inventoryLoad(): Promise<boolean> {
  const temp = createTempHome();
  try {
    const accounts = storedAccounts();
    await new InventoryStore({ paths: temp.paths }).save({
      sessionName: BENCH_SESSION.name,
      startUrl: BENCH_SESSION.startUrl,
      listedAt: Date.now(),
      complete: true,
      accounts,
    });
    const times: number[] = [];
    let cold = 0;
    for (let run = 0; run <= LOAD_RUNS; run += 1) {
      // A new store each time, as a new process would have: nothing is kept between loads.
      const store = new InventoryStore({ paths: temp.paths });
      const started = performance.now();
      const stored = await store.load(BENCH_SESSION.name);
      const ms = performance.now() - started;
      if (stored?.latest.accounts.length !== ACCOUNTS) throw new Error('the stored inventory did not load whole');
      if (run === 0) cold = ms;
      else times.push(ms);
    }
    // What the app and CLI call: the store's load plus the service's bookkeeping.
    const service = new InventoryService({ paths: temp.paths, portal: () => undefined as never });
    const serviceTimes: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run += 1) {
      const started = performance.now();
      await service.load(BENCH_SESSION);
      serviceTimes.push(performance.now() - started);
    }
    return printResult({
      name: `stored inventory load (InventoryStore.load), ${ACCOUNTS.toLocaleString('en')} accounts x ${ROLES_PER_ACCOUNT} roles (p95)`,
      measuredMs: percentile(times, 0.95),
      floorMs: LOAD_TARGET_MS,
      floor: `the ${LOAD_TARGET_MS} ms target`,
      targetRatio: 1,
      details: {
        runs: times.length,
        p50: `${percentile(times, 0.5).toFixed(1)} ms`,
        'first (cold) run': `${cold.toFixed(1)} ms`,
        'InventoryService.load p95': `${percentile(serviceTimes, 0.95).toFixed(1)} ms`,
      },
      mustHold: cold <= LOAD_TARGET_MS,
    });
  } finally {
    temp.cleanup();
  }
}

export default async function scaleBench(): Promise<boolean> {
  const results = [await inventoryLoad()];
  // Memory does not depend on the pace: the children list an unthrottled fake, which is quick.
  await withRemoteFake({ accounts: ACCOUNTS, rolesPerAccount: ROLES_PER_ACCOUNT }, async (fake) => {
    results.push(await cliPeak(fake, ['accounts', '--sso-session', BENCH_SESSION.name]));
    results.push(await cliPeak(fake, ['sync', '--sso-session', BENCH_SESSION.name]));
    results.push(await corePeak(fake));
  });
  results.push(await throttledListing());
  return results.every(Boolean);
}
