import { describe, expect, it } from 'vitest';
import { formatAwsTimestamp, parseAwsTimestamp } from '../../../../electron/core/support/timestamps.js';

describe('AWS cache timestamps', () => {
  const instant = Date.UTC(2025, 4, 1, 12, 30, 5);

  it.each([
    ['2025-05-01T12:30:05Z', 'botocore / AWS CLI token cache'],
    ['2025-05-01T12:30:05.000Z', 'JS SDK token cache'],
    ['2025-05-01T12:30:05UTC', 'AWS CLI registration cache (strftime %Z)'],
    ['2025-05-01T12:30:05+00:00', 'isoformat()'],
    ['2025-05-01 12:30:05', 'naive, read as UTC'],
  ])('reads %s (%s)', (text) => {
    expect(parseAwsTimestamp(text)).toBe(instant);
  });

  it('rejects what is not a timestamp', () => {
    expect(parseAwsTimestamp('soon')).toBeUndefined();
    expect(parseAwsTimestamp('')).toBeUndefined();
    expect(parseAwsTimestamp(42)).toBeUndefined();
    expect(parseAwsTimestamp(undefined)).toBeUndefined();
  });

  it('writes the AWS CLI format: UTC, seconds, Z', () => {
    expect(formatAwsTimestamp(instant + 789)).toBe('2025-05-01T12:30:05Z');
  });
});
