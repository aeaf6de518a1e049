/** One benchmark figure against its floor, printed as one line. */
export interface BenchResult {
  name: string;
  measuredMs: number;
  floorMs: number;
  /** Met when measured / floor is at most this. */
  targetRatio: number;
  /** What the floor is, in words. */
  floor: string;
  /** Further figures, e.g. `{ throttled: 12 }`. */
  details?: Record<string, string | number>;
  /** Conditions that must hold on top of the ratio (e.g. no failed listings). */
  mustHold?: boolean;
}

function format(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function printResult(result: BenchResult): boolean {
  const ratio = result.measuredMs / result.floorMs;
  const met = ratio <= result.targetRatio && result.mustHold !== false;
  const details = Object.entries(result.details ?? {})
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  console.log(
    `${result.name}: ${format(result.measuredMs)} vs floor ${format(result.floorMs)} (${result.floor}) = ${ratio.toFixed(2)}x, ` +
      `target <= ${result.targetRatio}x${details ? `; ${details}` : ''}: ${met ? 'target met' : 'target missed'}`,
  );
  return met;
}
