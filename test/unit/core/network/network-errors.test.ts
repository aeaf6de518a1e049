import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  PROXY_STATUS_CODE,
  networkFailure,
} from '../../../../electron/core/network/network-errors.js';

function failure(error: unknown, host?: string) {
  const described = networkFailure(error, host);
  if (!described) throw new Error('not described');
  return `${described.cause} | ${described.fix}`;
}

const target = 'oidc.us-east-1.amazonaws.com:443';
const proxy = 'http://alice:***@proxy.corp:3128';

describe('networkFailure', () => {
  it('an untrusted certificate: names the issuer and AWS_CA_BUNDLE, and the bundle in use', () => {
    const text = failure(
      new ConnectionError('SELF_SIGNED_CERT_IN_CHAIN', {
        target,
        issuer: 'Zscaler Intermediate Root CA (Zscaler Inc.)',
        bundleSource: 'AWS_CA_BUNDLE',
      }),
    );
    expect(text).toContain(
      `the certificate presented for ${target}, issued by "Zscaler Intermediate Root CA (Zscaler Inc.)", is not trusted`,
    );
    expect(text).toContain('set AWS_CA_BUNDLE to its path');
    expect(text).toContain('The bundle from AWS_CA_BUNDLE does not contain it.');
  });

  it.each([
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'is for another host name ("wrong.example")'],
    ['CERT_HAS_EXPIRED', 'has expired (valid until Jan  1 00:00:00 2020 GMT)'],
    ['CERT_NOT_YET_VALID', 'is not valid yet'],
  ])('%s', (code, words) => {
    const error = new ConnectionError(code, { target, subject: 'wrong.example', validTo: 'Jan  1 00:00:00 2020 GMT' });
    expect(failure(error)).toContain(words);
  });

  it('proxy failures blame the proxy, its password hidden', () => {
    expect(failure(new ConnectionError('ECONNREFUSED', { target, proxy, atProxy: true }))).toMatch(
      /^the proxy http:\/\/alice:\*\*\*@proxy.corp:3128 refused the connection \| Check the proxy in HTTPS_PROXY/,
    );
    expect(failure(new ConnectionError('ENOTFOUND', { target, proxy, atProxy: true }))).toContain(
      "the proxy's host name in http://alice:***@proxy.corp:3128 could not be found (DNS)",
    );
    expect(failure(new ConnectionError('ETIMEDOUT', { target, proxy, atProxy: true, timeoutMs: 5000 }))).toContain(
      'did not answer in time',
    );
    expect(failure(new ConnectionError(PROXY_STATUS_CODE, { target, proxy, proxyStatus: 407 }))).toContain(
      'wants a user name and password (HTTP 407), and did not accept the ones given',
    );
    expect(failure(new ConnectionError(PROXY_STATUS_CODE, { target, proxy, proxyStatus: 403 }))).toContain(
      `would not connect to ${target} (it answered HTTP 403)`,
    );
  });

  it('a 407 answer from another request handler (an http URL through the proxy) is the proxy too', () => {
    expect(failure({ name: 'Unknown', $metadata: { httpStatusCode: 407 } })).toContain('HTTP 407');
  });

  it('plain Node errors, found along the cause chain', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND x'), {
      code: 'ENOTFOUND',
      hostname: 'oidc.mars-1.amazonaws.com',
    });
    expect(failure(new Error('wrapped', { cause: dns }))).toContain(
      'the host name oidc.mars-1.amazonaws.com could not be found (DNS)',
    );
    expect(
      failure(Object.assign(new Error(), { code: 'ECONNREFUSED' }), 'portal.sso.us-east-1.amazonaws.com'),
    ).toContain('portal.sso.us-east-1.amazonaws.com refused the connection');
    expect(failure(new ConnectionError('ETIMEDOUT', { target, timeoutMs: 5000 }))).toContain(
      `${target} did not answer within 5 s`,
    );
    expect(failure(Object.assign(new Error(), { name: 'TimeoutError' }))).toContain('did not answer in time');
    expect(failure(Object.assign(new Error(), { code: 'ECONNRESET' }))).toContain('was closed before an answer came');
    expect(failure(Object.assign(new Error(), { code: 'EHOSTUNREACH' }))).toContain('no network route');
  });

  it('is undefined for what is not a network failure', () => {
    expect(networkFailure({ name: 'InvalidGrantException', $metadata: { httpStatusCode: 400 } })).toBeUndefined();
    expect(networkFailure(new Error('bug'))).toBeUndefined();
  });

  it('only certificate and proxy-setting failures are final; timeouts and resets are worth another try', () => {
    expect(networkFailure(new ConnectionError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', { target }))?.transient).toBe(false);
    expect(networkFailure(new ConnectionError('ECONNREFUSED', { target, proxy, atProxy: true }))?.transient).toBe(
      false,
    );
    expect(networkFailure(new ConnectionError('ECONNRESET', { target }))?.transient).toBe(true);
  });
});
