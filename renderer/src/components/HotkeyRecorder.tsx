import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { acceleratorProblem } from '../../../electron/core/domain/accelerator.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** KeyboardEvent.code of keys that are modifiers, not a shortcut's key. */
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Hyper', 'Super']);

/** Electron key names of KeyboardEvent.code values that are not letters, digits or F-keys. */
const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

/** The Electron name of the key pressed (by position, as Electron registers it), if it has one. */
function keyName(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1];
  const digit = /^Digit(\d)$/.exec(code);
  if (digit) return digit[1];
  const numpad = /^Numpad(\d)$/.exec(code);
  if (numpad) return `num${numpad[1]}`;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return CODE_KEYS[code];
}

interface Held {
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The modifiers held, as an accelerator's first parts: the platform's main one is CommandOrControl. */
function modifierParts(event: Held): string[] {
  const parts: string[] = [];
  const primary = isMac ? event.metaKey : event.ctrlKey;
  if (primary) parts.push('CommandOrControl');
  if (isMac && event.ctrlKey) parts.push('Control');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (!isMac && event.metaKey) parts.push('Super');
  return parts;
}

const MAC_LABELS: Record<string, string> = {
  commandorcontrol: '⌘',
  cmdorctrl: '⌘',
  command: '⌘',
  cmd: '⌘',
  control: '⌃',
  ctrl: '⌃',
  alt: '⌥',
  shift: '⇧',
};
const OTHER_LABELS: Record<string, string> = {
  commandorcontrol: 'Ctrl',
  cmdorctrl: 'Ctrl',
  control: 'Ctrl',
  ctrl: 'Ctrl',
  super: 'Super',
  meta: 'Super',
};
const LABELS = isMac ? MAC_LABELS : OTHER_LABELS;

/** An accelerator the way the platform writes shortcuts: "Ctrl+Alt+K" (macOS: "⌘⌥K"). */
export function shortcutLabel(accelerator: string): string {
  const parts = accelerator.split('+').map((part) => LABELS[part.toLowerCase()] ?? part);
  return parts.join(isMac ? '' : '+');
}

/**
 * Records a global shortcut: press "Record shortcut", then the keys. It takes modifiers and
 * one key ("CommandOrControl+Alt+K", shown as Ctrl+Alt+K); modifiers alone or a key without
 * a modifier are refused with a message, and recording goes on. Escape cancels; Tab leaves,
 * as from any button.
 */
export function HotkeyRecorder({ value, onChange }: { value: string; onChange(accelerator: string): void }) {
  const id = useId();
  const [recording, setRecording] = useState(false);
  /** What is held down so far, e.g. "Ctrl+Shift+". */
  const [held, setHeld] = useState('');
  /** Why the keys just pressed were refused. */
  const [problem, setProblem] = useState<string>();
  const message = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (problem) message.current?.scrollIntoView({ block: 'nearest' });
  }, [problem]);

  const stop = (): void => {
    setRecording(false);
    setHeld('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (!recording) return;
    const modifiers = modifierParts(event);
    if (event.key === 'Tab' && modifiers.length === 0) {
      stop();
      setProblem(undefined);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape' && modifiers.length === 0) {
      stop();
      setProblem(undefined);
      return;
    }
    if (MODIFIER_KEYS.has(event.key)) {
      setHeld(modifiers.length > 0 ? `${modifiers.join('+')}+` : '');
      return;
    }
    const key = keyName(event.code);
    const accelerator = [...modifiers, key ?? event.key].join('+');
    const refused = key ? acceleratorProblem(accelerator) : 'That key cannot be part of a global shortcut.';
    if (refused) {
      setProblem(refused.replace(accelerator, shortcutLabel(accelerator)));
      setHeld('');
      return;
    }
    setProblem(undefined);
    onChange(accelerator);
    stop();
  };

  const onKeyUp = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (!recording || !MODIFIER_KEYS.has(event.key)) return;
    // Every modifier let go without a key: an incomplete shortcut such as Ctrl+Shift+ (the most held).
    if (modifierParts(event).length === 0 && held !== '') {
      setProblem(acceleratorProblem(held)?.replace(held, shortcutLabel(held)));
      setHeld('');
    }
  };

  return (
    <span className="hotkey-recorder">
      <button
        type="button"
        className={`button${recording ? ' button--recording' : ''}`}
        aria-pressed={recording}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onClick={() => {
          if (recording) {
            stop();
            setProblem(undefined);
          } else setRecording(true);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={() => {
          if (!recording) return;
          stop();
          setProblem(undefined);
        }}
      >
        {recording ? 'Press the keys… (Esc cancels)' : 'Record shortcut'}
      </button>
      <span className="hotkey-recorder__shown" role="status" aria-label="Recorded shortcut">
        {recording ? (held ? shortcutLabel(held) : '') : value ? shortcutLabel(value) : ''}
      </span>
      {problem && (
        <p ref={message} className="field__error hotkey-recorder__problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </span>
  );
}
