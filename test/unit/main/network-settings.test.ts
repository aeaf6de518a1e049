// The proxy and extra certificate authority settings, as Chromium's sessions take them. The
// certificates are made with openssl for each run: a company CA, a server certificate it
// signed (through an intermediate), and an unrelated CA.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/core/domain/settings.js';
import {
  NetworkSettingsApplier,
  chainsToAuthority,
  extraAuthorityVerifier,
  proxyPlan,
  readCaBundle,
} from '../../../electron/main/network-settings.js';

const settings = (overrides: Partial<typeof DEFAULT_SETTINGS>) => ({ ...DEFAULT_SETTINGS, ...overrides });

describe('proxyPlan', () => {
  it('maps system, none and a URL to Chromium proxy configurations', () => {
    expect(proxyPlan(settings({}))).toEqual({ config: { mode: 'system' } });
    expect(proxyPlan(settings({ proxyMode: 'none' }))).toEqual({ config: { mode: 'direct' } });
    expect(proxyPlan(settings({ proxyMode: 'url', proxyUrl: 'http://proxy.corp.test:3128' }))).toEqual({
      config: { mode: 'fixed_servers', proxyRules: 'http://proxy.corp.test:3128' },
    });
    // A URL without a usable address falls back to the system's settings.
    expect(proxyPlan(settings({ proxyMode: 'url', proxyUrl: '' }))).toEqual({ config: { mode: 'system' } });
  });

  it("keeps the URL's credentials out of Chromium's rules, for the 407 answer", () => {
    expect(
      proxyPlan(settings({ proxyMode: 'url', proxyUrl: 'https://svc%40corp:p%3Ass@proxy.corp.test:443' })),
    ).toEqual({
      config: { mode: 'fixed_servers', proxyRules: 'https://proxy.corp.test:443' },
      credentials: { proxy: 'proxy.corp.test:443', credentials: { username: 'svc@corp', password: 'p:ss' } },
    });
  });
});

function fakeSession() {
  return {
    setProxy: vi.fn(async () => {}),
    setCertificateVerifyProc: vi.fn(),
    closeAllConnections: vi.fn(async () => {}),
  };
}
const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

