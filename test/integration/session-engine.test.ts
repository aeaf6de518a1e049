import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LanyardError } from '../../electron/core/domain/errors.js';
import { KeepAlive } from '../../electron/core/sessions/keep-alive.js';
import { SessionTokens } from '../../electron/core/sessions/session-tokens.js';
import type { SignInPrompt } from '../../electron/core/sessions/sign-in.js';
import { readCachedToken, tokenCacheFile } from '../../electron/core/sessions/token-cache.js';
import type { SessionStatus } from '../../electron/core/domain/views.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Plays the browser for the PKCE flow: follows /authorize to the loopback redirect. */
async function followInBrowser(url: string): Promise<Response> {
  const authorize = await fetch(url, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (!location) throw new Error(`authorize answered ${authorize.status} without a redirect`);
  return fetch(location);
}

describe('sign-in against the fake Identity Center', () => {
  it('authorization code with PKCE: registers, redirects to the loopback listener and caches a refreshable token', async () => {
    fixture = await createSsoFixture();
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    let callbackPage: Response | undefined;
    const token = await tokens.signIn(fixture.session, {
      flow: 'auth-code',
      onPrompt: async (prompt) => {
        expect(prompt.kind).toBe('browser');
        const url = new URL((prompt as { url: string }).url);
        expect(url.origin + url.pathname).toBe(`${fixture?.fake.url}/authorize`);
        expect(url.searchParams.get('code_challenge_method')).toBe('S256');
        expect(url.searchParams.get('scopes')).toBe('sso:account:access');
        expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
        callbackPage = await followInBrowser(url.toString());
      },
    });
    expect(callbackPage?.status).toBe(200);
    expect(await callbackPage?.text()).toContain('You are signed in');
    const cached = await readCachedToken(fixture.temp.paths, 'work');
    // The cache keeps whole seconds, as the AWS CLI writes it.
    expect(cached).toEqual({ ...token, expiresAt: Math.floor(token.expiresAt / 1000) * 1000 });
    expect(cached).toMatchObject({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' });
    expect(cached?.refreshToken).toBeTruthy();
    expect(cached?.clientSecret).toBeTruthy();
    expect(fixture.fake.counters('RegisterClient').successes).toBe(1);

    // A second sign-in reuses the cached registration, as the AWS CLI does.
    await tokens.signIn(fixture.session, {
      flow: 'auth-code',
      onPrompt: async (prompt) => void (await followInBrowser((prompt as { url: string }).url)),
    });
    expect(fixture.fake.counters('RegisterClient').successes).toBe(1);
  });

  it('ignores a callback whose state does not match, and times out on the injected clock', async () => {
    fixture = await createSsoFixture({ approval: 'manual' });
    const clock = new FakeClock(Date.now());
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const result = tokens
      .signIn(fixture.session, {
        flow: 'auth-code',
        timeoutMs: 60_000,
        onPrompt: async (prompt) => {
          const redirect = new URL(new URL((prompt as { url: string }).url).searchParams.get('redirect_uri') as string);
          const forged = await fetch(`${redirect}?code=stolen&state=not-the-state`);
          expect(forged.status).toBe(400);
          clock.advance(60_001);
        },
      })
      .catch((error: unknown) => error);
    const error = (await result) as LanyardError;
    expect(error).toBeInstanceOf(LanyardError);
    expect(error.code).toBe('TIMEOUT');
    expect(await readCachedToken(fixture.temp.paths, 'work')).toBeUndefined();
  });

  it('device code: shows the code, polls at the interval, slows down on SlowDown, and finishes once approved', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ approval: 'manual', clock });
    fixture.fake.setPollInterval(1);
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const prompts: SignInPrompt[] = [];
    const signedIn = tokens.signIn(fixture.session, {
      flow: 'device-code',
      onPrompt: (prompt) => void prompts.push(prompt),
    });
    await waitFor(() => prompts.length === 1);
    const prompt = prompts[0] as Extract<SignInPrompt, { kind: 'device' }>;
    expect(prompt.kind).toBe('device');
    expect(prompt.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const pollsBefore = fixture.fake.counters('CreateToken').calls;
    await clock.advanceAsync(1_000);
    await waitFor(() => fixture?.fake.counters('CreateToken').calls === pollsBefore + 1);
    // The service asks us to slow down: the next poll comes 5 s later than the interval.
    fixture.fake.failNext('CreateToken', 1, 'SlowDown');
    await clock.advanceAsync(1_000);
    await waitFor(() => fixture?.fake.counters('CreateToken').calls === pollsBefore + 2);
    await clock.advanceAsync(5_000);
    expect(fixture.fake.counters('CreateToken').calls).toBe(pollsBefore + 2);
    fixture.fake.approveDevice(prompt.userCode);
    await clock.advanceAsync(1_000);
    const token = await signedIn;
    expect(fixture.fake.counters('CreateToken').calls).toBe(pollsBefore + 3);
    expect(token.refreshToken).toBeTruthy();
    expect((await readCachedToken(fixture.temp.paths, 'work'))?.accessToken).toBe(token.accessToken);
  });

  it('device code: stops with a clear error when the code expires unapproved', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ approval: 'manual', clock, lifetimes: { deviceCodeMs: 10_000 } });
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    let prompted = false;
    const outcome = tokens
      .signIn(fixture.session, { flow: 'device-code', onPrompt: () => void (prompted = true) })
      .catch((error: unknown) => error);
    await waitFor(() => prompted);
    for (let i = 0; i < 12; i += 1) await clock.advanceAsync(1_000);
    const error = (await outcome) as LanyardError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/expired/);
  });
});

