import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockSkewNotice } from '../../../../electron/core/notices/clock-notices.js';
import {
  CLOCK_SKEW_WARNING_MS,
  ServiceClock,
  describeClockSkew,
  isClockSkewed,
  readClockSkewRecord,
  saveClockSkewRecord,
  skewFromDate,
} from '../../../../electron/core/sessions/service-clock.js';
import { createOidcClient, onServiceDate } from '../../../../electron/core/support/aws-clients.js';
import { FakeIdentityCenter } from '../../../fake-idc/index.js';
import { FakeClock } from '../../../support/fake-clock.js';

const MINUTE = 60_000;
const at = (ms: number): string => new Date(ms).toUTCString();

describe('skewFromDate', () => {
  it('compares the middle of the header second with the middle of the round trip', () => {
    const local = Date.parse('2026-12-01T10:00:00Z');
    expect(skewFromDate({ date: at(local), sentAt: local, receivedAt: local + 200 })).toBe(400);
    expect(skewFromDate({ date: at(local + 5 * MINUTE), sentAt: local, receivedAt: local })).toBe(5 * MINUTE + 500);
    expect(skewFromDate({ date: 'not a date', sentAt: local, receivedAt: local })).toBeUndefined();
  });

  it('warns beyond a few minutes either way, in words', () => {
    expect(isClockSkewed(CLOCK_SKEW_WARNING_MS)).toBe(false);
    expect(isClockSkewed(-(CLOCK_SKEW_WARNING_MS + 1))).toBe(true);
    expect(isClockSkewed(undefined)).toBe(false);
    expect(describeClockSkew(10 * MINUTE)).toBe("This computer's clock is 10 minutes behind IAM Identity Center's");
    expect(describeClockSkew(-3 * 60 * MINUTE)).toBe("This computer's clock is 3 hours ahead of IAM Identity Center's");
    expect(clockSkewNotice(MINUTE)).toBeUndefined();
    expect(clockSkewNotice(10 * MINUTE)?.title).toBe('Your clock is off');
  });
});

describe('ServiceClock', () => {
  it('puts "now" on the service clock once a skew beyond the noise is known, and tells listeners', () => {
    const clock = new FakeClock(Date.parse('2026-12-01T10:00:00Z'));
    const serviceClock = new ServiceClock(clock);
    const heard: number[] = [];
    serviceClock.onChange((skew) => heard.push(skew));
    expect(serviceClock.now()).toBe(clock.now());
    const local = Date.now();
    serviceClock.observe({ date: at(local + 7 * MINUTE), sentAt: local, receivedAt: local });
    expect(serviceClock.skewMs).toBeGreaterThan(7 * MINUTE - 1000);
    expect(serviceClock.now() - clock.now()).toBe(serviceClock.skewMs);
    // A reading within the noise of the last one changes nothing for listeners.
    serviceClock.observe({ date: at(local + 7 * MINUTE), sentAt: local + 300, receivedAt: local + 300 });
    expect(heard).toHaveLength(1);
    // The clock was fixed: the next answer says so.
    serviceClock.observe({ date: at(local), sentAt: local, receivedAt: local });
    expect(heard).toHaveLength(2);
    expect(serviceClock.now()).toBe(clock.now());
  });
});

describe('ServiceClock.assume', () => {
  it("takes another process's skew until an answer of its own, and lends its time to service expiry checks", () => {
    const clock = new FakeClock(Date.parse('2026-12-01T10:00:00Z'));
    const serviceClock = new ServiceClock(clock);
    const heard: number[] = [];
    serviceClock.onChange((skew) => heard.push(skew));
    serviceClock.assume(-9 * MINUTE);
    expect(serviceClock.asClock.now()).toBe(clock.now() - 9 * MINUTE);
    expect(heard).toEqual([]);
    const local = Date.now();
    serviceClock.observe({ date: at(local), sentAt: local, receivedAt: local });
    serviceClock.assume(-9 * MINUTE);
    expect(serviceClock.asClock.now()).toBe(clock.now());
  });
});

describe('the clock skew record', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('is kept while the skew warrants a warning and removed when it does not', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-skew-'));
    const dataDir = path.join(dir, 'data');
    await saveClockSkewRecord(dataDir, { skewMs: 10 * MINUTE, observedAt: 1 });
    expect(await readClockSkewRecord(dataDir)).toEqual({ skewMs: 10 * MINUTE, observedAt: 1 });
    await saveClockSkewRecord(dataDir, { skewMs: 1000, observedAt: 2 });
    expect(await readClockSkewRecord(dataDir)).toBeUndefined();
  });
});

describe('the SDK middleware', () => {
  it("hears the Date header of Identity Center's answers, error answers included", async () => {
    const fake = new FakeIdentityCenter({ dateOffsetMs: 20 * MINUTE });
    await fake.start();
    const saved = process.env.AWS_ENDPOINT_URL_SSO_OIDC;
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = fake.url;
    const seen: number[] = [];
    const stop = onServiceDate((sample) => seen.push(skewFromDate(sample) ?? NaN));
    try {
      const client = await createOidcClient('us-east-1', { maxAttempts: 1 });
      const sdk = await import('@aws-sdk/client-sso-oidc');
      await expect(
        client.send(
          new sdk.CreateTokenCommand({
            clientId: 'nobody',
            clientSecret: 'nothing',
            grantType: 'refresh_token',
            refreshToken: 'x',
          }),
        ),
      ).rejects.toThrow();
      client.destroy();
      expect(seen).toHaveLength(1);
      expect(Math.abs((seen[0] as number) - 20 * MINUTE)).toBeLessThan(3000);
    } finally {
      stop();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
      else process.env.AWS_ENDPOINT_URL_SSO_OIDC = saved;
      await fake.stop();
    }
  });
});
