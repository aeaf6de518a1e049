/** One benchmark figure against its floor, printed as one line. */
export interface BenchResult {
  name: string;
  /** In `unit`: milliseconds unless said otherwise. */
  measuredMs: number;
  floorMs: number;
  /** What measuredMs and floorMs count; `MB` for memory (10^6 bytes). */
  unit?: 'ms' | 'MB';
  /** Met when measured / floor is at most this. */
  targetRatio: number;
  /** What the floor is, in words. */
  floor: string;
  /** Further figures, e.g. `{ throttled: 12 }`. */
  details?: Record<string, string | number>;
  /** Conditions that must hold on top of the ratio (e.g. no failed listings). */
  mustHold?: boolean;
}

function format(value: number, unit: BenchResult['unit'] = 'ms'): string {
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

export function printResult(result: BenchResult): boolean {
  const ratio = result.measuredMs / result.floorMs;
  const met = ratio <= result.targetRatio && result.mustHold !== false;
  const details = Object.entries(result.details ?? {})
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  console.log(
    `${result.name}: ${format(result.measuredMs, result.unit)} vs floor ${format(result.floorMs, result.unit)} (${result.floor}) = ${ratio.toFixed(2)}x, ` +
      `target <= ${result.targetRatio}x${details ? `; ${details}` : ''}: ${met ? 'target met' : 'target missed'}`,
  );
  return met;
}
