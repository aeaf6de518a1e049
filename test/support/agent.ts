import { run } from '../../electron/cli/program.js';
import type { FakeClock } from './fake-clock.js';

export interface InProcessAgent {
  /** Everything the agent wrote to stderr so far. */
  log(): string;
  /** Sends the agent its stop signal and resolves with its exit code. */
  stop(): Promise<number>;
}

/** Resolves once `check` returns something truthy, polling in real time (the agent does real I/O). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<Awaited<T>>> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<Awaited<T>>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `lanyard agent` in this process, on a fake clock, started and ready. */
export async function startAgent(env: Record<string, string>, clock: FakeClock): Promise<InProcessAgent> {
  let stop!: (signal: NodeJS.Signals) => void;
  const stderr: string[] = [];
  const exit = run(['agent'], {
    env,
    clock,
    stderr: { write: (text: string) => stderr.push(text) } as unknown as NodeJS.WritableStream,
    untilSignal: () => new Promise((resolve) => (stop = resolve)),
  });
  await eventually(() => stderr.join('').includes('lanyard agent: keeping'), 'the agent to start');
  return {
    log: () => stderr.join(''),
    stop: async () => {
      stop('SIGTERM');
      return exit;
    },
  };
}
