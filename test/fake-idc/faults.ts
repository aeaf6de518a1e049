/** Trouble on demand: injected failures for the next calls of an operation, and a throttle. */
import type { Clock } from '../../electron/core/support/clock.js';
import { SECOND, type ThrottleOptions } from './options.js';
import type { OperationName } from './routing.js';
import type { ErrorKind } from './wire.js';

/**
 * Any modeled error (answered with its status and error type), `NetworkDrop` (the socket is
 * destroyed without a response) or `Hang` (no response until the fake stops).
 */
export type FailureKind = ErrorKind | 'NetworkDrop' | 'Hang';

export class FailurePlan {
  private readonly queued = new Map<OperationName, FailureKind[]>();

  add(operation: OperationName, count: number, kind: FailureKind): void {
    const queue = this.queued.get(operation) ?? [];
    queue.push(...Array.from({ length: count }, () => kind));
    this.queued.set(operation, queue);
  }

  /** The failure planned for this call of the operation, if any (used up). */
  take(operation: OperationName): FailureKind | undefined {
    return this.queued.get(operation)?.shift();
  }

  clear(): void {
    this.queued.clear();
  }
}

/** `burst` calls at once, refilled continuously at `ratePerSecond`, on the given clock. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly options: ThrottleOptions,
    private readonly clock: Clock,
  ) {
    this.tokens = options.burst;
    this.refilledAt = clock.now();
  }

  tryTake(): boolean {
    const now = this.clock.now();
    const refill = ((now - this.refilledAt) / SECOND) * this.options.ratePerSecond;
    this.tokens = Math.min(this.options.burst, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
