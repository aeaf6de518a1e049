import { type Stats, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { damageMessage, reportDamagedFile, setAsideDamaged } from './damaged-files.js';
import { sha1Hex } from './digest.js';
import { isProcessAlive } from './processes.js';

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
 *
 * A lock that can never be taken as it is (a file where its folder should be, a folder dated
 * in the future, a stale one that cannot be removed) or a file where the locks folder should
 * be is moved aside with a report (damaged-files.ts), and the lock is taken, rather than fail
 * every run until someone removes it by hand.
 */
export async function withFileLock<T>(
  locksDir: string,
  name: string,
  task: (signal: AbortSignal) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  await ensureLocksFolder(locksDir);
  const target = path.join(locksDir, sha1Hex(name));
  const lockPath = `${target}.lock`;
  const staleMs = options.staleMs ?? STALE_MS;
  // Loaded on first lock: read-only fast paths (warm `credential-process`, `env`) never pay for it.
  const { default: lockfile } = await import('proper-lockfile');
  const started = Date.now();
  const lost = new AbortController();
  let release: (() => Promise<void>) | undefined;
  let repaired = await repairLock(lockPath, name, staleMs);
  const ownerFile = `${target}.owner`;
  await expireAbandoned(lockPath, ownerFile);
  while (!release) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale: staleMs,
        ...(options.updateMs !== undefined ? { update: options.updateMs } : {}),
        retries: { retries: 40, factor: 1.3, minTimeout: 15, maxTimeout: 250, randomize: true },
        onCompromised: (error) => lost.abort(lostLockError(name, error)),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A stale lock proper-lockfile could not remove (something was put inside its folder): moved aside, once.
      if (code !== 'ELOCKED' && !repaired && (await repairLock(lockPath, name, staleMs, { stale: true }))) {
        repaired = true;
        continue;
      }
      if (code !== 'ELOCKED' || Date.now() - started > WAIT_MS) {
        throw new LanyardError(
          'FILE',
          `Could not take the lock for ${name}: ${(error as Error).message}`,
          `Another Lanyard process may be stuck; remove ${lockPath} if no Lanyard process is running.`,
          { cause: error },
        );
      }
    }
  }
  // Who holds it, so that a waiter can tell a holder that was killed (see expireAbandoned).
  // Beside the lock's folder, not in it: proper-lockfile removes that folder with rmdir.
  await fs.writeFile(ownerFile, `${process.pid} ${os.hostname()}\n`, { mode: 0o600 }).catch(() => undefined);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await task(lost.signal) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Lost while the task ran: whatever it returned or threw, the lost lock is what went wrong.
  if (lost.signal.aborted) throw lost.signal.reason;
  await fs.rm(ownerFile, { force: true }).catch(() => undefined);
  await release().catch(() => undefined);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * A lock whose holder was killed (SIGKILL, a crash) would keep everyone waiting until it goes
 * stale (15 s). When its owner record names a process of this machine that is gone, the lock
 * is dated back so that it counts as stale at once. Should a live process have taken it in
 * the instant since (before writing its own record), that process finds its lock compromised
 * and stops without writing anything (see withFileLock): a failed try, never two holders
 * writing.
 */
async function expireAbandoned(lockPath: string, ownerFile: string): Promise<void> {
  let owner: string;
  try {
    owner = await fs.readFile(ownerFile, 'utf8');
  } catch {
    return;
  }
  const [pid, host] = owner.trim().split(' ');
  if (host !== os.hostname() || !Number(pid) || isProcessAlive(Number(pid))) return;
  const longAgo = new Date(0);
  await fs.utimes(lockPath, longAgo, longAgo).catch(() => undefined);
}

/** A lock folder dated this far ahead never goes stale in time (it was made while the clock was wrong). */
const FUTURE_MS = 5 * 60_000;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Moves what is in a lock's way aside, if it is still what was judged (`seen`), and reports
 * it; a FILE error when even that fails.
 */
