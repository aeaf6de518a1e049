/**
 * Issue 11 §2 and §6: a first sign-in to an organization of 2,000 accounts x 3 roles against
 * the fake Identity Center (50 ms per call, unthrottled: the client's default foreground rate).
 * The app's core (the Lanyard facade) lists it while the main process's forwardEvents turns its
 * role lists into the updates the renderer gets. Prints:
 * - time to the first rows (the first update that gives the renderer a role), from the start
 *   of the core and from the start of the listing;
 * - time to the complete list;
 * - the inventory updates sent, and their JSON size (median, max, total) as incremental updates
 *   against sending the whole list (6,000 roles) each time, as before.
 * LANYARD_BENCH_FIRST_ROWS_RATE=20 lists under the fake's throttle at that rate instead.
 */
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_INVENTORY_CONCURRENCY } from '../../electron/core/accounts/inventory.js';
import { upsertSsoSession } from '../../electron/core/aws-files/aws-config.js';
import { applyInventoryUpdate, type InventoryUpdate } from '../../electron/core/domain/inventory-updates.js';
import type { InventoryView, LanyardState } from '../../electron/core/domain/views.js';
import { Lanyard } from '../../electron/core/lanyard.js';
import { loadPortalSdk } from '../../electron/core/support/aws-clients.js';
import { forwardEvents } from '../../electron/main/ipc.js';
import { EVENT_CHANNELS } from '../../electron/ipc/contract.js';
import type { ThrottleOptions } from '../fake-idc/index.js';
import { seedIssuedSession } from '../support/seed-token.js';
import { createTempHome } from '../support/temp-home.js';
import { BENCH_SESSION, withRemoteFake } from './listing.js';
import { printResult } from './report.js';

const ACCOUNTS = 2_000;
const ROLES_PER_ACCOUNT = 3;
const ROLES = ACCOUNTS * ROLES_PER_ACCOUNT;
const LATENCY_MS = 50;
const RATE = Number(process.env.LANYARD_BENCH_FIRST_ROWS_RATE ?? 0);
const THROTTLE: ThrottleOptions | undefined =
  RATE > 0 ? { ratePerSecond: RATE, burst: Math.max(1, Math.round(RATE / 2)) } : undefined;
/** First rows within about a second: one page of accounts and one account's roles is the floor. */
const FIRST_ROWS_TARGET_MS = 1_000;
/** inventory.bench.ts's targets for a listing, unthrottled and throttled. */
const COMPLETE_TARGET = 1.25;
const THROTTLED_COMPLETE_TARGET = 1.15;
/**
 * All updates together should carry at most this many times the whole list: every role once,
 * plus the profile names the first sync adds to every role (sent as those fields only).
 */
const BYTES_TARGET = 1.5;
const TIMEOUT_MS = 10 * 60_000;

