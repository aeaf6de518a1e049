import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clockSkewCheck,
  networkChecks,
  nodeProbe,
  oidcEndpoint,
  proxyFor,
  reachabilityCheck,
} from '../../../../electron/core/doctor/reachability.js';

const MINUTE = 60_000;
const URL_ = 'https://oidc.us-east-1.amazonaws.com';

const failure = (code: string, message = code) => ({ error: Object.assign(new Error(message), { code }) });

describe('reachabilityCheck', () => {
  it('is ok on any HTTP answer and names the proxy without its password', () => {
    const env = { HTTPS_PROXY: 'http://me:hunter2@proxy.corp:3128' };
    const result = reachabilityCheck('reachable:us-east-1', URL_, { answer: { status: 404 } }, env, true);
    expect(result.status).toBe('ok');
    expect(result.message).toContain('through the proxy http://proxy.corp:3128');
    expect(result.message).toContain('TLS chain trusted');
    expect(result.message).not.toContain('hunter2');
    // A probe that ignores the proxy says it went direct.
    expect(reachabilityCheck('r', URL_, { answer: { status: 404 } }, env).message).toContain(
      'directly (not through the proxy http://proxy.corp:3128)',
    );
  });

  it('tells an untrusted TLS chain from DNS, refusal and time-outs, each with its fix', () => {
    const tls = reachabilityCheck(
      'r',
      URL_,
      failure('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      {},
    );
    expect(tls).toMatchObject({ status: 'fail', fix: expect.stringContaining('AWS_CA_BUNDLE') });
    expect(tls.message).toContain('not trusted');
    expect(reachabilityCheck('r', URL_, failure('ENOTFOUND'), {}).fix).toContain('DNS');
    expect(reachabilityCheck('r', URL_, failure('ECONNREFUSED'), { HTTPS_PROXY: 'http://p:1' }).fix).toContain('proxy');
    expect(reachabilityCheck('r', URL_, failure('ETIMEDOUT'), {}).status).toBe('fail');
  });

  it('uses AWS_ENDPOINT_URL_SSO_OIDC as the SDK does', () => {
    expect(oidcEndpoint('eu-west-1', {})).toBe('https://oidc.eu-west-1.amazonaws.com');
    expect(oidcEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:9');
    expect(proxyFor('http://x', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
  });

  it('names the proxy only when requests really go through it: NO_PROXY as every request reads it', () => {
    expect(proxyFor(URL_, { HTTPS_PROXY: 'http://p:1' })).toBe('http://p:1');
    expect(proxyFor(URL_, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.amazonaws.com' })).toBeUndefined();
    expect(
      reachabilityCheck('r', URL_, { answer: { status: 404 } }, { HTTPS_PROXY: 'http://p:1', no_proxy: '*' }, true)
        .message,
    ).not.toContain('proxy');
  });
});

describe('clockSkewCheck', () => {
  it('warns beyond a few minutes', () => {
    expect(clockSkewCheck(10 * MINUTE, 'now')).toMatchObject({
      id: 'clock-skew',
      status: 'warn',
      message: expect.stringContaining('10 minutes behind'),
    });
    expect(clockSkewCheck(1500, 'now').status).toBe('ok');
    expect(clockSkewCheck(undefined, 'now').status).toBe('warn');
  });
});

describe('networkChecks with the default probe', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    running.closeAllConnections();
    await new Promise((resolve) => running.close(resolve));
  });

  it('reaches a server and reads the skew off its Date header', async () => {
    server = createServer((_request, response) => {
      response.setHeader('Date', new Date(Date.now() - 12 * MINUTE).toUTCString());
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const checks = await networkChecks([{ id: 'reachable:us-east-1', url }], { probe: nodeProbe(), env: {} });
    expect(checks.map((item) => [item.id, item.status])).toEqual([
      ['reachable:us-east-1', 'ok'],
      ['clock-skew', 'warn'],
    ]);
    expect(checks[1]?.message).toContain('12 minutes ahead of');
  });

  it('fails a refused connection and falls back to the skew seen earlier', async () => {
    const checks = await networkChecks([{ id: 'reachable:x', url: 'http://127.0.0.1:1' }], {
      probe: nodeProbe({ timeoutMs: 2000 }),
      env: {},
      knownSkewMs: 500,
    });
    expect(checks.map((item) => item.status)).toEqual(['fail', 'ok']);
    expect(checks[0]?.message).toContain('ECONNREFUSED');
  });
});
