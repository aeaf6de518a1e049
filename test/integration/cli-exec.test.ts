/**
 * `lanyard exec`, `env` and roles by name, run as users run them: the built CLI against the
 * fake Identity Center, with real AWS clients (botocore, the AWS CLI, the JS SDK) as children.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AWS_CLI_V1, AWS_CLI_V2, hasAwsCliV2 } from '../support/aws-cli.js';
import { runCli, startCli } from '../support/cli.js';
import { PYTHON } from '../support/python.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

const ORG = [
  { accountName: 'acme-payments-prod', roles: ['AdministratorAccess', 'ReadOnly'] },
  { accountName: 'acme-payments-dev', roles: ['AdministratorAccess', 'ReadOnly'] },
  { accountName: 'acme-data-nonprod', roles: ['DataEngineer'] },
];

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function listedOrg(): Promise<SsoFixture> {
  fixture = await createSsoFixture({ accounts: ORG });
  await fixture.seedToken();
  expect((await runCli(['accounts'], fixture.temp.env)).code).toBe(0);
  return fixture;
}

function accountId(current: SsoFixture, name: string): string {
  const account = current.fake.accounts.find((candidate) => candidate.accountName === name);
  if (!account) throw new Error(`no account ${name}`);
  return account.accountId;
}

/** A parent shell that has other credentials: a profile and keys of its own. */
function conflictingParent(current: SsoFixture): Record<string, string> {
  return {
    ...current.temp.env,
    AWS_PROFILE: 'no-such-profile',
    AWS_ACCESS_KEY_ID: 'AKIAPARENTPARENTPARE',
    AWS_SECRET_ACCESS_KEY: 'parent-secret-not-real',
    AWS_SESSION_TOKEN: 'parent-token-not-real',
  };
}

const BOTO_IDENTITY = [
  '-c',
  [
    'import boto3, json',
    's = boto3.session.Session()',
    'c = s.get_credentials()',
    "print(json.dumps({'method': c.method, 'account': s.client('sts').get_caller_identity()['Account'], 'region': s.region_name}))",
  ].join('\n'),
];

