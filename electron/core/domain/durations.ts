/**
 * Durations as Lanyard shows them everywhere (window, tray, CLI): "3d 4h", "7h 05m",
 * "42m 09s", "9s". Precise only where it matters; `minute` precision ("42m", "<1m") is for
 * places redrawn once a minute, like the tray menu. Pure: the renderer uses it too.
 */
export type Precision = 'second' | 'minute';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number): string => String(value).padStart(2, '0');

export function formatDuration(ms: number, precision: Precision = 'second'): string {
  if (ms < 0) return `-${formatDuration(-ms, precision)}`;
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}h ${pad(Math.floor((ms % HOUR) / MINUTE))}m`;
  if (precision === 'minute') return ms < MINUTE ? '<1m' : `${Math.floor(ms / MINUTE)}m`;
  // Round seconds up, so a countdown says "1s" until the very end rather than "0s".
  const seconds = Math.ceil(ms / SECOND);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
}

/** Time left until something expires: "expired" once it has. */
export function formatTimeLeft(ms: number, precision: Precision = 'second'): string {
  return ms <= 0 ? 'expired' : formatDuration(ms, precision);
}
