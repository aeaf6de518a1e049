/**
 * "A week of uptime" (issue 13): `lanyard agent` on a laptop for seven simulated days, on an
 * injected clock, against the fake Identity Center. The agent is built as `lanyard agent`
 * builds it (the CLI context over the composition root) and runs its own command; the laptop
 * around it works office hours, closes its lid over lunch and for nights of 8 to 14 hours,
 * loses its network now and then, runs AWS tools (`lanyard credential-process`, in-process, as
 * the AWS CLI would start it), and its user signs in again when an SSO session ends.
 *
 * Shared by test/integration/week-of-uptime.test.ts, which asserts on the report, and
 * test/bench/uptime.bench.ts, which prints it with the heap before and after.
 */
import { EventEmitter } from 'node:events';
import { agent } from '../../electron/cli/commands/agent.js';
import { type CliContext, createContext } from '../../electron/cli/context.js';
import { run } from '../../electron/cli/program.js';
import type { SessionStatus } from '../../electron/core/domain/views.js';
import { readCachedToken } from '../../electron/core/sessions/token-cache.js';
import { eventually } from './agent.js';
import { LaptopClock, type SleepingTimers } from './laptop-clock.js';
import { createSsoFixture, type SsoFixture } from './sso-fixture.js';
import { DEV, SMALL_ORG } from './sync-org.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Monday 2025-01-06, 00:00 UTC: day 0 of the week. */
const MONDAY = Date.UTC(2025, 0, 6);

/** A time of the week: `day` 0 is Monday, `time` is "HH:MM" or "HH:MM:SS" (UTC). */
export function weekTime(day: number, time: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return MONDAY + day * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND;
}

// ---- the week's plan ----------------------------------------------------------------------

export type Happening =
  /** The lid closes at `at` and opens at `until`. */
  | { at: number; kind: 'lid-closed'; until: number }
  /** No network from `at` to `until`. */
  | { at: number; kind: 'network-down'; until: number }
  | { at: number; kind: 'network-up' }
  /** The network goes for `minutes`, starting a minute before the keep-alive's next refresh is due. */
  | { at: number; kind: 'network-down-at-next-refresh'; minutes: number }
  /** An AWS tool asks for role credentials (`credential_process`). */
  | { at: number; kind: 'aws-command' }
  /** An administrator ends the user's SSO session (it is revoked; refresh answers InvalidGrant). */
  | { at: number; kind: 'session-revoked' }
  /** The user signs in again: a new SSO session of `sessionMs`, written to the token cache as a login does. */
  | { at: number; kind: 'sign-in'; sessionMs: number }
  /** The day's last moment awake: resources are counted. */
  | { at: number; kind: 'end-of-day'; day: number };

/** The agent starts with the laptop on Monday morning (at an odd second, so no timer of the agent's lines up with the plan's round times). */
export const WEEK_START = weekTime(0, '08:23:17');
/** The first sign-in's SSO session: from the start until Wednesday 16:23:17, when it times out. */
export const FIRST_SESSION_MS = 56 * HOUR;
const LATER_SESSION_MS = 8 * DAY;

/**
 * When the lid is open, day by day ("HH:MM" from-to, UTC); it is closed in every gap: lunch,
 * meetings elsewhere, nights of 8 to 14 hours, most of the weekend.
 */
const LID_OPEN: ReadonlyArray<ReadonlyArray<readonly [string, string]>> = [
  /* Mon */ [
    ['08:23:17', '12:00'],
    ['13:00', '15:00'],
    ['16:00', '18:30'],
  ],
  /* Tue */ [
    ['08:30', '11:30'],
    ['12:15', '14:00'],
    ['15:00', '17:00'],
    ['20:00', '21:00'],
  ],
  /* Wed */ [
    ['07:00', '10:00'],
    ['11:00', '12:30'],
    ['13:30', '17:00'],
  ],
  /* Thu */ [
    ['07:00', '10:30'],
    ['11:30', '12:30'],
    ['13:30', '16:30'],
    ['17:00', '18:00'],
  ],
  /* Fri */ [
    ['08:00', '12:00'],
    ['13:00', '16:00'],
  ],
  /* Sat */ [
    ['06:00', '06:30'],
    ['20:00', '20:30'],
  ],
  /* Sun */ [
    ['09:00', '09:30'],
    ['19:00', '19:30'],
  ],
  /* Mon */ [['08:30', '08:31']],
];

