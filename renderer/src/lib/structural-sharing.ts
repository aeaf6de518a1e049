/**
 * Returns `next`, but with every part that deep-equals the same part of `previous` replaced
 * by the previous object. Snapshots arrive from the main process as fresh objects every time;
 * sharing the unchanged parts keeps memoised components (rows, countdowns) from re-rendering
 * when nothing they show has changed.
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const shared = next.map((item: unknown, index) => {
      const value = replaceEqualDeep(previous[index], item);
      if (value !== previous[index]) same = false;
      return value;
    });
    return (same ? previous : shared) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const shared: Record<string, unknown> = {};
    for (const key of keys) {
      const value = replaceEqualDeep(previous[key], next[key]);
      if (value !== previous[key] || !(key in previous)) same = false;
      shared[key] = value;
    }
    return (same ? previous : shared) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether two JSON-like values are deeply equal (key order does not matter). */
export const deepEqual = (a: unknown, b: unknown): boolean => replaceEqualDeep(a, b) === a;
