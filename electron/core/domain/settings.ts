/**
 * User settings: what they are, their defaults, and validation of untrusted input (the
 * settings file may be edited by hand; the renderer's patches are untrusted). Pure: no Node.
 */
import { type EnvironmentOverride, normalizeEnvironmentOverrides } from './environment.js';
import { isRegionName } from './model.js';

export type IsolationMethod = 'in-app' | 'chrome-profile' | 'firefox-container' | 'firefox-profile' | 'default-browser';
export type ProfileStyle = 'sso' | 'credential-process';
/** The shells "Copy exports" writes for (a subset of credential-exports.ts's ExportFormat). */
export type ExportShell = 'sh' | 'fish' | 'powershell' | 'cmd';
/** How the desktop app reaches the network: the OS's proxy settings (PAC, WPAD), no proxy, or one proxy URL. */
export type ProxyMode = 'system' | 'none' | 'url';

export interface Settings {
  /** Electron accelerator for the search palette. */
  hotkey: string;
  /** Profile name template over {account_name}, {account_id}, {role_name}, {session}. */
  profileNameTemplate: string;
  /** `region` written into synced profiles; empty means each session's own region. */
  defaultRegion: string;
  profileStyle: ProfileStyle;
  /** Keep ~/.aws/config in step with assignments automatically. */
  autoSync: boolean;
  isolation: IsolationMethod;
  /** Browser name (chrome, chromium, edge, brave, vivaldi, firefox) or a path; empty: the first one found. */
  browser: string;
  /** Shell syntax of "Copy exports"; empty: the platform's (PowerShell on Windows, else sh). */
  exportFormat: ExportShell | '';
  startAtLogin: boolean;
  /** Check the release feed for updates (and download them) automatically. */
  autoUpdate: boolean;
  /**
   * The most IAM Identity Center portal requests a second Lanyard sends for background work
   * (revalidating account lists nobody is waiting for), so the user's other AWS tools keep the
   * rest of the service's rate. Listings a person waits for go as fast as the service allows.
   */
  backgroundRequestsPerSecond: number;
  /** The desktop app's proxy (the CLI follows HTTPS_PROXY and friends, as the AWS CLI does). */
  proxyMode: ProxyMode;
  /**
   * The proxy when proxyMode is 'url': http(s)://host:port, optionally with user:password@.
   * It may hold a password, so the renderer shows it masked (maskProxyUrl).
   */
  proxyUrl: string;
  /**
   * A PEM file of extra certificate authorities the desktop app trusts beside the OS's store
   * (a company's TLS-inspecting proxy). Empty: none. Checked when it is used, not here.
   */
  caBundleFile: string;
  notifications: {
    sessionEnding: boolean;
    signInNeeded: boolean;
    assignmentChanges: boolean;
    /** Warn this many minutes before the SSO session ends. */
    sessionEndingMinutes: number;
  };
  /** User's names for accounts, by model.accountKey(). */
  aliases: Record<string, string>;
  /** Role keys. */
  favourites: string[];
  /**
   * The user's word on accounts' environments (badge and colour), by account id or name
   * pattern; the first that matches an account wins (environment.ts matchingOverride).
   */
  environmentOverrides: EnvironmentOverride[];
}

/**
 * Ctrl+Alt+K (Cmd+Option+K on macOS): free in the common desktops, browsers, IDEs and
 * terminals, unlike Ctrl+Alt+L (locks the screen on GNOME) or Ctrl+Shift+K (Firefox console).
 */
export const DEFAULT_HOTKEY = 'CommandOrControl+Alt+K';
export const DEFAULT_PROFILE_TEMPLATE = '{account_name}.{role_name}';
/**
 * AWS documents no rate for the portal API (ListAccounts, ListAccountRoles); the collective
 * throttles it documents for neighbouring identity APIs are 20 requests a second. A quarter of
 * that leaves the rest to the user's other tools, and revalidates 500 accounts in under two
 * minutes (5,000 in about seventeen).
 */
export const DEFAULT_BACKGROUND_REQUESTS_PER_SECOND = 5;
export const MIN_BACKGROUND_REQUESTS_PER_SECOND = 0.5;
export const MAX_BACKGROUND_REQUESTS_PER_SECOND = 50;