describe('refresh', () => {
  it('rotates the refresh token and keeps the registration fields', async () => {
    fixture = await createSsoFixture();
    const seeded = await fixture.seedToken({ accessTokenMs: 60_000 });
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    const first = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 5 * 60_000 });
    expect(first.refreshed).toBe(true);
    expect(first.token.refreshToken).not.toBe(seeded.refreshToken);
    expect(first.token.clientId).toBe(seeded.clientId);
    expect(first.token.registrationExpiresAt).toBe(Date.parse(seeded.registrationExpiresAt));
    const second = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 5 * 60_000, force: true });
    expect(second.refreshed).toBe(true);
    expect(second.token.refreshToken).not.toBe(first.token.refreshToken);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
    // A token with time to spare is not refreshed.
    const third = await tokens.refreshIfNeeded(fixture.session, { minValidityMs: 60_000 });
    expect(third.refreshed).toBe(false);
  });

  it('reports "sign-in needed" once the SSO session is over, without a retry storm', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken({ accessTokenMs: 60_000 });
    fixture.fake.endAllSessions();
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    const error = (await tokens
      .refreshIfNeeded(fixture.session, { minValidityMs: 5 * 60_000 })
      .catch((caught: unknown) => caught)) as LanyardError;
    expect(error.code).toBe('SIGN_IN_REQUIRED');
    expect(error.describe()).toContain('lanyard login --sso-session work');
  });

  it('adopts a token another tool refreshed without a lock instead of declaring the session over', async () => {
    fixture = await createSsoFixture();
    await fixture.seedToken({ accessTokenMs: 60_000 });
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    const stale = await tokens.read(fixture.session);
    // Another tool (botocore, say) refreshes first and writes the cache.
    await new SessionTokens({ paths: fixture.temp.paths }).refreshIfNeeded(fixture.session, {
      minValidityMs: 5 * 60_000,
    });
    // Now spend the stale refresh token as a racing process would: InvalidGrant, then re-read.
    const racing = new SessionTokens({ paths: fixture.temp.paths });
    const readSpy = racing.read.bind(racing);
    let calls = 0;
    racing.read = async (session) => (calls++ < 2 ? stale : readSpy(session));
    const result = await racing.refreshIfNeeded(fixture.session, { minValidityMs: 5 * 60_000 });
    expect(result.refreshed).toBe(false);
    expect(result.token.refreshToken).not.toBe(stale?.refreshToken);
    expect(fixture.fake.refreshTokenReuse).toBe(1);
  });

  it('a corrupt cache file is a clear error, and signing in again replaces it', async () => {
    fixture = await createSsoFixture();
    const file = tokenCacheFile(fixture.temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"accessToken": "aoa-broken');
    const tokens = new SessionTokens({ paths: fixture.temp.paths });
    const error = (await tokens
      .refreshIfNeeded(fixture.session, { minValidityMs: 1 })
      .catch((caught: unknown) => caught)) as LanyardError;
    expect(error.code).toBe('CORRUPT_CACHE');
    expect(error.describe()).toContain('lanyard login --sso-session work');
    await tokens.signIn(fixture.session, {
      flow: 'auth-code',
      onPrompt: async (prompt) => void (await followInBrowser((prompt as { url: string }).url)),
    });
    expect((await readCachedToken(fixture.temp.paths, 'work'))?.refreshToken).toBeTruthy();
  });
});

