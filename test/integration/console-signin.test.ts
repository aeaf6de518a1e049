/**
 * Console sign-in against the fake Identity Center: role credentials from the portal, a
 * sign-in token from the federation endpoint, and a login URL that an HTTP client with a
 * cookie jar follows until it lands on the console signed in as the right account/role.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.js';
import { LAUNCH_PAGE_LIFETIME_MS } from '../../electron/core/console/launch-page.js';
import { consoleProfileDir } from '../../electron/core/console/profiles.js';
import { createConsoleSignIn } from '../../electron/core/console/signin-url.js';
import { isLanyardError, type LanyardError } from '../../electron/core/domain/errors.js';
import type { RoleCredentials } from '../../electron/core/domain/model.js';
import type { AccountSpec } from '../fake-idc/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { DEV, followSignedIn, identityOn, portalCredentials, PROD } from './console-fixture.js';

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

async function lanyard(args: string[], env: Record<string, string>, openUrl?: (url: string) => Promise<void>) {
  const stdout = collector();
  const stderr = collector();
  const code = await run(args, { env, stdout: stdout.stream, stderr: stderr.stream, ...(openUrl ? { openUrl } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function consoleArgs(account: AccountSpec, ...extra: string[]): string[] {
  return [
    'console',
    '--sso-session',
    'work',
    '--account-id',
    account.accountId as string,
    '--role-name',
    (account.roles as string[])[0] as string,
    ...extra,
  ];
}

let fixture: SsoFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function signedInFixture(): Promise<SsoFixture> {
  fixture = await createSsoFixture({ accounts: [PROD, DEV] });
  await fixture.seedToken();
  return fixture;
}

describe('lanyard console --print-url', () => {
  it('prints a login URL that lands signed in as the right account and role', async () => {
    const { temp } = await signedInFixture();
    const result = await lanyard(consoleArgs(PROD, '--print-url'), temp.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin).toBe(new URL(temp.env.LANYARD_SIGNIN_ENDPOINT as string).origin);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('Lanyard');

    const landed = await followSignedIn(url.href, new CookieJar());
    expect(landed.status).toBe(200);
    expect(identityOn(landed.html)).toEqual({
      accountId: PROD.accountId,
      accountName: PROD.accountName,
      roleName: 'ReadOnlyAccess',
      destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
    });
  });

  it('keeps two roles apart: each cookie jar is signed in as its own role', async () => {
    const { temp } = await signedInFixture();
    const prodJar = new CookieJar();
    const devJar = new CookieJar();
    const prod = await followSignedIn(
      (await lanyard(consoleArgs(PROD, '--print-url'), temp.env)).stdout.trim(),
      prodJar,
    );
    const dev = await followSignedIn((await lanyard(consoleArgs(DEV, '--print-url'), temp.env)).stdout.trim(), devJar);
    expect(identityOn(prod.html).roleName).toBe('ReadOnlyAccess');
    expect(identityOn(dev.html).roleName).toBe('AdministratorAccess');
    // Coming back later, each jar still holds its own identity.
    expect(identityOn((await followSignedIn(prod.finalUrl, prodJar)).html).accountId).toBe(PROD.accountId);
    expect(identityOn((await followSignedIn(dev.finalUrl, devJar)).html).accountId).toBe(DEV.accountId);
  });

  it('lands on the destination and region asked for', async () => {
    const { temp } = await signedInFixture();
    const result = await lanyard(
      consoleArgs(DEV, '--print-url', '--region', 'eu-west-1', '--destination', '/ec2/home#Instances:'),
      temp.env,
    );
    const landed = await followSignedIn(result.stdout.trim(), new CookieJar());
    expect(identityOn(landed.html).destination).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
    );
  });

  it('refuses a region of another partition, a foreign destination and a bad account id before asking AWS', async () => {
    const { temp, fake } = await signedInFixture();
    const before = fake.counters('GetSigninToken');
    const otherPartition = await lanyard(consoleArgs(PROD, '--print-url', '--region', 'cn-north-1'), temp.env);
    expect(otherPartition.code).toBe(2);
    expect(otherPartition.stderr).toMatch(
      /Region cn-north-1 is not in the aws partition that sso-session work signs in to/,
    );
    const foreign = await lanyard(consoleArgs(PROD, '--print-url', '--destination', 'https://evil.example/'), temp.env);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/evil.example is not an AWS console host/);
    const badAccount = await lanyard(
      ['console', '--sso-session', 'work', '--account-id', '12', '--role-name', 'X', '--print-url'],
      temp.env,
    );
    expect(badAccount.code).toBe(2);
    expect(fake.counters('GetSigninToken')).toEqual(before);
  });

  it('says a role the user does not have is not there, without a sign-in URL', async () => {
    const { temp } = await signedInFixture();
    const result = await lanyard(
      [
        'console',
        '--sso-session',
        'work',
        '--account-id',
        PROD.accountId,
        '--role-name',
        'AdministratorAccess',
        '--print-url',
      ],
      temp.env,
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
  });
});

describe('lanyard console in a browser profile', () => {
  it('starts the browser on the role profile with a private launch page, never the URL, and the page signs in', async () => {
    const { temp } = await signedInFixture();
    // A stand-in Chromium on PATH that records what it was started with and the page it was given.
    const binDir = path.join(temp.home, 'bin');
    const record = path.join(temp.home, 'browser-started.json');
    mkdirSync(binDir);
    const browser = path.join(binDir, 'chromium');
    writeFileSync(
      browser,
      [
        `#!${process.execPath}`,
        "const fs = require('node:fs');",
        "const { fileURLToPath } = require('node:url');",
        'const args = process.argv.slice(2);',
        'const page = fs.readFileSync(fileURLToPath(args[args.length - 1]), "utf8");',
        `fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args, page }));`,
      ].join('\n'),
    );
    chmodSync(browser, 0o755);
    const env = { ...temp.env, PATH: `${binDir}${path.delimiter}${temp.env.PATH ?? ''}` };

    const started = Date.now();
    const result = await lanyard(consoleArgs(PROD, '--browser', 'chromium'), env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const profile = consoleProfileDir(temp.paths.dataDir, 'chromium', {
      accountId: PROD.accountId,
      roleName: 'ReadOnlyAccess',
    });
    expect(result.stdout).toContain(
      `Opened the AWS console for ${PROD.accountId} / ReadOnlyAccess in Chromium (${profile}).`,
    );
    // The command stays until the launch page is gone.
    expect(Date.now() - started).toBeGreaterThanOrEqual(LAUNCH_PAGE_LIFETIME_MS - 100);

    const { args, page } = JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; page: string };
    expect(args.slice(0, 3)).toEqual([`--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check']);
    expect(args.join(' ')).not.toMatch(/SigninToken|Action=login/);
    expect(existsSync(new URL(args[3] as string))).toBe(false);

    const target = JSON.parse(/location\.replace\(("[^"]*")\)/.exec(page)?.[1] ?? '""') as string;
    const landed = await followSignedIn(target, new CookieJar());
    expect(identityOn(landed.html)).toMatchObject({ accountId: PROD.accountId, roleName: 'ReadOnlyAccess' });
  }, 30_000);

  it('hands the system opener a one-time loopback page for --browser default, and the page signs in once', async () => {
    const { temp } = await signedInFixture();
    const opened: string[] = [];
    let landing: ReturnType<typeof followSignedIn> | undefined;
    const result = await lanyard(consoleArgs(DEV, '--browser', 'default'), temp.env, async (url) => {
      opened.push(url);
      // The browser fetches the page while the command waits for it.
      landing = followSignedIn(url, new CookieJar());
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('in the default browser.');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
    expect(opened.join(' ')).not.toMatch(/SigninToken|Action=login/);
    expect(identityOn((await landing!).html).roleName).toBe('AdministratorAccess');
    // The command returned once the page was spent and closed.
    await expect(fetch(opened[0] as string)).rejects.toThrow();
  }, 30_000);

  it('says so, with exit 10, when the browser never asks for the sign-in page', async () => {
    const { temp } = await signedInFixture();
    const clock = new FakeClock(Date.now());
    const stdout = collector();
    const stderr = collector();
    const opened: string[] = [];
    let exitCode: number | undefined;
    const running = run(consoleArgs(DEV, '--browser', 'default'), {
      env: temp.env,
      stdout: stdout.stream,
      stderr: stderr.stream,
      clock,
      openUrl: async (url) => void opened.push(url),
    }).then((code) => (exitCode = code));
    // Bounded: the page lives 20 s on the injected clock; move it on until the command ends.
    for (let step = 0; step < 100 && exitCode === undefined; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (opened.length > 0) clock.advance(5_000);
    }
    await running;
    expect(exitCode).toBe(10);
    expect(stderr.text()).toContain('never asked for the sign-in page');
    expect(stderr.text()).toContain('--print-url');
  }, 30_000);

  it('gives Firefox an ext+container: URI that carries only a one-time loopback page, and the page signs in', async () => {
    const { temp } = await signedInFixture();
    // A stand-in Firefox on PATH that records its arguments and, as the add-on would, opens the URL in them.
    const binDir = path.join(temp.home, 'bin');
    const record = path.join(temp.home, 'firefox-started.json');
    mkdirSync(binDir);
    const firefox = path.join(binDir, 'firefox');
    writeFileSync(
      firefox,
      [
        `#!${process.execPath}`,
        "const fs = require('node:fs');",
        'const args = process.argv.slice(2);',
        "const url = new URLSearchParams(args[0].slice('ext+container:'.length)).get('url');",
        "fetch(url, { redirect: 'manual' }).then(async (response) => {",
        "  const location = response.headers.get('location');",
        '  const again = await fetch(url, { redirect: "manual" }).then((r) => r.status, () => 0);',
        `  fs.writeFileSync(${JSON.stringify(`${record}.tmp`)}, JSON.stringify({ args, status: response.status, location, again }));`,
        `  fs.renameSync(${JSON.stringify(`${record}.tmp`)}, ${JSON.stringify(record)});`,
        '});',
      ].join('\n'),
    );
    chmodSync(firefox, 0o755);
    const env = { ...temp.env, PATH: `${binDir}${path.delimiter}${temp.env.PATH ?? ''}` };

    const result = await lanyard(consoleArgs(PROD, '--browser', 'firefox-container'), env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`in Firefox (${PROD.accountId} / ReadOnlyAccess).`);

    const { args, status, location, again } = await waitForJson<{
      args: string[];
      status: number;
      location: string;
      again: number;
    }>(record);
    expect(args).toHaveLength(1);
    expect(args[0]).toMatch(/^ext\+container:name=/);
    expect(args.join(' ')).not.toMatch(/SigninToken|Action(=|%3D)login/);
    expect(new URLSearchParams((args[0] as string).slice('ext+container:'.length)).get('url')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/,
    );
    expect(status).toBe(302);
    expect(again).toBe(410);
    const landed = await followSignedIn(location, new CookieJar());
    expect(identityOn(landed.html)).toMatchObject({ accountId: PROD.accountId, roleName: 'ReadOnlyAccess' });
  }, 30_000);

  it('says which browser it looked for, and where, when it is missing (exit 10)', async () => {
    const { temp } = await signedInFixture();
    const result = await lanyard(consoleArgs(PROD, '--browser', 'vivaldi'), {
      ...temp.env,
      PATH: path.join(temp.home, 'empty'),
    });
    expect(result.code).toBe(10);
    expect(result.stderr).toContain(
      'lanyard: Vivaldi was not found: looked for vivaldi-stable or vivaldi on PATH, and at /opt/vivaldi/vivaldi.',
    );
    expect(result.stderr).not.toMatch(/SigninToken|Action=login/);
  });
});

describe('sign-in failures against the fake say what happened and nothing secret', () => {
  async function failure(run: () => Promise<unknown>): Promise<LanyardError> {
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isLanyardError(error)) throw new Error(`expected a LanyardError, got ${String(error)}`);
    return error;
  }

  it('credentials the federation endpoint does not accept (HTTP 400)', async () => {
    const { temp } = await signedInFixture();
    const credentials: RoleCredentials = {
      accessKeyId: 'ASIANOTISSUED0000001',
      secretAccessKey: 'not-a-real-secret-key',
      sessionToken: 'not-a-real-session-token',
      expiration: Date.now() + 3_600_000,
    };
    const error = await failure(() => createConsoleSignIn(credentials, { region: 'us-east-1', env: temp.env }));
    expect(error.code).toBe('SERVICE');
    expect(error.message).toMatch(/refused to issue a console sign-in token \(HTTP 400\)/);
    expect(error.describe()).not.toMatch(/not-a-real|Session=/);
  });

  it('an endpoint that is not there', async () => {
    const { temp, fake } = await signedInFixture();
    const issued = fake.issueSession();
    const credentials = await portalCredentials(fake.url, issued.accessToken, PROD);
    const port = await unusedPort();
    const error = await failure(() =>
      createConsoleSignIn(credentials, {
        region: 'us-east-1',
        env: { ...temp.env, LANYARD_SIGNIN_ENDPOINT: `http://127.0.0.1:${port}` },
      }),
    );
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(
      `Could not reach the AWS sign-in endpoint (127.0.0.1:${port}): 127.0.0.1:${port} refused the connection.`,
    );
    expect(error.describe()).not.toContain(credentials.secretAccessKey);
  });

  it('a sign-in token works once', async () => {
    const { temp } = await signedInFixture();
    const url = (await lanyard(consoleArgs(PROD, '--print-url'), temp.env)).stdout.trim();
    expect((await followSignedIn(url, new CookieJar())).status).toBe(200);
    expect((await followSignedIn(url, new CookieJar())).status).toBe(400);
  });
});

/** Reads a JSON file another process writes (renamed into place whole), waiting a little for it. */
async function waitForJson<T>(file: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
