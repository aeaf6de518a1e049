import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../../electron/core/support/atomic-file.js';
import { withFileLock } from '../../../../electron/core/support/file-lock.js';
import { type LanyardError, isLanyardError } from '../../../../electron/core/domain/errors.js';
import { type DamageReport, onDamagedFile } from '../../../../electron/core/support/damaged-files.js';
import { sha1Hex } from '../../../../electron/core/support/digest.js';
import { setAsideCopies } from '../../../support/damaged-files.js';
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

  describe('damaged locks', () => {
    let reports: DamageReport[];
    let stopReports: () => void;
    beforeEach(() => {
      reports = [];
      stopReports = onDamagedFile(temp.home, (report) => reports.push(report));
    });
    afterEach(() => stopReports());

    const lockPath = (name: string): string => path.join(locks, `${sha1Hex(name)}.lock`);
    const run = (name = 'aws-config'): Promise<string> => withFileLock(locks, name, async () => 'ran', FAST);

    it('moves a file where the lock folder should be aside, takes the lock, and says so once', async () => {
      mkdirSync(locks, { recursive: true });
      writeFileSync(lockPath('aws-config'), 'not a lock');
      expect(await run()).toBe('ran');
      const [copy, ...more] = setAsideCopies(lockPath('aws-config'));
      expect(more).toEqual([]);
      expect(readFileSync(copy!, 'utf8')).toBe('not a lock');
      expect(reports).toHaveLength(1);
      expect(reports[0]!.message).toBe(
        `The lock ${lockPath('aws-config')} for aws-config was damaged (it is a file, not a folder); it was moved to ${copy} and Lanyard took the lock afresh.`,
      );
      expect(await run()).toBe('ran');
      expect(reports).toHaveLength(1);
    });

    it('moves a file where the locks folder should be aside and makes the folder', async () => {
      writeFileSync(locks, 'a file called locks');
      expect(await run()).toBe('ran');
      const [copy] = setAsideCopies(locks);
      expect(readFileSync(copy!, 'utf8')).toBe('a file called locks');
      expect(reports.map((report) => report.message)).toEqual([
        `Lanyard's locks folder ${locks} was damaged (it is a file, not a folder); it was moved to ${copy} and Lanyard made a new one.`,
      ]);
      expect(await run()).toBe('ran');
      expect(reports).toHaveLength(1);
    });

    it('takes a stale lock whose holder died without a word', async () => {
      mkdirSync(lockPath('aws-config'), { recursive: true });
      const old = new Date(Date.now() - 60_000);
      utimesSync(lockPath('aws-config'), old, old);
      const started = Date.now();
      expect(await run()).toBe('ran');
      // Not the minute a live lock is waited for.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(reports).toEqual([]);
      expect(setAsideCopies(lockPath('aws-config'))).toEqual([]);
    });

    it('moves aside a lock dated in the future, which would never go stale', async () => {
      mkdirSync(lockPath('aws-config'), { recursive: true });
      const future = new Date(Date.now() + 24 * 3_600_000);
      utimesSync(lockPath('aws-config'), future, future);
      expect(await run()).toBe('ran');
      expect(setAsideCopies(lockPath('aws-config'))).toHaveLength(1);
      expect(reports[0]!.message).toContain('was damaged (it is dated in the future');
    });

    it('moves aside a stale lock that cannot be removed (something was put in its folder)', async () => {
      mkdirSync(lockPath('aws-config'), { recursive: true });
      writeFileSync(path.join(lockPath('aws-config'), 'junk'), 'junk');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lockPath('aws-config'), old, old);
      expect(await run()).toBe('ran');
      const [copy] = setAsideCopies(lockPath('aws-config'));
      expect(readFileSync(path.join(copy!, 'junk'), 'utf8')).toBe('junk');
      expect(reports[0]!.message).toContain('was damaged (it is stale, and something was put in its folder)');
    });

    it('leaves a live lock alone and waits for it', async () => {
      mkdirSync(lockPath('aws-config'), { recursive: true });
      setTimeout(() => rmSync(lockPath('aws-config'), { recursive: true }), 300);
      expect(await run()).toBe('ran');
      expect(reports).toEqual([]);
      expect(setAsideCopies(lockPath('aws-config'))).toEqual([]);
    });

    it('fails with a FILE error that says what to fix when the locks folder cannot be made', async () => {
      const error: unknown = await withFileLock(path.join(file, 'locks'), 'work', async () => 'ran', FAST).catch(
        (caught: unknown) => caught,
      );
      expect(isLanyardError(error, 'FILE'), String(error)).toBe(true);
      expect((error as LanyardError).message).toContain(
        `Could not make Lanyard's locks folder ${path.join(file, 'locks')}`,
      );
      expect((error as LanyardError).hint).toBe(`Check that ${file} is a folder you can write to.`);
    });
  });
});

describe('a lock whose holder was killed', () => {
  it('is taken at once, not after it goes stale', async () => {
    const temp = createTempHome();
    try {
      const locks = path.join(temp.home, 'locks');
      const script = path.join(temp.home, 'holder.mts');
      const source = path.resolve(import.meta.dirname, '../../../../electron/core/support/file-lock.ts');
      writeFileSync(
        script,
        `import { withFileLock } from ${JSON.stringify(source)};\n` +
          `await withFileLock(${JSON.stringify(locks)}, 'shared', async () => {\n` +
          `  process.stdout.write('held\\n');\n  await new Promise(() => {});\n}, { staleMs: 120_000 });\n`,
      );
      const holder = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) =>
        holder.stdout.on('data', (chunk: Buffer) => chunk.includes('held') && resolve()),
      );
      const exited = new Promise((resolve) => holder.on('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
      // Stale only after two minutes: without telling a dead holder, this would outlast the test's timeout.
      expect(await withFileLock(locks, 'shared', async () => 'mine', { staleMs: 120_000 })).toBe('mine');
      expect(readdirSync(locks).filter((name) => name.endsWith('.owner'))).toEqual([]);
    } finally {
      temp.cleanup();
    }
  });

  it('is left alone while its holder lives', async () => {
    const temp = createTempHome();
    try {
      const locks = path.join(temp.home, 'locks');
      let release: () => void = () => {};
      const holding = withFileLock(locks, 'shared', () => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      let second = false;
      const waiting = withFileLock(locks, 'shared', async () => {
        second = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(second).toBe(false);
      release();
      await Promise.all([holding, waiting]);
      expect(second).toBe(true);
    } finally {
      temp.cleanup();
    }
  });
});
