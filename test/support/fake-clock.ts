import type { Clock } from '../../electron/core/support/clock.js';

/** 2025-01-06T09:00:00Z, a Monday morning: a fixed, readable starting point for tests. */
export const FAKE_CLOCK_START = Date.UTC(2025, 0, 6, 9, 0, 0);

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/**
 * A Clock whose time moves only when a test says so. `advance(ms)` fires every timer that
 * falls due in the window in due order (ties in the order they were set), with `now()`
 * reading each timer's due time while it runs, so timers set by a firing timer that fall
 * inside the window fire too.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start: number = FAKE_CLOCK_START) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** How many timers are waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers synchronously. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) {
      this.current = timer.dueAt;
      timer.callback();
    }
    this.current = target;
  }

  /**
   * Like `advance`, but lets promise chains and I/O callbacks run after each timer fires, for
   * code whose timers start async work that schedules further timers.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) {
      this.current = timer.dueAt;
      timer.callback();
      await settle();
    }
    this.current = target;
  }

  /** Jumps to an absolute time (forward only), firing due timers on the way. */
  advanceTo(time: number): void {
    if (time < this.current) throw new Error('FakeClock cannot go backwards');
    this.advance(time - this.current);
  }

  private takeDue(limit: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (timer.dueAt <= limit && (!earliest || timer.dueAt < earliest.dueAt)) earliest = timer;
    }
    if (earliest) this.timers = this.timers.filter((timer) => timer !== earliest);
    return earliest;
  }
}

/** Resolves after pending promise jobs and one turn of the event loop have run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
