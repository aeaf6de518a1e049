/**
 * Counts the main process's requests to show a view (the tray's Help → Diagnostics). Made
 * before React mounts, so a request sent the moment a new window shows is not missed.
 */
export interface ShowRequests {
  subscribe(listener: () => void): () => void;
  /** How many requests came so far. */
  count(): number;
}

export function countShowRequests(listen: (listener: () => void) => () => void): ShowRequests {
  let count = 0;
  const listeners = new Set<() => void>();
  listen(() => {
    count += 1;
    for (const listener of listeners) listener();
  });
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    count: () => count,
  };
}