export const DEFAULT_SETTINGS: Settings = {
  hotkey: DEFAULT_HOTKEY,
  profileNameTemplate: DEFAULT_PROFILE_TEMPLATE,
  defaultRegion: '',
  profileStyle: 'sso',
  autoSync: true,
  isolation: 'in-app',
  browser: '',
  exportFormat: '',
  startAtLogin: false,
  autoUpdate: true,
  backgroundRequestsPerSecond: DEFAULT_BACKGROUND_REQUESTS_PER_SECOND,
  proxyMode: 'system',
  proxyUrl: '',
  caBundleFile: '',
  notifications: { sessionEnding: true, signInNeeded: true, assignmentChanges: true, sessionEndingMinutes: 15 },
  aliases: {},
  favourites: [],
  environmentOverrides: [],
};

const ISOLATION: IsolationMethod[] = [
  'in-app',
  'chrome-profile',
  'firefox-container',
  'firefox-profile',
  'default-browser',
];
const STYLES: ProfileStyle[] = ['sso', 'credential-process'];
const SHELLS: ExportShell[] = ['sh', 'fish', 'powershell', 'cmd'];
const PROXY_MODES: ProxyMode[] = ['system', 'none', 'url'];
const TEMPLATE_FIELDS = /\{(account_name|account_id|role_name|session)\}/;

function pick<T>(value: unknown, valid: (candidate: unknown) => candidate is T, fallback: T): T {
  return valid(value) ? value : fallback;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isString);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/**
 * Whether `value` is a proxy URL the desktop app can use: http or https, a host and a port,
 * optionally user:password, and nothing after the port (Chromium takes no path for a proxy).
 */
