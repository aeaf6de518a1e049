/**
 * User settings: what they are, their defaults, and validation of untrusted input (the
 * settings file may be edited by hand; the renderer's patches are untrusted). Pure: no Node.
 */
import { isRegionName } from './model.js';

export type IsolationMethod = 'in-app' | 'chrome-profile' | 'firefox-container' | 'firefox-profile' | 'default-browser';
export type ProfileStyle = 'sso' | 'credential-process';
/** The shells "Copy exports" writes for (a subset of credential-exports.ts's ExportFormat). */
export type ExportShell = 'sh' | 'fish' | 'powershell' | 'cmd';

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
  notifications: { sessionEnding: true, signInNeeded: true, assignmentChanges: true, sessionEndingMinutes: 15 },
  aliases: {},
  favourites: [],
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
const TEMPLATE_FIELDS = /\{(account_name|account_id|role_name|session)\}/;

function pick<T>(value: unknown, valid: (candidate: unknown) => candidate is T, fallback: T): T {
  return valid(value) ? value : fallback;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isString);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

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
