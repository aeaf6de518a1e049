import { describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../../../electron/core/console/browser-detection.js';
import { awsCliCheck, browserCheck } from '../../../../electron/core/doctor/environment-checks.js';

function host(executables: string[]): BrowserHost {
  const present = new Set(executables);
  return { platform: 'linux', env: { PATH: '/usr/bin' }, isExecutable: (file) => present.has(file) };
}

describe('browserCheck', () => {
  it('finds the browser the console method needs', () => {
    const chrome = host(['/usr/bin/google-chrome']);
    expect(browserCheck({ isolation: 'chrome-profile', browser: '' }, chrome)).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('/usr/bin/google-chrome'),
    });
    expect(browserCheck({ isolation: 'default-browser', browser: '' }, host([])).status).toBe('ok');
  });

  it('fails when the chosen method has no browser, and only warns for in-app consoles', () => {
    const chrome = host(['/usr/bin/google-chrome']);
    expect(browserCheck({ isolation: 'firefox-container', browser: '' }, chrome)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('Firefox'),
    });
    expect(browserCheck({ isolation: 'chrome-profile', browser: '/opt/missing/chrome' }, chrome).status).toBe('fail');
    expect(browserCheck({ isolation: 'in-app', browser: '' }, host([])).status).toBe('warn');
    expect(browserCheck({ isolation: 'in-app', browser: '' }, chrome).status).toBe('ok');
  });
});

describe('awsCliCheck', () => {
  it('reads the version from `aws --version` and wants 2.22+ for PKCE', () => {
    expect(awsCliCheck('aws-cli/2.27.41 Python/3.13.4 Linux/6.8 exe/x86_64.ubuntu.24').status).toBe('ok');
    expect(awsCliCheck('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('2.9.19'),
    });
    expect(awsCliCheck('aws-cli/1.33.2 Python/3.12 Linux/6.8 botocore/1.34.2')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('v1'),
    });
    expect(awsCliCheck(undefined).status).toBe('ok');
    expect(awsCliCheck('command not found').status).toBe('warn');
    expect(
      awsCliCheck('Traceback (most recent call last):\n  File "aws"\nModuleNotFoundError: No module named awscli')
        .message,
    ).toBe('`aws --version` did not print a version: ModuleNotFoundError: No module named awscli');
  });
});
