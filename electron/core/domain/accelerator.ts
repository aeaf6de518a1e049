/**
 * Global shortcuts as Electron accelerators ("CommandOrControl+Alt+K"): whether one is a
 * shortcut Lanyard should register, in words for the settings. Pure (the renderer imports it).
 */

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
