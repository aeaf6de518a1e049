/**
 * Lanyard behind a corporate network, as users run it (the built CLI): the fake Identity
 * Center serves HTTPS with a certificate from a CA made for this run, and a proxy on
 * 127.0.0.1 carries (and records) the requests. Sign-in, listing, sync, credential_process and
 * the console URL all go through the proxy; NO_PROXY bypasses it; proxy credentials come from
 * the URL; and every failure says what it is and what to do.
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { type ServerCertificate, type TestCa, createTestCa } from '../support/test-ca.js';
import { type TestProxy, startTestProxy } from '../support/test-proxy.js';

let ca: TestCa;
let loopbackCert: ServerCertificate;
let fixture: SsoFixture | undefined;
let proxy: TestProxy | undefined;

beforeAll(() => {
  ca = createTestCa();
  loopbackCert = ca.issue(['127.0.0.1']);
});
afterEach(async () => {
  await fixture?.close();
  await proxy?.close();
  fixture = undefined;
  proxy = undefined;
});
afterAll(() => ca.cleanup());

async function httpsFixture(cert: ServerCertificate = loopbackCert): Promise<SsoFixture> {
  fixture = await createSsoFixture({ accounts: 2, rolesPerAccount: 1, tls: cert });
  return fixture;
}

function fakeHost(current: SsoFixture): string {
  return new URL(current.fake.url).host;
}

function roleArgs(current: SsoFixture): string[] {
  const account = current.fake.accounts[0]!;
  return ['--sso-session', 'work', '--account-id', account.accountId, '--role-name', account.roles[0]!];
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('through an HTTPS proxy, with the CA in AWS_CA_BUNDLE', () => {
  it('signs in, lists, syncs, serves credential_process and makes a console URL, every request through the proxy', async () => {
    const current = await httpsFixture();
    proxy = await startTestProxy();
    const env = { ...current.temp.env, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: ca.caFile };
    const carried = (): number => proxy!.requests.length;

    const steps: Array<[string[], (stdout: string) => void]> = [
      [
        ['login', '--sso-session', 'work', '--use-device-code', '--no-browser'],
        (out) => expect(out).toContain('Signed in'),
      ],
      [['accounts', '--sso-session', 'work'], (out) => expect(out).toContain(current.fake.accounts[0]!.accountId)],
      [['sync'], () => {}],
      [['credential-process', ...roleArgs(current)], (out) => expect(JSON.parse(out).Version).toBe(1)],
      [
        ['console', ...roleArgs(current), '--print-url'],
        (out) => expect(out.trim()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/federation\?/),
      ],
    ];
    for (const [args, check] of steps) {
      const before = carried();
      const result = await runCli(args, env);
      expect(result.stderr, args.join(' ')).toBe(result.code === 0 ? result.stderr : '');
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
      check(result.stdout);
      expect(carried(), `${args[0]} went through the proxy`).toBeGreaterThan(before);
    }
    // Nothing but the fake was asked for, and only by CONNECT (the requests stay encrypted).
    expect(new Set(proxy.requests)).toEqual(new Set([fakeHost(current)]));
  });

  it.each([
    ['the address', (host: string) => host.split(':')[0]!],
    ['the address and port', (host: string) => host],
    ['a CIDR range', () => '10.0.0.0/8, 127.0.0.0/8'],
    ['*', () => '*'],
  ])('NO_PROXY naming %s sends the requests direct', async (_name, noProxy) => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy();
    const env = {
      ...current.temp.env,
      HTTPS_PROXY: proxy.url,
      AWS_CA_BUNDLE: ca.caFile,
      NO_PROXY: noProxy(fakeHost(current)),
    };
    const result = await runCli(['accounts', '--sso-session', 'work'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.requests).toEqual([]);
  });

  it('NO_PROXY for another port of the host still uses the proxy', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy();
    const env = { ...current.temp.env, https_proxy: proxy.url, AWS_CA_BUNDLE: ca.caFile, no_proxy: '127.0.0.1:1' };
    expect((await runCli(['accounts', '--sso-session', 'work'], env)).code).toBe(0);
    expect(proxy.requests.length).toBeGreaterThan(0);
  });
});

describe('HTTP_PROXY', () => {
  it('carries requests to an http endpoint, in absolute form', async () => {
    fixture = await createSsoFixture({ accounts: 2, rolesPerAccount: 1 });
    await fixture.seedToken();
    proxy = await startTestProxy();
    const result = await runCli(['accounts', '--sso-session', 'work'], { ...fixture.temp.env, HTTP_PROXY: proxy.url });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.requests.length).toBeGreaterThan(0);
    for (const request of proxy.requests) expect(request.startsWith(`${fixture.fake.url}/assignment/`)).toBe(true);
  });
});

describe('a proxy that wants a password', () => {
  it('takes the user and password from the proxy URL', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy({ user: 'alice', password: 'p@ss:word' });
    const env = { ...current.temp.env, HTTPS_PROXY: proxy.urlWith('alice', 'p@ss:word'), AWS_CA_BUNDLE: ca.caFile };
    const result = await runCli(['accounts', '--sso-session', 'work'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.refused).toBe(0);
  });

  it.each([
    ['wrong credentials', (p: TestProxy) => p.urlWith('alice', 'not-the-password'), /did not accept the ones given/],
    ['no credentials', (p: TestProxy) => p.url, /wants a user name and password \(HTTP 407\)\./],
  ])('%s: says the proxy refused them (407), never showing the password', async (_name, url, detail) => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy({ user: 'alice', password: 'p@ss:word' });
    const env = { ...current.temp.env, HTTPS_PROXY: url(proxy), AWS_CA_BUNDLE: ca.caFile };
    const result = await runCli(['accounts', '--sso-session', 'work'], env);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/the proxy http:\/\/(alice:\*\*\*@)?127\.0\.0\.1:\d+ refused the request/);
    expect(result.stderr).toMatch(detail);
    expect(result.stderr).toContain('http://USER:PASSWORD@HOST:PORT');
    expect(result.stderr).not.toContain('not-the-password');
    expect(proxy.refused).toBeGreaterThan(0);
  });
});

describe('certificates', () => {
  it('without the CA: names the issuer and AWS_CA_BUNDLE, for sign-in, listing and the console', async () => {
    const current = await httpsFixture();
    const env = current.temp.env;
    const login = await runCli(['login', '--sso-session', 'work', '--use-device-code', '--no-browser'], env);
    expect(login.code).toBe(6);
    expect(login.stderr).not.toMatch(/answered|Error during sign-in/);
    await current.seedToken();
    const listing = await runCli(['accounts', '--sso-session', 'work'], env);
    // The console needs role credentials first, which the portal will not give without the CA.
    await runCli(['credential-process', ...roleArgs(current)], { ...env, AWS_CA_BUNDLE: ca.caFile });
    const console = await runCli(['console', ...roleArgs(current), '--print-url'], env);
    expect(console.stderr).toContain('Could not reach the AWS sign-in endpoint');
    for (const result of [login, listing, console]) {
      expect(result.code).toBe(6);
      expect(result.stderr).toContain(`issued by "${ca.commonName} (Lanyard Tests)", is not trusted`);
      expect(result.stderr).toContain('set AWS_CA_BUNDLE to its path');
    }
  });

  it('through the proxy without the CA: the same, naming the proxy', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy();
    const result = await runCli(['accounts', '--sso-session', 'work'], { ...current.temp.env, HTTPS_PROXY: proxy.url });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`issued by "${ca.commonName} (Lanyard Tests)", is not trusted`);
    expect(result.stderr).toContain(`through the proxy ${proxy.url}`);
  });

  it.each([
    [
      'ca_bundle in [default] of ~/.aws/config',
      (current: SsoFixture) => {
        appendFileSync(current.temp.env.AWS_CONFIG_FILE!, `\n[default]\nca_bundle = ${ca.caFile}\n`);
        return {};
      },
    ],
    ['NODE_EXTRA_CA_CERTS', () => ({ NODE_EXTRA_CA_CERTS: ca.caFile })],
  ])('trusts the CA from %s', async (_name, setUp) => {
    const current = await httpsFixture();
    await current.seedToken();
    const result = await runCli(['accounts', '--sso-session', 'work'], { ...current.temp.env, ...setUp(current) });
    expect(result.code, result.stderr).toBe(0);
  });

  it('lanyard doctor checks Identity Center through the proxy, with and without the CA', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    proxy = await startTestProxy();
    const env = { ...current.temp.env, HTTPS_PROXY: proxy.url };
    const reachable = async (extra: Record<string, string>) => {
      const before = proxy!.requests.length;
      const result = await runCli(['doctor', '--json'], { ...env, ...extra });
      const checks = (
        JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string; fix: string }> }
      ).checks;
      return {
        check: checks.find((item) => item.id.startsWith('reachable'))!,
        carried: proxy!.requests.length - before,
      };
    };
    const untrusted = await reachable({});
    expect(untrusted.check.status).toBe('fail');
    expect(untrusted.check.message).toContain(`through the proxy ${proxy.url}`);
    expect(untrusted.check.message).toContain(`issued by "${ca.commonName} (Lanyard Tests)", is not trusted`);
    expect(untrusted.check.fix).toContain('AWS_CA_BUNDLE');
    expect(untrusted.carried).toBeGreaterThan(0);
    const trusted = await reachable({ AWS_CA_BUNDLE: ca.caFile });
    expect(trusted.check.status, trusted.check.message).toBe('ok');
    expect(trusted.check.message).toContain('TLS chain trusted');
    expect(trusted.carried).toBeGreaterThan(0);
  });

  it('a certificate for another host: says so', async () => {
    const current = await httpsFixture(ca.issue(['idc.example.test']));
    await current.seedToken();
    const result = await runCli(['accounts', '--sso-session', 'work'], {
      ...current.temp.env,
      AWS_CA_BUNDLE: ca.caFile,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('is for another host name');
  });

  it('an AWS_CA_BUNDLE that cannot be read: says which file', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    const missing = `${current.temp.home}/missing.pem`;
    const result = await runCli(['accounts', '--sso-session', 'work'], { ...current.temp.env, AWS_CA_BUNDLE: missing });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The CA bundle named by AWS_CA_BUNDLE cannot be read: ${missing} (ENOENT)`);
  });
});

describe('a proxy that cannot be reached', () => {
  it('says the proxy refused the connection, and where to fix it', async () => {
    const current = await httpsFixture();
    await current.seedToken();
    const port = await closedPort();
    const result = await runCli(['accounts', '--sso-session', 'work'], {
      ...current.temp.env,
      HTTPS_PROXY: `http://bob:hunter2@127.0.0.1:${port}`,
      AWS_CA_BUNDLE: ca.caFile,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`the proxy http://bob:***@127.0.0.1:${port} refused the connection`);
    expect(result.stderr).toContain('HTTPS_PROXY');
    expect(result.stderr).not.toContain('hunter2');
  });
});
