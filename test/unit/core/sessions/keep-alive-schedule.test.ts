import { describe, expect, it } from 'vitest';
import {
  JITTER_MAX_MS,
  KEEP_ALIVE_WINDOW_MS,
  refreshDueAt,
  retryDelay,
} from '../../../../electron/core/sessions/keep-alive.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('keep-alive cadence', () => {
  it('refreshes a one-hour token with 30 minutes left, before botocore (15 min) or the JS SDK (5 min) would', () => {
    const expiresAt = 10 * HOUR;
    expect(refreshDueAt(expiresAt, HOUR, 0)).toBe(expiresAt - 30 * MINUTE);
    expect(expiresAt - refreshDueAt(expiresAt, HOUR, 0)).toBeGreaterThan(15 * MINUTE);
  });

  it('jitters up to five minutes earlier, never later', () => {
    const expiresAt = 10 * HOUR;
    expect(refreshDueAt(expiresAt, HOUR, 1)).toBe(expiresAt - KEEP_ALIVE_WINDOW_MS - JITTER_MAX_MS);
    expect(refreshDueAt(expiresAt, 8 * HOUR, 1)).toBe(expiresAt - KEEP_ALIVE_WINDOW_MS - JITTER_MAX_MS);
  });

  it('refreshes a short token at half its life, so a 20-second token is refreshed every ~10 s', () => {
    expect(refreshDueAt(20_000, 20_000, 0)).toBe(10_000);
    expect(refreshDueAt(20_000, 20_000, 1)).toBe(8_000);
  });

  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(retryDelay(0, () => 0.5)).toBe(5_000);
    expect(retryDelay(1, () => 0.5)).toBe(10_000);
    expect(retryDelay(3, () => 0)).toBe(40_000 * 0.8);
    expect(retryDelay(20, () => 1)).toBeCloseTo(5 * MINUTE * 1.2);
  });
});
