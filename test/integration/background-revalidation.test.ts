/**
 * Background revalidation is gentle: a listing of a session whose list is already known keeps
 * to the `backgroundRequestsPerSecond` pace, so it never provokes the throttling the user's
 * other AWS tools would suffer, and backs off further when the service throttles anyway. Lanyard
 * and the fake Identity Center run on one FakeClock, so a minute of pacing takes no real minute;
 * send times are read where Lanyard sends (the session limiter's turn), throttles from the
 * fake's metrics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InventoryService } from '../../electron/core/accounts/inventory-service.js';
import { PortalClients } from '../../electron/core/accounts/portal-client.js';
import { DEFAULT_SETTINGS } from '../../electron/core/domain/settings.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import type { ThrottleOptions } from '../fake-idc/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

/**
 * The portal API's own rate is not documented (PROTOCOL.md has none); 20 requests a second is
 * the collective throttle AWS documents for its neighbouring identity APIs, with the short
 * burst of inventory.bench.ts.
 */
const SERVICE_THROTTLE: ThrottleOptions = { ratePerSecond: 20, burst: 10 };
const ACCOUNTS = 80;
/** Every account's roles, plus the one page of accounts. */
const CALLS = ACCOUNTS + 1;
/** Fake milliseconds per real one while a listing runs. */
const FAKE_SPEEDUP = 20;

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface Harness {
  fixture: SsoFixture;
  clock: FakeClock;
  service: InventoryService;
  /** Lanyard's send times (the moments its calls pass the session's limiter), fake clock ms. */
  sends: number[];
  /** When Lanyard was told a call was throttled. */
  throttles: number[];
  /** Waits for work (a listing) to end, moving the fake clock while it runs. */
  run<T>(work: Promise<T>): Promise<T>;
}

async function setUp(options: { throttle: ThrottleOptions; backgroundRate?: number }): Promise<Harness> {
  const clock = new FakeClock(Date.now());
  fixture = await createSsoFixture({ clock, accounts: ACCOUNTS, rolesPerAccount: 3, throttle: options.throttle });
  await fixture.seedToken();
  const { paths } = fixture.temp;
  const portals = new PortalClients({ tokens: new SessionTokens({ paths, clock }), clock, random: () => 0.5 });
  const service = new InventoryService({
    paths,
    portal: (session) => portals.get(session),
    clock,
    ...(options.backgroundRate ? { backgroundRequestsPerSecond: () => options.backgroundRate as number } : {}),
  });
  const { limiter } = portals.get(fixture.session);
  const sends: number[] = [];
  const throttles: number[] = [];
  const acquire = limiter.acquire.bind(limiter);
  limiter.acquire = async (signal) => {
    const sentAt = await acquire(signal);
    sends.push(clock.now());
    return sentAt;
  };
  const throttled = limiter.throttled.bind(limiter);
  limiter.throttled = (sentAt) => {
    throttles.push(clock.now());
    throttled(sentAt);
  };
  const run = async <T>(work: Promise<T>): Promise<T> => {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    watched.catch(() => undefined);
    while (!settled) {
      // Fake time runs at most FAKE_SPEEDUP times real time, so a loopback round trip to the fake
      // (about a real millisecond) costs tens of fake milliseconds, as a real one would, not seconds.
      await new Promise((resolve) => setTimeout(resolve, 1));
      await clock.advanceAsync(FAKE_SPEEDUP);
    }
    return watched;
  };
  return { fixture, clock, service, sends, throttles, run };
}

/** The most sends within any one second (half-open windows starting at each send). */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0; first < sorted.length; first += 1) {
    let count = 0;
    for (
      let next = first;
      next < sorted.length && (sorted[next] as number) < (sorted[first] as number) + 1000;
      next += 1
    )
      count += 1;
    most = Math.max(most, count);
  }
  return most;
}

function listingCounters(current: SsoFixture): { calls: number; throttled: number } {
  const accounts = current.fake.counters('ListAccounts');
  const roles = current.fake.counters('ListAccountRoles');
  return { calls: accounts.calls + roles.calls, throttled: accounts.throttled + roles.throttled };
}

