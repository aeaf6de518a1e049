import { describe, expect, it } from 'vitest';
import { parseNoProxy, proxyFor, proxySettings, redactProxyUrl } from '../../../../electron/core/network/proxy.js';

describe('proxySettings', () => {
  it('reads the proxy for each scheme, lower case first (as urllib), a bare host:port as http', () => {
    const settings = proxySettings({
      https_proxy: 'proxy.corp:3128',
      HTTPS_PROXY: 'http://ignored:1',
      HTTP_PROXY: 'http://plain.corp:8080',
    });
    expect(settings.https?.href).toBe('http://proxy.corp:3128/');
    expect(settings.http?.href).toBe('http://plain.corp:8080/');
  });

  it('ignores empty and unusable values rather than breaking every request', () => {
    expect(proxySettings({ HTTPS_PROXY: '  ', HTTP_PROXY: 'socks5://x:1' })).toMatchObject({
      https: undefined,
      http: undefined,
    });
  });

  it('picks the proxy by the target scheme and lets NO_PROXY send hosts direct', () => {
    const settings = proxySettings({ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp' });
    expect(proxyFor(settings, new URL('https://oidc.us-east-1.amazonaws.com'))?.host).toBe('p:1');
    expect(proxyFor(settings, new URL('http://oidc.us-east-1.amazonaws.com'))).toBeUndefined();
    expect(proxyFor(settings, new URL('https://idc.internal.corp'))).toBeUndefined();
  });
});

describe('NO_PROXY, as curl and the AWS CLI match it', () => {
  const cases: Array<[string, string, number, boolean]> = [
    ['example.com', 'example.com', 443, true],
    ['example.com', 'sub.example.com', 443, true],
    ['example.com', 'notexample.com', 443, false],
    ['.example.com', 'example.com', 443, true],
    ['.example.com', 'a.b.example.com', 443, true],
    ['*.example.com', 'a.example.com', 443, true],
    ['EXAMPLE.com.', 'Sub.Example.COM', 443, true],
    ['example.com:8443', 'example.com', 8443, true],
    ['example.com:8443', 'example.com', 443, false],
    ['*', 'anything.at.all', 443, true],
    ['a.test, *', 'other.test', 443, true],
    ['10.1.2.3', '10.1.2.3', 443, true],
    ['10.1.2.3', '10.1.2.4', 443, false],
    ['10.0.0.0/8', '10.200.3.4', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['192.168.0.0/16 172.16.0.0/12', '172.20.1.1', 80, true],
    ['::1', '[::1]', 443, true],
    ['[::1]:8080', '::1', 8080, true],
    ['[::1]:8080', '::1', 443, false],
    ['fd00::/8', 'fd12:3456::1', 443, true],
    ['fd00::/8', '2001:db8::1', 443, false],
    ['127.0.0.1', 'localhost', 443, false],
    ['', 'example.com', 443, false],
    // An address is not a host name to suffix-match against.
    ['0.0.1', '10.0.0.1', 443, false],
  ];
  it.each(cases)('NO_PROXY=%j, host %s:%d -> direct %s', (value, host, port, direct) => {
    expect(parseNoProxy(value).bypasses(host, port)).toBe(direct);
  });
});

describe('redactProxyUrl', () => {
  it('keeps the user and hides the password', () => {
    expect(redactProxyUrl(new URL('http://alice:s%40cret@proxy.corp:3128'))).toBe('http://alice:***@proxy.corp:3128');
    expect(redactProxyUrl(new URL('http://proxy.corp:3128'))).toBe('http://proxy.corp:3128');
    expect(redactProxyUrl(new URL('https://bob@proxy.corp'))).toBe('https://bob@proxy.corp');
  });
});
