/**
 * Inventory of 500 accounts against the fake Identity Center (in a worker thread) with 50 ms
 * of latency per call: unthrottled, then under a 20 requests/second throttle.
 */
import { DEFAULT_INVENTORY_CONCURRENCY } from '../../electron/core/accounts/inventory.js';
import type { ThrottleOptions } from '../fake-idc/index.js';
import { measureListing } from './listing.js';
import { printResult } from './report.js';

const ACCOUNTS = 500;
const LATENCY_MS = 50;
/** 20 calls per second, with a bucket of 10: the service tolerates a short burst, no more. */
const THROTTLE: ThrottleOptions = { ratePerSecond: 20, burst: 10 };
const UNTHROTTLED_TARGET = 1.25;
const THROTTLED_TARGET = 1.15;

function measure(throttle?: ThrottleOptions): ReturnType<typeof measureListing> {
  return measureListing({ accounts: ACCOUNTS, latencyMs: LATENCY_MS, ...(throttle ? { throttle } : {}) });
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