describe('lanyard exec', () => {
  it('gives botocore, the AWS CLI and the JS SDK the role, whatever credentials the parent had', async () => {
    const current = await listedOrg();
    const dev = accountId(current, 'acme-payments-dev');
    const parent = conflictingParent(current);
    // A [default] profile with keys of its own would outrank the endpoint in every SDK's chain.
    writeFileSync(
      current.temp.paths.awsCredentialsFile,
      '[default]\naws_access_key_id = AKIADEFAULTDEFAULTDE\naws_secret_access_key = default-not-real\n',
      { mode: 0o600 },
    );

    const boto = await runCli(['exec', 'acme-payments-dev/ReadOnly', '--', PYTHON, ...BOTO_IDENTITY], parent);
    expect(boto.stderr).toContain('default profile has credentials of its own');
    expect(boto.code).toBe(0);
    expect(JSON.parse(boto.stdout)).toEqual({ method: 'container-role', account: dev, region: 'us-east-1' });

    const cliV1 = await runCli(
      ['exec', 'acme-payments-dev/ReadOnly', '--', ...AWS_CLI_V1, 'sts', 'get-caller-identity', '--output', 'json'],
      parent,
    );
    expect(cliV1.code).toBe(0);
    expect(JSON.parse(cliV1.stdout).Arn).toContain(`${dev}:assumed-role/AWSReservedSSO_ReadOnly_`);

    const js = await runCli(
      [
        'exec',
        'payments dev admin',
        '--region',
        'eu-west-1',
        '--',
        process.execPath,
        '--input-type=module',
        '-e',
        "const { defaultProvider } = await import('@aws-sdk/credential-provider-node'); const c = await defaultProvider()(); console.log(JSON.stringify({ key: c.accessKeyId, region: process.env.AWS_REGION, role: process.env.LANYARD_ROLE }));",
      ],
      { ...parent, NODE_PATH: path.join(ROOT, 'node_modules') },
    );
    expect(js.code, js.stderr).toBe(0);
    const jsOut = JSON.parse(js.stdout) as { key: string; region: string; role: string };
    expect(jsOut.key).toMatch(/^ASIA/);
    expect(jsOut.region).toBe('eu-west-1');
    expect(jsOut.role).toBe('acme-payments-dev/AdministratorAccess');

    if (hasAwsCliV2) {
      const cliV2 = await runCli(
        [
          'exec',
          'acme-payments-dev/ReadOnly',
          '--',
          ...AWS_CLI_V2,
          'sts',
          'get-caller-identity',
          '--output',
          'json',
          '--endpoint-url',
          current.fake.url,
        ],
        parent,
      );
      expect(cliV2.code, cliV2.stderr).toBe(0);
      expect(JSON.parse(cliV2.stdout).Account).toBe(dev);
    }
  });

  it('keeps a long-running child in valid credentials while short-lived ones roll over', async () => {
    const current = await listedOrg();
    current.fake.setLifetimes({ roleCredentialsMs: 3_000 });
    // Bounded: 12 calls, a quarter second apart, across about three credential lifetimes.
    const loop = [
      '-c',
      [
        'import boto3, json, time',
        'sts = boto3.session.Session().client("sts")',
        'keys = []',
        'for _ in range(12):',
        '    sts.get_caller_identity()',
        '    keys.append(boto3.session.Session().get_credentials().access_key)',
        '    time.sleep(0.25)',
        'print(json.dumps(keys))',
      ].join('\n'),
    ];
    const result = await runCli(['exec', 'acme-payments-prod/ReadOnly', '--', PYTHON, ...loop], current.temp.env);
    expect(result.code, result.stderr).toBe(0);
    const keys = JSON.parse(result.stdout) as string[];
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBeGreaterThan(1);
  });

  it('puts plain keys in the environment with --static, and nothing else', async () => {
    const current = await listedOrg();
    const result = await runCli(
      [
        'exec',
        'acme-data-nonprod/DataEngineer',
        '--static',
        '--',
        process.execPath,
        '-e',
        'const e = process.env; console.log(JSON.stringify({ key: e.AWS_ACCESS_KEY_ID, expires: e.AWS_CREDENTIAL_EXPIRATION, uri: e.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? null, profile: e.AWS_PROFILE ?? null }))',
      ],
      conflictingParent(current),
    );
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, string | null>;
    expect(seen.key).toMatch(/^ASIA/);
    expect(seen.expires).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(seen.uri).toBeNull();
    expect(seen.profile).toBeNull();
  });

  it("exits with the command's code, 128+N for a signal and 127 for a missing command", async () => {
    const current = await listedOrg();
    const env = current.temp.env;
    const role = 'acme-data-nonprod/DataEngineer';
    expect((await runCli(['exec', role, '--', 'sh', '-c', 'exit 7'], env)).code).toBe(7);
    expect((await runCli(['exec', role, '--', 'sh', '-c', 'kill -TERM $$'], env)).code).toBe(143);
    const missing = await runCli(['exec', role, '--', 'no-such-command-anywhere'], env);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('no-such-command-anywhere: command not found');
    // Without `--`, the command's own flags would be taken for Lanyard's: it says where to put them.
    const unseparated = await runCli(['exec', role, 'sh', '-c', 'exit 7'], env);
    expect(unseparated.code).toBe(2);
    expect(unseparated.stderr).toContain(`Example: lanyard exec ${role} -- sh -c exit 7`);
  });

  it('passes SIGTERM and SIGHUP on to the command', async () => {
    const current = await listedOrg();
    const script = "trap 'echo got-$1; exit 0' TERM; echo ready; while :; do sleep 0.05; done";
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const trap = script.replace('TERM', signal.slice(3)).replace('$1', signal);
      const running = startCli(['exec', 'acme-data-nonprod/DataEngineer', '--', 'sh', '-c', trap], current.temp.env);
      await running.waitForOutput(/ready/);
      running.child.kill(signal);
      const done = await running.done;
      expect(done.stdout).toContain(`got-${signal}`);
      expect(done.code).toBe(0);
    }
  });

  it('refuses to nest, naming the active role', async () => {
    const current = await listedOrg();
    const nested = await runCli(
      [
        'exec',
        'acme-data-nonprod/DataEngineer',
        '--',
        process.execPath,
        path.join(ROOT, 'bin/lanyard.js'),
        'exec',
        'acme-payments-dev/ReadOnly',
        '--',
        'true',
      ],
      current.temp.env,
    );
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('already runs with acme-data-nonprod/DataEngineer');

    // After `eval "$(lanyard env ...)"` the shell names its role too, but exec is no nesting there.
    const afterEnv = await runCli(['exec', 'acme-payments-dev/ReadOnly', '--', 'true'], {
      ...current.temp.env,
      LANYARD_ROLE: 'acme-data-nonprod/DataEngineer',
    });
    expect(afterEnv.code, afterEnv.stderr).toBe(0);
  });
});

