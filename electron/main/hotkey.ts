/**
 * The global hotkey that shows the search palette. It follows `settings.hotkey`: a new
 * accelerator is registered before the old one is let go, so a shortcut another app holds
 * leaves the working one in place, and the failure is reported in words instead of the
 * hotkey silently doing nothing.
 */

/** The part of Electron's `globalShortcut` the hotkey needs. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface HotkeyFailure {
  state: 'failed';
  accelerator: string;
  reason: 'taken' | 'invalid';
  /** What went wrong and what to do, for a notification or the tray menu. */
  message: string;
  /** The earlier accelerator, still registered, if any. */
  fallback?: string;
}

export type HotkeyStatus = { state: 'registered'; accelerator: string } | HotkeyFailure;

const MAC_KEYS: Record<string, string> = {
  commandorcontrol: '⌘',
  cmdorctrl: '⌘',
  command: '⌘',
  cmd: '⌘',
  super: '⌘',
  meta: '⌘',
  control: '⌃',
  ctrl: '⌃',
  alt: '⌥',
  option: '⌥',
  altgr: '⌥',
  shift: '⇧',
};
const OTHER_KEYS: Record<string, string> = {
  commandorcontrol: 'Ctrl',
  cmdorctrl: 'Ctrl',
  control: 'Ctrl',
  ctrl: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** An accelerator the way the platform writes shortcuts: `⌘⌥K` on macOS, `Ctrl+Alt+K` elsewhere. */
export function acceleratorLabel(accelerator: string, platform: NodeJS.Platform): string {
  const mac = platform === 'darwin';
  const names = mac ? MAC_KEYS : OTHER_KEYS;
  const keys = accelerator.split('+').map((key) => names[key.toLowerCase()] ?? key);
  return keys.join(mac ? '' : '+');
}

function failure(
  accelerator: string,
  reason: 'taken' | 'invalid',
  platform: NodeJS.Platform,
  fallback?: string,
): HotkeyFailure {
  const label = acceleratorLabel(accelerator, platform);
  const what =
    reason === 'invalid'
      ? `"${accelerator}" is not a shortcut Lanyard can register.`
      : `Lanyard could not register ${label}: another app uses it, or the desktop does not allow global shortcuts.`;
  const still = fallback ? ` The palette still opens with ${acceleratorLabel(fallback, platform)}.` : '';
  return {
    state: 'failed',
    accelerator,
    reason,
    fallback,
    message: `${what}${still} Choose another shortcut in Settings.`,
  };
}

export class PaletteHotkey {
  private registered: string | undefined;
  private current: HotkeyStatus | undefined;

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly onPress: () => void,
    private readonly platform: NodeJS.Platform,
    /** Called once per failed accelerator (not again until the setting changes). */
    private readonly onFailure: (failure: HotkeyFailure) => void,
  ) {}

  /** Makes `accelerator` the palette's hotkey; does nothing when it already is the one asked for. */
  apply(accelerator: string): HotkeyStatus {
    if (this.current?.accelerator === accelerator) return this.current;
    if (this.registered === accelerator) {
      // Back to the shortcut still held after a failed change.
      this.current = { state: 'registered', accelerator };
      return this.current;
    }
    let ok: boolean;
    try {
      ok = this.registry.register(accelerator, this.onPress);
    } catch {
      // Electron throws on an accelerator it cannot parse.
      return this.fail(failure(accelerator, 'invalid', this.platform, this.registered));
    }
    if (!ok) return this.fail(failure(accelerator, 'taken', this.platform, this.registered));
    if (this.registered !== undefined) this.registry.unregister(this.registered);
    this.registered = accelerator;
    this.current = { state: 'registered', accelerator };
    return this.current;
  }

  dispose(): void {
    if (this.registered !== undefined) this.registry.unregister(this.registered);
    this.registered = undefined;
    this.current = undefined;
  }

  private fail(status: HotkeyFailure): HotkeyStatus {
    this.current = status;
    this.onFailure(status);
    return status;
  }
}
