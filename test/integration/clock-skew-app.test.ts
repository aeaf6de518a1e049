import { afterEach, describe, expect, it } from 'vitest';
import { Lanyard } from '../../electron/core/lanyard.js';
import type { LanyardNotification } from '../../electron/core/notices/session-notices.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const MINUTE = 60_000;

let fixture: SsoFixture | undefined;
let lanyard: Lanyard | undefined;
afterEach(async () => {
  await lanyard?.stop();
  lanyard = undefined;
  await fixture?.close();
  fixture = undefined;
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the app and a skewed clock', () => {
  it('puts a notice on the board, notifies once, shows the skew on the session card and in diagnostics', async () => {
    fixture = await createSsoFixture({ dateOffsetMs: 30 * MINUTE });
    const issued = await fixture.seedToken();
    let stored: unknown = {};
    const notifications: LanyardNotification[] = [];
    lanyard = new Lanyard({
      paths: fixture.temp.paths,
      env: fixture.temp.env,
      preferences: { read: () => stored, write: (value) => void (stored = value) },
      platform: { writeClipboard: () => {}, openExternal: async () => {}, platform: 'linux' },
    });
    lanyard.onNotification((notification) => notifications.push(notification));
    await lanyard.start();
    const app = lanyard;
    // The first listing's answers carry the service's Date.
    await until(async () => (await app.getState()).notices.some((notice) => notice.id === 'clock-skew'));
    const state = await app.getState();
    const notice = state.notices.find((item) => item.id === 'clock-skew');
    expect(notice?.body).toContain('30 minutes behind');
    expect(Math.abs((state.sessions[0]?.clockSkewMs ?? 0) - 30 * MINUTE)).toBeLessThan(3000);
    // The session card's words.
    expect(state.sessions[0]?.clockWarning).toBe(
      "This computer's clock is 30 minutes behind IAM Identity Center's: expiry times are off.",
    );
    expect(notifications.filter((item) => item.id.startsWith('clock-skew')).length).toBe(1);

    const report = await app.diagnostics({ awsVersion: async () => 'aws-cli/2.27.0 Python/3.13' });
    // Plain JSON, ready for IPC.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.checks.find((item) => item.id === 'clock-skew')?.status).toBe('warn');
    expect(report.checks.find((item) => item.id === 'token:work')?.status).toBe('ok');
    const text = JSON.stringify(report);
    for (const secret of [issued.accessToken, issued.refreshToken, issued.clientSecret])
      expect(text).not.toContain(secret);
  });
});