export function isProxyUrl(value: string): boolean {
  if (value.trim() !== value || value.length > 2048) return false;
  // The URL parser drops a scheme's default port, so the port is checked in the text itself.
  const match = /^(https?):\/\/(?:[^@/?#\s]*@)?(\[[0-9a-fA-F:.]+\]|[^:/?#@\s[\]]+):(\d{1,5})\/?$/.exec(value);
  if (!match) return false;
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

/** What a proxy URL's password shows as. */
export const MASKED_PASSWORD = '••••••';

/** The proxy URL with any password replaced by dots: safe to show, never to use. */
export function maskProxyUrl(value: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i.exec(value);
  if (!match) return value;
  const [whole, scheme, userInfo] = match as unknown as [string, string, string];
  const colon = userInfo.indexOf(':');
  if (colon < 0) return value;
  return `${scheme}${userInfo.slice(0, colon)}:${MASKED_PASSWORD}@${value.slice(whole.length)}`;
}

/**
 * The proxy URL to keep after the settings field (which shows maskProxyUrl's dots) was edited
 * to `edited`, given the stored URL: an edit that leaves the dots in place keeps the stored
 * password, so people can change the host or port without typing it again.
 */
export function unmaskProxyUrl(edited: string, stored: string): string {
  const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;
  const match = userInfo.exec(edited);
  const storedInfo = userInfo.exec(stored)?.[2];
  const storedColon = storedInfo?.indexOf(':') ?? -1;
  if (!match || storedInfo === undefined || storedColon < 0) return edited;
  const [whole, scheme, info] = match as unknown as [string, string, string];
  const colon = info.indexOf(':');
  const typed = colon < 0 ? '' : info.slice(colon + 1);
  if (!typed.includes('•')) return edited;
  // Only dots left: the password is unchanged. Mixed: what was typed over them.
  const password = /^•+$/.test(typed) ? storedInfo.slice(storedColon + 1) : typed.replace(/•/g, '');
  return `${scheme}${info.slice(0, colon)}:${password}@${edited.slice(whole.length)}`;
}

/** Settings as the renderer may see them: the proxy password masked. */
export function settingsForDisplay(settings: Settings): Settings {
  return settings.proxyUrl ? { ...settings, proxyUrl: maskProxyUrl(settings.proxyUrl) } : settings;
}

/** Settings from untrusted input: unknown keys dropped, invalid values replaced by defaults. */
export function normalizeSettings(input: unknown): Settings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const notifications = (
    typeof raw.notifications === 'object' && raw.notifications !== null ? raw.notifications : {}
  ) as Record<string, unknown>;
  const defaults = DEFAULT_SETTINGS;
  const minutes = notifications.sessionEndingMinutes;
  return {
    hotkey: pick(raw.hotkey, (value): value is string => isString(value) && value.trim().length > 0, defaults.hotkey),
    profileNameTemplate: pick(
      raw.profileNameTemplate,
      (value): value is string => isString(value) && TEMPLATE_FIELDS.test(value),
      defaults.profileNameTemplate,
    ),
    defaultRegion: pick(
      raw.defaultRegion,
      (value): value is string => isString(value) && (value === '' || isRegionName(value)),
      defaults.defaultRegion,
    ),
    profileStyle: pick(
      raw.profileStyle,
      (value): value is ProfileStyle => STYLES.includes(value as ProfileStyle),
      defaults.profileStyle,
    ),
    autoSync: pick(raw.autoSync, isBoolean, defaults.autoSync),
    isolation: pick(
      raw.isolation,
      (value): value is IsolationMethod => ISOLATION.includes(value as IsolationMethod),
      defaults.isolation,
    ),
    browser: pick(raw.browser, isString, defaults.browser),
    exportFormat: pick(
      raw.exportFormat,
      (value): value is ExportShell | '' => value === '' || SHELLS.includes(value as ExportShell),
      defaults.exportFormat,
    ),
    startAtLogin: pick(raw.startAtLogin, isBoolean, defaults.startAtLogin),
    autoUpdate: pick(raw.autoUpdate, isBoolean, defaults.autoUpdate),
    backgroundRequestsPerSecond: pick(
      raw.backgroundRequestsPerSecond,
      (value): value is number =>
        typeof value === 'number' &&
        value >= MIN_BACKGROUND_REQUESTS_PER_SECOND &&
        value <= MAX_BACKGROUND_REQUESTS_PER_SECOND,
      defaults.backgroundRequestsPerSecond,
    ),
    proxyMode: pick(
      raw.proxyMode,
      (value): value is ProxyMode => PROXY_MODES.includes(value as ProxyMode),
      defaults.proxyMode,
    ),
    proxyUrl: pick(
      raw.proxyUrl,
      (value): value is string => isString(value) && (value === '' || isProxyUrl(value)),
      defaults.proxyUrl,
    ),
    caBundleFile: pick(
      raw.caBundleFile,
      (value): value is string => isString(value) && value.trim() === value && value.length <= 4096,
      defaults.caBundleFile,
    ),
    notifications: {
      sessionEnding: pick(notifications.sessionEnding, isBoolean, defaults.notifications.sessionEnding),
      signInNeeded: pick(notifications.signInNeeded, isBoolean, defaults.notifications.signInNeeded),
      assignmentChanges: pick(notifications.assignmentChanges, isBoolean, defaults.notifications.assignmentChanges),
      sessionEndingMinutes:
        typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 120
          ? minutes
          : defaults.notifications.sessionEndingMinutes,
    },
    aliases: pick(raw.aliases, isStringRecord, defaults.aliases),
    favourites: pick(raw.favourites, isStringArray, defaults.favourites),
    // Entry by entry: one bad row in a hand-edited file does not cost the others.
    environmentOverrides: normalizeEnvironmentOverrides(raw.environmentOverrides),
  };
}

/** Applies an untrusted partial update; what is invalid in it is ignored. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const update = (typeof patch === 'object' && patch !== null ? patch : {}) as Record<string, unknown>;
  const notifications =
    typeof update.notifications === 'object' && update.notifications !== null ? update.notifications : {};
  return normalizeSettings({ ...current, ...update, notifications: { ...current.notifications, ...notifications } });
}

/**
 * The region a role's tools and console use: an explicit choice, else the user's default
 * region, else the sso-session's own region.
 */
export function regionFor(settings: Pick<Settings, 'defaultRegion'>, sessionRegion: string, override?: string): string {
  return override || settings.defaultRegion || sessionRegion;
}
