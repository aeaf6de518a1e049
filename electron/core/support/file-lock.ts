import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { sha1Hex } from './digest.js';

/** A held lock goes stale (and another process may take it) after this long without a heartbeat. */
const STALE_MS = 15_000;
/** How long a process waits for a lock before giving up. Refreshes take well under a second. */
const WAIT_MS = 60_000;

export interface FileLockOptions {
  /** After how long without a heartbeat a lock counts as stale (default 15 s; proper-lockfile's floor is 2 s). */
  staleMs?: number;
  /** How often the holder refreshes the lock's mtime (default half of staleMs; floor 1 s). */
  updateMs?: number;
}

/**
 * Runs `task` while holding a cross-process lock named `name`, in Lanyard's `locks` folder.
 * proper-lockfile takes the lock with an atomic mkdir, refreshes its mtime while held and
 * treats a lock whose holder died as stale, which is what several Lanyard processes (tray,
 * agent, credential_process calls) need to take turns on one refresh token.
 *
 * A lock can be lost while held: its folder was removed, or its mtime could not be refreshed
 * in time (a suspended laptop, a blocked event loop), so another process may hold it now. A
 * running task cannot be stopped from outside, so it gets a signal that aborts then, with the
 * error below as its reason: writers given it (writeFileAtomically's `signal`) refuse to rename
 * anything into place after that. Whatever the task does, once the lock is lost its result is
 * never returned: the call rejects with that error, and the lock folder (another process's by
 * now) is left alone.
 */
export async function withFileLock<T>(
  locksDir: string,
  name: string,
  task: (signal: AbortSignal) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  await fs.mkdir(locksDir, { recursive: true, mode: 0o700 });
  const target = path.join(locksDir, sha1Hex(name));
  // Loaded on first lock: read-only fast paths (warm `credential-process`, `env`) never pay for it.
  const { default: lockfile } = await import('proper-lockfile');
  const started = Date.now();
  const lost = new AbortController();
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale: options.staleMs ?? STALE_MS,
        ...(options.updateMs !== undefined ? { update: options.updateMs } : {}),
        retries: { retries: 40, factor: 1.3, minTimeout: 15, maxTimeout: 250, randomize: true },
        onCompromised: (error) => lost.abort(lostLockError(name, error)),
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
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await task(lost.signal) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Lost while the task ran: whatever it returned or threw, the lost lock is what went wrong.
  if (lost.signal.aborted) throw lost.signal.reason;
  await release().catch(() => undefined);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function lostLockError(name: string, cause: Error): LanyardError {
  return new LanyardError(
    'FILE',
    `Lost the lock for ${name} (${cause.message}); another process may have taken it, so Lanyard stopped: nothing was written after that.`,
    'Try again; if this keeps happening, check that the computer is not suspending or overloaded while Lanyard works.',
    { cause },
  );
}