interface Sent {
  at: number;
  update: InventoryUpdate;
  /** The core's whole view this update brings the page to. */
  view: InventoryView;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const kilobytes = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;

function sizes(values: number[]): string {
  const total = values.reduce((sum, value) => sum + value, 0);
  return `median ${kilobytes(median(values))}, max ${kilobytes(Math.max(0, ...values))}, total ${kilobytes(total)}`;
}

export default async function firstRowsBench(): Promise<boolean> {
  return withRemoteFake(
    {
      accounts: ACCOUNTS,
      rolesPerAccount: ROLES_PER_ACCOUNT,
      latencyMs: LATENCY_MS,
      ...(THROTTLE ? { throttle: THROTTLE } : {}),
    },
    async (fake) => {
      const temp = createTempHome({ ...fake.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
      const savedEnv = { ...process.env };
      // The SDK finds the fake through AWS_ENDPOINT_URL_SSO in the process environment.
      Object.assign(process.env, temp.env);
      try {
        await upsertSsoSession(temp.paths, BENCH_SESSION);
        await seedIssuedSession(temp.paths, BENCH_SESSION, await fake.issueSession());
        // A one-off cost of the process (the app pays it at start), not the listing's.
        await loadPortalSdk();
        const lanyard = new Lanyard({
          paths: temp.paths,
          env: temp.env,
          preferences: { read: () => ({}), write: () => undefined },
          platform: { writeClipboard: () => undefined, openExternal: async () => undefined },
        });

        const sent: Sent[] = [];
        let latestView: InventoryView | undefined;
        let listingAt: number | undefined;
        let done: () => void = () => undefined;
        const complete = new Promise<void>((resolve) => (done = resolve));
        const onState = (state: LanyardState): void => {
          const inventory = state.sessions.find((session) => session.name === BENCH_SESSION.name)?.inventory;
          if (inventory?.state === 'listing') listingAt ??= performance.now();
          if (listingAt !== undefined && inventory?.state !== 'listing' && inventory?.roles === ROLES) done();
        };
        lanyard.onInventory((view) => (latestView = view));
        // What the main process sends the renderer, as it sends it. Sizes are measured after, off the clock.
        forwardEvents(lanyard, (channel, payload) => {
          if (channel === EVENT_CHANNELS.onState) onState(payload as LanyardState);
          else if (latestView)
            sent.push({ at: performance.now(), update: payload as InventoryUpdate, view: latestView });
        });

        const startedAt = performance.now();
        await lanyard.start();
        const timeout = setTimeout(() => done(), TIMEOUT_MS);
        await complete;
        const completeAt = performance.now();
        clearTimeout(timeout);
        await lanyard.idle();
        const final = await lanyard.getInventory();
        await lanyard.stop();

        // The renderer's side: apply every update; the list it ends with is the core's.
        let held: InventoryView | undefined;
        let firstRowsAt: number | undefined;
        let gaps = 0;
        for (const { at, update } of sent) {
          const next = applyInventoryUpdate(held, JSON.parse(JSON.stringify(update)) as InventoryUpdate);
          if (!next) gaps += 1;
          held = next ?? held;
          if (held && held.roles.length > 0) firstRowsAt ??= at;
        }
        // Patched roles hold their fields in another order: equal as values, not as text.
        const roundTrip = isDeepStrictEqual(held, final);
        const incremental = sent.map(({ update }) => JSON.stringify(update).length);
        const whole = sent.map(({ view }) => JSON.stringify(view).length);
        const withRows = sent.filter(({ view }) => view.roles.length > 0).length;
        const incrementalTotal = incremental.reduce((sum, value) => sum + value, 0);
        const wholeTotal = whole.reduce((sum, value) => sum + value, 0);
        const counters = await fake.allCounters();
        const calls = counters.ListAccounts.successes + counters.ListAccountRoles.successes;
        const listingStart = listingAt ?? startedAt;

        const firstRowsMs = (firstRowsAt ?? completeAt) - listingStart;
        const organization = `${ACCOUNTS.toLocaleString('en')} accounts x ${ROLES_PER_ACCOUNT} roles`;
        const pace = `${LATENCY_MS} ms latency${THROTTLE ? `, throttled at ${RATE}/s` : ''}`;
        const firstMet = printResult({
          name: `first rows of a first listing, ${organization}, ${pace}`,
          measuredMs: firstRowsMs,
          floorMs: FIRST_ROWS_TARGET_MS,
          floor: 'about a second',
          targetRatio: 1,
          details: {
            'from the core’s start': `${((firstRowsAt ?? completeAt) - startedAt).toFixed(0)} ms`,
            'rows then': sent.find(({ at }) => at === firstRowsAt)?.view.roles.length ?? 0,
          },
          mustHold: firstRowsAt !== undefined && firstRowsAt < completeAt,
        });
        const completeMet = printResult({
          name: `complete list of the same first listing`,
          measuredMs: completeAt - listingStart,
          ...(THROTTLE
            ? { floorMs: (calls / RATE) * 1000, floor: `${calls} successful calls / ${RATE} per s` }
            : {
                floorMs: (calls / DEFAULT_INVENTORY_CONCURRENCY) * LATENCY_MS,
                floor: `${calls} calls / concurrency ${DEFAULT_INVENTORY_CONCURRENCY} x ${LATENCY_MS} ms`,
              }),
          targetRatio: THROTTLE ? THROTTLED_COMPLETE_TARGET : COMPLETE_TARGET,
          details: { roles: final.roles.length, 'inventory updates sent': sent.length, 'with rows': withRows },
          mustHold: final.roles.length === ROLES,
        });
        const onceBytes = JSON.stringify(final).length;
        const bytesMet = printResult({
          name: `inventory updates' JSON to the renderer (incremental), against the whole list once`,
          measuredMs: incrementalTotal / 1e6,
          floorMs: onceBytes / 1e6,
          floor: `each of ${ROLES.toLocaleString('en')} roles sent once, as one getInventory`,
          unit: 'MB',
          targetRatio: BYTES_TARGET,
          details: {
            updates: sent.length,
            incremental: sizes(incremental),
            'whole lists each time (before)': sizes(whole),
            'incremental / whole lists': (incrementalTotal / wholeTotal).toFixed(3),
            'round trip equals the core’s list': String(roundTrip),
            'version gaps': gaps,
          },
          mustHold: roundTrip && gaps === 0,
        });
        return firstMet && completeMet && bytesMet;
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
        Object.assign(process.env, savedEnv);
        temp.cleanup();
      }
    },
  );
}
