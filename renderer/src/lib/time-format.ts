import { formatTimeLeft } from '../../../electron/core/domain/durations.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3d 4h", "7h 05m", "42m 09s", "9s", or "expired" (the core's one duration format). */
export const formatRemaining = (ms: number): string => formatTimeLeft(ms, 'second');

/** "just now", "4 min ago", "3 h ago", "2 d ago". */
export function formatAgo(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / DAY)} d ago`;
}

/** Local date and time, for tooltips next to countdowns. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const formatCount = (value: number): string => value.toLocaleString('en-US');
