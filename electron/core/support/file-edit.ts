/**
 * Read, plan, write, without losing an edit made in between. Lanyard's writers of a file take
 * its lock, but the user's editor, `aws configure` and other tools do not: any of them may save
 * while Lanyard plans. So each write is guarded (writeFileAtomically's `expect`: the file must
 * still be the text the plan was made from), and when it is not, the plan is made again from
 * the new text. The edit that came in is kept; Lanyard's own change is simply made again.
 */
import { promises as fs } from 'node:fs';
import { LanyardError } from '../domain/errors.js';
import { type AtomicWriteOptions, FileChangedError, fileReadError, writeFileAtomically } from './atomic-file.js';

/** Saves in a row faster than Lanyard can plan are a tool rewriting the file in a loop: say so. */
const MAX_ATTEMPTS = 8;

export interface FileEdit {
  /** The file's text to plan from (`''` when it does not exist). */
  text: string;
  /**
   * Writes the planned text: atomically, and only if the file is still `text` just before it
   * goes into place (else the task runs again with the new text). Writing `text` unchanged
   * writes nothing. Call it before writing anything that depends on it (records of what was
   * written), so a re-plan never leaves those ahead of the file.
   */
  write(next: string, options?: Omit<AtomicWriteOptions, 'expect'>): Promise<void>;
}

/**
 * Runs `task` on the file's text until its write goes in over exactly the text it planned
 * from. `decode` turns the file's bytes into text (it may refuse them, e.g. bytes that are not
 * UTF-8). Returns the task's result of the attempt that went in.
 */
export async function editFile<T>(
  file: string,
  decode: (bytes: Buffer) => string,
  task: (edit: FileEdit) => Promise<T>,
): Promise<T> {
  let text = decode(await readBytes(file));
  // What the file holds now, as far as we know: the text, or our own write when it went in
  // over a last-instant edit (then `text` is that edit, to plan from again).
  let onDisk = text;
  for (let attempt = 1; ; attempt += 1) {
    let wrote = false;
    const expected = onDisk;
    const edit: FileEdit = {
      text,
      async write(next, options = {}) {
        wrote = true;
        if (next !== expected) await writeFileAtomically(file, next, { ...options, expect: expected });
      },
    };
    try {
      const result = await task(edit);
      // Our last write went over an edit and the new plan changes nothing: put the edit back.
      if (!wrote && expected !== text) await writeFileAtomically(file, text, { expect: expected });
      return result;
    } catch (error) {
      if (!(error instanceof FileChangedError)) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw new LanyardError(
          'FILE',
          `${file} kept changing while Lanyard was writing it (${attempt} tries); nothing of yours was overwritten.`,
          'Something is rewriting it continuously; stop that, then try again.',
          { cause: error },
        );
      if (error.overwritten) {
        text = decode(error.overwritten.bytes);
        onDisk = error.overwritten.written;
      } else {
        text = onDisk = decode(await readBytes(file));
      }
    }
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw fileReadError(file, error);
  }
}