/**
 * Monday 08:23 to the next Monday 08:31: the lid as LID_OPEN says, an AWS tool run 10 s after
 * each opening (the token must be fresh by then) and in the middle of each span; five network
 * drops (two over a due refresh, one at a wake-up, two plain); the first SSO session times
 * out on Wednesday afternoon and the user signs in again some 20 minutes later; the second is
 * revoked in the night to Friday and the user signs in five minutes after the wake-up.
 */
export function weekPlan(): Happening[] {
  const plan: Happening[] = [];
  let closedAt: number | undefined;
  LID_OPEN.forEach((spans, day) => {
    for (const [from, to] of spans) {
      const open = weekTime(day, from);
      const close = weekTime(day, to);
      if (closedAt !== undefined) plan.push({ at: closedAt, kind: 'lid-closed', until: open });
      plan.push({ at: open + 10 * SECOND, kind: 'aws-command' });
      plan.push({ at: open + Math.round((close - open) / 2 / MINUTE) * MINUTE, kind: 'aws-command' });
      closedAt = close;
    }
    plan.push({ at: closedAt as number, kind: 'end-of-day', day });
  });
  plan.push(
    { at: weekTime(0, '10:00'), kind: 'network-down', until: weekTime(0, '10:07') },
    { at: weekTime(1, '12:30'), kind: 'network-down-at-next-refresh', minutes: 20 },
    { at: weekTime(2, '16:45'), kind: 'sign-in', sessionMs: LATER_SESSION_MS },
    // The Wi-Fi takes 90 s to come back after the night.
    { at: weekTime(3, '07:00'), kind: 'network-down', until: weekTime(3, '07:01:30') },
    { at: weekTime(3, '14:00'), kind: 'network-down-at-next-refresh', minutes: 4 },
    { at: weekTime(4, '02:00'), kind: 'session-revoked' },
    { at: weekTime(4, '08:05'), kind: 'sign-in', sessionMs: LATER_SESSION_MS },
    { at: weekTime(4, '14:30'), kind: 'network-down', until: weekTime(4, '14:33') },
  );
  // At the same moment, the day is counted first and the lid closes last.
  const order = (happening: Happening): number =>
    happening.kind === 'end-of-day' ? 0 : happening.kind === 'lid-closed' ? 2 : 1;
  return plan.sort((a, b) => a.at - b.at || order(a) - order(b));
}

// ---- what the week reports ----------------------------------------------------------------

/** Resources counted at the end of a day, with the agent idle. */
export interface ResourceCount {
  day: number;
  at: number;
  /** Timers waiting on the injected clock. */
  timers: number;
  /** Listeners on `process`, all events. */
  processListeners: number;
  /** Listeners on every EventEmitter reachable from the agent's services. */
  emitterListeners: number;
  /** Size of every Map, Set and array reachable from the agent's services, by path. */
  collections: Record<string, number>;
  /** Node's own active handles and requests, by type (real timers, sockets, watchers). */
  activeResources: Record<string, number>;
  heapUsedBytes: number;
}

export interface WakeUp {
  at: number;
  /** The keep-alive's next refresh was due by the time the lid opened. */
  refreshDue: boolean;
  /** Time from the lid opening to the agent's first refresh attempt after it (the keep-alive's, or a listing's that succeeded). */
  firstAttemptAfterMs?: number;
  /** Time from the lid opening to the agent's first successful refresh after it (the keep-alive's, or a listing's). */
  firstRefreshAfterMs?: number;
}

export interface AwsCommand {
  at: number;
  exitCode: number;
  /** The command had to refresh the SSO token itself: the agent had not kept it fresh. */
  refreshedToken: boolean;
}

export interface WeekReport {
  /** Successful CreateToken refreshes, and every refresh attempt the keep-alive started. */
  refreshes: number;
  refreshAttempts: number;
  /** From the fake: spent refresh tokens presented again, and any refresh token presented again. */
  refreshTokenReuse: number;
  refreshTokenRepeats: number;
  /** Connections the fake dropped while the network was down. */
  droppedOffline: number;
  /** Portal calls the fake answered (listings, role credentials). */
  portalCalls: number;
  wakeUps: WakeUp[];
  commands: AwsCommand[];
  /** The agent's log: state lines saying sign-in-needed, the keep-alive's warnings. */
  signInNeededStates: number;
  signInNeededWarnings: number;
  sessionEndedWarnings: number;
  /** Times the session's status became sign-in-needed. */
  signInNeededTransitions: number;
  /** When each sign-in-needed state began. */
  signInNeededAt: number[];
  days: ResourceCount[];
  /** The last lines the agent logged, for a failure message. */
  logTail: string[];
  agentExitCode: number;
  /** Simulated time with the lid open, and timers fired on the injected clock. */
  awakeMs: number;
  timersFired: number;
  /** Real time the week took. */
  realMs: number;
}

