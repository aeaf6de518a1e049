import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_SUFFIX,
  writeFileAtomically,
  writeFileIfChanged,
} from '../../../../electron/core/support/atomic-file.js';
import { LanyardError } from '../../../../electron/core/domain/errors.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const mode = (file: string): number => statSync(file).mode & 0o777;

describe('atomic file writes', () => {
  let temp: TempHome;
  let file: string;
  let umask: number;
  beforeEach(() => {
    temp = createTempHome();
    file = path.join(temp.home, '.aws', 'config');
    umask = process.umask();
  });
  afterEach(() => {
    process.umask(umask);
    temp.cleanup();
  });

  it('creates a new file 0600 with its folders', async () => {
    await writeFileAtomically(file, 'a\n');
    expect(readFileSync(file, 'utf8')).toBe('a\n');
    expect(mode(file)).toBe(0o600);
  });

  it('keeps the permissions of an existing file and leaves a 0600 backup of the previous bytes', async () => {
    await writeFileAtomically(file, 'before\r\n');
    chmodSync(file, 0o640);
    await writeFileAtomically(file, 'after\n', { backup: true });
    expect(mode(file)).toBe(0o640);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('before\r\n');
    expect(mode(file + BACKUP_SUFFIX)).toBe(0o600);
  });

  it('makes every backup 0600: with umask 000, of a 0644 file, over a 0644 backup', async () => {
    process.umask(0o000);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'aws_secret_access_key = old\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    writeFileSync(file + BACKUP_SUFFIX, 'older\n', { mode: 0o644 });
    chmodSync(file + BACKUP_SUFFIX, 0o666);
    await writeFileAtomically(file, 'new\n', { backup: true });
    expect(mode(file)).toBe(0o644);
    expect(mode(file + BACKUP_SUFFIX)).toBe(0o600);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('aws_secret_access_key = old\n');

    await writeFileAtomically(file, 'newer\n', { backup: true, mode: 0o600, enforceMode: true });
    expect(mode(file)).toBe(0o600);
    expect(mode(file + BACKUP_SUFFIX)).toBe(0o600);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['config', `config${BACKUP_SUFFIX}`]);
  });

  it('keeps the given text as the backup instead of the previous bytes, only when the file existed', async () => {
    await writeFileAtomically(file, 'first\n', { backup: { text: 'unused\n' } });
    expect(existsSync(file + BACKUP_SUFFIX)).toBe(false);
    await writeFileAtomically(file, 'second\n', { backup: { text: 'the user part\n' } });
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('the user part\n');
    expect(mode(file + BACKUP_SUFFIX)).toBe(0o600);
  });

  it('replaces a symlink at the backup’s name rather than writing through it', async () => {
    await writeFileAtomically(file, 'secret\n');
    const elsewhere = path.join(temp.home, 'elsewhere');
    writeFileSync(elsewhere, 'not yours\n', { mode: 0o644 });
    symlinkSync(elsewhere, file + BACKUP_SUFFIX);
    await writeFileAtomically(file, 'next\n', { backup: true });
    expect(readFileSync(elsewhere, 'utf8')).toBe('not yours\n');
    expect(lstatSync(file + BACKUP_SUFFIX).isSymbolicLink()).toBe(false);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('secret\n');
  });

  it('writes a symlinked file through its link', async () => {
    const real = path.join(temp.home, 'dotfiles', 'config');
    mkdirSync(path.dirname(real), { recursive: true });
    writeFileSync(real, 'before\n');
    chmodSync(real, 0o644);
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(real, file);
    await writeFileAtomically(file, 'after\n');
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('after\n');
    expect(mode(real)).toBe(0o644);
  });

  it('renames nothing into place once its signal is aborted, and leaves no temp file', async () => {
    await writeFileAtomically(file, 'before\n');
    const controller = new AbortController();
    const reason = new LanyardError('FILE', 'lost the lock');
    controller.abort(reason);
    await expect(writeFileAtomically(file, 'after\n', { backup: true, signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(readFileSync(file, 'utf8')).toBe('before\n');
    expect(readdirSync(path.dirname(file))).toEqual(['config']);
  });

  it('does not touch a file whose bytes would not change', async () => {
    await writeFileAtomically(file, 'same');
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    expect(await writeFileIfChanged(file, 'same')).toBe(false);
    expect(Math.round(statSync(file).mtimeMs)).toBe(past.getTime());
    expect(await writeFileIfChanged(file, 'other')).toBe(true);
  });

  it('applies concurrent writes of one file in call order', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, index) => writeFileAtomically(file, `v${index}\n`)));
    expect(readFileSync(file, 'utf8')).toBe('v9\n');
    expect(readdirSync(path.dirname(file))).toEqual(['config']);
  });
});
