const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number): string => String(value).padStart(2, '0');

/** "3d 4h", "7h 05m", "42m 09s", "9s", or "expired": precise only where it matters. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const seconds = Math.ceil(ms / SECOND);
  if (seconds < 60) return `${seconds}s`;
  if (ms < HOUR) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ${pad(Math.floor((ms % HOUR) / MINUTE))}m`;
  return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
}

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
