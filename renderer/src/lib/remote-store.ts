import { replaceEqualDeep } from './structural-sharing.js';

/** A value the main process owns: loaded once, then kept current by pushed snapshots. */
export interface RemoteStore<T> {
  get(): T | undefined;
  subscribe(listener: () => void): () => void;
}

/**
 * Starts listening on first subscription. A pushed snapshot always wins over the initial
 * load, which may resolve after it.
 */
export function createRemoteStore<T>(
  load: () => Promise<T>,
  listen: (listener: (value: T) => void) => () => void,
): RemoteStore<T> {
  let value: T | undefined;
  let started = false;
  let pushed = false;
  const listeners = new Set<() => void>();

  const set = (next: T): void => {
    const shared = replaceEqualDeep(value, next);
    if (shared === value) return;
    value = shared;
    for (const listener of listeners) listener();
  };

  const start = (): void => {
    started = true;
    listen((next) => {
      pushed = true;
      set(next);
    });
    void load().then((initial) => {
      if (!pushed) set(initial);
    });
  };

  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      if (!started) start();
      return () => listeners.delete(listener);
    },
  };
}
