/**
 * The fast paths tools start on every AWS call or key press, spawned as a tool spawns them,
 * against `node -e 0` as the floor: warm `credential-process` (the flags earlier versions
 * wrote, and a profile name), warm `env` with a profile name and a query, and a completion.
 * Runs alternate (hyperfine-style, after warm-up runs) and the medians are compared, so
 * machine noise hits both sides alike. The organisation is a realistic 40 accounts with their
 * profiles synced into the config.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI, runCli } from '../support/cli.js';
import { createSsoFixture } from '../support/sso-fixture.js';
import { printResult } from './report.js';

const RUNS = 30;
const WARM_UP_RUNS = 3;
const TARGET = 1.15;
/** A completion answers while the person is typing: under 100 ms, whatever the floor. */
const COMPLETION_BUDGET_MS = 100;
const BUILT_CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/lanyard-fast.cjs');

const run = promisify(execFile);

async function timeOnce(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { env });
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median of the command and of the floor, alternating. */
async function measure(args: string[], env: NodeJS.ProcessEnv): Promise<{ cli: number; floor: number }> {
  const times = { cli: [] as number[], floor: [] as number[] };
  for (let index = 0; index < WARM_UP_RUNS + RUNS; index += 1) {
    const cliMs = await timeOnce([CLI, ...args], env);
    const floorMs = await timeOnce(['-e', '0'], env);
    if (index < WARM_UP_RUNS) continue;
    times.cli.push(cliMs);
    times.floor.push(floorMs);
  }
  return { cli: median(times.cli), floor: median(times.floor) };
}

export default async function fastPathBench(): Promise<boolean> {
  if (!existsSync(BUILT_CLI)) throw new Error('The CLI is not built: run `npm run build` (npm run bench does).');
  const fixture = await createSsoFixture({ accounts: 40 });
  try {
    await fixture.seedToken();
    const env = fixture.temp.env;
    if ((await runCli(['sync'], env)).code !== 0) throw new Error('lanyard sync failed');
    const account = fixture.fake.accounts[0];
    if (!account) throw new Error('the fake has no accounts');
    const roleName = account.roles[0] as string;
    const profile = `${account.accountName}.${roleName}`;
    const query = `${account.accountId} ${roleName}`;
    const legacy = ['--sso-session', 'work', '--account-id', account.accountId, '--role-name', roleName];
    // Cold once: fetches and caches the credentials.
    if ((await runCli(['credential-process', ...legacy], env)).code !== 0) throw new Error('credential-process failed');

    const cases: Array<{ name: string; args: string[] }> = [
      {
        name: 'credential-process --sso-session/--account-id/--role-name, warm',
        args: ['credential-process', ...legacy],
      },
      { name: 'credential-process PROFILE, warm', args: ['credential-process', profile] },
      { name: 'env PROFILE, warm', args: ['env', profile] },
      { name: 'env "ACCOUNT-ID ROLE" (a query), warm', args: ['env', query] },
    ];
    let met = true;
    for (const { name, args } of cases) {
      const figures = await measure(args, env);
      met =
        printResult({
          name,
          measuredMs: figures.cli,
          floorMs: figures.floor,
          floor: '`node -e 0`',
          targetRatio: TARGET,
          details: { runs: `${RUNS} each, medians` },
        }) && met;
    }
    const apiCalls = fixture.fake.counters('GetRoleCredentials').calls;
    const completion = await measure(['__complete', 'roles', account.accountName.slice(0, 6)], env);
    met =
      printResult({
        name: 'completion of role names (40 accounts)',
        measuredMs: completion.cli,
        floorMs: COMPLETION_BUDGET_MS,
        floor: 'the 100 ms budget',
        targetRatio: 1,
        details: { 'node -e 0': `${completion.floor.toFixed(1)} ms`, 'GetRoleCredentials calls': apiCalls },
        mustHold: apiCalls === 1,
      }) && met;
    return met;
  } finally {
    await fixture.close();
  }
}
