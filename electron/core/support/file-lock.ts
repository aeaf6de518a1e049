import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { sha1Hex } from './digest.js';

/** A held lock goes stale (and another process may take it) after this long without a heartbeat. */
const STALE_MS = 15_000;
/** How long a process waits for a lock before giving up. Refreshes take well under a second. */
const WAIT_MS = 60_000;

/**
 * Runs `task` while holding a cross-process lock named `name`, in Lanyard's `locks` folder.
 * proper-lockfile takes the lock with an atomic mkdir, refreshes its mtime while held and
 * treats a lock whose holder died as stale, which is what several Lanyard processes (tray,
 * agent, credential_process calls) need to take turns on one refresh token.
 */
export async function withFileLock<T>(locksDir: string, name: string, task: () => Promise<T>): Promise<T> {
  await fs.mkdir(locksDir, { recursive: true, mode: 0o700 });
  const target = path.join(locksDir, sha1Hex(name));
  // Loaded on first lock: read-only fast paths (warm `credential-process`, `env`) never pay for it.
  const { default: lockfile } = await import('proper-lockfile');
  const started = Date.now();
  let release: (() => Promise<void>) | undefined;
  let compromised: Error | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale: STALE_MS,
        retries: { retries: 40, factor: 1.3, minTimeout: 15, maxTimeout: 250, randomize: true },
        onCompromised: (error) => {
          compromised = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() - started > WAIT_MS) {
        throw new LanyardError(
          'FILE',
          `Could not take the lock for ${name}: ${(error as Error).message}`,
          `Another Lanyard process may be stuck; remove ${target}.lock if no Lanyard process is running.`,
          { cause: error },
        );
      }
    }
  }
  try {
    return await task();
  } finally {
    if (!compromised) await release().catch(() => undefined);
  }
}
