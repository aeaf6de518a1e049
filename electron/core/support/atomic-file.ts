import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../domain/errors.js';
import { readText } from './read-text.js';

/** Suffix of the one backup Lanyard keeps of a user file it rewrites. */
export const BACKUP_SUFFIX = '.lanyard-backup';

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LanyardError('FILE', `Cannot read ${file}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet; an existing file keeps its own mode. */
  mode?: number;
  /** Keep the previous version next to the file as `<file>.lanyard-backup`. */
  backup?: boolean;
  /** Use `mode` even when the file exists (secrets files are always 0600). */
  enforceMode?: boolean;
}

/**
 * Replaces a file in one step: temp file in the same folder, fsync, rename. An existing
 * file keeps its permissions (and owner, where we may set it); a new one is created with
 * `mode` (default 0600, since everything Lanyard writes under ~/.aws may hold secrets or
 * account ids). write-file-atomic does the temp/fsync/rename/chmod dance; it is the npm CLI's
 * own and well kept, so we use it rather than hand-rolling one.
 */
export async function writeFileAtomically(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let existingMode: number | undefined;
  try {
    const stat = await fs.stat(file);
    existingMode = stat.mode & 0o7777;
    if (options.backup) await copyAtomically(file, file + BACKUP_SUFFIX, existingMode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(file, error);
  }
  try {
    const mode =
      options.enforceMode && options.mode !== undefined ? options.mode : (existingMode ?? options.mode ?? 0o600);
    // Loaded on first write: read-only fast paths (warm `credential-process`, `env`) never pay for it.
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(file, data, { mode, fsync: true, encoding: 'utf8' });
  } catch (error) {
    throw fileError(file, error);
  }
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

async function copyAtomically(from: string, to: string, mode: number): Promise<void> {
  const temp = `${to}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.copyFile(from, temp);
    await fs.chmod(temp, mode);
    await fs.rename(temp, to);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw fileError(to, error);
  }
}

function fileError(file: string, error: unknown): LanyardError {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `Check that you own ${file} and may write to its folder.`
      : code === 'ENOSPC'
        ? 'The disk is full; free some space and try again.'
        : undefined;
  return new LanyardError('FILE', `Cannot write ${file}: ${(error as Error).message}`, hint, { cause: error });
}
