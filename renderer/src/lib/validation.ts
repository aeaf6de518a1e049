/**
 * Checks on what people type, reusing the core's own settings validation so the renderer
 * and the core never disagree about what a region or a profile template is.
 */
import { SSO_SESSION_NAME_HINT, isSsoSessionName } from '../../../electron/core/domain/model.js';
import { normalizeSettings, type Settings } from '../../../electron/core/domain/settings.js';
import { deepEqual } from './structural-sharing.js';

/** Whether the core would keep `value` for a settings field (rather than fall back to the default). */
export function isValidSetting<K extends keyof Settings>(field: K, value: Settings[K]): boolean {
  return deepEqual(normalizeSettings({ [field]: value })[field], value);
}

export const isRegion = (value: string): boolean => value !== '' && isValidSetting('defaultRegion', value);

export interface NewSessionErrors {
  name?: string;
  startUrl?: string;
  region?: string;
}

export function validateNewSession(
  input: { name: string; startUrl: string; region: string },
  existing: readonly string[],
): NewSessionErrors {
  const errors: NewSessionErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Give the session a name, e.g. "work".';
  else if (!isSsoSessionName(name)) errors.name = SSO_SESSION_NAME_HINT;
  else if (existing.includes(name)) errors.name = `A session named "${name}" already exists.`;

  const startUrl = input.startUrl.trim();
  if (!startUrl) errors.startUrl = 'Paste your AWS access portal URL.';
  else if (!isHttpsUrl(startUrl)) errors.startUrl = 'The start URL must be an https:// address.';

  const region = input.region.trim();
  if (!region) errors.region = 'Enter the region of your Identity Center.';
  else if (!isRegion(region)) errors.region = 'That is not a region name, e.g. eu-west-1.';
  return errors;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

// ---- Global shortcuts (Electron accelerators) ------------------------------------------------

/** Electron's modifier names (lower case), as accelerators spell them. */
const MODIFIERS = new Set([
  'commandorcontrol',
  'cmdorctrl',
  'command',
  'cmd',
  'control',
  'ctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

/** Keys an accelerator may end with, besides single letters, digits and punctuation. */
const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'PrintScreen',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
    ...Array.from({ length: 10 }, (_, digit) => `num${digit}`),
  ].map((key) => key.toLowerCase()),
);

const FUNCTION_KEY = /^f([1-9]|1\d|2[0-4])$/i;
const SINGLE_KEY = /^[a-z0-9)!@#$%^&*(:;:+=<,_\-.>?/~`{\][|\\}"']$/i;

function isKey(part: string): boolean {
  return SINGLE_KEY.test(part) || FUNCTION_KEY.test(part) || NAMED_KEYS.has(part.toLowerCase());
}

/**
 * Why `accelerator` is not a global shortcut Lanyard should register, in words, or undefined
 * when it is one: modifiers then one key ("CommandOrControl+Alt+K"), with a modifier other
 * than Shift (a bare key, or Shift and a key, would be taken from every app), except F1–F24.
 */
export function acceleratorProblem(accelerator: string): string | undefined {
  const value = accelerator.trim();
  if (value === '') return 'Record a shortcut, e.g. Ctrl+Alt+K.';
  // "+" is a key only as "Plus"; a trailing "+" is a key that was never pressed.
  const parts = value.split('+');
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  if (key === '' || MODIFIERS.has(key.toLowerCase()))
    return `${value} has no key yet: hold the modifiers and press a letter, digit or other key.`;
  const unknown = modifiers.find((part) => !MODIFIERS.has(part));
  if (unknown !== undefined) return `"${unknown}" is not a modifier: use Ctrl, Alt, Shift or Super.`;
  if (!isKey(key)) return `"${key}" is not a key Electron knows, e.g. K, 5, F2 or Space.`;
  if (new Set(modifiers).size !== modifiers.length) return `${value} names a modifier twice.`;
  if (!FUNCTION_KEY.test(key) && !modifiers.some((part) => part !== 'shift'))
    return `${key} needs Ctrl, Alt or another modifier with it, or every app loses that key, e.g. Ctrl+Alt+${key}.`;
  return undefined;
}
