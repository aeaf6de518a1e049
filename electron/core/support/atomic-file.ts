import { promises as fs, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LanyardError } from '../domain/errors.js';
import { isProcessAlive } from './processes.js';
import { readText } from './read-text.js';

/** Suffix of the one backup Lanyard keeps of a user file it rewrites. */
export const BACKUP_SUFFIX = '.lanyard-backup';

/**
 * Every backup is owner-only, whatever the file's own mode. The credentials file holds keys,
 * and the config can too (botocore reads aws_secret_access_key there, and credential_process
 * lines may carry secrets); a 0644 file is still the user's own business, but a second copy
 * lying next to it has no reader other than its owner restoring it, so 0600 costs nothing and
 * spares us guessing which file may hold what.
 */
export const BACKUP_MODE = 0o600;

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileReadError(file, error);
  }
}

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet; an existing file keeps its own mode. */
  mode?: number;
  /**
   * Keep the previous version next to the file as `<file>.lanyard-backup` (always 0600, see
   * BACKUP_MODE): `true` keeps the previous bytes; `{ text }` keeps that text instead, for a
   * file whose previous version held secrets the backup must not (see credentials-file.ts).
   * Nothing is kept when the file did not exist.
   */
  backup?: boolean | { text: string };
  /** Use `mode` even when the file exists (secrets files are always 0600). */
  enforceMode?: boolean;
  /**
   * Checked before each rename (the backup's and the file's): once aborted, nothing is renamed
   * into place and the write rejects with the signal's reason. `withFileLock` gives one that
   * aborts when its lock is lost.
   */
  signal?: AbortSignal;
  /**
   * The text this write was planned from (`''` also stands for a file that did not exist).
   * Just before the rename, under whatever lock the caller holds, the file is checked to be
   * still that text; when it is not (the user's editor or another tool saved meanwhile),
   * nothing is renamed and the write rejects with FileChangedError, so the caller re-plans
   * from the new text. See editFile (file-edit.ts), which does that loop.
   */
  expect?: string;
}

/**
 * A guarded write found the file changed since it was read. With `overwritten`, the change
 * came in the instant between the check and the rename, in place (an editor writing into the
 * same file): the new version is in, and `overwritten` holds the bytes it went over, for the
 * caller to re-plan from so that edit is not lost either.
 */
export class FileChangedError extends Error {
  constructor(
    readonly file: string,
    readonly overwritten?: { bytes: Buffer; written: string },
  ) {
    super(`${file} changed while Lanyard was writing it`);
    this.name = 'FileChangedError';
  }
}

/**
 * Replaces a file in one step: temp file in the same folder, fsync, rename. An existing
 * file keeps its permissions (and owner, where we may set it); a new one is created with
 * `mode` (default 0600, since everything Lanyard writes under ~/.aws may hold secrets or
 * account ids). A symlinked file is written through its link, as editors do.
 *
 * This used to be write-file-atomic; it is done here because a lost lock must be able to stop
 * the rename after the temp file is written (write-file-atomic has no hook between fsync and
 * rename), and because the temp file of a secrets file must be created exclusively and never
 * readable by others, not even for the moment before its chmod.
 */
export async function writeFileAtomically(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  // One write at a time per file within this process, in call order (the last call wins).
  await serialized(path.resolve(file), () => writeNow(file, data, options));
}

async function writeNow(file: string, data: string, options: AtomicWriteOptions): Promise<void> {
  options.signal?.throwIfAborted();
  try {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(file, error);
  }
  const target = await fs.realpath(file).catch(() => file);
  let existing: { mode: number; uid: number; gid: number } | undefined;
  try {
    existing = await fs.stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(file, error);
  }
  if (existing && options.backup) {
    const previous = options.backup === true ? await readPrevious(target) : options.backup.text;
    // Not through a symlink: a link planted at the backup's name is replaced, never followed.
    if (previous !== undefined) await replaceFile(file + BACKUP_SUFFIX, previous, BACKUP_MODE, options.signal);
  }
  const mode =
    options.enforceMode && options.mode !== undefined
      ? options.mode
      : existing
        ? existing.mode & 0o7777
        : (options.mode ?? 0o600);
  await replaceFile(target, data, mode, options.signal, existing, options.expect);
}

/**
 * Writes only when the bytes differ, so an unchanged file keeps its mtime and file watchers
 * (ours and the user's editor) see nothing. Returns whether it wrote.
 */
