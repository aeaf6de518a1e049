import { type Clock, sleep, systemClock } from '../support/clock.js';

/** A background pace never falls below this (or its ceiling, if that is lower). Requests per second. */
export const BACKGROUND_MIN_RATE_PER_SECOND = 0.5;
/** After a throttle, background work sends at this fraction of its pace before. */
export const BACKGROUND_BACKOFF_FACTOR = 0.5;
/** While calls are accepted, the pace regains this fraction of its ceiling per second. */
export const BACKGROUND_RECOVERY_FRACTION_PER_SECOND = 0.05;

export interface BackgroundPaceStats {
  /** Requests per second it paces to now; undefined once lifted. */
  rate?: number;
  /** Throttles reported, and times the pace was cut (once per burst of throttles). */
  throttles: number;
  cuts: number;
}

/**
 * The pace of one piece of background work on the portal (revalidating a stored inventory),
 * so that it never provokes the throttling the user's other AWS tools would suffer: the
 * session's share of Identity Center's rate is the user's, not Lanyard's. Requests take turns,
 * never more of them than the pace (at most `ceiling`, the `backgroundRequestsPerSecond`
 * setting) in any one second. The first second's worth goes at once, so revalidating a small
 * organization costs no waiting; after that they are spread evenly, one every 1/pace seconds.
 * Each also waits its turn at the session's adaptive limiter (`send` below), which still paces
 * to what the service accepts. A throttle halves the pace (once per burst: calls already in
 * flight say nothing about the new pace), and accepted calls win it back slowly, up to the
 * ceiling.
 *
 * `lift()` ends the pacing when a person starts waiting for the same work (a listing asked for
 * in the app or the CLI while a background one runs); a call already waiting for its slot
 * still takes it.
 */
export class BackgroundPace {
  private rate: number;
  /** When `rate` last changed (cut or growth), epoch ms. */
  private rateSetAt: number;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  /** When the latest calls went out (at most `perSecond(ceiling)` of them), oldest first. */
  private readonly recentSends: number[] = [];
  private sent = 0;
  /** Settles when the call before the next one has been sent: calls take their turns in order. */
  private queue: Promise<void> = Promise.resolve();
  private lifted = false;
  private throttles = 0;
  private cuts = 0;

  constructor(
    private readonly ceiling: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ceiling > 0)) throw new RangeError('a background pace needs a positive rate');
    this.rate = ceiling;
    this.rateSetAt = clock.now();
  }

  stats(): BackgroundPaceStats {
    return { ...(this.lifted ? {} : { rate: this.rate }), throttles: this.throttles, cuts: this.cuts };
  }

  /** Stops pacing: from now on calls go straight to `send`. */
  lift(): void {
    this.lifted = true;
  }

  /**
   * Waits for this call's slot, then runs `send` (the session limiter's `acquire`, which resolves
   * to the send time) and resolves to what it resolves to. The next call's slot is counted from
   * the moment `send` resolved, that is from when this call really went out.
   */
  async turn(send: () => Promise<number>, signal?: AbortSignal): Promise<number> {
    if (this.lifted) return send();
    const previous = this.queue;
    let done!: () => void;
    this.queue = new Promise<void>((resolve) => (done = resolve));
    try {
      await untilSettledOrAborted(previous, signal);
      const wait = this.nextSlot() - this.clock.now();
      if (!this.lifted && wait > 0) await sleep(this.clock, wait, signal);
      const sentAt = await send();
      this.recordSend(this.clock.now());
      return sentAt;
    } finally {
      // A call that gave up (aborted) still lets the next one go only after the one before it.
      void previous.then(done);
    }
  }

  /** When the next call may go: not more than the pace in any second; evenly spaced after the first second's worth. */
  private nextSlot(): number {
    const allowed = perSecond(this.rate);
    const windowFull = this.recentSends.length >= allowed;
    const windowSlot = windowFull ? (this.recentSends[this.recentSends.length - allowed] as number) + 1000 : 0;
    const opening = this.sent < perSecond(this.ceiling);
    const last = this.recentSends[this.recentSends.length - 1];
    const spacedSlot = opening || last === undefined ? 0 : last + 1000 / this.rate;
    return Math.max(windowSlot, spacedSlot);
  }

  private recordSend(time: number): void {
    this.sent += 1;
    this.recentSends.push(time);
    if (this.recentSends.length > perSecond(this.ceiling)) this.recentSends.shift();
  }

  /** The service accepted a call. */
  accepted(): void {
    const now = this.clock.now();
    const seconds = (now - this.rateSetAt) / 1000;
    if (seconds <= 0) return;
    this.rate = Math.min(this.ceiling, this.rate + seconds * this.ceiling * BACKGROUND_RECOVERY_FRACTION_PER_SECOND);
    this.rateSetAt = now;
  }

  /** The service throttled a call sent at `sentAt` (what `turn` resolved to). */
  throttled(sentAt: number): void {
    this.throttles += 1;
    if (sentAt < this.lastCutAt) return;
    const now = this.clock.now();
    const floor = Math.min(this.ceiling, BACKGROUND_MIN_RATE_PER_SECOND);
    this.rate = Math.max(floor, this.rate * BACKGROUND_BACKOFF_FACTOR);
    this.rateSetAt = now;
    this.lastCutAt = now;
    this.cuts += 1;
  }
}

/** Calls a pace of `rate` a second allows in any one second: at least one. */
function perSecond(rate: number): number {
  return Math.max(1, Math.floor(rate));
}

/** Resolves when `promise` settles, or rejects with the signal's reason when it aborts first. */
function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
