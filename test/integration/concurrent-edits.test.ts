/**
 * No lost edits: while several Lanyard processes rewrite `~/.aws/config` and
 * `~/.aws/credentials` as fast as they can (profile sync against alternating assignments, the
 * default profile switching, pinned keys renewed), the user's editor saves a new line into each
 * file every 100 ms, the three ways editors and tools save: a new file renamed over the old
 * one, the whole file rewritten in place, and an append. At the end every saved line is there.
 * LANYARD_TEST_EDIT_ROUNDS runs more rounds (the closing figures came from many).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import { WRITER_PINNED_PROFILE } from '../support/aws-file-writer.js';
import { createTempHome, type TempHome } from '../support/temp-home.js';

const WRITER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/aws-file-writer.ts');
const WRITERS = 3;
const SAVES = 40;
const SAVE_EVERY_MS = 100;
const ROUNDS = Number(process.env.LANYARD_TEST_EDIT_ROUNDS ?? 2);

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

type SaveStyle = 'rename' | 'rewrite' | 'append';
const STYLES: readonly SaveStyle[] = ['rename', 'rewrite', 'append'];

/** One save of the user's editor: a new line under the user's own section (appends go last). */
function save(file: string, header: string, line: string, style: SaveStyle): void {
  if (style === 'append') {
    appendFileSync(file, `${line}\n`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(`${header}\n`) + header.length + 1;
  const next = `${text.slice(0, at)}${line}\n${text.slice(at)}`;
  if (style === 'rewrite') writeFileSync(file, next);
  else {
    writeFileSync(`${file}.editor-swp`, next);
    renameSync(`${file}.editor-swp`, file);
  }
}

interface Writer {
  done: Promise<{ code: number | null; passes: number; stderr: string }>;
  /** Set once it exited: what it printed on stderr. */
  exited?: string;
}

function startWriter(env: Record<string, string>): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const writer: Writer = {
    done: new Promise((resolve) =>
      child.on('close', (code) => {
        writer.exited = stderr;
        resolve({ code, passes: Number(stdout.trim()), stderr });
      }),
    ),
  };
  return writer;
}

/** Waits (up to a minute: the writers start through tsx) for the writers to have written. */
async function until(condition: () => boolean, writers: Writer[], what: string): Promise<void> {
  for (let tries = 0; tries < 1_200; tries += 1) {
    if (condition()) return;
    const failed = writers.find((writer) => writer.exited !== undefined);
    if (failed) throw new Error(`a writer stopped before ${what}:\n${failed.exited}`);
    await delay(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function round(): Promise<{ lost: string[]; passes: number }> {
  temp?.cleanup();
  temp = createTempHome();
  const { paths, home } = temp;
  const stop = path.join(home, 'stop');
  const config = paths.awsConfigFile;
  const credentials = paths.awsCredentialsFile;
  const writers = Array.from({ length: WRITERS }, () => startWriter({ ...temp!.env, LANYARD_TEST_STOP: stop }));
  // The editor starts once Lanyard has written both files.
  await until(
    () => existsSync(credentials) && readFileSync(credentials, 'utf8').includes(`[${WRITER_PINNED_PROFILE}]`),
    writers,
    'the writers to pin a profile',
  );
  save(config, '', '[profile mine]\nregion = eu-central-1', 'append');
  save(credentials, '', '[mine]\naws_access_key_id = AKIAUSERUSERUSERUSER', 'append');
  const saved: string[] = [];
  for (let index = 1; index <= SAVES; index += 1) {
    const style = STYLES[index % STYLES.length]!;
    save(config, '[profile mine]', `# config line ${index} (${style})`, style);
    save(credentials, '[mine]', `# credentials line ${index} (${style})`, style);
    saved.push(`# config line ${index} (${style})`, `# credentials line ${index} (${style})`);
    await delay(SAVE_EVERY_MS);
  }
  writeFileSync(stop, '');
  const results = await Promise.all(writers.map((writer) => writer.done));
  for (const result of results) expect(result.code, result.stderr).toBe(0);

  const files = readFileSync(config, 'utf8') + readFileSync(credentials, 'utf8');
  // Lanyard's part is whole too: its session, profiles and pinned keys, in files botocore reads.
  const headers = parseAwsIni(readFileSync(config, 'utf8')).sections.map((section) => section.header);
  expect(headers).toEqual(
    expect.arrayContaining(['sso-session work', `profile ${WRITER_PINNED_PROFILE}`, 'profile mine']),
  );
  expect(readFileSync(credentials, 'utf8')).toContain(`[${WRITER_PINNED_PROFILE}]`);
  return {
    lost: saved.filter((line) => !files.includes(`${line}\n`)),
    passes: results.reduce((sum, result) => sum + result.passes, 0),
  };
}

describe('edits saved while Lanyard writes', () => {
  it(`are all kept: ${WRITERS} Lanyard writers, an editor saving every ${SAVE_EVERY_MS} ms`, async () => {
    const lost: string[] = [];
    let passes = 0;
    for (let index = 0; index < ROUNDS; index += 1) {
      const outcome = await round();
      lost.push(...outcome.lost);
      passes += outcome.passes;
    }
    console.log(`${ROUNDS} round(s): ${ROUNDS * SAVES * 2} lines saved, ${lost.length} lost; ${passes} Lanyard passes`);
    expect(lost).toEqual([]);
    // Lanyard really wrote meanwhile: several full passes (each rewrites both files) per round.
    expect(passes).toBeGreaterThan(ROUNDS * WRITERS * 3);
  }, 120_000);
});
