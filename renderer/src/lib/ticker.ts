/**
 * One shared clock tick per second for every countdown on screen. Only countdown leaves
 * subscribe, so a tick re-renders them and nothing else. Ticks land on whole seconds, so all
 * countdowns change together and never lag by a fraction of a second.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let now = 0;

function schedule(): void {
  timer = setTimeout(tick, 1000 - (Date.now() % 1000));
}

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
  schedule();
}

export function subscribeToTicker(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** The time of the last tick (or the current time while nothing is subscribed). */
export function tickerNow(): number {
  return timer === undefined ? Date.now() : now;
}