describe('keep-alive', () => {
  it('keeps a 20-second token alive for a minute of fake time, refreshing about every 10 s', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, lifetimes: { accessTokenMs: 20_000 } });
    await fixture.seedToken();
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const keepAlive = new KeepAlive({ tokens, clock, random: () => 0.5 });
    keepAlive.setSessions([fixture.session]);
    await keepAlive.idle();
    const refreshesBefore = fixture.fake.counters('CreateToken').successes;
    for (let second = 0; second < 60; second += 1) {
      await clock.advanceAsync(1_000);
      await keepAlive.idle();
      const status = keepAlive.status('work') as SessionStatus;
      expect(status.health).toBe('active');
      expect(status.expiresAt).toBeGreaterThan(clock.now());
    }
    const refreshes = fixture.fake.counters('CreateToken').successes - refreshesBefore;
    expect(refreshes).toBeGreaterThanOrEqual(5);
    expect(refreshes).toBeLessThanOrEqual(8);
    expect(fixture.fake.refreshTokenReuse).toBe(0);
    keepAlive.stop();
  });

  it('backs off on throttling and network drops, then recovers', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, lifetimes: { accessTokenMs: 20_000 } });
    await fixture.seedToken();
    fixture.fake.failNext('CreateToken', 4, 'TooManyRequests');
    fixture.fake.failNext('CreateToken', 4, 'NetworkDrop');
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const keepAlive = new KeepAlive({ tokens, clock, random: () => 0.5 });
    const seen: string[] = [];
    keepAlive.onChange((status) => seen.push(status.health));
    keepAlive.setSessions([fixture.session]);
    const started = clock.now();
    for (let i = 0; i < 600 && !(seen.includes('retrying') && keepAlive.status('work')?.health === 'active'); i += 1) {
      await clock.advanceAsync(1_000);
      await keepAlive.idle();
    }
    expect(seen).toContain('retrying');
    expect(keepAlive.status('work')?.health).toBe('active');
    expect(keepAlive.status('work')?.expiresAt).toBeGreaterThan(clock.now());
    // Exponential backoff: 8 failed calls (the SDK retries each attempt up to 3 times) took
    // several backoff rounds, not a burst.
    expect(clock.now() - started).toBeGreaterThan(20_000);
    expect(fixture.fake.counters('CreateToken').calls).toBeLessThanOrEqual(10);
    keepAlive.stop();
  });

  it('says "sign-in needed" when the session ends, and stops calling the service', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, lifetimes: { accessTokenMs: 20_000 } });
    await fixture.seedToken();
    const tokens = new SessionTokens({ paths: fixture.temp.paths, clock });
    const keepAlive = new KeepAlive({ tokens, clock, random: () => 0.5 });
    keepAlive.setSessions([fixture.session]);
    await keepAlive.idle();
    fixture.fake.endAllSessions();
    for (let i = 0; i < 30; i += 1) {
      await clock.advanceAsync(1_000);
      await keepAlive.idle();
    }
    const status = keepAlive.status('work') as SessionStatus;
    expect(status.health).toBe('sign-in-needed');
    expect(status.hint).toContain('lanyard login --sso-session work');
    const calls = fixture.fake.counters('CreateToken').calls;
    for (let i = 0; i < 10; i += 1) {
      await clock.advanceAsync(60_000);
      await keepAlive.idle();
    }
    expect(fixture.fake.counters('CreateToken').calls).toBe(calls);
    keepAlive.stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
