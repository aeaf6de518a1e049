/**
 * Guarded writes and the read-plan-write loop: an edit saved by someone else between Lanyard's
 * read and its rename is never lost, whether it came by rename (most editors), in place (an
 * append, `aws configure set`), or into the replaced file just after the rename.
 */
import { appendFileSync, promises as fs, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileChangedError, writeFileAtomically } from '../../../../electron/core/support/atomic-file.js';
import { editFile } from '../../../../electron/core/support/file-edit.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let temp: TempHome | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  temp?.cleanup();
  temp = undefined;
});

function file(): string {
  temp = createTempHome();
  return path.join(temp.home, 'config');
}

const decode = (bytes: Buffer): string => bytes.toString('utf8');
const leftovers = (target: string): string[] =>
  readdirSync(path.dirname(target)).filter((name) => name.includes('.lanyard-'));

/**
 * An edit written in place into the file Lanyard is replacing, landing just after its rename
 * (the writer opened the file before it): made at Lanyard's second read of the held file.
 */
function writeIntoReplacedFile(edit: (held: string) => void): void {
  const readFile = fs.readFile.bind(fs);
  let heldReads = 0;
  vi.spyOn(fs, 'readFile').mockImplementation(async (...args: Parameters<typeof fs.readFile>) => {
    if (String(args[0]).endsWith('.lanyard-hold') && ++heldReads === 2) edit(String(args[0]));
    return readFile(...args);
  });
}

/** An editor that saves by writing a new file and renaming it over the old one, as vim and most editors do. */
function saveByRename(target: string, text: string): void {
  writeFileSync(`${target}.editor-swp`, text);
  renameSync(`${target}.editor-swp`, target);
}

describe('a guarded write', () => {
  it('renames nothing when the file is no longer the text it was planned from', async () => {
    const target = file();
    writeFileSync(target, 'mine\n');
    await expect(writeFileAtomically(target, 'planned\n', { expect: 'before\n' })).rejects.toBeInstanceOf(
      FileChangedError,
    );
    expect(await fs.readFile(target, 'utf8')).toBe('mine\n');
    expect(leftovers(target)).toEqual([]);
  });

  it('creates a file planned as new only while it is still absent', async () => {
    const target = file();
    await writeFileAtomically(target, 'first\n', { expect: '' });
    expect(await fs.readFile(target, 'utf8')).toBe('first\n');
    const again = path.join(path.dirname(target), 'other');
    // Someone creates it after the plan, before the write: theirs stays.
    writeFileSync(again, 'theirs\n');
    await expect(writeFileAtomically(again, 'planned\n', { expect: '' })).rejects.toBeInstanceOf(FileChangedError);
    expect(await fs.readFile(again, 'utf8')).toBe('theirs\n');
    expect(leftovers(target)).toEqual([]);
  });

  it('notices an editor saving by rename while it read the file', async () => {
    const target = file();
    writeFileSync(target, 'before\n');
    const readFile = fs.readFile.bind(fs);
    vi.spyOn(fs, 'readFile').mockImplementation(async (...args: Parameters<typeof fs.readFile>) => {
      const bytes = await readFile(...args);
      if (String(args[0]).endsWith('.lanyard-hold')) saveByRename(target, 'before\nsaved by rename\n');
      return bytes;
    });
    await expect(writeFileAtomically(target, 'planned\n', { expect: 'before\n' })).rejects.toBeInstanceOf(
      FileChangedError,
    );
    vi.restoreAllMocks();
    expect(await fs.readFile(target, 'utf8')).toBe('before\nsaved by rename\n');
    expect(leftovers(target)).toEqual([]);
  });

  it('hands back an edit written in place into the file it replaced, just after its rename', async () => {
    const target = file();
    writeFileSync(target, 'before\n');
    writeIntoReplacedFile((held) => appendFileSync(held, 'appended in place\n'));
    const error = await writeFileAtomically(target, 'planned\n', { expect: 'before\n' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as FileChangedError).overwritten?.bytes.toString()).toBe('before\nappended in place\n');
    expect((error as FileChangedError).overwritten?.written).toBe('planned\n');
    expect(leftovers(target)).toEqual([]);
  });
});

describe('editFile', () => {
  /** Lanyard's plan in these tests: its line kept last, everything else as the file has it. */
  const addOurs = (text: string): string => text.replace(/ours\n$/, '') + 'ours\n';

  it('plans again from the edit saved meanwhile, keeping the edit and making its own change', async () => {
    const target = file();
    writeFileSync(target, 'user 1\n');
    const seen: string[] = [];
    const result = await editFile(target, decode, async ({ text, write }) => {
      seen.push(text);
      if (seen.length === 1) saveByRename(target, 'user 1\nuser 2\n');
      await write(addOurs(text));
      return seen.length;
    });
    expect(result).toBe(2);
    expect(seen).toEqual(['user 1\n', 'user 1\nuser 2\n']);
    expect(await fs.readFile(target, 'utf8')).toBe('user 1\nuser 2\nours\n');
  });

  it('keeps an in-place edit that came in the last instant, and its own change', async () => {
    const target = file();
    writeFileSync(target, 'user 1\n');
    writeIntoReplacedFile((held) => appendFileSync(held, 'user 2\n'));
    await editFile(target, decode, async ({ text, write }) => write(addOurs(text)));
    expect(await fs.readFile(target, 'utf8')).toBe('user 1\nuser 2\nours\n');
    expect(leftovers(target)).toEqual([]);
  });

  it('puts a last-instant edit back when planning again changes nothing', async () => {
    const target = file();
    writeFileSync(target, 'a\n');
    writeIntoReplacedFile((held) => writeFileSync(held, 'b\n'));
    // The plan: turn `a` into `c`; a file without `a` needs nothing.
    await editFile(target, decode, async ({ text, write }) => write(text.replace('a\n', 'c\n')));
    expect(await fs.readFile(target, 'utf8')).toBe('b\n');
  });

  it('gives up with a clear error on a file that changes on every try, leaving it as last saved', async () => {
    const target = file();
    writeFileSync(target, '0\n');
    let tries = 0;
    const failure = editFile(target, decode, async ({ text, write }) => {
      tries += 1;
      saveByRename(target, `${tries}\n`);
      await write(text + 'ours\n');
    });
    await expect(failure).rejects.toThrow(/kept changing while Lanyard was writing it \(8 tries\)/);
    expect(tries).toBe(8);
    expect(await fs.readFile(target, 'utf8')).toBe('8\n');
  });

  it('writes nothing when the plan keeps the text', async () => {
    const target = file();
    writeFileSync(target, 'same\n');
    const before = (await fs.stat(target)).mtimeMs;
    await editFile(target, decode, async ({ text, write }) => write(text));
    expect((await fs.stat(target)).mtimeMs).toBe(before);
  });
});
