import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_BACKGROUND_REQUESTS_PER_SECOND,
  MIN_BACKGROUND_REQUESTS_PER_SECOND,
  applySettingsPatch,
  isProxyUrl,
  maskProxyUrl,
  normalizeSettings,
} from '../../../../electron/core/domain/settings.js';

describe('settings', () => {
  it('fills every missing value with its default', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ autoSync: false }).autoSync).toBe(false);
  });

  it('checks for updates by default; only a boolean turns it off', () => {
    expect(DEFAULT_SETTINGS.autoUpdate).toBe(true);
    expect(normalizeSettings({ autoUpdate: false }).autoUpdate).toBe(false);
    expect(normalizeSettings({ autoUpdate: 'no' }).autoUpdate).toBe(true);
    expect(applySettingsPatch(DEFAULT_SETTINGS, { autoUpdate: false }).autoUpdate).toBe(false);
  });

  it('paces background work at 5 requests a second by default, and keeps only a rate in range', () => {
    expect(DEFAULT_SETTINGS.backgroundRequestsPerSecond).toBe(5);
    for (const rate of [MIN_BACKGROUND_REQUESTS_PER_SECOND, 2, 7.5, MAX_BACKGROUND_REQUESTS_PER_SECOND])
      expect(normalizeSettings({ backgroundRequestsPerSecond: rate }).backgroundRequestsPerSecond).toBe(rate);
    for (const rate of [0, -1, 0.4, 51, Number.NaN, Number.POSITIVE_INFINITY, '10', null, true])
      expect(normalizeSettings({ backgroundRequestsPerSecond: rate }).backgroundRequestsPerSecond).toBe(5);
    expect(applySettingsPatch(DEFAULT_SETTINGS, { backgroundRequestsPerSecond: 2 }).backgroundRequestsPerSecond).toBe(
      2,
    );
  });

  it('follows the system proxy by default; keeps a known proxy mode, a valid proxy URL and a CA file path', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ proxyMode: 'system', proxyUrl: '', caBundleFile: '' });
    for (const proxyMode of ['system', 'none', 'url'])
      expect(normalizeSettings({ proxyMode }).proxyMode).toBe(proxyMode);
    for (const proxyMode of ['pac', 'direct', 'SYSTEM', 1, null])
      expect(normalizeSettings({ proxyMode }).proxyMode).toBe('system');
    for (const proxyUrl of [
      '',
      'http://proxy.corp.example:3128',
      'https://proxy.corp.example:443/',
      'http://alice:s3cr%40t@10.0.0.1:8080',
      'http://[::1]:3128',
    ])
      expect(normalizeSettings({ proxyUrl }).proxyUrl).toBe(proxyUrl);
    for (const proxyUrl of [
      'proxy.corp.example:3128',
      'http://proxy.corp.example',
      'socks5://proxy:1080',
      'http://proxy:0',
      'http://proxy:70000',
      'http://proxy:3128/path',
      'http://proxy:3128?x=1',
      ' http://proxy:3128',
      'http://:3128',
      7,
    ])
      expect(normalizeSettings({ proxyUrl }).proxyUrl).toBe('');
    expect(normalizeSettings({ caBundleFile: '/etc/ssl/corp.pem' }).caBundleFile).toBe('/etc/ssl/corp.pem');
    expect(normalizeSettings({ caBundleFile: ' /padded.pem' }).caBundleFile).toBe('');
    expect(normalizeSettings({ caBundleFile: ['x'] }).caBundleFile).toBe('');
    expect(applySettingsPatch(DEFAULT_SETTINGS, { proxyMode: 'url', proxyUrl: 'http://p:8080' })).toMatchObject({
      proxyMode: 'url',
      proxyUrl: 'http://p:8080',
    });
  });

  it('shows a proxy URL with its password masked', () => {
    expect(maskProxyUrl('http://alice:s3cret@proxy:3128')).toBe('http://alice:••••••@proxy:3128');
    expect(maskProxyUrl('http://alice@proxy:3128')).toBe('http://alice@proxy:3128');
    expect(maskProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
    expect(maskProxyUrl('http://alice:s3cret@proxy:3128')).not.toContain('s3cret');
    expect(isProxyUrl(maskProxyUrl('http://alice:s3cret@proxy:3128'))).toBe(true);
  });

  it('replaces invalid values instead of trusting them', () => {
    const settings = normalizeSettings({
      isolation: 'telnet',
      defaultRegion: 'moon-1',
      profileNameTemplate: 'static-name',
      notifications: { sessionEndingMinutes: -3, signInNeeded: 'yes' },
      aliases: { 'work/123456789012': 7 },
      favourites: 'all',
      backgroundRequestsPerSecond: 1000,
      proxyMode: 'pac',
      proxyUrl: 'ftp://proxy:21',
      caBundleFile: 42,
      extra: 'dropped',
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings).not.toHaveProperty('extra');
  });

  it('keeps a known export shell or the platform default, and drops anything else', () => {
    expect(DEFAULT_SETTINGS.exportFormat).toBe('');
    for (const exportFormat of ['', 'sh', 'fish', 'powershell', 'cmd'])
      expect(normalizeSettings({ exportFormat }).exportFormat).toBe(exportFormat);
    for (const exportFormat of ['json', 'dotenv', 'bash', 'SH', 7, null])
      expect(normalizeSettings({ exportFormat }).exportFormat).toBe('');
    expect(applySettingsPatch(DEFAULT_SETTINGS, { exportFormat: 'cmd' }).exportFormat).toBe('cmd');
  });

  it('applies a partial patch, keeping nested notification settings', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      notifications: { sessionEndingMinutes: 30 },
      defaultRegion: 'eu-west-1',
    });
    expect(next.notifications).toEqual({ ...DEFAULT_SETTINGS.notifications, sessionEndingMinutes: 30 });
    expect(next.defaultRegion).toBe('eu-west-1');
  });
});

describe('environment overrides in the settings', () => {
  it('are none by default, and a patch replaces the list, rule by rule checked', () => {
    expect(DEFAULT_SETTINGS.environmentOverrides).toEqual([]);
    const patched = applySettingsPatch(DEFAULT_SETTINGS, {
      environmentOverrides: [
        { match: 'acme-data-*', environment: 'nonprod', colour: 'purple' },
        { match: '', environment: 'prod' },
        { match: '123456789012', environment: 'none' },
      ],
    });
    expect(patched.environmentOverrides).toEqual([
      { match: 'acme-data-*', environment: 'nonprod', colour: 'purple' },
      { match: '123456789012', environment: 'none' },
    ]);
    expect(applySettingsPatch(patched, { autoSync: false }).environmentOverrides).toEqual(patched.environmentOverrides);
    expect(applySettingsPatch(patched, { environmentOverrides: [] }).environmentOverrides).toEqual([]);
  });

  it('from a hand-edited file: a list that is no list counts as none, the other settings stay', () => {
    const settings = normalizeSettings({ environmentOverrides: { match: 'a', environment: 'dev' }, autoSync: false });
    expect(settings.environmentOverrides).toEqual([]);
    expect(settings.autoSync).toBe(false);
  });
});