function setAsideInTheWay(file: string, seen: Stats, what: string, problem: string, outcome: string): void {
  let movedTo: string | undefined;
  try {
    movedTo = setAsideDamaged(file, { sameAs: seen });
  } catch (error) {
    throw new LanyardError(
      'FILE',
      `${what} is damaged (${problem}) and Lanyard could not move it aside: ${(error as Error).message}`,
      `Move ${file} out of the way yourself, then try again.`,
      { cause: error },
    );
  }
  // Gone or replaced meanwhile: another process set it aside (and reported it) first.
  if (movedTo === undefined) return;
  reportDamagedFile({
    file,
    movedTo,
    title: 'Damaged lock set aside',
    message: damageMessage(what, problem, movedTo, outcome),
  });
}

/** The locks folder, made when missing; a file (or anything else) where it should be is moved aside first. */
async function ensureLocksFolder(locksDir: string): Promise<void> {
  try {
    await fs.mkdir(locksDir, { recursive: true, mode: 0o700 });
    return;
  } catch (error) {
    // EEXIST: something other than a folder has the name (mkdir -p accepts a folder).
    if (errorCode(error) !== 'EEXIST') throw cannotMakeLocks(locksDir, error);
  }
  let seen: Stats;
  try {
    seen = await fs.lstat(locksDir);
  } catch (error) {
    throw cannotMakeLocks(locksDir, error);
  }
  // Another process made the folder meanwhile (after setting the file aside): it holds live locks.
  if (seen.isDirectory()) return;
  setAsideInTheWay(
    locksDir,
    seen,
    `Lanyard's locks folder ${locksDir}`,
    'it is a file, not a folder',
    ' and Lanyard made a new one.',
  );
  try {
    await fs.mkdir(locksDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw cannotMakeLocks(locksDir, error);
  }
}

function cannotMakeLocks(locksDir: string, cause: unknown): LanyardError {
  return new LanyardError(
    'FILE',
    `Could not make Lanyard's locks folder ${locksDir}: ${(cause as Error).message}`,
    `Check that ${path.dirname(locksDir)} is a folder you can write to.`,
    { cause },
  );
}

/**
 * Moves aside a lock that can never be taken as it is: not a folder (proper-lockfile's locks
 * are folders, and it would wait on a file for ever), dated in the future (never stale), or,
 * with `stale`, a stale one proper-lockfile failed to remove. A live lock is left alone.
 * Returns whether anything was moved.
 */
async function repairLock(
  lockPath: string,
  name: string,
  staleMs: number,
  when: { stale?: boolean } = {},
): Promise<boolean> {
  let info: Stats;
  try {
    info = await fs.lstat(lockPath);
  } catch {
    return false;
  }
  const age = Date.now() - info.mtimeMs;
  let problem: string | undefined;
  if (!info.isDirectory()) problem = 'it is a file, not a folder';
  else if (age < -FUTURE_MS) problem = 'it is dated in the future, so it would never count as stale';
  // proper-lockfile removes a stale lock with rmdir, which fails on a folder with something in it.
  else if (age > staleMs && (await hasEntries(lockPath))) problem = 'it is stale, and something was put in its folder';
  else if (when.stale && age > staleMs) problem = 'it is stale, and its folder could not be removed';
  if (problem === undefined) return false;
  setAsideInTheWay(lockPath, info, `The lock ${lockPath} for ${name}`, problem, ' and Lanyard took the lock afresh.');
  return true;
}

async function hasEntries(folder: string): Promise<boolean> {
  try {
    return (await fs.readdir(folder)).length > 0;
  } catch {
    return false;
  }
}

function lostLockError(name: string, cause: Error): LanyardError {
  return new LanyardError(
    'FILE',
    `Lost the lock for ${name} (${cause.message}); another process may have taken it, so Lanyard stopped: nothing was written after that.`,
    'Try again; if this keeps happening, check that the computer is not suspending or overloaded while Lanyard works.',
    { cause },
  );
}
