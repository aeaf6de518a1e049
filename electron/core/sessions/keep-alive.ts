import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { isLanyardError, signInHint } from '../domain/errors.js';
import { type Logger, silentLogger } from '../support/log.js';
import type { SessionTokens } from './session-tokens.js';
import { type CachedToken, isRefreshable } from './token-cache.js';
import type { SessionStatus } from '../domain/views.js';

export type { SessionStatus } from '../domain/views.js';

/**
 * Refresh once this much of a token's life remains. botocore refreshes inside 15 minutes
 * (_REFRESH_WINDOW) and the JS SDK inside 5, both without a lock; refreshing earlier means
 * that while Lanyard runs they always find a fresh token and never race us for the refresh
 * token. Half of a one-hour Identity Center token.
 */
export const KEEP_ALIVE_WINDOW_MS = 30 * 60_000;
/** Spread refreshes of many sessions and processes: up to 5 minutes (or a tenth of a short lifetime) earlier. */
export const JITTER_MAX_MS = 5 * 60_000;
/** Re-read the cache at least this often, to notice `aws sso login`/logout done elsewhere. */
export const CACHE_POLL_MS = 30_000;
/**
 * How often the keep-alive reads the wall clock to notice that the computer slept. Timers do
 * not run during sleep and, on Linux and macOS, not even count it: one set for "in 30 s"
 * before the lid closed fires 30 s after it opens, when the token may have expired hours ago.
 * A short check that finds the wall clock far ahead of it catches the wake-up within seconds.
 */
export const WAKE_CHECK_MS = 5_000;
/** A wake check that fires this much later than it was due means the computer slept (or the process was frozen). */
export const CLOCK_JUMP_MS = 30_000;
/**
 * A token within this much of the known end of its SSO session runs to that end: the cache
 * keeps whole seconds and `expiresIn` counts whole seconds, each costing up to a second.
 */
const SESSION_END_SLACK_MS = 2_000;
/** Backoff after a failed refresh: 5 s doubling to 5 minutes, ±20 %. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;
/**
 * Once the token has expired, AWS tools fail until a refresh succeeds: the backoff then stays
 * under this (±20 %), so a network that comes back is used within half a minute, not five.
 */
const EXPIRED_RETRY_MAX_MS = 30_000;

/**
 * When to refresh a token: `window` before expiry, where the window is KEEP_ALIVE_WINDOW_MS
 * or half the token's lifetime if that is shorter (so a 20-second token is refreshed every
 * ~10 s rather than continuously), minus a per-token jitter.
 */
export function refreshDueAt(expiresAt: number, lifetimeMs: number, jitterFraction: number): number {
  const window = Math.min(KEEP_ALIVE_WINDOW_MS, lifetimeMs / 2);
  const jitter = jitterFraction * Math.min(JITTER_MAX_MS, lifetimeMs / 10);
  return expiresAt - window - jitter;
}

export function retryDelay(attempt: number, random: () => number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
  return base * (0.8 + 0.4 * random());
}

interface Worker {
  session: SsoSessionConfig;
  status: SessionStatus;
  timer?: unknown;
  /** Access token we last saw, with what we know of its lifetime. */
  token?: { accessToken: string; lifetimeMs: number; jitterFraction: number };
  attempts: number;
  /** While retrying after a passing failure: not before this time. */
  retryAt?: number;
  /** A refresh token Identity Center refused: the session is over once its access token expires. */
  deadRefreshToken?: string;
  /** The step in progress, so overlapping ticks share it. */
  running?: Promise<void>;
  stopped: boolean;
}

export interface KeepAliveDeps {
  tokens: SessionTokens;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

/**
 * Keeps every configured SSO session signed in: refreshes ahead of expiry, backs off on
 * passing errors, and reports "sign-in needed" when the session is over instead of retrying
 * forever. One worker per sso-session, and one wake check that notices when the computer
 * slept (`wake`); all timing comes from the injected clock.
 */
export class KeepAlive {
  private readonly workers = new Map<string, Worker>();
  private readonly listeners = new Set<(status: SessionStatus) => void>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  /** The wake check's timer and when it was set, while there are sessions to keep. */
  private wakeCheck?: { timer: unknown; setAt: number };
  private stopWakeSignal?: () => void;

