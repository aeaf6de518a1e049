import type { Clock } from '../../electron/core/support/clock.js';

/**
 * What happens to timers while the lid is closed. `paused`: they run on a clock that stops
 * during sleep (Node's timers follow the monotonic clock, which on Linux and macOS does not
 * count suspended time), so each fires as late as the sleep was long: a 30-second poll set
 * just before the lid closed fires 30 s after it opens. `fire-on-wake`: every timer that fell
 * due during the sleep fires the moment the lid opens.
 */
export type SleepingTimers = 'paused' | 'fire-on-wake';

interface LaptopTimer {
  /** On the uptime clock. */
  readonly dueAt: number;
  readonly callback: () => void;
}

/**
 * A Clock for a laptop that sleeps: `now()` is the wall clock, which jumps when the lid opens,
 * while timers run on uptime. Time moves only when the scenario says so: `awake(ms)` fires
 * the timers that fall due in order (awaiting `afterEachTimer` after each, for the work they
 * start), `sleep(ms)` jumps the wall clock. It has no wake-up signal: `lanyard agent` runs on
 * the system clock, which has none either.
 */
export class LaptopClock implements Clock {
  private wall: number;
  private uptime = 0;
  private nextId = 1;
  /** Timers fired so far, and the time spent with the lid open. */
  fired = 0;
  awakeMs = 0;
  private readonly timers = new Map<number, LaptopTimer>();

  constructor(
    start: number,
    private readonly sleepingTimers: SleepingTimers,
  ) {
    this.wall = start;
  }

  now(): number {
    return this.wall;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { dueAt: this.uptime + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** The lid is open for `ms`: both clocks move, and due timers fire in order. */
  async awake(ms: number, afterEachTimer: () => Promise<void>): Promise<void> {
    const end = this.uptime + ms;
    this.awakeMs += ms;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      const [id, timer] = next;
      // A timer overdue from a sleep fires now, not in the past.
      const at = Math.max(timer.dueAt, this.uptime);
      this.wall += at - this.uptime;
      this.uptime = at;
      this.timers.delete(id);
      this.fired += 1;
      timer.callback();
      await afterEachTimer();
    }
    this.wall += end - this.uptime;
    this.uptime = end;
  }

  /** The lid is closed for `ms`: nothing runs; the wall clock reads `ms` later when it opens. */
  sleep(ms: number): void {
    this.wall += ms;
    if (this.sleepingTimers === 'fire-on-wake') this.uptime += ms;
  }

  private nextDue(limit: number): [number, LaptopTimer] | undefined {
    let earliest: [number, LaptopTimer] | undefined;
    // Map order is the order timers were set: ties go to the first set.
    for (const entry of this.timers) {
      if (entry[1].dueAt <= limit && (!earliest || entry[1].dueAt < earliest[1].dueAt)) earliest = entry;
    }
    return earliest;
  }
}
