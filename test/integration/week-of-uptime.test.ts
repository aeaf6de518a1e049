// Issue 13, "A week of uptime": `lanyard agent` through seven simulated days on a laptop
// (test/support/week-of-uptime.ts has the plan), against the fake Identity Center, on the
// injected clock. Timers stand still while the lid is closed, as Node's do on Linux and macOS.
import { describe, expect, it } from 'vitest';
import { WAKE_CHECK_MS } from '../../electron/core/sessions/keep-alive.js';
import {
  FIRST_SESSION_MS,
  type ResourceCount,
  WEEK_START,
  type WeekReport,
  runWeekOfUptime,
  weekTime,
} from '../support/week-of-uptime.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The lid opens with the Wi-Fi still down (back 90 s later), and into a session revoked overnight. */
const WAKE_WITHOUT_NETWORK = weekTime(3, '07:00');
const WAKE_INTO_REVOKED_SESSION = weekTime(4, '08:00');

/** The counts that must stay exactly as they were: timers, listeners, Node's handles but sockets. */
function exactPart(count: ResourceCount): Record<string, unknown> {
  // Sockets to the fake come and go with the listings; they and the collections are checked for growth below.
  const { TCPSocketWrap: _sockets, ...handles } = count.activeResources;
  return {
    timers: count.timers,
    processListeners: count.processListeners,
    emitterListeners: count.emitterListeners,
    handles,
  };
}

describe('a week of uptime', () => {
  let report: WeekReport;

  it('runs the agent for seven days of sleeps, wake-ups, network drops and two ended sessions', async () => {
    report = await runWeekOfUptime({ sleepingTimers: 'paused' });
    const context = `agent log tail:\n${report.logTail.join('\n')}`;
    expect(report.agentExitCode, context).toBe(0);
    expect(report.wakeUps.length).toBeGreaterThanOrEqual(19);
    expect(report.droppedOffline).toBeGreaterThan(0);
    expect(report.days.map((count) => count.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  }, 120_000);

  it('never presents a refresh token twice, and refreshes about twice an hour awake', () => {
    expect(report.refreshTokenReuse).toBe(0);
    expect(report.refreshTokenRepeats).toBe(0);
    // Half an hour ahead of a one-hour token's expiry (minus up to 5 minutes of jitter), plus
    // one per wake-up and sign-in: no storm at a session's end, no refresh per listing.
    const awakeHours = report.awakeMs / (60 * MINUTE);
    expect(report.refreshes).toBeGreaterThan(awakeHours * 1.5);
    expect(report.refreshes).toBeLessThanOrEqual(Math.ceil(awakeHours / 0.4) + report.wakeUps.length + 2);
  });

  it('refreshes within seconds of every wake-up, before the first AWS command needs the token', () => {
    for (const wake of report.wakeUps.filter((candidate) => candidate.refreshDue)) {
      const when = new Date(wake.at).toISOString();
      expect(wake.firstAttemptAfterMs, when).toBeLessThanOrEqual(WAKE_CHECK_MS);
      if (wake.at === WAKE_INTO_REVOKED_SESSION) continue;
      // Without a network: the first try after it is back, within half a minute.
      const limit = wake.at === WAKE_WITHOUT_NETWORK ? 90 * SECOND + 36 * SECOND : WAKE_CHECK_MS;
      expect(wake.firstRefreshAfterMs, when).toBeLessThanOrEqual(limit);
    }
    expect(report.commands.length).toBeGreaterThan(40);
    for (const command of report.commands) {
      const when = new Date(command.at).toISOString();
      expect(command.exitCode, `${when}\n${report.logTail.join('\n')}`).toBe(0);
      expect(command.refreshedToken, `the AWS command at ${when} had to refresh the token itself`).toBe(false);
    }
  });

  it('says "sign-in needed" exactly once for each ended session, when it ends', () => {
    expect(report.signInNeededTransitions).toBe(2);
    expect(report.signInNeededStates).toBe(2);
    expect(report.signInNeededWarnings).toBe(2);
    expect(report.sessionEndedWarnings).toBe(2);
    const [timedOut, revoked] = report.signInNeededAt as [number, number];
    const firstEnd = WEEK_START + FIRST_SESSION_MS;
    expect(timedOut).toBeGreaterThanOrEqual(firstEnd);
    expect(timedOut - firstEnd).toBeLessThanOrEqual(5 * SECOND);
    expect(revoked - WAKE_INTO_REVOKED_SESSION).toBeLessThanOrEqual(WAKE_CHECK_MS);
  });

  it('keeps timers, listeners, caches and handles flat from day 2 to day 7', () => {
    const [, day2, ...later] = report.days as [ResourceCount, ResourceCount, ...ResourceCount[]];
    expect(day2.timers).toBeGreaterThan(0);
    expect(Object.keys(day2.collections).length).toBeGreaterThan(10);
    for (const count of later) {
      const day = `day ${count.day}`;
      expect(exactPart(count), day).toEqual(exactPart(day2));
      expect(count.activeResources.TCPSocketWrap ?? 0, day).toBeLessThanOrEqual(
        (day2.activeResources.TCPSocketWrap ?? 0) + 2,
      );
      // Every Map, Set and array the agent holds: what is kept per refresh, listing or command
      // would add dozens a day. A window that moves (the rate limiter's) may differ by a few.
      for (const [path, size] of Object.entries(count.collections)) {
        expect(size, `${day}: ${path}`).toBeLessThanOrEqual((day2.collections[path] ?? 0) + 2);
      }
    }
  });
});