describe('lanyard serve', () => {
  it('serves the role until stopped and prints the two variables a tool needs', async () => {
    const current = await listedOrg();
    const serving = startCli(['serve', 'acme-payments-dev/ReadOnly'], current.temp.env);
    const uri = (await serving.waitForOutput(/AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/))[1] as string;
    const token = (await serving.waitForOutput(/AWS_CONTAINER_AUTHORIZATION_TOKEN='([^']+)'/))[1] as string;
    expect(new URL(uri).hostname).toBe('127.0.0.1');
    const answer = await fetch(uri, { headers: { Authorization: token } });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
    expect((await fetch(uri, { headers: { Authorization: 'wrong' } })).status).toBe(403);
    expect((await fetch(uri)).status).toBe(401);
    const boto = await run(PYTHON, BOTO_IDENTITY, {
      env: {
        ...current.temp.env,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: uri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      },
    });
    expect(JSON.parse(boto.stdout).account).toBe(accountId(current, 'acme-payments-dev'));
    serving.child.kill('SIGTERM');
    expect((await serving.done).code).toBe(0);
    await expect(fetch(uri, { headers: { Authorization: token } })).rejects.toThrow();
  });
});

describe('roles by name', () => {
  it('takes a profile name, ACCOUNT/ROLE with a name or an id, or a query with one match', async () => {
    const current = await listedOrg();
    const prod = accountId(current, 'acme-payments-prod');
    expect((await runCli(['sync'], current.temp.env)).code).toBe(0);
    const identity = async (role: string): Promise<string> => {
      const result = await runCli(['exec', role, '--', PYTHON, ...BOTO_IDENTITY], current.temp.env);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { account: string }).account;
    };
    expect(await identity('acme-payments-prod.ReadOnly')).toBe(prod);
    expect(await identity(`${prod}/ReadOnly`)).toBe(prod);
    expect(await identity('ACME-PAYMENTS-PROD/readonly')).toBe(prod);
    expect(await identity('payments prod read')).toBe(prod);
  });

  it('lists the candidates when several match and no one is at the terminal, and suggests the nearest when none does', async () => {
    const current = await listedOrg();
    const several = await runCli(['env', 'payments'], current.temp.env);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('4 roles match "payments"');
    expect(several.stderr).toContain('acme-payments-dev/ReadOnly');

    const none = await runCli(['env', 'acme-payments-prd/ReadOnly'], current.temp.env);
    expect(none.code).toBe(8);
    expect(none.stderr).toContain('No role matches');
    expect(none.stderr).toContain('Did you mean: acme-payments-prod/ReadOnly');

    const legacy = await runCli(
      [
        'env',
        '--sso-session',
        'work',
        '--account-id',
        accountId(current, 'acme-data-nonprod'),
        '--role-name',
        'DataEngineer',
      ],
      current.temp.env,
    );
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(legacy.stdout).toContain('AWS_ACCESS_KEY_ID=');
  });

  it('prints env lines that a shell evaluates into working credentials', async () => {
    const current = await listedOrg();
    const dev = accountId(current, 'acme-payments-dev');
    const script = `eval "$("${process.execPath}" "${path.join(ROOT, 'bin/lanyard.js')}" env acme-payments-dev/ReadOnly)" && "${PYTHON}" -c "import boto3; print(boto3.client('sts').get_caller_identity()['Account'])"`;
    const { stdout } = await run('bash', ['-c', script], { env: conflictingParent(current) });
    expect(stdout.trim()).toBe(dev);
  });
});
