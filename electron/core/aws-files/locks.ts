import path from 'node:path';
import { withFileLock } from '../support/file-lock.js';
import type { LanyardPaths } from '../support/paths.js';

/** Lock names: every process that writes the file takes its lock, then reads the file afresh. */
export const AWS_CONFIG_LOCK = 'aws-config';
export const AWS_CREDENTIALS_LOCK = 'aws-credentials';

function locksDir(paths: LanyardPaths): string {
  return path.join(paths.dataDir, 'locks');
}

/**
 * Runs `task` holding the AWS config file's lock. Every Lanyard writer of the config takes it
 * (sso-session upserts, profile sync, the default profile), so no edit is lost to a concurrent
 * one. Not re-entrant: do not nest. The task gets the lock's signal: pass it to
 * writeFileAtomically, so nothing is renamed into place once the lock is lost.
 */
export function withAwsConfigLock<T>(paths: LanyardPaths, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withFileLock(locksDir(paths), AWS_CONFIG_LOCK, task);
}

/** The same for the AWS credentials file (pinned profiles). */
export function withAwsCredentialsLock<T>(paths: LanyardPaths, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withFileLock(locksDir(paths), AWS_CREDENTIALS_LOCK, task);
}
