/**
 * `npm run demo`: Lanyard against a fake IAM Identity Center, with no AWS account and without
 * touching your own ~/.aws. It starts the fake with a landing zone of 40 accounts (or N
 * generated ones with --accounts N), makes a temporary HOME whose ~/.aws/config has
 * `[sso-session demo]` pointing at it (signed in already, unless --signed-out), launches the
 * app there (`electron . --show`), and removes it all on exit.
 *
 *   tsx scripts/demo.ts [--accounts N] [--signed-out] [--dry-run]
 *
 * --dry-run sets everything up, prints what it would run, and cleans up. LANYARD_ELECTRON
 * names the Electron binary to use instead of node_modules/electron's.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { upsertSsoSession, type SsoSessionConfig } from '../electron/core/aws-files/aws-config.js';
import { seedIssuedSession } from '../test/support/seed-token.js';
import { FAKE_START_URL, FakeIdentityCenter } from '../test/fake-idc/index.js';
import { landingZoneAccounts } from '../test/fake-idc/landing-zone.js';
import { createTempHome, type TempHome } from '../test/support/temp-home.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run demo [-- --accounts N] [--signed-out] [--dry-run]';

const DEMO_SESSION: SsoSessionConfig = {
  name: 'demo',
  startUrl: FAKE_START_URL,
  region: 'us-east-1',
  registrationScopes: ['sso:account:access'],
};

/**
 * The Electron binary: LANYARD_ELECTRON, else the one the electron package downloaded. Found
 * without `require('electron')`, which would start a download when the binary is missing.
 */
function findElectron(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const fix =
    'Download it with `npx install-electron` (needs network access), or set LANYARD_ELECTRON to an Electron binary.';
  let binary = env.LANYARD_ELECTRON;
  if (!binary) {
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile))
      return { problem: `Electron is not installed: node_modules/electron has no binary. ${fix}` };
    binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  }
  return existsSync(binary) ? { path: binary } : { problem: `Electron was not found at ${binary}. ${fix}` };
}

async function seedToken(fake: FakeIdentityCenter, temp: TempHome): Promise<void> {
  const issued = fake.issueSession({ startUrl: DEMO_SESSION.startUrl });
  await seedIssuedSession(temp.paths, DEMO_SESSION, issued);
}

function integer(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new Error(`--${name} needs a positive whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string' },
      'signed-out': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const electron = findElectron();
  if ('problem' in electron && !values['dry-run']) {
    console.error(`lanyard demo: ${electron.problem}`);
    return 1;
  }

  const fake = new FakeIdentityCenter({
    accounts: values.accounts === undefined ? landingZoneAccounts() : integer(values.accounts, 'accounts'),
  });
  const url = await fake.start();
  const temp = createTempHome({ ...fake.env });
  const cleanUp = async (): Promise<void> => {
    await fake.stop();
    temp.cleanup();
  };
  try {
    await upsertSsoSession(temp.paths, DEMO_SESSION);
    if (!values['signed-out']) await seedToken(fake, temp);
    const env: NodeJS.ProcessEnv = { ...temp.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const command = 'path' in electron ? electron.path : '<electron: not installed>';
    const args = ['.', '--show'];

    console.log(`Fake IAM Identity Center: ${url} (${fake.accounts.length} accounts, start URL ${FAKE_START_URL})`);
    console.log(`Temporary HOME: ${temp.home}`);
    console.log(
      `  ${temp.paths.awsConfigFile}: [sso-session ${DEMO_SESSION.name}]${values['signed-out'] ? '' : ', signed in'}`,
    );
    console.log('Environment:');
    for (const name of [
      'HOME',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'LANYARD_DATA_DIR',
      ...Object.keys(fake.env),
    ])
      console.log(`  ${name}=${env[name]}`);
    console.log(`${values['dry-run'] ? 'Would run' : 'Running'}: ${command} ${args.join(' ')}  (in ${root})`);
    if ('problem' in electron) console.log(`Note: ${electron.problem}`);
    if (values['dry-run']) return 0;

    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    return await new Promise<number>((resolve) => {
      child.once('error', (error) => {
        console.error(`lanyard demo: could not start Electron: ${error.message}`);
        resolve(1);
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await cleanUp();
    console.log('Demo over: the fake Identity Center is stopped and the temporary HOME removed.');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lanyard demo: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(2);
  },
);
