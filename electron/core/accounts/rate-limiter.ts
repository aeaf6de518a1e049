import { type Clock, systemClock } from '../support/clock.js';

/** The limiter never paces slower than this, so work always moves on. Requests per second. */
export const MIN_RATE_PER_SECOND = 1;
/** Accepted calls are counted over this trailing window to measure what the service takes. */
export const MEASURE_WINDOW_MS = 1_000;
/**
 * Measurements span at least this long. The first measurement spans just one round trip (from
 * the first call to the first throttle), which is what it should: over a longer span it would
 * understate the service's rate and crawl back up from there.
 */
const MIN_MEASURE_SPAN_MS = 10;
/** After a throttle, send at this fraction of the rate the service was measured to accept. */
export const THROTTLE_BACKOFF_FACTOR = 0.95;
/** Without throttles, the rate grows by this fraction of itself per second... */
export const RECOVERY_FRACTION_PER_SECOND = 0.05;
/** ...but by at least this many requests per second, per second. */
export const MIN_RECOVERY_PER_SECOND = 0.5;

export interface RateLimiterStats {
  /** Requests per second the limiter paces to; undefined while it has never been throttled. */
  rate?: number;
  /** Throttles reported. */
  throttles: number;
  /** Times the rate was cut (once per burst of throttles). */
  cuts: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A client-side rate limiter shared by every call to one service (all concurrent calls of an
 * SSO session). It starts unlimited. When the service throttles, it measures how many calls the
 * service actually accepted over the last second and paces to just under that: a token-bucket
 * service accepts its refill rate while we send faster, so the measurement lands on the
 * service's rate without guessing, and the throttles stop instead of being hammered out by
 * retries. It then speeds back up slowly (additive increase), so a service that allows more
 * again is found, and a limit that returns is met by one more measured cut.
 *
 * One cut per burst of throttles: calls already in flight when the rate was cut report
 * throttles that say nothing about the new rate, so those are counted but do not cut again.
 *
 * Callers: `const sentAt = await limiter.acquire(signal)` before each request, then
 * `limiter.accepted()` or `limiter.throttled(sentAt)` with the answer.
 */
export class AdaptiveRateLimiter {
  private rate: number | undefined;
  /** When `rate` last changed (cut or growth), epoch ms. */
  private rateSetAt = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private nextSendAt = 0;
  private firstSendAt: number | undefined;
  /** Times of accepted calls within MEASURE_WINDOW_MS, oldest first. */
  private acceptedTimes: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: unknown;
  private throttles = 0;
  private cuts = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  stats(): RateLimiterStats {
    return { ...(this.rate === undefined ? {} : { rate: this.rate }), throttles: this.throttles, cuts: this.cuts };
  }

  /** Waits for this call's turn. Resolves to the send time, to hand back to `throttled`. */
  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.firstSendAt ??= this.clock.now();
    if (this.waiters.length === 0 && this.clock.now() >= this.nextSendAt) {
      this.release();
      return Promise.resolve(this.clock.now());
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve: () => resolve(this.clock.now()), reject, ...(signal ? { signal } : {}) };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** The service accepted a call. */
  accepted(): void {
    const now = this.clock.now();
    this.acceptedTimes.push(now);
    this.forgetBefore(now - MEASURE_WINDOW_MS);
    this.grow(now);
  }

  /** The service throttled a call sent at `sentAt` (from `acquire`). */
  throttled(sentAt: number): void {
    this.throttles += 1;
    if (sentAt < this.lastCutAt) return;
    const now = this.clock.now();
    const measured = this.acceptedRate(now);
    const current = this.rate ?? Number.POSITIVE_INFINITY;
    this.rate = Math.max(MIN_RATE_PER_SECOND, Math.min(current, measured) * THROTTLE_BACKOFF_FACTOR);
    this.rateSetAt = now;
    this.lastCutAt = now;
    this.cuts += 1;
    this.nextSendAt = Math.max(this.nextSendAt, now + this.intervalMs());
  }

  /** Calls the service accepted per second lately. */
  private acceptedRate(now: number): number {
    this.forgetBefore(now - MEASURE_WINDOW_MS);
    const since = Math.max(this.firstSendAt ?? now, now - MEASURE_WINDOW_MS);
    const span = Math.max(MIN_MEASURE_SPAN_MS, now - since);
    return (this.acceptedTimes.length * 1000) / span;
  }

  private forgetBefore(time: number): void {
    let drop = 0;
    while (drop < this.acceptedTimes.length && (this.acceptedTimes[drop] as number) < time) drop += 1;
    if (drop > 0) this.acceptedTimes.splice(0, drop);
  }

  private grow(now: number): void {
    if (this.rate === undefined) return;
    const seconds = (now - this.rateSetAt) / 1000;
    if (seconds <= 0) return;
    this.rate += seconds * Math.max(MIN_RECOVERY_PER_SECOND, this.rate * RECOVERY_FRACTION_PER_SECOND);
    this.rateSetAt = now;
  }

  private intervalMs(): number {
    return this.rate === undefined ? 0 : 1000 / this.rate;
  }

  /** Takes the current send slot. */
  private release(): void {
    const now = this.clock.now();
    this.nextSendAt = Math.max(now, this.nextSendAt) + this.intervalMs();
  }

  /** Lets waiters go, one per interval. */
  private pump(): void {
    if (this.timer !== undefined) return;
    for (;;) {
      const waiter = this.waiters[0];
      if (!waiter) return;
      const wait = this.nextSendAt - this.clock.now();
      if (wait > 0) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      this.waiters.shift();
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.release();
      waiter.resolve();
    }
  }
}
