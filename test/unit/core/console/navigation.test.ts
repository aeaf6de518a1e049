import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_PERMISSIONS,
  consoleNavigationPolicy,
  isConsolePermission,
  judgeNavigation,
} from '../../../../electron/core/console/navigation.js';
import { PARTITIONS } from '../../../../electron/core/console/partitions.js';
import {
  consolePartitionName,
  consoleProfileDir,
  consoleProfileId,
} from '../../../../electron/core/console/profiles.js';
import { consoleWindowTitle } from '../../../../electron/core/console/window-title.js';
import type { RoleRef } from '../../../../electron/core/domain/model.js';
import { HOSTILE_ACCOUNTS } from '../../../fake-idc/organization.js';
import { containerName } from '../../../../electron/core/console/launch-commands.js';

const PROD_READ_ONLY = { sessionName: 'work', accountId: '111111111111', roleName: 'ReadOnlyAccess' };
const DEV_ADMIN = { sessionName: 'work', accountId: '222222222222', roleName: 'AdministratorAccess' };

describe('console profile ids and session partitions', () => {
  it('are stable, readable and distinct per account/role', () => {
    expect(consoleProfileId(PROD_READ_ONLY)).toBe('111111111111-ReadOnlyAccess');
    expect(consolePartitionName(PROD_READ_ONLY)).toBe('persist:console-111111111111-ReadOnlyAccess');
    expect(consolePartitionName(PROD_READ_ONLY)).toBe(consolePartitionName({ ...PROD_READ_ONLY }));
    const ids = new Set(
      [
        PROD_READ_ONLY,
        DEV_ADMIN,
        { ...PROD_READ_ONLY, roleName: 'AdministratorAccess' },
        { ...DEV_ADMIN, roleName: 'ReadOnlyAccess' },
      ].map(consolePartitionName),
    );
    expect(ids.size).toBe(4);
  });

  it('do not depend on the sso-session name', () => {
    const renamed: RoleRef = { ...PROD_READ_ONLY, sessionName: 'renamed' };
    expect(consolePartitionName(renamed)).toBe(consolePartitionName(PROD_READ_ONLY));
  });

  it('keep every IAM role name character and replace anything that could escape a folder', () => {
    expect(consoleProfileId({ accountId: '111111111111', roleName: 'Ops+Admin=1,x.y@z_w-v' })).toBe(
      '111111111111-Ops+Admin=1,x.y@z_w-v',
    );
    expect(consoleProfileId({ accountId: '111111111111', roleName: '../../etc' })).toMatch(
      /^111111111111-\.\._\.\._etc-[0-9a-f]{12}$/,
    );
    expect(consoleProfileId({ accountId: '111111111111', roleName: 'a\\b:c*?' })).toMatch(
      /^111111111111-a_b_c__-[0-9a-f]{12}$/,
    );
  });

  it('give every role of a hostile organisation its own short folder and partition', () => {
    const roles = HOSTILE_ACCOUNTS.flatMap((account) =>
      (account.roles ?? []).map((roleName) => ({ accountId: account.accountId as string, roleName })),
    );
    // Names that differ only in what had to be replaced stay apart too.
    roles.push({ accountId: '300000000001', roleName: 'Admin_[profile_evil]' });
    const dataDir = '/home/ann/.config/Lanyard';
    const folders = roles.map((role) => consoleProfileDir(dataDir, 'chrome', role));
    expect(new Set(folders).size).toBe(roles.length);
    for (const folder of folders) {
      expect(path.dirname(folder)).toBe(path.join(dataDir, 'console-profiles', 'chrome'));
      expect(Buffer.byteLength(path.basename(folder))).toBeLessThanOrEqual(120);
      expect(path.basename(folder)).toMatch(/^[A-Za-z0-9+=,.@_-]+$/);
      expect(path.basename(folder)).not.toMatch(/\.$/);
    }
    expect(new Set(roles.map(consolePartitionName)).size).toBe(roles.length);
  });

  it('give every role of a hostile organisation its own Firefox container, named in plain text', () => {
    const targets = HOSTILE_ACCOUNTS.flatMap((account) =>
      (account.roles ?? []).map((roleName) => ({
        accountName: account.accountName,
        ref: { accountId: account.accountId as string, roleName },
      })),
    );
    const names = targets.map(containerName);
    expect(new Set(names).size).toBe(targets.length);
    for (const name of names) {
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(name.length).toBeLessThanOrEqual(100);
    }
    // A plain name stays exactly as it was, so existing containers are reused.
    expect(containerName({ accountName: 'acme-prod', ref: { accountId: '1', roleName: 'ReadOnly' } })).toBe(
      'acme-prod / ReadOnly',
    );
  });

  it('give each browser its own profile folder under the data folder', () => {
    const dataDir = path.join('/home/ann/.config/Lanyard');
    expect(consoleProfileDir(dataDir, 'chrome', PROD_READ_ONLY)).toBe(
      path.join(dataDir, 'console-profiles', 'chrome', '111111111111-ReadOnlyAccess'),
    );
    expect(consoleProfileDir(dataDir, 'firefox', PROD_READ_ONLY)).not.toBe(
      consoleProfileDir(dataDir, 'chrome', PROD_READ_ONLY),
    );
  });
});

