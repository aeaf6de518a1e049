/**
 * Runs the fake Identity Center on its own, for the demo and for poking at by hand:
 *
 *   npx tsx test/fake-idc/main.ts --port 0 --accounts 40|hostile [--roles-per-account 3]
 *       [--approval manual] [--latency 150] [--throttle 5,10] [--session-minutes 480]
 *       [--access-token-minutes 60] [--quiet]
 */
import { parseArgs } from 'node:util';
import {
  FAKE_START_URL,
  FakeIdentityCenter,
  HOSTILE_ACCOUNTS,
  type AccountSpec,
  type ApprovalMode,
  type ThrottleOptions,
} from './index.js';

const MINUTE = 60_000;

const USAGE = `Usage: tsx test/fake-idc/main.ts [--port N] [--accounts N|hostile] [--roles-per-account N]
  [--approval auto|manual] [--latency MS] [--throttle RATE,BURST]
  [--session-minutes N] [--access-token-minutes N] [--quiet]`;

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} needs a whole number, got "${value}"`);
  return Number(value);
}

/** A number of generated accounts, or `hostile` for HOSTILE_ACCOUNTS. */
function accounts(value: string | undefined): number | readonly AccountSpec[] | undefined {
  return value === 'hostile' ? HOSTILE_ACCOUNTS : integer(value, 'accounts');
}

function approvalMode(value: string | undefined): ApprovalMode | undefined {
  if (value === undefined || value === 'auto' || value === 'manual') return value;
  throw new Error(`--approval is auto or manual, got "${value}"`);
}

function throttle(value: string | undefined): ThrottleOptions | undefined {
  if (value === undefined) return undefined;
  const [rate, burst] = value.split(',').map(Number);
  if (!rate || !burst) throw new Error(`--throttle needs RATE,BURST such as 5,10, got "${value}"`);
  return { ratePerSecond: rate, burst };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      accounts: { type: 'string' },
      'roles-per-account': { type: 'string' },
      approval: { type: 'string' },
      latency: { type: 'string' },
      throttle: { type: 'string' },
      'session-minutes': { type: 'string' },
      'access-token-minutes': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const sessionMinutes = integer(values['session-minutes'], 'session-minutes');
  const accessTokenMinutes = integer(values['access-token-minutes'], 'access-token-minutes');
  const fake = new FakeIdentityCenter({
    accounts: accounts(values.accounts),
    rolesPerAccount: integer(values['roles-per-account'], 'roles-per-account'),
    approval: approvalMode(values.approval),
    latencyMs: integer(values.latency, 'latency'),
    throttle: throttle(values.throttle),
    lifetimes: {
      ...(sessionMinutes ? { ssoSessionMs: sessionMinutes * MINUTE } : {}),
      ...(accessTokenMinutes ? { accessTokenMs: accessTokenMinutes * MINUTE } : {}),
    },
    log: values.quiet ? undefined : (line) => console.log(`[fake-idc] ${line}`),
  });
  const url = await fake.start(integer(values.port, 'port'));

  console.log(`Fake IAM Identity Center listening on ${url}`);
  console.log(
    `  ${fake.accounts.length} accounts, approval: ${fake.approval}, start URL: ${FAKE_START_URL} (any works)`,
  );
  console.log('Point the SDKs, the AWS CLI and Lanyard at it with:');
  for (const [name, value] of Object.entries(fake.env)) console.log(`  export ${name}=${value}`);
  console.log('Press Ctrl+C to stop.');

  const stop = (): void => {
    void fake.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(2);
});
