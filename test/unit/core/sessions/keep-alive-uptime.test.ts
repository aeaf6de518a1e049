// The keep-alive over long uptimes, on a laptop's clock: wake-ups noticed within seconds (by
// the wall clock's jump, or the app's powerMonitor signal), no refresh storm at the end of an
// SSO session, and a backoff that never outlasts an expired token. Tokens come from a stub
// with Identity Center's rules (one-hour tokens, capped at the session's end).
import { describe, expect, it } from 'vitest';
import type { SsoSessionConfig } from '../../../../electron/core/aws-files/aws-config.js';
import { LanyardError } from '../../../../electron/core/domain/errors.js';
import type { SessionStatus } from '../../../../electron/core/domain/views.js';
import {
  CACHE_POLL_MS,
  CLOCK_JUMP_MS,
  KeepAlive,
  WAKE_CHECK_MS,
} from '../../../../electron/core/sessions/keep-alive.js';
import {
  type RefreshResult,
  type SessionTokens,
  sessionEnded,
} from '../../../../electron/core/sessions/session-tokens.js';
import type { CachedToken } from '../../../../electron/core/sessions/token-cache.js';
import { resumableClock } from '../../../../electron/core/support/clock.js';
import { FAKE_CLOCK_START } from '../../../support/fake-clock.js';
import { LaptopClock } from '../../../support/laptop-clock.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const SESSION: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'us-east-1',
  registrationScopes: ['sso:account:access'],
};

/** The token cache and Identity Center in one: refresh gives an hour, never past the session's end. */
class StubTokens {
  token: CachedToken;
  readonly refreshedAt: number[] = [];
  attempts = 0;
  offline = false;
  private issued = 0;

  constructor(
    private readonly clock: { now(): number },
    private readonly sessionEndsAt = Number.POSITIVE_INFINITY,
  ) {
    this.token = this.mint(Math.min(clock.now() + HOUR, sessionEndsAt));
  }

  async read(): Promise<CachedToken> {
    return this.token;
  }

  async refreshIfNeeded(
    session: SsoSessionConfig,
    options: { minValidityMs: number; force?: boolean },
  ): Promise<RefreshResult> {
    const now = this.clock.now();
    if (!options.force && this.token.expiresAt - now >= options.minValidityMs)
      return { token: this.token, refreshed: false };
    this.attempts += 1;
    if (this.offline) throw new LanyardError('NETWORK', 'Could not reach IAM Identity Center.', 'Retrying.');
    if (now >= this.sessionEndsAt) throw sessionEnded(session, 'has ended');
    const expiresAt = Math.min(now + HOUR, this.sessionEndsAt);
    this.token = this.mint(expiresAt);
    this.refreshedAt.push(now);
    return { token: this.token, refreshed: true, lifetimeMs: expiresAt - now };
  }

  private mint(expiresAt: number): CachedToken {
    this.issued += 1;
    return {
      startUrl: SESSION.startUrl,
      region: SESSION.region,
      accessToken: `access-${this.issued}`,
      expiresAt,
      clientId: 'client',
      clientSecret: 'secret',
      registrationExpiresAt: expiresAt + 90 * 24 * HOUR,
      refreshToken: `refresh-${this.issued}`,
    };
  }
}

/** A keep-alive of one session on `clock`, and a way to let its steps finish after each timer. */
function keepAliveOn(clock: LaptopClock | ReturnType<typeof resumableClock>, tokens: StubTokens) {
  const keepAlive = new KeepAlive({ tokens: tokens as unknown as SessionTokens, clock, random: () => 0.5 });
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    await keepAlive.idle();
  };
  return { keepAlive, settle };
}

