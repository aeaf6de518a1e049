import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEY } from '../../../electron/core/domain/settings.js';
import { PaletteHotkey, acceleratorLabel, type ShortcutRegistry } from '../../../electron/main/hotkey.js';

/** globalShortcut with some accelerators held by other apps and some Electron cannot parse. */
function registry(taken: string[] = [], invalid: string[] = []) {
  const held = new Map<string, () => void>();
  const fake = {
    held,
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (invalid.includes(accelerator))
        throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
      if (taken.includes(accelerator) || held.has(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => void held.delete(accelerator)),
  };
  return fake satisfies ShortcutRegistry;
}

describe('palette hotkey', () => {
  it('registers the accelerator and shows the palette when pressed', () => {
    const shortcuts = registry();
    const onPress = vi.fn();
    const onFailure = vi.fn();
    const hotkey = new PaletteHotkey(shortcuts, onPress, 'linux', onFailure);
    expect(hotkey.apply(DEFAULT_HOTKEY)).toEqual({ state: 'registered', accelerator: DEFAULT_HOTKEY });
    shortcuts.held.get(DEFAULT_HOTKEY)!();
    expect(onPress).toHaveBeenCalledTimes(1);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('does nothing when the setting did not change', () => {
    const shortcuts = registry();
    const hotkey = new PaletteHotkey(
      shortcuts,
      () => {},
      'linux',
      () => {},
    );
    hotkey.apply(DEFAULT_HOTKEY);
    hotkey.apply(DEFAULT_HOTKEY);
    expect(shortcuts.register).toHaveBeenCalledTimes(1);
  });

  it('re-registers when the setting changes, letting go of the old one', () => {
    const shortcuts = registry();
    const hotkey = new PaletteHotkey(
      shortcuts,
      () => {},
      'linux',
      () => {},
    );
    hotkey.apply(DEFAULT_HOTKEY);
    expect(hotkey.apply('CommandOrControl+Shift+Space')).toEqual({
      state: 'registered',
      accelerator: 'CommandOrControl+Shift+Space',
    });
    expect(shortcuts.unregister).toHaveBeenCalledWith(DEFAULT_HOTKEY);
    expect([...shortcuts.held.keys()]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('reports a shortcut another app holds, once, and keeps the one that works', () => {
    const shortcuts = registry(['Alt+Space']);
    const onFailure = vi.fn();
    const hotkey = new PaletteHotkey(shortcuts, () => {}, 'win32', onFailure);
    hotkey.apply(DEFAULT_HOTKEY);
    const status = hotkey.apply('Alt+Space');
    expect(status).toMatchObject({ state: 'failed', reason: 'taken', fallback: DEFAULT_HOTKEY });
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]![0].message).toBe(
      'Lanyard could not register Alt+Space: another app uses it, or the desktop does not allow global shortcuts. The palette still opens with Ctrl+Alt+K. Choose another shortcut in Settings.',
    );
    expect([...shortcuts.held.keys()]).toEqual([DEFAULT_HOTKEY]);
    // The same failing setting arriving again with the next state snapshot is not reported again.
    hotkey.apply('Alt+Space');
    expect(onFailure).toHaveBeenCalledTimes(1);
    // Going back to the held shortcut is fine without registering it twice.
    expect(hotkey.apply(DEFAULT_HOTKEY)).toEqual({ state: 'registered', accelerator: DEFAULT_HOTKEY });
    expect(shortcuts.register).toHaveBeenCalledTimes(2);
  });

  it('reports an accelerator Electron cannot parse instead of throwing', () => {
    const onFailure = vi.fn();
    const hotkey = new PaletteHotkey(registry([], ['Ctrl+Banana']), () => {}, 'linux', onFailure);
    expect(hotkey.apply('Ctrl+Banana')).toMatchObject({ state: 'failed', reason: 'invalid' });
    expect(onFailure.mock.calls[0]![0].message).toMatch(
      /^"Ctrl\+Banana" is not a shortcut Lanyard can register\. Choose another/,
    );
  });

  it('lets go of its shortcut when disposed', () => {
    const shortcuts = registry();
    const hotkey = new PaletteHotkey(
      shortcuts,
      () => {},
      'linux',
      () => {},
    );
    hotkey.apply(DEFAULT_HOTKEY);
    hotkey.dispose();
    expect(shortcuts.held.size).toBe(0);
    // Applying again after that registers afresh.
    expect(hotkey.apply(DEFAULT_HOTKEY)).toEqual({ state: 'registered', accelerator: DEFAULT_HOTKEY });
    expect(shortcuts.register).toHaveBeenCalledTimes(2);
  });

  it('writes shortcuts the way each platform does', () => {
    expect(acceleratorLabel(DEFAULT_HOTKEY, 'darwin')).toBe('⌘⌥K');
    expect(acceleratorLabel(DEFAULT_HOTKEY, 'linux')).toBe('Ctrl+Alt+K');
    expect(acceleratorLabel('Control+Shift+Space', 'darwin')).toBe('⌃⇧Space');
    expect(acceleratorLabel('Super+Shift+L', 'win32')).toBe('Super+Shift+L');
  });
});
