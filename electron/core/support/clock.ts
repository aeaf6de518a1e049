/**
 * Time as the core sees it. Everything that waits or compares against "now" takes a Clock,
 * so tests can run hours of keep-alive in milliseconds with a fake one.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Calls `listener` each time the computer wakes from sleep, where the clock can tell (the
   * desktop app's clock hears Electron's powerMonitor 'resume': see resumableClock). Returns
   * an unsubscribe. Without it, the keep-alive notices a sleep by the wall clock's jump.
   */
  onWake?(listener: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Timers keep the process alive while work waits on them (a retry backoff, a rate limit);
  // the CLI exits explicitly once its command is done.
  setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * `base` with a wake-up signal: whoever learns that the computer resumed from sleep (the app,
 * from powerMonitor) calls `resumed()`, and every `onWake` listener runs.
 */
export function resumableClock(base: Clock = systemClock): Clock & { resumed(): void } {
  const listeners = new Set<() => void>();
  return {
    now: () => base.now(),
    setTimeout: (callback, ms) => base.setTimeout(callback, ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
    onWake(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resumed() {
      for (const listener of [...listeners]) listener();
    },
  };
}

/** Resolves after `ms` on the given clock; rejects with the signal's reason if aborted. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
