/**
 * `lanyard credential-process` with a warm cache, spawned like a tool spawns it, against
 * `node -e 0` as the floor. Runs alternate (hyperfine-style, after warm-up runs) and the
 * medians are compared, so machine noise hits both sides alike.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI } from '../support/cli.js';
import { createSsoFixture } from '../support/sso-fixture.js';
import { printResult } from './report.js';

const RUNS = 40;
const WARM_UP_RUNS = 3;
const TARGET = 1.5;
const BUILT_CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/electron/cli/index.js');

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

export default async function credentialProcessBench(): Promise<boolean> {
  if (!existsSync(BUILT_CLI)) throw new Error('The CLI is not built: run `npm run build` (npm run bench does).');
  const fixture = await createSsoFixture({ accounts: 1 });
  try {
    await fixture.seedToken();
    const account = fixture.fake.accounts[0];
    if (!account) throw new Error('the fake has no accounts');
    const cli = [
      CLI,
      'credential-process',
      '--sso-session',
      'work',
      '--account-id',
      account.accountId,
      '--role-name',
      account.roles[0] as string,
    ];
    const floor = ['-e', '0'];
    const env = fixture.temp.env;
    await timeOnce(cli, env); // cold: fetches and caches the credentials
    const times = { cli: [] as number[], floor: [] as number[] };
    for (let index = 0; index < WARM_UP_RUNS + RUNS; index += 1) {
      const cliMs = await timeOnce(cli, env);
      const floorMs = await timeOnce(floor, env);
      if (index < WARM_UP_RUNS) continue;
      times.cli.push(cliMs);
      times.floor.push(floorMs);
    }
    const apiCalls = fixture.fake.counters('GetRoleCredentials').calls;
    return printResult({
      name: 'credential-process, warm cache',
      measuredMs: median(times.cli),
      floorMs: median(times.floor),
      floor: '`node -e 0`',
      targetRatio: TARGET,
      details: { runs: `${RUNS} each, medians`, 'GetRoleCredentials calls': apiCalls },
      mustHold: apiCalls === 1,
    });
  } finally {
    await fixture.close();
  }
}
