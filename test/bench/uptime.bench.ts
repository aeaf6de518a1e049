/**
 * A week of uptime (issue 13): `lanyard agent` through the simulated week of
 * test/support/week-of-uptime.ts (the scenario test/integration/week-of-uptime.test.ts asserts
 * on: sleeps of 8 to 14 hours, network drops, one-hour tokens, two SSO sessions that end and
 * are signed in again, AWS commands), on the injected clock. Prints the heap in use after a
 * forced GC when the agent has started, at the end of each day and after the week, with the
 * week's counts. Target: the heap after the week within 10 % (or 2 MB, whichever is more) of
 * the heap at the end of the first day, when every module is loaded and every cache filled
 * once; and no timer, listener or handle more on the last day than on the second.
 * The fake Identity Center runs in the same process (its record of issued tokens grows by a
 * few hundred entries over the week: tens of kilobytes).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { type ResourceCount, runWeekOfUptime } from '../support/week-of-uptime.js';

const HEAP_GROWTH_RATIO = 1.1;
const HEAP_GROWTH_FLOOR_BYTES = 2e6;

/** A full collection: global.gc under --expose-gc, otherwise the same function switched on now. */
function collector(): { gc: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return { gc: exposed, how: 'global.gc (--expose-gc)' };
  v8.setFlagsFromString('--expose-gc');
  return { gc: vm.runInNewContext('gc') as () => void, how: "v8.setFlagsFromString('--expose-gc') at run time" };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function handles(count: ResourceCount): number {
  return Object.values(count.activeResources).reduce((sum, n) => sum + n, 0);
}

export default async function uptimeBench(): Promise<boolean> {
  const { gc, how } = collector();
  const heapNow = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  let started = 0;
  const dayHeaps: number[] = [];
  const report = await runWeekOfUptime({
    sleepingTimers: 'paused',
    onStarted: () => {
      started = heapNow();
    },
    onEndOfDay: () => {
      dayHeaps.push(heapNow());
    },
  });
  const firstDay = dayHeaps[0] as number;
  const last = dayHeaps.at(-1) as number;
  const allowed = Math.max(firstDay * HEAP_GROWTH_RATIO, firstDay + HEAP_GROWTH_FLOOR_BYTES);
  const day2 = report.days[1] as ResourceCount;
  const day7 = report.days.at(-1) as ResourceCount;
  const flat =
    day7.timers <= day2.timers &&
    day7.processListeners <= day2.processListeners &&
    day7.emitterListeners <= day2.emitterListeners &&
    handles(day7) <= handles(day2) + 2;
  const clean = report.refreshTokenReuse === 0 && report.refreshTokenRepeats === 0 && report.agentExitCode === 0;
  const met = last <= allowed && flat && clean;

  console.log(`forced GC: ${how}`);
  console.log(`heap used: ${mb(started)} when started, ${dayHeaps.map(mb).join(' / ')} at the end of each day`);
  console.log(
    `heap after the week: ${mb(last)} vs ${mb(firstDay)} after day 1 (${(last / firstDay).toFixed(2)}x), ` +
      `target <= ${mb(allowed)}: ${met ? 'target met' : 'target missed'}`,
  );
  console.log(
    `the week: ${(report.awakeMs / 3_600_000).toFixed(1)} h awake over ${report.wakeUps.length} wake-ups, ` +
      `${report.timersFired.toLocaleString('en')} timers fired, ${(report.realMs / 1000).toFixed(1)} s real time`,
  );
  console.log(
    `refreshes ${report.refreshes} (keep-alive attempts ${report.refreshAttempts}), refresh tokens presented twice ` +
      `${report.refreshTokenRepeats} (spent ones ${report.refreshTokenReuse}), portal calls ${report.portalCalls}, ` +
      `AWS commands ${report.commands.length} (${report.commands.filter((command) => command.refreshedToken).length} had to refresh), ` +
      `connections dropped offline ${report.droppedOffline}, sign-in needed ${report.signInNeededStates}x`,
  );
  const slowestWake = Math.max(
    ...report.wakeUps.flatMap((wake) =>
      wake.refreshDue && wake.firstAttemptAfterMs !== undefined ? [wake.firstAttemptAfterMs] : [],
    ),
  );
  console.log(`first refresh attempt after a wake-up: at most ${(slowestWake / 1000).toFixed(1)} s`);
  console.log(
    `day 2 -> day 7: timers ${day2.timers} -> ${day7.timers}, process listeners ${day2.processListeners} -> ${day7.processListeners}, ` +
      `emitter listeners ${day2.emitterListeners} -> ${day7.emitterListeners}, handles ${handles(day2)} -> ${handles(day7)}`,
  );
  return met;
}