describe('console window navigation', () => {
  const aws = consoleNavigationPolicy(PARTITIONS.aws);

  it.each([
    'https://signin.aws.amazon.com/federation?Action=login',
    'https://us-east-1.signin.aws.amazon.com/oauth',
    'https://console.aws.amazon.com/console/home',
    'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1',
    'https://docs.aws.amazon.com/',
    'https://health.aws.amazon.com/health/home',
    'https://CONSOLE.AWS.AMAZON.COM/',
  ])('keeps %s in the window', (url) => {
    expect(judgeNavigation(url, aws)).toBe('allow');
  });

  it.each([
    'https://example.com/',
    'https://www.amazon.com/',
    'https://aws.amazon.com.evil.example/',
    'https://evilaws.amazon.com/',
    'https://console.amazonaws-us-gov.com/',
    'https://mybucket.s3.amazonaws.com/report.csv',
    'https://d-1234567890.awsapps.com/start',
    'http://127.0.0.1:4566/device',
  ])('sends %s to the default browser', (url) => {
    expect(judgeNavigation(url, aws)).toBe('open-external');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ms-settings:privacy',
    'chrome://settings',
    'about:blank',
    'not a url',
    'https://user:secret@console.aws.amazon.com/',
    'http://console.aws.amazon.com/',
    'http://example.com/',
    'ftp://example.com/file',
  ])('refuses %s outright', (url) => {
    expect(judgeNavigation(url, aws)).toBe('deny');
  });

  it('follows the partition', () => {
    const gov = consoleNavigationPolicy(PARTITIONS['aws-us-gov']);
    const china = consoleNavigationPolicy(PARTITIONS['aws-cn']);
    expect(judgeNavigation('https://console.amazonaws-us-gov.com/console/home', gov)).toBe('allow');
    expect(judgeNavigation('https://signin.amazonaws-us-gov.com/federation', gov)).toBe('allow');
    expect(judgeNavigation('https://console.aws.amazon.com/', gov)).toBe('open-external');
    expect(judgeNavigation('https://console.amazonaws.cn/console/home', china)).toBe('allow');
    expect(judgeNavigation('https://signin.amazonaws.cn/federation', china)).toBe('allow');
    expect(judgeNavigation('https://console.aws.amazon.com/', china)).toBe('open-external');
  });

  it('allows an overridden sign-in endpoint by exact origin only', () => {
    const withFake = consoleNavigationPolicy(PARTITIONS.aws, ['http://127.0.0.1:4566/federation']);
    expect(judgeNavigation('http://127.0.0.1:4566/console?destination=x', withFake)).toBe('allow');
    expect(judgeNavigation('http://127.0.0.1:4567/console', withFake)).toBe('open-external');
    expect(judgeNavigation('http://localhost:4566/console', withFake)).toBe('open-external');
  });
});

