import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_BACKOFF_FACTOR,
  BACKGROUND_MIN_RATE_PER_SECOND,
  BackgroundPace,
} from '../../../../electron/core/accounts/background-pace.js';
import { AdaptiveRateLimiter } from '../../../../electron/core/accounts/rate-limiter.js';
import { sleep } from '../../../../electron/core/support/clock.js';
import { FakeClock } from '../../../support/fake-clock.js';

/** A token-bucket service like the fake's: `burst` calls at once, refilled at `rate` per second. */
function tokenBucket(clock: FakeClock, rate: number, burst: number): () => boolean {
  let tokens = burst;
  let refilledAt = clock.now();
  return () => {
    tokens = Math.min(burst, tokens + ((clock.now() - refilledAt) / 1000) * rate);
    refilledAt = clock.now();
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** The most send times within any one second (half-open windows starting at each send). */
function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (let first = 0; first < times.length; first += 1) {
    let count = 0;
    for (let next = first; next < times.length && (times[next] as number) < (times[first] as number) + 1000; next += 1)
      count += 1;
    most = Math.max(most, count);
  }
  return most;
}

interface Run {
  sends: number[];
  throttledAt: number[];
  seconds: number;
  pace: BackgroundPace;
}

/**
 * `calls` calls by `concurrency` workers at `ceiling` a second, each through the pace and then a
 * session limiter as PortalClient makes them, against a token-bucket service; throttled calls
 * are retried after a backoff.
 */
async function simulate(options: {
  ceiling: number;
  calls: number;
  concurrency: number;
  latencyMs: number;
  service: { rate: number; burst: number };
}): Promise<Run> {
  const clock = new FakeClock(0);
  const pace = new BackgroundPace(options.ceiling, clock);
  const limiter = new AdaptiveRateLimiter(clock);
  const accept = tokenBucket(clock, options.service.rate, options.service.burst);
  const sends: number[] = [];
  const throttledAt: number[] = [];
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < options.calls) {
      started += 1;
      for (let attempt = 0; ; attempt += 1) {
        const sentAt = await pace.turn(() => limiter.acquire());
        sends.push(clock.now());
        await sleep(clock, options.latencyMs);
        if (accept()) {
          limiter.accepted();
          pace.accepted();
          break;
        }
        throttledAt.push(clock.now());
        limiter.throttled(sentAt);
        pace.throttled(sentAt);
        await sleep(clock, Math.min(5_000, 100 * 2 ** attempt));
      }
    }
  };
  let finished = false;
  void Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => (finished = true));
  while (!finished) await clock.advanceAsync(5);
  return { sends: sends.sort((a, b) => a - b), throttledAt, seconds: clock.now() / 1000, pace };
}

describe('BackgroundPace', () => {
  it('spreads a revalidation of 300 accounts evenly: never more than its rate in any second', async () => {
    // The service would take 20 a second; 16 calls in flight could send 320 a second.
    const run = await simulate({
      ceiling: 5,
      calls: 300,
      concurrency: 16,
      latencyMs: 50,
      service: { rate: 20, burst: 10 },
    });

    expect(run.throttledAt).toEqual([]);
    expect(busiestSecond(run.sends)).toBe(5);
    // The first second's worth at once, then one every 200 ms.
    expect(run.sends.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1000]);
    const gaps = run.sends.slice(6).map((time, index) => time - (run.sends[index + 5] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    // Evenly spread, not slower than it needs to be: 300 calls at 5 a second.
    expect(run.seconds).toBeGreaterThan(59);
    expect(run.seconds).toBeLessThan(62);
    expect(run.pace.stats()).toEqual({ rate: 5, throttles: 0, cuts: 0 });
  });

  it('backs off when the service throttles (others use the rate too), and never exceeds its rate', async () => {
    // Only 2 a second are left for Lanyard.
    const run = await simulate({
      ceiling: 5,
      calls: 120,
      concurrency: 16,
      latencyMs: 50,
      service: { rate: 2, burst: 2 },
    });

    const firstThrottle = run.throttledAt[0] as number;
    expect(firstThrottle).toBeDefined();
    expect(run.pace.stats().cuts).toBeGreaterThan(0);
    expect(busiestSecond(run.sends)).toBeLessThanOrEqual(5);
    // Right after the first throttle the pace is halved: at most 2.5 calls in the next second.
    const nextSecond = run.sends.filter((time) => time > firstThrottle && time <= firstThrottle + 1000);
    expect(nextSecond.length).toBeLessThanOrEqual(Math.ceil(5 * BACKGROUND_BACKOFF_FACTOR));
    // It settles near what the service leaves it, instead of hammering: few calls are throttled.
    expect(run.throttledAt.length).toBeLessThan(run.sends.length * 0.15);
    expect(run.seconds).toBeLessThan((120 / 2) * 1.3);
  });

  it('halves once per burst of throttles, down to its floor, and wins the rate back while calls are accepted', async () => {
    const clock = new FakeClock(0);
    const pace = new BackgroundPace(8, clock);
    const sentAt = await pace.turn(async () => clock.now());
    clock.advance(100);
    pace.throttled(sentAt);
    pace.throttled(sentAt); // sent before the cut: counted, no second cut
    expect(pace.stats()).toEqual({ rate: 4, throttles: 2, cuts: 1 });
    for (let cut = 0; cut < 10; cut += 1) {
      clock.advance(1);
      pace.throttled(clock.now());
    }
    expect(pace.stats().rate).toBe(BACKGROUND_MIN_RATE_PER_SECOND);
    clock.advance(60_000);
    pace.accepted();
    expect(pace.stats().rate).toBe(8);
  });

  it('stops pacing once lifted (a person now waits for the listing)', async () => {
    const clock = new FakeClock(0);
    const pace = new BackgroundPace(1, clock);
    await pace.turn(async () => clock.now());
    pace.lift();
    for (let call = 0; call < 20; call += 1) await pace.turn(async () => clock.now());
    expect(clock.now()).toBe(0);
    expect(pace.stats()).toEqual({ throttles: 0, cuts: 0 });
  });

  it('sends a revalidation that fits in one second at once', async () => {
    const clock = new FakeClock(0);
    const pace = new BackgroundPace(5, clock);
    await Promise.all(Array.from({ length: 5 }, () => pace.turn(async () => clock.now())));
    expect(clock.now()).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets an aborted call go at once, and keeps the calls after it spaced', async () => {
    const clock = new FakeClock(0);
    const pace = new BackgroundPace(1, clock);
    const sends: number[] = [];
    const send = async (): Promise<number> => {
      sends.push(clock.now());
      return clock.now();
    };
    const abort = new AbortController();
    const first = pace.turn(send);
    const second = pace.turn(send, abort.signal);
    const third = pace.turn(send);
    const secondOutcome = second.catch((error: unknown) => error);
    await first;
    abort.abort(new Error('listing over'));
    await expect(secondOutcome).resolves.toMatchObject({ message: 'listing over' });
    while (sends.length < 2) await clock.advanceAsync(50);
    await third;
    expect(sends).toEqual([0, 1000]);
  });
});