export interface WeekOptions {
  sleepingTimers?: SleepingTimers;
  /** Called at each end of day, with the agent idle (the bench measures the heap here). */
  onEndOfDay?: (count: ResourceCount) => void | Promise<void>;
  /** Called once the agent has started and settled, before the week's first happening. */
  onStarted?: () => void | Promise<void>;
  /** Every line the agent logs, as it comes (for looking into a failure). */
  onAgentLine?: (line: string) => void;
  /** The agent's log level (LANYARD_LOG_LEVEL); default warn, as users run it. */
  agentLogLevel?: 'debug' | 'info' | 'warn';
}

// ---- running it ---------------------------------------------------------------------------

/** The agent's stderr, counted as it comes rather than kept (the log of a week is long). */
class AgentLog {
  signInNeededStates = 0;
  signInNeededWarnings = 0;
  sessionEndedWarnings = 0;
  started = false;
  readonly tail: string[] = [];
  private partial = '';

  constructor(private readonly onLine?: (line: string) => void) {}

  readonly stream = { write: (text: string): boolean => this.take(text) } as unknown as NodeJS.WritableStream;

  private take(text: string): boolean {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('lanyard agent: keeping')) this.started = true;
      if (line.includes('"state":"sign-in-needed"')) this.signInNeededStates += 1;
      if (/\swarn\s+sign-in needed\b/.test(line)) this.signInNeededWarnings += 1;
      if (/\swarn\s+SSO session ended\b/.test(line)) this.sessionEndedWarnings += 1;
      this.onLine?.(line);
      this.tail.push(line);
      if (this.tail.length > 40) this.tail.shift();
    }
    return true;
  }
}

