/**
 * `json.dumps(value, sort_keys=True)` as Python writes it (ASCII escapes, its separators), for
 * the cache keys the AWS CLI derives by hashing such JSON: Lanyard must compute the same keys to
 * share the CLI's cache files.
 */
export type PythonJsonValue = string | null | PythonJsonValue[] | { [key: string]: PythonJsonValue };

function pythonString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `compact` gives separators (',', ':'); otherwise Python's default (', ', ': '). */
export function pythonJson(value: PythonJsonValue, compact = false): string {
  const [item, pair] = compact ? [',', ':'] : [', ', ': '];
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((entry) => pythonJson(entry, compact)).join(item)}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${pythonString(key)}${pair}${pythonJson(entry, compact)}`).join(item)}}`;
}
