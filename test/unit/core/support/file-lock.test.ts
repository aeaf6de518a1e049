import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../../electron/core/support/atomic-file.js';
import { withFileLock } from '../../../../electron/core/support/file-lock.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

/** proper-lockfile's floors: stale 2 s, heartbeat 1 s; the lock is found lost within about a second. */
const FAST = { staleMs: 2_000, updateMs: 1_000 };

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(() => reject(new Error('the signal never aborted')), 10_000);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('withFileLock', () => {
  let temp: TempHome;
  let locks: string;
  let file: string;
  beforeEach(() => {
    temp = createTempHome();
    locks = path.join(temp.home, 'locks');
    file = path.join(temp.home, '.aws', 'credentials');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'before\n');
  });
  afterEach(() => temp.cleanup());

  /** Removes the lock's folder, as another process that found it stale would. */
  const breakLock = (): string => {
    const [lock] = readdirSync(locks).filter((name) => name.endsWith('.lock'));
    rmSync(path.join(locks, lock!), { recursive: true });
    return path.join(locks, lock!);
  };

  it('runs the task with a live signal and releases the lock', async () => {
    const result = await withFileLock(
      locks,
      'work',
      async (signal) => {
        expect(signal.aborted).toBe(false);
        expect(readdirSync(locks).some((name) => name.endsWith('.lock'))).toBe(true);
        return 42;
      },
      FAST,
    );
    expect(result).toBe(42);
    expect(readdirSync(locks).some((name) => name.endsWith('.lock'))).toBe(false);
  });

  it('fails the task with a FILE error once the lock is lost, and the file is not replaced', async () => {
    let lockDir = '';
    const run = withFileLock(
      locks,
      'aws-credentials',
      async (signal) => {
        lockDir = breakLock();
        await aborted(signal);
        // Another process takes the lock meanwhile: ours must leave it alone.
        mkdirSync(lockDir);
        await writeFileAtomically(file, 'after\n', { backup: true, signal });
        return 'written';
      },
      FAST,
    );
    const error: unknown = await run.catch((caught: unknown) => caught);
    expect(isLanyardError(error, 'FILE'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Lost the lock for aws-credentials .*another process may have taken it.*nothing was written after that/,
    );
    expect(readFileSync(file, 'utf8')).toBe('before\n');
    expect(readdirSync(path.dirname(file))).toEqual(['credentials']);
    expect(existsSync(lockDir)).toBe(true);
  });

  it('counts a lock whose mtime is no longer its own as lost', async () => {
    const run = withFileLock(
      locks,
      'work',
      async (signal) => {
        const [lock] = readdirSync(locks).filter((name) => name.endsWith('.lock'));
        const other = new Date(Date.now() + 5_000);
        utimesSync(path.join(locks, lock!), other, other);
        await aborted(signal);
        await writeFileAtomically(file, 'after\n', { signal });
      },
      FAST,
    );
    await expect(run).rejects.toMatchObject({
      code: 'FILE',
      message: expect.stringMatching(/^Lost the lock for work/),
    });
    expect(readFileSync(file, 'utf8')).toBe('before\n');
  });

  it('rejects the result of a task that ignores the signal and finishes after the lock was lost', async () => {
    const run = withFileLock(
      locks,
      'work',
      async (signal) => {
        breakLock();
        await aborted(signal);
        return 'done';
      },
      FAST,
    );
    await expect(run).rejects.toMatchObject({
      code: 'FILE',
      message: expect.stringMatching(/^Lost the lock for work/),
    });
  });

  it('reports the lost lock rather than what the task threw because of it', async () => {
    const run = withFileLock(
      locks,
      'work',
      async (signal) => {
        breakLock();
        await aborted(signal);
        throw new Error('something downstream');
      },
      FAST,
    );
    await expect(run).rejects.toMatchObject({ code: 'FILE', message: expect.stringMatching(/^Lost the lock/) });
  });

  it('passes on what the task threw while the lock held', async () => {
    await expect(withFileLock(locks, 'work', () => Promise.reject(new Error('task failed')), FAST)).rejects.toThrow(
      'task failed',
    );
    expect(readdirSync(locks).some((name) => name.endsWith('.lock'))).toBe(false);
  });
});
