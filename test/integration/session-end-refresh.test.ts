// SessionTokens at the end of an SSO session, against the fake Identity Center: the last
// refresh before the end keeps the rotated refresh token even for a token of zero seconds,
// a refresh token the service refused is not presented again, and a refreshed token is
// returned exactly as the cache holds it.
import { afterEach, describe, expect, it } from 'vitest';
import { LanyardError } from '../../electron/core/domain/errors.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import { readCachedToken } from '../../electron/core/sessions/token-cache.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function refreshError(tokens: SessionTokens, current: SsoFixture): Promise<LanyardError> {
  const error = await tokens.refreshIfNeeded(current.session, { minValidityMs: 5 * MINUTE }).catch((caught) => caught);
  expect(error).toBeInstanceOf(LanyardError);
  return error as LanyardError;
}

describe('refresh at the end of an SSO session', () => {
  it("keeps the rotated refresh token of a refresh in the session's last second (expiresIn 0)", async () => {
    const clock = new FakeClock();
    fixture = await createSsoFixture({ clock, lifetimes: { ssoSessionMs: 2 * HOUR } });
    await fixture.seedToken();
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    clock.advance(2 * HOUR - 500);
    const last = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 5 * MINUTE });
    expect(last.refreshed).toBe(true);
    expect(last.lifetimeMs).toBe(0);
    expect(await readCachedToken(fixture.temp.paths, 'work')).toEqual(last.token);

    clock.advance(1_000);
    expect((await refreshError(tokens, fixture)).code).toBe('SIGN_IN_REQUIRED');
    // The rotated token was presented once, and refused: the session is over. Nothing spent twice.
    expect(fixture.fake.refreshTokenReuse).toBe(0);
    expect(fixture.fake.refreshTokenRepeats).toBe(0);
  });

  it('does not present a refused refresh token again, until a new sign-in replaces it', async () => {
    const clock = new FakeClock();
    fixture = await createSsoFixture({ clock });
    await fixture.seedToken();
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    fixture.fake.endAllSessions();
    clock.advance(HOUR);
    expect((await refreshError(tokens, fixture)).code).toBe('SIGN_IN_REQUIRED');
    const calls = fixture.fake.counters('CreateToken').calls;
    // A listing that wants a token, then the keep-alive: the answer is known.
    const again = await refreshError(tokens, fixture);
    expect(again.code).toBe('SIGN_IN_REQUIRED');
    expect(again.message).toContain('has ended');
    expect(fixture.fake.counters('CreateToken').calls).toBe(calls);
    expect(fixture.fake.refreshTokenRepeats).toBe(0);

    await fixture.seedToken();
    const renewed = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 5 * MINUTE, force: true });
    expect(renewed.refreshed).toBe(true);
  });

  it('returns a refreshed token as the cache holds it, to the second', async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 6, 9, 0, 0, 437));
    fixture = await createSsoFixture({ clock });
    await fixture.seedToken();
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const result = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 5 * MINUTE, force: true });
    expect(result.refreshed).toBe(true);
    expect(result.token.expiresAt % 1000).toBe(0);
    expect(await readCachedToken(fixture.temp.paths, 'work')).toEqual(result.token);
  });
});
