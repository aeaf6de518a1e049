import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginItem, autostartEntry, autostartFile } from '../../../electron/main/login-item.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'lanyard-login-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function host(platform: NodeJS.Platform, isPackaged = true, env: Record<string, string> = {}) {
  const app = { isPackaged, setLoginItemSettings: vi.fn() };
  return { app, item: new LoginItem({ app, platform, env, home, executable: '/opt/Lanyard/lanyard' }) };
}

describe('login item', () => {
  it("uses Electron's login items on macOS and Windows, only when the setting changes", async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { app, item } = host(platform);
      expect(await item.apply(true)).toBe(true);
      await item.apply(true);
      await item.apply(false);
      expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
    }
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const { item } = host('linux');
    const file = autostartFile({}, home);
    expect(file).toBe(path.join(home, '.config', 'autostart', 'lanyard.desktop'));
    await item.apply(true);
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Lanyard/lanyard'));
    await item.apply(false);
    expect(existsSync(file)).toBe(false);
  });

  it('starts an AppImage from its file, not from its mount', async () => {
    const { item } = host('linux', true, {
      APPIMAGE: '/home/ada/Apps/Lanyard $1.AppImage',
      XDG_CONFIG_HOME: path.join(home, 'xdg'),
    });
    await item.apply(true);
    expect(readFileSync(path.join(home, 'xdg', 'autostart', 'lanyard.desktop'), 'utf8')).toContain(
      'Exec="/home/ada/Apps/Lanyard \\$1.AppImage"\n',
    );
  });

  it('registers nothing from a development checkout', async () => {
    const { app, item } = host('darwin', false);
    expect(await item.apply(true)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
