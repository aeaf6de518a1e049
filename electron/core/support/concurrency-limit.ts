/**
 * At most `limit` tasks run at once; the rest wait in line. Urgent tasks go to the front of the
 * line, so a pager fetching the next page of work is never stuck behind the work it found.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];
  /** The most tasks that ran at once. */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`Concurrency must be a positive integer, got ${limit}`);
  }

  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => (options.urgent ? this.urgent : this.normal).push(resolve));
    } else {
      this.running += 1;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      const next = this.urgent.shift() ?? this.normal.shift();
      // The slot passes straight to the next task, so `running` stays the same.
      if (next) next();
      else this.running -= 1;
    }
  }
}
