/**
 * Crash safety: a process writing every file Lanyard keeps (see crash-writer.ts) is killed
 * with SIGKILL at random instants, many times. After each kill every file is a whole version,
 * the old or the new one, read back by the same code the next start uses; the user's own
 * content in the AWS files is intact; the next start carries on; and the temp files a killed
 * writer leaves are owner-only and cleared once their writer is gone.
 */
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync, readdirSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryStore } from '../../electron/core/accounts/inventory-store.js';
import { parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import { loadSyncRecord } from '../../electron/core/config-sync/record.js';
import { readCachedRoleCredentials } from '../../electron/core/credentials/role-credentials-cache.js';
import { readCachedToken } from '../../electron/core/sessions/token-cache.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../../electron/core/support/preferences.js';
import type { LanyardPaths } from '../../electron/core/support/paths.js';
import {
  CRASH_PINNED_PROFILE,
  CRASH_ROLE,
  CRASH_SESSION,
  CRASH_WRITES,
  crashPass,
  crashVersions,
} from '../support/crash-writer.js';
import { createTempHome, type TempHome } from '../support/temp-home.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KILLS = Number(process.env.LANYARD_TEST_KILLS ?? 20);
const USER_CONFIG = '# my own settings\n[profile mine]\nregion = eu-central-1\noutput = json\n\n';
const USER_CREDENTIALS = '[mine]\naws_access_key_id = AKIAUSERUSERUSERUSER\naws_secret_access_key = mine-not-real\n\n';

let bundleDir: string;
let bundle: string;
let temp: TempHome | undefined;

beforeAll(async () => {
  // Bundled once, so each of the many writer processes starts in a blink (tsx would take a second).
  bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-crash-writer-'));
  bundle = path.join(bundleDir, 'crash-writer.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/support/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  temp?.cleanup();
  await fs.rm(bundleDir, { recursive: true, force: true });
});

/** A small seeded generator, so a failing run can be repeated (the seed is printed). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The writes of one pass, as the writer announces them. */
const STEPS = CRASH_WRITES.map(([name]) => name);

/**
 * Runs the writer from `first` and kills it `afterMs` after it announced `step` (in its first
 * pass, or its second for `pass: 2`); returns the passes it started and its last announced write.
 */
async function runAndKill(
  env: Record<string, string>,
  first: number,
  when: { step: string; pass: 1 | 2; afterMs: number },
): Promise<{ started: number[]; lastStep: string }> {
  const child = spawn(process.execPath, [bundle], {
    env: { ...env, LANYARD_TEST_CRASH_WRITER: '1', LANYARD_TEST_FIRST_PASS: String(first) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const announced = (): number => stdout.split(`writing ${when.step}\n`).length - 1;
  for (let tries = 0; tries < 4_000 && announced() < when.pass; tries += 1) await delay(2);
  await delay(when.afterMs);
  child.kill('SIGKILL');
  await exited;
  expect(stderr).toBe('');
  const steps = [...stdout.matchAll(/writing (.+)/g)];
  return {
    started: [...stdout.matchAll(/pass (\d+)/g)].map((match) => Number(match[1])),
    lastStep: steps.at(-1)?.[1] ?? 'start-up',
  };
}

/** The pass a file says it is from, by each reader the next start uses; undefined when absent. */
async function versions(paths: LanyardPaths): Promise<Record<string, number | undefined>> {
  const token = await readCachedToken(paths, CRASH_SESSION.name);
  const credentials = await readCachedRoleCredentials(paths.cliCacheDir, CRASH_ROLE, 0, 0);
  const inventory = await new InventoryStore({ paths }).load(CRASH_SESSION.name);
  const preferences = normalizePreferences(new JsonFilePreferencesStore(paths.dataDir).read());
  const record = await loadSyncRecord(paths);
  const config = readFileSync(paths.awsConfigFile, 'utf8');
  const pinned = readFileSync(paths.awsCredentialsFile, 'utf8');
  const versionIn = (text: string | undefined, pattern: RegExp): number | undefined => {
    const match = text?.match(pattern);
    return match ? Number(match[1]) : undefined;
  };
  const tokenPass = versionIn(token?.accessToken, /^access-token-(\d+)$/);
  if (tokenPass !== undefined) expect(token).toEqual(crashVersions.token(tokenPass));
  const credentialsPass = versionIn(credentials?.accessKeyId, /^ASIA(\d+)$/);
  if (credentialsPass !== undefined) expect(credentials).toEqual(crashVersions.credentials(credentialsPass));
  if (inventory) expect(inventory.latest.accounts).toEqual(crashVersions.accounts(inventory.latest.listedAt));
  // The config and the record say only which half of the passes they are from (the role sets alternate).
  const profiles = parseAwsIni(config).sections.filter((section) => section.header.endsWith('.ReadOnly')).length;
  const managed = record.profiles.size;
  return {
    token: tokenPass,
    credentials: credentialsPass,
    inventory: inventory?.latest.listedAt,
    settings: versionIn(preferences.settings.favourites[0], /\|(\d+)$/),
    pinned: versionIn(pinned.match(/\[acme-0000\.Admin\][^[]*/)?.[0], /aws_access_key_id = ASIA(\d+)/),
    configParity: profiles === 0 ? (config.includes('[profile acme-') ? 1 : undefined) : 0,
    recordParity: managed === 0 ? undefined : managed === 2 * 1_500 ? 0 : managed === 1_500 ? 1 : -1,
  };
}

function leftovers(home: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.lanyard-(tmp|hold)$/.test(entry.name)) found.push(full);
    }
  };
  walk(home);
  return found;
}

describe('a writer killed at any instant', () => {
  it(`leaves every file whole, old or new, ${KILLS} kills in a row`, async () => {
    const seed = Number(process.env.LANYARD_TEST_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    console.log(`crash test seed ${seed} (LANYARD_TEST_SEED=${seed} repeats it)`);
    temp = createTempHome();
    const { paths, env, home } = temp;
    mkdirSync(path.dirname(paths.awsConfigFile), { recursive: true });
    writeFileSync(paths.awsConfigFile, USER_CONFIG);
    writeFileSync(paths.awsCredentialsFile, USER_CREDENTIALS, { mode: 0o600 });

    let first = 1;
    let completed = 0;
    const killedIn: number[] = [];
    const steps = new Map<string, number>();
    for (let kill = 0; kill < KILLS; kill += 1) {
      // Each kill lands in the write of a file picked at random, at a random instant of it
      // (a few ms in: these writes take one to tens of ms), in the first pass or after one.
      const run = await runAndKill(env, first, {
        step: STEPS[Math.floor(next() * STEPS.length)]!,
        pass: next() < 0.5 ? 1 : 2,
        afterMs: Math.floor(next() * 12),
      });
      const { started } = run;
      steps.set(run.lastStep, (steps.get(run.lastStep) ?? 0) + 1);
      expect(started.length).toBeGreaterThan(0);
      const last = started.at(-1)!;
      completed = started.length > 1 ? last - 1 : completed;
      killedIn.push(last);
      const seen = await versions(paths);
      // Each file is from a pass between the last one known finished and the one killed.
      const possible = (value: number | undefined): boolean =>
        value === undefined ? completed === 0 : value >= completed && value <= last;
      const parities = new Set(
        Array.from({ length: last - Math.max(completed, 1) + 1 }, (_, index) => (Math.max(completed, 1) + index) % 2),
      );
      const context = JSON.stringify({ kill, seed, completed, last, seen });
      for (const file of ['token', 'credentials', 'inventory', 'settings'] as const)
        expect(possible(seen[file]), `${file}: ${context}`).toBe(true);
      if (seen.pinned !== undefined) expect(possible(seen.pinned), `pinned: ${context}`).toBe(true);
      for (const parity of [seen.configParity, seen.recordParity])
        expect(parity === undefined ? completed === 0 : parities.has(parity), context).toBe(true);
      // The user's own parts are there, byte for byte.
      expect(readFileSync(paths.awsConfigFile, 'utf8').startsWith(USER_CONFIG)).toBe(true);
      expect(readFileSync(paths.awsCredentialsFile, 'utf8').startsWith(USER_CREDENTIALS)).toBe(true);
      // Temp files of a killed writer may hold keys: never readable by others.
      for (const file of leftovers(home)) expect(statSync(file).mode & 0o077, file).toBe(0);
      first = last + 1;
    }
    console.log(
      `killed while writing: ${[...steps].map(([step, count]) => `${step} ${count}`).join(', ')}; ${leftovers(home).length} temp file(s) left behind`,
    );
    // The kills spread over the writes (not all at start-up): in the writes of at least four files.
    expect(steps.size).toBeGreaterThanOrEqual(4);

    // The next start reads everything and carries on: one whole pass, every file at its version.
    for (const file of leftovers(home))
      utimesSync(file, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await crashPass(paths, first);
    expect(await versions(paths)).toMatchObject({
      token: first,
      credentials: first,
      inventory: first,
      settings: first,
      pinned: first,
      configParity: first % 2,
      recordParity: first % 2,
    });
    expect(parseAwsIni(readFileSync(paths.awsConfigFile, 'utf8')).sections.map((s) => s.header)).toContain(
      `profile ${CRASH_PINNED_PROFILE}`,
    );
    // Leftovers of writers that are gone are cleared (in the background) by the next writes.
    for (let tries = 0; tries < 100 && leftovers(home).length > 0; tries += 1) await delay(20);
    expect(leftovers(home)).toEqual([]);
  }, 180_000);
});
