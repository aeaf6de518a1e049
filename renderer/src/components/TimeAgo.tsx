import { useCallback } from 'react';
import { useTicker } from '../hooks/useTicker.js';
import { formatAgo, formatDateTime } from '../lib/time-format.js';

/** "4 min ago", kept current by the shared ticker. */
export function TimeAgo({ at }: { at: number }) {
  const text = useTicker(useCallback((now: number) => formatAgo(at, now), [at]));
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {text}
    </time>
  );
}
