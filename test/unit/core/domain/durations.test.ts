import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeLeft } from '../../../../electron/core/domain/durations.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('durations', () => {
  it('are precise only where it matters', () => {
    expect(
      [400, 9 * SECOND, 42 * MINUTE + 9 * SECOND, 7 * HOUR + 5 * MINUTE, 76 * HOUR].map((ms) => formatDuration(ms)),
    ).toEqual(['1s', '9s', '42m 09s', '7h 05m', '3d 4h']);
  });

  it('to the minute, for places redrawn once a minute', () => {
    expect([30 * SECOND, 61 * SECOND, 59 * MINUTE + 59 * SECOND].map((ms) => formatDuration(ms, 'minute'))).toEqual([
      '<1m',
      '1m',
      '59m',
    ]);
  });

  it('say "expired" for time left that has run out, and sign elapsed negatives', () => {
    expect(formatTimeLeft(0)).toBe('expired');
    expect(formatTimeLeft(-5 * SECOND, 'minute')).toBe('expired');
    expect(formatDuration(-90 * SECOND)).toBe('-1m 30s');
  });
});
