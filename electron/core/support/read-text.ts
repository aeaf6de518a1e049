import { readFile } from 'node:fs';

/**
 * Reads a UTF-8 file. The callback API on purpose: the first use of `fs/promises` in a process
 * costs about a millisecond and a half to load, which the fast CLI paths (warm
 * `credential-process`, `env`, completions) would pay on every call.
 */
export function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) =>
    readFile(file, 'utf8', (error, text) => (error ? reject(error) : resolve(text))),
  );
}
