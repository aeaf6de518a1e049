import { describe, expect, it } from 'vitest';
import { sleep } from '../../../electron/core/support/clock.js';
import { FakeClock } from '../../support/fake-clock.js';

describe('FakeClock', () => {
  it('fires due timers in time order, ties in the order set, with now() at each due time', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    clock.advance(15);
    expect(fired).toEqual(['a@10']);
    clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(20);
  });

  it('fires timers set by a firing timer when they fall inside the window, and honours clearTimeout', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 5), 5);
    const cancelled = clock.setTimeout(() => fired.push(-1), 8);
    clock.clearTimeout(cancelled);
    clock.advance(10);
    expect(fired).toEqual([10]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('drives sleep() through advanceAsync and refuses to go backwards', async () => {
    const clock = new FakeClock(100);
    let woke = false;
    const sleeping = sleep(clock, 1_000).then(() => (woke = true));
    await clock.advanceAsync(999);
    expect(woke).toBe(false);
    await clock.advanceAsync(1);
    await sleeping;
    expect(woke).toBe(true);
    expect(() => clock.advanceTo(0)).toThrow(/backwards/);
  });
});