  constructor(private readonly deps: KeepAliveDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.random = deps.random ?? Math.random;
  }

  onChange(listener: (status: SessionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  statuses(): SessionStatus[] {
    return [...this.workers.values()].map((worker) => worker.status);
  }

  status(name: string): SessionStatus | undefined {
    return this.workers.get(name)?.status;
  }

  /** Starts workers for new sessions, restarts changed ones and stops removed ones. */
  setSessions(sessions: SsoSessionConfig[]): void {
    const wanted = new Map(sessions.map((session) => [session.name, session]));
    for (const [name, worker] of this.workers) {
      const next = wanted.get(name);
      if (!next || next.startUrl !== worker.session.startUrl || next.region !== worker.session.region) {
        this.stopWorker(worker);
        this.workers.delete(name);
      } else {
        worker.session = next;
      }
    }
    for (const session of sessions) {
      if (this.workers.has(session.name)) continue;
      const worker: Worker = {
        session,
        status: {
          name: session.name,
          startUrl: session.startUrl,
          region: session.region,
          health: 'signed-out',
          refreshable: false,
        },
        attempts: 0,
        stopped: false,
      };
      this.workers.set(session.name, worker);
      void this.tick(worker);
    }
    if (this.workers.size > 0) this.watchForWake();
    else this.stopWatchingForWake();
  }

  /**
   * The computer woke from sleep (the app calls this on powerMonitor 'resume', through its
   * clock; the wake check calls it when the wall clock jumped). Tokens may have expired while
   * it slept and the timers set before it fire late, so every session is checked now, and a
   * backoff from before the sleep is forgotten: the network it failed on is likely another now.
   */
  wake(): void {
    if (this.workers.size === 0) return;
    this.logger.info('woke from sleep: checking every session now', { sessions: this.workers.size });
    // From now: a clock signal and the wake check noticing the same wake-up make one check.
    this.armWakeCheck();
    for (const worker of this.workers.values()) {
      worker.attempts = 0;
      worker.retryAt = undefined;
      void this.tick(worker);
    }
  }

  /** Re-reads the cache and refreshes if due, now (after a sign-in, or on user request). */
  async check(name: string, options: { force?: boolean } = {}): Promise<SessionStatus | undefined> {
    const worker = this.workers.get(name);
    if (!worker) return undefined;
    await this.tick(worker, options.force);
    return worker.status;
  }

  /** Resolves once no worker is in the middle of a step (tests and shutdown use it). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.workers.values()].flatMap((worker) => (worker.running ? [worker.running] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  stop(): void {
    for (const worker of this.workers.values()) this.stopWorker(worker);
    this.workers.clear();
    this.stopWatchingForWake();
  }

  private watchForWake(): void {
    this.stopWakeSignal ??= this.clock.onWake?.(() => this.wake());
    if (!this.wakeCheck) this.armWakeCheck();
  }

  private stopWatchingForWake(): void {
    this.stopWakeSignal?.();
    this.stopWakeSignal = undefined;
    if (this.wakeCheck) this.clock.clearTimeout(this.wakeCheck.timer);
    this.wakeCheck = undefined;
  }

  /** (Re)starts the wake check: one timer, re-armed each time it fires. */
  private armWakeCheck(): void {
    if (this.wakeCheck) this.clock.clearTimeout(this.wakeCheck.timer);
    const setAt = this.clock.now();
    const timer = this.clock.setTimeout(() => {
      this.wakeCheck = undefined;
      const late = this.clock.now() - setAt - WAKE_CHECK_MS;
      if (late > CLOCK_JUMP_MS) this.wake();
      else this.armWakeCheck();
    }, WAKE_CHECK_MS);
    this.wakeCheck = { timer, setAt };
  }

  private stopWorker(worker: Worker): void {
    worker.stopped = true;
    if (worker.timer !== undefined) this.clock.clearTimeout(worker.timer);
    worker.timer = undefined;
  }

  private schedule(worker: Worker, at: number): void {
    if (worker.stopped) return;
    if (worker.timer !== undefined) this.clock.clearTimeout(worker.timer);
    const now = this.clock.now();
    const due = Math.min(at, now + CACHE_POLL_MS);
    worker.timer = this.clock.setTimeout(
      () => {
        worker.timer = undefined;
        void this.tick(worker);
      },
      Math.max(0, due - now),
    );
  }

  private update(worker: Worker, patch: Partial<SessionStatus>, clear: Array<keyof SessionStatus> = []): void {
    const next: SessionStatus = { ...worker.status, ...patch };
    for (const key of clear) delete next[key];
    const changed = JSON.stringify(next) !== JSON.stringify(worker.status);
    worker.status = next;
    if (!changed) return;
    for (const listener of this.listeners) listener(next);
  }

  /** Remembers what we know of the token's lifetime: exact for our own refreshes, estimated otherwise. */
  private observe(worker: Worker, token: CachedToken, lifetimeMs?: number): NonNullable<Worker['token']> {
    if (worker.token?.accessToken === token.accessToken && lifetimeMs === undefined) return worker.token;
    const previous = worker.token?.lifetimeMs;
    const lifetime = lifetimeMs ?? Math.max(1_000, token.expiresAt - this.clock.now());
    // Identity Center caps a refreshed token at the end of the SSO session: a refresh that
    // returns a clearly shorter token than before reveals when the session ends.
    if (lifetimeMs !== undefined && previous !== undefined && lifetimeMs < previous * 0.9) {
      this.update(worker, { sessionEndsAt: token.expiresAt });
    }
    worker.token = { accessToken: token.accessToken, lifetimeMs: lifetime, jitterFraction: this.random() };
    // A different token (ours or another process's) starts with a clean slate.
    worker.attempts = 0;
    worker.retryAt = undefined;
    const endsAt = worker.status.sessionEndsAt;
    if (endsAt !== undefined && token.expiresAt > endsAt) this.update(worker, {}, ['sessionEndsAt']);
    return worker.token;
  }

  private tick(worker: Worker, force = false): Promise<void> {
    if (worker.stopped) return Promise.resolve();
    worker.running ??= this.step(worker, force)
      .catch((error: unknown) =>
        this.logger.error('keep-alive step failed', { session: worker.session.name, reason: messageOf(error) }),
      )
      .finally(() => {
        worker.running = undefined;
      });
    return worker.running;
  }

  private async step(worker: Worker, force: boolean): Promise<void> {
    const { session } = worker;
    const now = this.clock.now();
    let token: CachedToken | undefined;
    try {
      token = await this.deps.tokens.read(session);
    } catch (error) {
      this.update(worker, { health: 'corrupt', refreshable: false, message: messageOf(error), hint: hintOf(error) }, [
        'expiresAt',
        'nextRefreshAt',
      ]);
      this.schedule(worker, now + CACHE_POLL_MS);
      return;
    }
    if (!token) {
      worker.token = undefined;
      this.update(worker, { health: 'signed-out', refreshable: false }, [
        'expiresAt',
        'nextRefreshAt',
        'message',
        'hint',
        'sessionEndsAt',
      ]);
      this.schedule(worker, now + CACHE_POLL_MS);
      return;
    }
    const known = this.observe(worker, token);
    const refreshable = isRefreshable(token, now) && token.refreshToken !== worker.deadRefreshToken;
    if (!refreshable) {
      this.reportUnrefreshable(worker, token, now);
      return;
    }
    if (worker.retryAt !== undefined && now < worker.retryAt && !force) {
      this.schedule(worker, worker.retryAt);
      return;
    }
    const endsAt = worker.status.sessionEndsAt;
    if (!force && endsAt !== undefined && token.expiresAt >= endsAt - SESSION_END_SLACK_MS) {
      // Identity Center caps tokens at the end of the SSO session, so once the token runs to
      // that end a refresh cannot give a longer one: refreshing at half of what is left, as
      // below, spent a dozen refresh tokens in the session's last half hour, the last one at
      // its final second for a token of zero seconds. Wait for the end instead; the one
      // refresh just after it confirms that the session is over (or, if it is not, goes on).
      const checkAt = token.expiresAt + SESSION_END_SLACK_MS;
      if (checkAt > now) {
        this.update(
          worker,
          { health: 'active', expiresAt: token.expiresAt, refreshable: true, nextRefreshAt: checkAt },
          ['message', 'hint'],
        );
        this.schedule(worker, checkAt);
        return;
      }
    }
    const dueAt = refreshDueAt(token.expiresAt, known.lifetimeMs, known.jitterFraction);
    if (dueAt > now && !force) {
      this.update(worker, { health: 'active', expiresAt: token.expiresAt, refreshable: true, nextRefreshAt: dueAt }, [
        'message',
        'hint',
      ]);
      this.schedule(worker, dueAt);
      return;
    }
    await this.refresh(worker, token, known.lifetimeMs, force);
  }

  /** A token nobody can refresh: usable until it expires, then only a new sign-in helps. */
  private reportUnrefreshable(worker: Worker, token: CachedToken, now: number): void {
    const { session } = worker;
    if (token.expiresAt <= now) {
      this.update(
        worker,
        {
          health: 'sign-in-needed',
          expiresAt: token.expiresAt,
          refreshable: false,
          message: `The SSO session "${session.name}" has ended.`,
          hint: signInHint(session.name),
        },
        ['nextRefreshAt'],
      );
      this.schedule(worker, now + CACHE_POLL_MS);
      return;
    }
    this.update(
      worker,
      {
        health: 'active',
        expiresAt: token.expiresAt,
        refreshable: false,
        sessionEndsAt: token.expiresAt,
        message: `The SSO session "${session.name}" cannot be renewed and ends when its token expires.`,
        hint: signInHint(session.name),
      },
      ['nextRefreshAt'],
    );
    this.schedule(worker, token.expiresAt);
  }

  private async refresh(worker: Worker, token: CachedToken, lifetimeMs: number, force: boolean): Promise<void> {
    const { session } = worker;
    this.update(worker, { health: 'refreshing', expiresAt: token.expiresAt, refreshable: true });
    try {
      // The same threshold under the lock: if another process refreshed meanwhile, we adopt its token.
      const minValidityMs =
        token.expiresAt - refreshDueAt(token.expiresAt, lifetimeMs, worker.token?.jitterFraction ?? 0) + 1;
      const result = await this.deps.tokens.refreshIfNeeded(session, { minValidityMs, force });
      if (worker.stopped) return;
      const known = this.observe(worker, result.token, result.lifetimeMs);
      worker.attempts = 0;
      worker.retryAt = undefined;
      const now = this.clock.now();
      const dueAt = Math.max(now + 1_000, refreshDueAt(result.token.expiresAt, known.lifetimeMs, known.jitterFraction));
      this.update(
        worker,
        {
          health: 'active',
          expiresAt: result.token.expiresAt,
          refreshable: isRefreshable(result.token, now),
          nextRefreshAt: dueAt,
          ...(result.refreshed ? { lastRefreshAt: now } : {}),
        },
        ['message', 'hint'],
      );
      this.schedule(worker, dueAt);
    } catch (error) {
      if (worker.stopped) return;
      const now = this.clock.now();
      if (isLanyardError(error, 'SIGN_IN_REQUIRED')) {
        worker.deadRefreshToken = token.refreshToken;
        worker.retryAt = undefined;
        this.logger.warn('sign-in needed', { session: session.name });
        this.reportUnrefreshable(worker, token, now);
        return;
      }
      // A backoff never outlasts the token: while it works, waiting costs nothing; after it,
      // every minute waited is a minute of failing AWS commands (the wake-up on a Wi-Fi that
      // takes a minute to come back used to wait out an 80-second backoff with the token expired).
      const expiredRetry = EXPIRED_RETRY_MAX_MS * (0.8 + 0.4 * this.random());
      const delay = Math.min(retryDelay(worker.attempts, this.random), Math.max(token.expiresAt - now, expiredRetry));
      worker.attempts += 1;
      worker.retryAt = now + delay;
      this.update(worker, {
        health: 'retrying',
        nextRefreshAt: now + delay,
        message: messageOf(error),
        hint: hintOf(error),
      });
      this.logger.warn('refresh failed, retrying', {
        session: session.name,
        attempt: worker.attempts,
        inSeconds: Math.round(delay / 1000),
        reason: messageOf(error),
      });
      this.schedule(worker, now + delay);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hintOf(error: unknown): string | undefined {
  return isLanyardError(error) ? error.hint : undefined;
}
