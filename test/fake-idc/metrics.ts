/** Per-operation counters tests assert on. */
import { OPERATIONS, type OperationName } from './routing.js';

export interface OperationCounters {
  /** Requests that reached the operation. */
  calls: number;
  /** Answered with a 2xx or 3xx. */
  successes: number;
  /** Answered TooManyRequests (by the throttle or an injected failure). */
  throttled: number;
  /** Any other error answer, or a dropped/hung connection. */
  errors: number;
}

export type Outcome = 'success' | 'throttled' | 'error';

const THROTTLED_STATUS = 429;
const FIRST_ERROR_STATUS = 400;

export function outcomeOf(status: number): Outcome {
  if (status === THROTTLED_STATUS) return 'throttled';
  return status >= FIRST_ERROR_STATUS ? 'error' : 'success';
}

const OUTCOME_COUNTER: Record<Outcome, Exclude<keyof OperationCounters, 'calls'>> = {
  success: 'successes',
  throttled: 'throttled',
  error: 'errors',
};

export class Metrics {
  private counters = new Map<OperationName, OperationCounters>();

  call(operation: OperationName): void {
    this.entry(operation).calls += 1;
  }

  record(operation: OperationName, outcome: Outcome): void {
    this.entry(operation)[OUTCOME_COUNTER[outcome]] += 1;
  }

  get(operation: OperationName): OperationCounters {
    return { ...this.entry(operation) };
  }

  all(): Record<OperationName, OperationCounters> {
    return Object.fromEntries(OPERATIONS.map((operation) => [operation, this.get(operation)])) as Record<
      OperationName,
      OperationCounters
    >;
  }

  reset(): void {
    this.counters = new Map();
  }

  private entry(operation: OperationName): OperationCounters {
    let counters = this.counters.get(operation);
    if (!counters) {
      counters = { calls: 0, successes: 0, throttled: 0, errors: 0 };
      this.counters.set(operation, counters);
    }
    return counters;
  }
}
