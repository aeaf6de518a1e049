import { useRemainingSeconds } from '../hooks/useTicker.js';
import { formatDateTime, formatRemaining } from '../lib/time-format.js';

const WARN_SECONDS = 10 * 60;

/**
 * Time left until `until`, ticking every second. The only component that subscribes to the
 * ticker, so a tick re-renders countdowns and nothing around them.
 */
export function Countdown({ until, warnBelowSeconds = WARN_SECONDS }: { until: number; warnBelowSeconds?: number }) {
  const seconds = useRemainingSeconds(until);
  const level = seconds === 0 ? 'expired' : seconds < warnBelowSeconds ? 'warn' : 'ok';
  return (
    <time
      className={`countdown countdown--${level}`}
      data-countdown=""
      dateTime={new Date(until).toISOString()}
      title={`Until ${formatDateTime(until)}`}
    >
      {formatRemaining(seconds * 1000)}
    </time>
  );
}