/** Output of one in-process AWS tool run, kept whole (it is short). */
function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  return {
    stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream,
    text: () => text,
  };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rejects when `promise` takes longer than `ms` of real time: the week must never hang. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the week stalled waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class Week {
  readonly report: WeekReport;
  private lastSuccesses = 0;
  private pendingWake?: WakeUp;
  private previousHealth?: SessionStatus['health'];

  constructor(
    private readonly fixture: SsoFixture,
    private readonly clock: LaptopClock,
    private readonly ctx: CliContext,
    private readonly log: AgentLog,
  ) {
    this.report = {
      refreshes: 0,
      refreshAttempts: 0,
      refreshTokenReuse: 0,
      refreshTokenRepeats: 0,
      droppedOffline: 0,
      portalCalls: 0,
      wakeUps: [],
      commands: [],
      signInNeededStates: 0,
      signInNeededWarnings: 0,
      sessionEndedWarnings: 0,
      signInNeededTransitions: 0,
      signInNeededAt: [],
      days: [],
      logTail: [],
      agentExitCode: -1,
      awakeMs: 0,
      timersFired: 0,
      realMs: 0,
    };
  }

  /** Watches the keep-alive's statuses, as the agent's engine does, to time attempts and sign-in-needed. */
  watch(): void {
    this.ctx.core.keepAlive.onChange((status) => {
      if (status.health === 'refreshing') {
        this.report.refreshAttempts += 1;
        if (this.pendingWake && this.pendingWake.firstAttemptAfterMs === undefined)
          this.pendingWake.firstAttemptAfterMs = this.clock.now() - this.pendingWake.at;
      }
      if (status.health === 'sign-in-needed' && this.previousHealth !== 'sign-in-needed') {
        this.report.signInNeededTransitions += 1;
        this.report.signInNeededAt.push(this.clock.now());
      }
      this.previousHealth = status.health;
    });
  }

  /**
   * After each timer (and each happening): waits for the work it started, then notes
   * refreshes at the fake. Keep-alive steps and syncs never wait on the injected clock, so
   * they are waited out. A listing may (the rate limiter's pacing, a backoff while the network
   * is down): once it has no request at the fake and no file operation under way for two turns
   * of the event loop, it is waiting for the next timer, which only the clock can bring.
   */
  readonly settle = async (): Promise<void> => {
    const { engine } = this.ctx.core;
    for (let quietTurns = 0; quietTurns < 2;) {
      let idle = false;
      void engine.idle().then(() => (idle = true));
      await turn();
      if (!idle) {
        await within(engine.idle(), 10_000, 'the engine to go idle');
        quietTurns = 0;
        continue;
      }
      quietTurns = this.busy() ? 0 : quietTurns + 1;
    }
    this.noteRefreshes();
  };

  private busy(): boolean {
    if (this.fixture.fake.pendingRequests > 0) return true;
    return process.getActiveResourcesInfo().some((name) => name.startsWith('FSReq') || name === 'FileHandleCloseReq');
  }

  private noteRefreshes(): void {
    const { successes } = this.fixture.fake.counters('CreateToken');
    const wake = this.pendingWake;
    if (successes > this.lastSuccesses && wake && wake.firstRefreshAfterMs === undefined) {
      wake.firstRefreshAfterMs = this.clock.now() - wake.at;
      // A listing that needed a token may have been first: that was the agent's attempt too.
      wake.firstAttemptAfterMs = Math.min(wake.firstAttemptAfterMs ?? Infinity, wake.firstRefreshAfterMs);
    }
    this.lastSuccesses = successes;
  }

  async happen(happening: Happening, queue: Happening[]): Promise<void> {
    const { fake } = this.fixture;
    switch (happening.kind) {
      case 'lid-closed': {
        const status = this.ctx.core.keepAlive.status(this.fixture.session.name);
        this.clock.sleep(happening.until - this.clock.now());
        this.pendingWake = {
          at: this.clock.now(),
          refreshDue: status?.nextRefreshAt !== undefined && status.nextRefreshAt <= this.clock.now(),
        };
        this.report.wakeUps.push(this.pendingWake);
        return;
      }
      case 'network-down':
        fake.setOffline(true);
        insert(queue, { at: happening.until, kind: 'network-up' });
        return;
      case 'network-up':
        fake.setOffline(false);
        return;
      case 'network-down-at-next-refresh': {
        const due = this.ctx.core.keepAlive.status(this.fixture.session.name)?.nextRefreshAt ?? this.clock.now();
        const at = Math.max(this.clock.now(), due - MINUTE);
        insert(queue, { at, kind: 'network-down', until: at + happening.minutes * MINUTE });
        return;
      }
      case 'aws-command': {
        // Overtaken by a sleep (it was put off until the lid closed): it never ran.
        if (this.clock.now() - happening.at > SECOND) return;
        // Without a network, or with the app saying "sign in", the user waits a minute.
        const health = this.ctx.core.keepAlive.status(this.fixture.session.name)?.health;
        if (fake.isOffline || health === 'sign-in-needed' || health === 'signed-out') {
          insert(queue, { at: this.clock.now() + MINUTE, kind: 'aws-command' });
          return;
        }
        this.report.commands.push(await this.awsCommand());
        return;
      }
      case 'session-revoked': {
        const token = await readCachedToken(this.fixture.temp.paths, this.fixture.session.name);
        if (!token || !fake.endSession(token.accessToken)) throw new Error('no session to revoke');
        return;
      }
      case 'sign-in':
        fake.setLifetimes({ ssoSessionMs: happening.sessionMs });
        await this.fixture.seedToken();
        return;
      case 'end-of-day':
        return;
    }
  }

  /** `lanyard credential-process` for acme-dev.Admin, in this process, as the AWS CLI would run it. */
  private async awsCommand(): Promise<AwsCommand> {
    const stdout = sink();
    const stderr = sink();
    const at = this.clock.now();
    this.noteRefreshes();
    const exitCode = await within(
      run(['credential-process', '--sso-session', 'work', '--account-id', DEV, '--role-name', 'Admin'], {
        env: { ...this.fixture.temp.env, LANYARD_LOG_LEVEL: 'info' },
        clock: this.clock,
        stdout: stdout.stream,
        stderr: stderr.stream,
        interactive: false,
      }),
      15_000,
      'an AWS command',
    );
    // A refresh the command made is not the agent's.
    this.lastSuccesses = this.fixture.fake.counters('CreateToken').successes;
    if (exitCode !== 0) this.log.tail.push(`aws command failed (${exitCode}): ${stderr.text()}`);
    return { at, exitCode, refreshedToken: stderr.text().includes('refreshed SSO token') };
  }

  count(day: number): ResourceCount {
    return {
      day,
      at: this.clock.now(),
      timers: this.clock.pendingTimers,
      processListeners: process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0),
      ...reachableCollections(this.ctx.core),
      activeResources: countBy(process.getActiveResourcesInfo()),
      heapUsedBytes: process.memoryUsage().heapUsed,
    };
  }

  finish(fakeCounters: { portalCalls: number }): void {
    const { fake } = this.fixture;
    Object.assign(this.report, {
      refreshes: fake.counters('CreateToken').successes,
      refreshTokenReuse: fake.refreshTokenReuse,
      refreshTokenRepeats: fake.refreshTokenRepeats,
      droppedOffline: fake.droppedOffline,
      portalCalls: fakeCounters.portalCalls,
      signInNeededStates: this.log.signInNeededStates,
      signInNeededWarnings: this.log.signInNeededWarnings,
      sessionEndedWarnings: this.log.sessionEndedWarnings,
      logTail: [...this.log.tail],
    });
  }
}

