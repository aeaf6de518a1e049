import { describe, expect, it } from 'vitest';
import { sleep } from '../../../../electron/core/support/clock.js';
import { AdaptiveRateLimiter, MIN_RATE_PER_SECOND } from '../../../../electron/core/accounts/rate-limiter.js';
import { FakeClock } from '../../../support/fake-clock.js';

/** A deterministic stand-in for Math.random. */
function seededRandom(seed = 42): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

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

interface Run {
  seconds: number;
  throttled: number;
  limiter: AdaptiveRateLimiter;
}

/** `calls` calls by `concurrency` workers with `latencyMs` round trips, retrying throttles with backoff. */
async function simulate(options: {
  rate: number;
  burst: number;
  calls: number;
  concurrency: number;
  latencyMs: number;
}): Promise<Run> {
  const clock = new FakeClock(0);
  const limiter = new AdaptiveRateLimiter(clock);
  const accept = tokenBucket(clock, options.rate, options.burst);
  const random = seededRandom();
  let started = 0;
  let throttled = 0;
  const worker = async (): Promise<void> => {
    while (started < options.calls) {
      started += 1;
      for (let attempt = 0; ; attempt += 1) {
        const sentAt = await limiter.acquire();
        await sleep(clock, options.latencyMs);
        if (accept()) {
          limiter.accepted();
          break;
        }
        throttled += 1;
        limiter.throttled(sentAt);
        await sleep(clock, Math.min(5_000, 100 * 2 ** attempt) * (0.5 + random() / 2));
      }
    }
  };
  let finished = false;
  void Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => (finished = true));
  while (!finished) await clock.advanceAsync(5);
  return { seconds: clock.now() / 1000, throttled, limiter };
}

describe('AdaptiveRateLimiter', () => {
  it('does not pace at all until the service throttles', async () => {
    const clock = new FakeClock(0);
    const limiter = new AdaptiveRateLimiter(clock);
    for (let call = 0; call < 100; call += 1) {
      await limiter.acquire();
      limiter.accepted();
    }
    expect(clock.now()).toBe(0);
    expect(limiter.stats()).toEqual({ throttles: 0, cuts: 0 });
  });

  it.each([
    { rate: 20, burst: 10 },
    { rate: 20, burst: 1 },
    { rate: 5, burst: 10 },
    { rate: 100, burst: 50 },
  ])(
    'settles at a token-bucket service rate of $rate/s (burst $burst) without hammering it',
    async ({ rate, burst }) => {
      const calls = 505;
      const run = await simulate({ rate, burst, calls, concurrency: 16, latencyMs: 50 });
      const floorSeconds = calls / rate;
      expect(run.seconds).toBeLessThan(floorSeconds * 1.1);
      // Unlimited, 16 workers would send 320 calls a second; the limiter keeps throttles rare.
      expect(run.throttled).toBeLessThan(calls * 0.25);
      expect(run.limiter.stats().rate).toBeGreaterThan(rate * 0.8);
      expect(run.limiter.stats().rate).toBeLessThan(rate * 1.3);
    },
  );

  it('cuts once for a burst of throttles from calls already in flight', async () => {
    const clock = new FakeClock(0);
    const limiter = new AdaptiveRateLimiter(clock);
    const sent = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
    clock.advance(50);
    for (let index = 0; index < 5; index += 1) limiter.accepted();
    for (const sentAt of sent.slice(5)) limiter.throttled(sentAt);
    expect(limiter.stats()).toMatchObject({ throttles: 5, cuts: 1 });
    // Five accepted in the 50 ms since the first call: 100/s, paced just under.
    expect(limiter.stats().rate).toBeCloseTo(95, 5);
  });

  it('paces waiters one interval apart after a cut, and speeds back up while nothing is throttled', async () => {
    const clock = new FakeClock(0);
    const limiter = new AdaptiveRateLimiter(clock);
    const first = await limiter.acquire();
    clock.advance(1_000);
    limiter.accepted();
    limiter.throttled(first);
    const rate = limiter.stats().rate as number;
    expect(rate).toBeCloseTo(MIN_RATE_PER_SECOND, 5);
    const times: number[] = [];
    const waiting = Array.from({ length: 3 }, () => limiter.acquire().then((at) => times.push(at)));
    await clock.advanceAsync(10_000);
    await Promise.all(waiting);
    expect(times).toEqual([2_000, 3_000, 4_000]);
    limiter.accepted();
    expect(limiter.stats().rate).toBeGreaterThan(rate);
  });

  it('lets an aborted waiter go without taking a turn', async () => {
    const clock = new FakeClock(0);
    const limiter = new AdaptiveRateLimiter(clock);
    limiter.throttled(await limiter.acquire());
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stop');
  });
});