describe('background revalidation', () => {
  it('at the default rate, never sends more than that in any second, and the fake throttles none of it', async () => {
    const harness = await setUp({ throttle: SERVICE_THROTTLE });
    const { fixture: current, service, sends } = harness;

    // The first listing has nothing to show yet: a person waits for it, so it goes as fast as
    // the service allows, and (sixteen calls in flight) meets the throttle.
    const first = await harness.run(service.refresh(current.session));
    expect(first.snapshot.complete).toBe(true);
    expect(listingCounters(current).throttled).toBeGreaterThan(0);
    expect(busiestSecond(sends)).toBeGreaterThan(DEFAULT_SETTINGS.backgroundRequestsPerSecond);

    // Revalidating the list it now shows is background work.
    current.fake.resetCounters();
    sends.length = 0;
    const startedAt = harness.clock.now();
    const again = await harness.run(service.refresh(current.session));

    expect(again.snapshot.complete).toBe(true);
    expect(again.snapshot.accounts).toHaveLength(ACCOUNTS);
    expect(listingCounters(current)).toEqual({ calls: CALLS, throttled: 0 });
    expect(sends).toHaveLength(CALLS);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(DEFAULT_SETTINGS.backgroundRequestsPerSecond);
    // Spread out, not merely slow: it takes as long as the pace says, and no longer.
    const seconds = (harness.clock.now() - startedAt) / 1000;
    expect(seconds).toBeGreaterThanOrEqual((CALLS - 1) / DEFAULT_SETTINGS.backgroundRequestsPerSecond);
    expect(seconds).toBeLessThan((CALLS / DEFAULT_SETTINGS.backgroundRequestsPerSecond) * 1.1);
  });

  it('keeps to a configured rate, and backs off when the service throttles it anyway', async () => {
    // Other tools of the user leave Lanyard only 3 calls a second of the service's rate.
    const harness = await setUp({ throttle: { ratePerSecond: 3, burst: 3 }, backgroundRate: 8 });
    const { fixture: current, service, sends, throttles } = harness;
    current.fake.setThrottle(undefined);
    await harness.run(service.refresh(current.session));
    current.fake.setThrottle({ ratePerSecond: 3, burst: 3 });
    current.fake.resetCounters();
    sends.length = 0;
    throttles.length = 0;

    const again = await harness.run(service.refresh(current.session));

    expect(again.snapshot.complete).toBe(true);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(8);
    const firstThrottle = throttles[0] as number;
    expect(firstThrottle).toBeDefined();
    // Halved at once: at most 4 calls in the second after the throttle.
    expect(sends.filter((time) => time > firstThrottle && time <= firstThrottle + 1000).length).toBeLessThanOrEqual(4);
    // It settles near what is left to it instead of hammering: few of its calls are throttled.
    const { calls, throttled } = listingCounters(current);
    expect(throttled).toBeGreaterThan(0);
    expect(throttled).toBeLessThan(calls * 0.15);
  });

  it('goes at full speed once a person asks for the listing it is revalidating', async () => {
    const harness = await setUp({ throttle: { ratePerSecond: 1000, burst: 1000 }, backgroundRate: 1 });
    const { fixture: current, service, clock } = harness;
    await harness.run(service.refresh(current.session));
    const startedAt = clock.now();

    const background = service.refresh(current.session);
    await clock.advanceAsync(3_000);
    // `lanyard accounts` (or the app's Refresh) joins the listing and lifts its pace.
    const asked = service.obtain(current.session);
    const [result, got] = await harness.run(Promise.all([background, asked]));

    expect(result.snapshot.complete).toBe(true);
    expect(got).toMatchObject({ source: 'live', inventory: result.inventory });
    // At 1 a second the revalidation alone would take 81 s.
    expect((clock.now() - startedAt) / 1000).toBeLessThan(10);
  });
});