function insert(queue: Happening[], happening: Happening): void {
  const index = queue.findIndex((queued) => queued.at > happening.at);
  queue.splice(index < 0 ? queue.length : index, 0, happening);
}

function countBy(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/**
 * Every Map, Set and array reachable from `root` through own properties (the services'
 * private fields included), by path, and the listeners of every EventEmitter on the way: what
 * would grow if something were kept per refresh, per listing or per command. SDK clients are
 * not entered (their internals are the SDK's).
 */
export function reachableCollections(root: object): { emitterListeners: number; collections: Record<string, number> } {
  const collections: Record<string, number> = {};
  const seen = new WeakSet<object>();
  let emitterListeners = 0;
  const visit = (value: unknown, path: string, depth: number): void => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) return;
    seen.add(value);
    if (value instanceof Promise || ArrayBuffer.isView(value)) return;
    if ('middlewareStack' in value) return;
    if (value instanceof EventEmitter) {
      emitterListeners += value.eventNames().reduce((sum, name) => sum + value.listenerCount(name), 0);
    }
    if (value instanceof Map || value instanceof Set || Array.isArray(value)) {
      const size = value instanceof Map || value instanceof Set ? value.size : value.length;
      collections[path] = (collections[path] ?? 0) + size;
      const items = value instanceof Map ? [...value.values()] : [...value];
      for (const item of items.slice(0, 100)) visit(item, `${path}[]`, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '_events' || key === 'env') continue;
      visit(child, `${path}.${key}`, depth + 1);
    }
  };
  visit(root, 'core', 0);
  return { emitterListeners, collections };
}

/** Runs the week and reports what happened. */
export async function runWeekOfUptime(options: WeekOptions = {}): Promise<WeekReport> {
  const startedAt = performance.now();
  const clock = new LaptopClock(WEEK_START, options.sleepingTimers ?? 'paused');
  const fixture = await createSsoFixture({
    clock,
    accounts: SMALL_ORG,
    lifetimes: { accessTokenMs: HOUR, ssoSessionMs: FIRST_SESSION_MS },
  });
  try {
    await fixture.seedToken();
    let stop!: (signal: NodeJS.Signals) => void;
    const stopped = new Promise<NodeJS.Signals>((resolve) => (stop = resolve));
    const log = new AgentLog(options.onAgentLine);
    // The agent's own context, as `lanyard agent` builds it (createContext: the composition root).
    const ctx = createContext({
      env: { ...fixture.temp.env, ...(options.agentLogLevel ? { LANYARD_LOG_LEVEL: options.agentLogLevel } : {}) },
      clock,
      stderr: log.stream,
      interactive: false,
      untilSignal: () => stopped,
    });
    const week = new Week(fixture, clock, ctx, log);
    week.watch();
    const exit = agent(ctx);
    await eventually(() => log.started, 'the agent to start');
    await week.settle();
    await options.onStarted?.();

    const queue = weekPlan();
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.at > clock.now()) await clock.awake(next.at - clock.now(), week.settle);
      await week.happen(next, queue);
      await week.settle();
      if (next.kind === 'end-of-day') {
        const count = week.count(next.day);
        week.report.days.push(count);
        await options.onEndOfDay?.(count);
      }
    }

    stop('SIGTERM');
    week.report.agentExitCode = await within(exit, 10_000, 'the agent to stop');
    await ctx.core.close();
    const counters = fixture.fake.allCounters();
    week.finish({
      portalCalls: counters.ListAccounts.calls + counters.ListAccountRoles.calls + counters.GetRoleCredentials.calls,
    });
    week.report.awakeMs = clock.awakeMs;
    week.report.timersFired = clock.fired;
    week.report.realMs = performance.now() - startedAt;
    return week.report;
  } finally {
    await fixture.close();
  }
}