export async function writeFileIfChanged(
  file: string,
  data: string,
  options: AtomicWriteOptions = {},
): Promise<boolean> {
  const current = await readTextIfExists(file);
  if (current === data) return false;
  await writeFileAtomically(file, data, options);
  return true;
}

/** The file's bytes as they are (not decoded: a backup keeps what was there), or undefined once gone. */
async function readPrevious(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileReadError(file, error);
  }
}

/**
 * Writes `data` to a new temp file next to `file` (created exclusively, 0600 until it is
 * complete), fsyncs it, gives it `owner` and `mode`, then renames it over `file` unless
 * `signal` was aborted meanwhile. The temp file never outlives a failure.
 */
async function replaceFile(
  file: string,
  data: string | Buffer,
  mode: number,
  signal: AbortSignal | undefined,
  owner?: { uid: number; gid: number },
  expect?: string,
): Promise<void> {
  const temp = tempName(file);
  let renamed = false;
  let hold: string | undefined;
  inFlight.add(temp);
  ensureExitCleanup();
  sweepLeftovers(path.dirname(file));
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined);
      await handle.sync();
      if (owner && process.getuid) await handle.chown(owner.uid, owner.gid).catch(ignoreUnprivileged);
      await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    signal?.throwIfAborted();
    if (expect === undefined) {
      await fs.rename(temp, file);
      renamed = true;
      return;
    }
    const expected = Buffer.from(expect, 'utf8');
    hold = tempName(file, HOLD_SUFFIX);
    inFlight.add(hold);
    const held = await holdCurrent(file, hold);
    if (held === 'missing') {
      if (expected.length > 0) throw new FileChangedError(file);
      // Created only if still absent: link() refuses to replace a file someone made meanwhile.
      await fs.link(temp, file).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST' ? new FileChangedError(file) : error;
      });
      renamed = true;
      await fs.rm(temp, { force: true });
      return;
    }
    if (!held.bytes.equals(expected)) throw new FileChangedError(file);
    // The slow part (reading) is done: check, at the last moment, that no editor saved by
    // rename meanwhile (a new file at the path), then rename at once. Both synchronously, one
    // system call after the other: through the thread pool, an editor's save could come in
    // between them on a busy machine, and be overwritten unseen. The instant between these two
    // calls is the one window left: closing it needs an atomic exchange of two names
    // (renameat2's RENAME_EXCHANGE), which Node does not offer.
    if (held.linked && statSync(file).ino !== held.ino) throw new FileChangedError(file);
    renameSync(temp, file);
    renamed = true;
    if (!held.linked) return;
    // A write into the file we just replaced (an editor saving in place, an append) that landed
    // after the check went into the held copy: report it, with its bytes, rather than lose it.
    // Such a writer may have opened the file before the rename and be writing a moment later
    // (descheduled on a busy machine), so the held copy is read after a short pause.
    await delay(SETTLE_MS);
    const after = await fs.readFile(hold);
    if (!after.equals(expected))
      throw new FileChangedError(file, { bytes: after, written: typeof data === 'string' ? data : data.toString() });
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    if (error instanceof FileChangedError) throw error;
    throw fileError(file, error);
  } finally {
    inFlight.delete(temp);
    if (!renamed) await fs.rm(temp, { force: true }).catch(() => undefined);
    if (hold) {
      inFlight.delete(hold);
      await fs.rm(hold, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * The file as it is now, held by a second hard link so that what is read is the very file the
 * rename will replace (and any write into it later can still be read). Where links are not
 * possible (some network and FAT file systems), it is only read.
 */
async function holdCurrent(
  file: string,
  hold: string,
): Promise<'missing' | { bytes: Buffer; linked: boolean; ino: number }> {
  try {
    await fs.link(file, hold);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    try {
      return { bytes: await fs.readFile(file), linked: false, ino: 0 };
    } catch (readError) {
      if ((readError as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw readError;
    }
  }
  const [bytes, stats] = await Promise.all([fs.readFile(hold), fs.stat(hold)]);
  return { bytes, linked: true, ino: stats.ino };
}

/** How long after a guarded rename a write into the replaced file is still caught (see replaceFile). */
const SETTLE_MS = 25;
const TEMP_SUFFIX = '.lanyard-tmp';
const HOLD_SUFFIX = '.lanyard-hold';
let tempCounter = 0;
/** Unique enough with pid and counter; `wx` makes a clash an error, never a shared file. */
function tempName(file: string, suffix = TEMP_SUFFIX): string {
  tempCounter += 1;
  return `${file}.${process.pid}.${tempCounter}.${Math.random().toString(36).slice(2, 8)}${suffix}`;
}

const LEFTOVER = /\.(\d+)\.\d+\.[a-z0-9]*\.lanyard-(?:tmp|hold)$/;
const LEFTOVER_AGE_MS = 60_000;
const swept = new Set<string>();
/**
 * A process killed mid-write (SIGKILL, power loss) leaves its temp file behind; it may hold
 * secrets. The first write into a folder removes those whose process is gone. Best effort, in
 * the background: it never delays or fails a write.
 */
function sweepLeftovers(folder: string): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  void (async () => {
    for (const name of await fs.readdir(folder)) {
      const pid = Number(LEFTOVER.exec(name)?.[1]);
      if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
      const leftover = path.join(folder, name);
      // Not one a process of the same number on another machine (a shared home) is writing now.
      if (Date.now() - (await fs.stat(leftover)).mtimeMs < LEFTOVER_AGE_MS) continue;
      await fs.rm(leftover, { force: true });
    }
  })().catch(() => undefined);
}

/** A chown we may not do (not root, or no such call here) leaves the owner as is. */
function ignoreUnprivileged(error: NodeJS.ErrnoException): void {
  const root = process.getuid?.() === 0;
  if (error.code === 'ENOSYS' || (!root && (error.code === 'EPERM' || error.code === 'EINVAL'))) return;
  throw error;
}

/** Temp files being written; removed if the process exits meanwhile (they may hold secrets). */
const inFlight = new Set<string>();
let exitCleanup = false;
function ensureExitCleanup(): void {
  if (exitCleanup) return;
  exitCleanup = true;
  process.once('exit', () => {
    for (const temp of inFlight) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing more to do on the way out.
      }
    }
  });
}

const queues = new Map<string, Promise<void>>();
async function serialized(key: string, job: () => Promise<void>): Promise<void> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(job);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  try {
    await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

/** A read that failed, in words, with what to do (see FILE_FAILURES). */
export function fileReadError(file: string, error: unknown): LanyardError {
  if (error instanceof LanyardError) return error;
  const known = FILE_FAILURES[(error as NodeJS.ErrnoException).code ?? ''];
  return new LanyardError(
    'FILE',
    `Cannot read ${file}: ${known?.reason ?? (error as Error).message}.`,
    known?.hint(file, path.dirname(file)),
    { cause: error },
  );
}

function fileError(file: string, error: unknown): LanyardError {
  if (error instanceof LanyardError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const { reason, hint } = FILE_FAILURES[code ?? ''] ?? { reason: (error as Error).message, hint: undefined };
  return new LanyardError(
    'FILE',
    `Cannot write ${file}: ${reason}. The file was left as it was.`,
    hint?.(file, path.dirname(file)),
    { cause: error },
  );
}

/** Why a read or write failed, in words, and what to do; a failed write leaves the file untouched. */
const FILE_FAILURES: Record<string, { reason: string; hint: (file: string, folder: string) => string }> = {
  ENOSPC: { reason: 'the disk is full', hint: () => 'Free some space on the disk, then try again.' },
  EDQUOT: { reason: 'your disk quota is used up', hint: () => 'Free some of your space, then try again.' },
  EROFS: {
    reason: 'the file system is read-only',
    hint: (_file, folder) => `Make ${folder} writable (or point AWS_CONFIG_FILE elsewhere), then try again.`,
  },
  EACCES: {
    reason: 'permission denied',
    hint: (file, folder) => `Check that you own ${file} and may write to ${folder}.`,
  },
  EPERM: {
    reason: 'the operation is not permitted',
    hint: (file, folder) => `Check that you own ${file} and may write to ${folder}, and that it is not immutable.`,
  },
  EISDIR: {
    reason: 'a folder is in the way where the file should be',
    hint: (file) => `Move the folder ${file} away (it is not something AWS tools read), then try again.`,
  },
  ENOTDIR: {
    reason: 'part of its path is a file, not a folder',
    hint: (_file, folder) => `Check the path ${folder}: one of its parts is a file.`,
  },
};
