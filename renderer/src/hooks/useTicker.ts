import { useCallback, useSyncExternalStore } from 'react';
import { subscribeToTicker, tickerNow } from '../lib/ticker.js';

/**
 * A value computed from the shared 1 s ticker's time. The component re-renders only when the
 * (primitive) value changes, so "5 min ago" re-renders once a minute, a seconds countdown
 * once a second.
 */
export function useTicker<T extends string | number | boolean>(compute: (now: number) => T): T {
  const snapshot = useCallback(() => compute(tickerNow()), [compute]);
  return useSyncExternalStore(subscribeToTicker, snapshot);
}

/** Whole seconds left until `until` (epoch ms); 0 once past. */
export function useRemainingSeconds(until: number): number {
  const compute = useCallback((now: number) => Math.max(0, Math.ceil((until - now) / 1000)), [until]);
  return useTicker(compute);
}