describe('keep-alive across sleep', () => {
  it.each([
    ['timers set before the sleep fire as late as it was long', 'paused'],
    ['timers due during the sleep fire as the lid opens', 'fire-on-wake'],
  ] as const)('refreshes within seconds of a wake-up (%s)', async (_, sleepingTimers) => {
    const clock = new LaptopClock(FAKE_CLOCK_START, sleepingTimers);
    const tokens = new StubTokens(clock);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    keepAlive.setSessions([SESSION]);
    await settle();
    await clock.awake(10 * MINUTE, settle);
    expect(tokens.refreshedAt).toHaveLength(0);

    // A night with the lid closed: the token expires at 10:00, the lid opens at 21:10.
    clock.sleep(11 * HOUR);
    const wokeAt = clock.now();
    expect(tokens.token.expiresAt).toBeLessThan(wokeAt);
    await clock.awake(WAKE_CHECK_MS, settle);
    expect(tokens.refreshedAt).toEqual([expect.any(Number)]);
    expect((tokens.refreshedAt[0] as number) - wokeAt).toBeLessThanOrEqual(WAKE_CHECK_MS);
    expect(keepAlive.status('work')?.health).toBe('active');
    expect(keepAlive.status('work')?.expiresAt).toBeGreaterThan(wokeAt + 50 * MINUTE);

    // One wake-up, one check: the timers that were pending still fire, and find the token fresh.
    await clock.awake(CACHE_POLL_MS, settle);
    expect(tokens.refreshedAt).toHaveLength(1);
    keepAlive.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not take a wall clock a little ahead of the timers (under CLOCK_JUMP_MS) for a wake-up', async () => {
    const clock = new LaptopClock(FAKE_CLOCK_START, 'paused');
    const tokens = new StubTokens(clock);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    const statuses: SessionStatus[] = [];
    keepAlive.onChange((status) => statuses.push(status));
    keepAlive.setSessions([SESSION]);
    await settle();
    const before = statuses.length;
    clock.sleep(CLOCK_JUMP_MS - SECOND);
    await clock.awake(WAKE_CHECK_MS, settle);
    expect(statuses).toHaveLength(before);
    expect(tokens.attempts).toBe(0);
    keepAlive.stop();
  });

  it("checks at once when the app's clock says the computer woke (powerMonitor 'resume')", async () => {
    const laptop = new LaptopClock(FAKE_CLOCK_START, 'paused');
    const clock = resumableClock(laptop);
    const tokens = new StubTokens(clock);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    keepAlive.setSessions([SESSION]);
    await settle();
    laptop.sleep(9 * HOUR);
    const wokeAt = clock.now();
    clock.resumed();
    await settle();
    expect(tokens.refreshedAt).toEqual([wokeAt]);
    // The wake check started over at the signal: it does not count the same wake-up again.
    await laptop.awake(CACHE_POLL_MS, settle);
    expect(tokens.attempts).toBe(1);
    keepAlive.stop();
    // Stopped: the signal reaches nothing, and no timer is left.
    clock.resumed();
    await settle();
    expect(tokens.attempts).toBe(1);
    expect(laptop.pendingTimers).toBe(0);
  });

  it('forgets a backoff from before the sleep: the network it failed on is likely back', async () => {
    const clock = new LaptopClock(FAKE_CLOCK_START, 'paused');
    const tokens = new StubTokens(clock);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    keepAlive.setSessions([SESSION]);
    await settle();
    tokens.offline = true;
    // Refreshes fail from 09:27:30 on; by 09:35 the next try is five minutes away.
    await clock.awake(35 * MINUTE, settle);
    const status = keepAlive.status('work') as SessionStatus;
    expect(status.health).toBe('retrying');
    expect(status.nextRefreshAt).toBeGreaterThan(clock.now() + 2 * MINUTE);
    // The lid closes for a minute; the Wi-Fi works again when it opens.
    clock.sleep(MINUTE);
    tokens.offline = false;
    const wokeAt = clock.now();
    await clock.awake(WAKE_CHECK_MS, settle);
    expect(keepAlive.status('work')?.health).toBe('active');
    expect((tokens.refreshedAt[0] as number) - wokeAt).toBeLessThanOrEqual(WAKE_CHECK_MS);
    keepAlive.stop();
  });
});

describe('keep-alive at the end of an SSO session', () => {
  it('waits for the end once the token runs to it, instead of refreshing ever shorter tokens', async () => {
    const clock = new LaptopClock(FAKE_CLOCK_START, 'paused');
    const endsAt = FAKE_CLOCK_START + 8 * HOUR;
    const tokens = new StubTokens(clock, endsAt);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    keepAlive.setSessions([SESSION]);
    await settle();
    await clock.awake(9 * HOUR, settle);
    const lastHour = tokens.refreshedAt.filter((at) => at > endsAt - HOUR);
    // The refresh that got the first capped token, and at most the one that showed the cap.
    expect(lastHour.length).toBeLessThanOrEqual(2);
    // One attempt after the end confirms it; none after that.
    expect(tokens.attempts).toBe(tokens.refreshedAt.length + 1);
    expect(keepAlive.status('work')).toMatchObject({ health: 'sign-in-needed', expiresAt: endsAt });
    keepAlive.stop();
  });
});

describe('keep-alive backoff', () => {
  it('never waits out a backoff longer than the token lasts, and after it retries at least every 36 s', async () => {
    const clock = new LaptopClock(FAKE_CLOCK_START, 'paused');
    const tokens = new StubTokens(clock);
    const { keepAlive, settle } = keepAliveOn(clock, tokens);
    const retries: number[] = [];
    keepAlive.onChange((status) => {
      if (status.health === 'retrying' && status.nextRefreshAt !== undefined) retries.push(status.nextRefreshAt);
    });
    keepAlive.setSessions([SESSION]);
    await settle();
    tokens.offline = true;
    // Down from 09:20 to 11:00: the token expires at 10:00.
    await clock.awake(2 * HOUR, settle);
    const afterExpiry = retries.filter((at) => at > tokens.token.expiresAt);
    const gaps = afterExpiry.slice(1).map((at, index) => at - (afterExpiry[index] as number));
    expect(gaps.length).toBeGreaterThan(50);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(36 * SECOND);
    // Before the expiry, one attempt falls due right at it rather than minutes after.
    expect(retries).toContain(tokens.token.expiresAt);
    tokens.offline = false;
    await clock.awake(40 * SECOND, settle);
    expect(keepAlive.status('work')?.health).toBe('active');
    keepAlive.stop();
  });
});
