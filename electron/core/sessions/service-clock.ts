/**
 * Identity Center's clock, as its answers' `Date` header tells it. Token and role expiry
 * times come from the service, so a local clock minutes off makes countdowns lie and sign-in
 * fail (the service refuses what looks expired or not yet valid to it). The skew is measured
 * against the machine's real clock (Date.now), the clock the Date header is comparable to,
 * and applied on top of the core's Clock when a countdown compares "now" with a service time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import type { Clock } from '../support/clock.js';

/** Over this far apart, every surface warns: a few minutes, well past any network delay. */
export const CLOCK_SKEW_WARNING_MS = 3 * 60_000;
/**
 * Below this, a measured skew is the header's one-second resolution plus the round trip,
 * not a wrong clock: countdowns are left on the local clock.
 */
const SKEW_NOISE_MS = 2_000;

/** One reading of the service's time: its Date header, and when the request left and the answer came (local ms). */
export interface ServiceDateSample {
  date: string;
  sentAt: number;
  receivedAt: number;
}

/**
 * How far the service's clock is ahead of ours (negative: behind), from one answer; undefined
 * when the header is missing or unreadable. The header has whole seconds, so the service's
 * time was somewhere in [date, date + 1 s): the middle of that is compared with the middle of
 * the round trip.
 */
export function skewFromDate(sample: ServiceDateSample): number | undefined {
  const date = Date.parse(sample.date);
  if (!Number.isFinite(date)) return undefined;
  return Math.round(date + 500 - (sample.sentAt + sample.receivedAt) / 2);
}

/** Whether a skew is large enough to warn about. */
export function isClockSkewed(skewMs: number | undefined): skewMs is number {
  return skewMs !== undefined && Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS;
}

/** `4 minutes ahead of` / `2 hours behind`: how the local clock stands against the service's. */
export function describeClockSkew(skewMs: number): string {
  // A positive skew means the service is ahead, so the local clock is behind.
  const direction = skewMs > 0 ? 'behind' : 'ahead of';
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const amount =
    minutes >= 120
      ? `${Math.round(minutes / 60)} hours`
      : minutes >= 1
        ? `${minutes} minute${minutes === 1 ? '' : 's'}`
        : `${Math.round(Math.abs(skewMs) / 1000)} seconds`;
  return `This computer's clock is ${amount} ${direction} IAM Identity Center's`;
}

export const CLOCK_SKEW_FIX =
  'Set the clock right: turn on automatic date and time (NTP) in the system settings. Until then expiry times and countdowns are off, and sign-in can fail.';

/**
 * The latest skew Identity Center's answers showed, for one process. The latest reading wins:
 * when someone fixes the clock, the next answer says so.
 */
export class ServiceClock {
  private skew: number | undefined;
  private readonly listeners = new Set<(skewMs: number) => void>();

  constructor(private readonly clock: Clock) {}

  /** Records an answer's Date header; returns the skew it showed. */
  observe(sample: ServiceDateSample): number | undefined {
    const skew = skewFromDate(sample);
    if (skew === undefined) return undefined;
    const before = this.skew;
    this.skew = skew;
    if (
      before === undefined ||
      isClockSkewed(before) !== isClockSkewed(skew) ||
      Math.abs(before - skew) > SKEW_NOISE_MS
    )
      for (const listener of this.listeners) listener(skew);
    return skew;
  }

  /**
   * A skew another process saw (the stored record), used until this process sees an answer
   * of its own; tells no listener, since it is no news.
   */
  assume(skewMs: number): void {
    this.skew ??= skewMs;
  }

  /** The core's clock with "now" on the service's time, for whatever compares now with a service-given expiry. */
  get asClock(): Clock {
    const { clock } = this;
    return {
      now: () => this.now(),
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    };
  }

  /** Service minus local time, ms; undefined until an answer was seen. */
  get skewMs(): number | undefined {
    return this.skew;
  }

  /** "Now" by the service's clock: the core's clock, corrected by a skew beyond the noise. */
  now(): number {
    const skew = this.skew;
    return this.clock.now() + (skew !== undefined && Math.abs(skew) > SKEW_NOISE_MS ? skew : 0);
  }

  /** Called when the skew changes by more than the noise (or first becomes known). Returns an unsubscribe. */
  onChange(listener: (skewMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The last skew a Lanyard process saw, kept for commands that make no request (`lanyard status`). */
export interface ClockSkewRecord {
  skewMs: number;
  /** Epoch ms (local clock) of the answer that showed it. */
  observedAt: number;
}

export function clockSkewRecordFile(dataDir: string): string {
  return path.join(dataDir, 'clock-skew.json');
}

/** The stored skew, if a process saw one worth warning about; anything unreadable counts as none. */
export async function readClockSkewRecord(dataDir: string): Promise<ClockSkewRecord | undefined> {
  try {
    const raw: unknown = JSON.parse((await readTextIfExists(clockSkewRecordFile(dataDir))) ?? 'null');
    if (!raw || typeof raw !== 'object') return undefined;
    const { skewMs, observedAt } = raw as Record<string, unknown>;
    if (typeof skewMs !== 'number' || typeof observedAt !== 'number') return undefined;
    return { skewMs, observedAt };
  } catch {
    return undefined;
  }
}

/**
 * Keeps the record in step with a new reading: written while the skew is worth a warning,
 * removed once it is not (so a fixed clock stops the warnings).
 */
export async function saveClockSkewRecord(dataDir: string, record: ClockSkewRecord): Promise<void> {
  const file = clockSkewRecordFile(dataDir);
  if (isClockSkewed(record.skewMs)) {
    await fs.mkdir(dataDir, { recursive: true });
    await writeFileAtomically(file, JSON.stringify(record));
  } else {
    await fs.rm(file, { force: true });
  }
}