let dir: string;
const pem = (name: string): string => readFileSync(path.join(dir, `${name}.pem`), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lanyard-ca-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const ca = (name: string): void =>
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '30',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    );
  ca('corp-root');
  ca('other-root');
  const signed = (name: string, issuer: string, extensions: string): void => {
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    );
    writeFileSync(path.join(dir, `${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${issuer}.pem`,
      '-CAkey',
      `${issuer}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '10',
      '-extfile',
      `${name}.ext`,
    );
  };
  signed('corp-intermediate', 'corp-root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n');
  signed('server', 'corp-intermediate', 'subjectAltName=DNS:oidc.eu-west-1.amazonaws.com\n');
  writeFileSync(path.join(dir, 'bundle.pem'), `# the company's roots\n${pem('corp-root')}`);
  writeFileSync(path.join(dir, 'empty.pem'), 'nothing here');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The chain as Electron presents it: the server's certificate, its issuer hanging off it. */
const presented = () => ({
  data: pem('server'),
  issuerCert: { data: pem('corp-intermediate'), issuerCert: { data: pem('corp-root') } },
});

describe('extra certificate authorities', () => {
  it('reads a PEM bundle, and says plainly what is wrong with a bad one', async () => {
    expect(await readCaBundle(path.join(dir, 'bundle.pem'))).toHaveLength(1);
    await expect(readCaBundle(path.join(dir, 'missing.pem'))).rejects.toThrow(/missing\.pem does not exist/);
    await expect(readCaBundle(path.join(dir, 'empty.pem'))).rejects.toThrow(/holds no PEM certificate/);
  });

  it('accepts a chain that leads to a bundle certificate for the right host only', () => {
    const corp = [new X509Certificate(pem('corp-root'))];
    const other = [new X509Certificate(pem('other-root'))];
    expect(chainsToAuthority('oidc.eu-west-1.amazonaws.com', presented(), corp)).toBe(true);
    expect(chainsToAuthority('oidc.eu-west-1.amazonaws.com', presented(), other)).toBe(false);
    expect(chainsToAuthority('portal.sso.eu-west-1.amazonaws.com', presented(), corp)).toBe(false);
    // Without the intermediate the chain breaks.
    expect(chainsToAuthority('oidc.eu-west-1.amazonaws.com', { data: pem('server') }, corp)).toBe(false);
    // Out of date.
    expect(chainsToAuthority('oidc.eu-west-1.amazonaws.com', presented(), corp, Date.now() + 60 * 86_400_000)).toBe(
      false,
    );
  });

  it("decides only where Chromium found no trusted root; everything else stays Chromium's", () => {
    const verify = extraAuthorityVerifier([new X509Certificate(pem('corp-root'))]);
    const answer = (request: Record<string, unknown>): number => {
      let result = NaN;
      verify(request as never, (value) => (result = value));
      return result;
    };
    const base = { hostname: 'oidc.eu-west-1.amazonaws.com', certificate: presented() };
    expect(answer({ ...base, errorCode: -202, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' })).toBe(0);
    expect(answer({ ...base, errorCode: 0, verificationResult: 'net::OK' })).toBe(-3);
    expect(answer({ ...base, errorCode: -200, verificationResult: 'net::ERR_CERT_COMMON_NAME_INVALID' })).toBe(-3);
    expect(answer({ ...base, hostname: 'evil.test', errorCode: -202 })).toBe(-3);
  });
});

describe('NetworkSettingsApplier', () => {
  it('applies the settings to every tracked session, again only when they change', async () => {
    const onProxyChanged = vi.fn();
    const applier = new NetworkSettingsApplier({ logger, onProxyChanged });
    const defaultSession = fakeSession();
    await applier.track(defaultSession);
    await applier.apply(settings({ proxyMode: 'url', proxyUrl: 'http://bob:pw@proxy.corp.test:8080' }));
    expect(defaultSession.setProxy).toHaveBeenLastCalledWith({
      mode: 'fixed_servers',
      proxyRules: 'http://proxy.corp.test:8080',
    });
    expect(defaultSession.closeAllConnections).toHaveBeenCalled();
    expect(onProxyChanged).toHaveBeenCalledWith({
      proxy: 'proxy.corp.test:8080',
      credentials: { username: 'bob', password: 'pw' },
    });
    // The credentials are never logged.
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain('pw');

    const calls = defaultSession.setProxy.mock.calls.length;
    await applier.apply(
      settings({ proxyMode: 'url', proxyUrl: 'http://bob:pw@proxy.corp.test:8080', autoSync: false }),
    );
    expect(defaultSession.setProxy).toHaveBeenCalledTimes(calls);

    const consoleSession = fakeSession();
    await applier.track(consoleSession);
    expect(consoleSession.setProxy).toHaveBeenCalledWith({
      mode: 'fixed_servers',
      proxyRules: 'http://proxy.corp.test:8080',
    });
    await applier.apply(settings({ proxyMode: 'none' }));
    expect(defaultSession.setProxy).toHaveBeenLastCalledWith({ mode: 'direct' });
    expect(consoleSession.setProxy).toHaveBeenLastCalledWith({ mode: 'direct' });
    expect(onProxyChanged).toHaveBeenLastCalledWith(undefined);
  });

  it('installs a verify proc for a CA bundle, removes it when cleared, and reports a missing file', async () => {
    const onProblem = vi.fn();
    const applier = new NetworkSettingsApplier({ logger, onProblem });
    const session = fakeSession();
    await applier.track(session);
    await applier.apply(settings({ caBundleFile: path.join(dir, 'bundle.pem') }));
    expect(session.setCertificateVerifyProc).toHaveBeenLastCalledWith(expect.any(Function));
    await applier.apply(settings({ caBundleFile: '' }));
    expect(session.setCertificateVerifyProc).toHaveBeenLastCalledWith(null);
    await applier.apply(settings({ caBundleFile: path.join(dir, 'gone.pem') }));
    expect(session.setCertificateVerifyProc).toHaveBeenLastCalledWith(null);
    expect(onProblem).toHaveBeenCalledWith(expect.stringMatching(/gone\.pem does not exist\..*system's certificates/));
  });
});