describe('console window permissions', () => {
  const aws = consoleNavigationPolicy(PARTITIONS.aws);
  const CONSOLE = 'https://us-east-1.console.aws.amazon.com/s3/home';

  it('grants the clipboard and full screen to the partition console and sign-in pages', () => {
    expect([...CONSOLE_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'fullscreen']);
    for (const permission of CONSOLE_PERMISSIONS) {
      expect(isConsolePermission(permission, { requestingUrl: CONSOLE }, aws)).toBe(true);
      expect(isConsolePermission(permission, { requestingUrl: 'https://signin.aws.amazon.com/oauth' }, aws)).toBe(true);
      expect(
        isConsolePermission(
          permission,
          { requestingOrigin: 'https://console.aws.amazon.com', embeddingOrigin: 'https://console.aws.amazon.com' },
          aws,
        ),
      ).toBe(true);
    }
  });

  it.each([
    'clipboard-read',
    'media',
    'display-capture',
    'geolocation',
    'notifications',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'pointerLock',
    'keyboardLock',
    'automatic-fullscreen',
    'unknown',
  ])('refuses %s even to AWS', (permission) => {
    expect(isConsolePermission(permission, { requestingUrl: CONSOLE }, aws)).toBe(false);
  });

  it.each([
    ['another site', { requestingUrl: 'https://evil.example/' }],
    ['a look-alike host', { requestingUrl: 'https://console.aws.amazon.com.evil.example/' }],
    ['plain http on an AWS host', { requestingUrl: 'http://console.aws.amazon.com/' }],
    ['another partition', { requestingUrl: 'https://console.amazonaws.cn/' }],
    ['a file: page', { requestingUrl: 'file:///tmp/page.html' }],
    ['an opaque origin', { requestingOrigin: 'null' }],
    ['nobody in particular', {}],
    ['an empty URL', { requestingUrl: '' }],
    ['an AWS frame inside another site', { requestingUrl: CONSOLE, embeddingOrigin: 'https://evil.example' }],
    [
      'another site framed by AWS',
      { requestingUrl: 'https://evil.example/', embeddingOrigin: 'https://console.aws.amazon.com' },
    ],
    ['an AWS URL from another origin', { requestingUrl: CONSOLE, requestingOrigin: 'https://evil.example' }],
  ])('refuses the clipboard and full screen to %s', (_label, asker) => {
    for (const permission of CONSOLE_PERMISSIONS) expect(isConsolePermission(permission, asker, aws)).toBe(false);
  });

  it('follows the partition, and an overridden sign-in endpoint by its exact origin', () => {
    const gov = consoleNavigationPolicy(PARTITIONS['aws-us-gov']);
    expect(isConsolePermission('fullscreen', { requestingUrl: 'https://console.amazonaws-us-gov.com/' }, gov)).toBe(
      true,
    );
    expect(isConsolePermission('fullscreen', { requestingUrl: CONSOLE }, gov)).toBe(false);
    const withFake = consoleNavigationPolicy(PARTITIONS.aws, ['http://127.0.0.1:4566']);
    expect(isConsolePermission('fullscreen', { requestingUrl: 'http://127.0.0.1:4566/console' }, withFake)).toBe(true);
    expect(isConsolePermission('fullscreen', { requestingUrl: 'http://127.0.0.1:4567/console' }, withFake)).toBe(false);
  });
});

describe('console window title', () => {
  const now = Date.UTC(2025, 0, 6, 9, 0, 0);
  const minutes = (count: number): number => now + count * 60_000;

  it('names the account, its id and the role, and the time the credentials have left', () => {
    expect(consoleWindowTitle({ ref: PROD_READ_ONLY, accountName: 'acme-prod', expiresAt: minutes(52) }, now)).toBe(
      'acme-prod (111111111111) — ReadOnlyAccess — 52 min left',
    );
    expect(consoleWindowTitle({ ref: PROD_READ_ONLY, expiresAt: minutes(52) }, now)).toBe(
      '111111111111 — ReadOnlyAccess — 52 min left',
    );
  });

  it.each([
    [0.5, 'less than a minute left'],
    [1, '1 min left'],
    [59.9, '59 min left'],
    [60, '1 h left'],
    [125, '2 h 5 min left'],
    [0, 'credentials expired'],
    [-5, 'credentials expired'],
  ])('with %s minutes to go says "%s"', (left, text) => {
    expect(consoleWindowTitle({ ref: DEV_ADMIN, expiresAt: minutes(left) }, now)).toBe(
      `222222222222 — AdministratorAccess — ${text}`,
    );
  });
});
