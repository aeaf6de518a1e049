/**
 * "Start at login": Electron's login items on macOS and Windows; on Linux, where Electron
 * has none, an XDG autostart entry (`~/.config/autostart/lanyard.desktop`). Only an
 * installed app registers itself: from a checkout the binary would be a bare Electron.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { App } from 'electron';
import { writeFileIfChanged } from '../core/support/atomic-file.js';
import type { Env } from '../core/support/paths.js';

/** A desktop-entry Exec argument, quoted as the spec asks (", `, $ and \ escaped). */
function desktopExecArgument(value: string): string {
  return `"${value.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry that starts Lanyard (hidden in the tray) at login. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lanyard',
    'Comment=Keeps AWS IAM Identity Center sessions alive',
    `Exec=${desktopExecArgument(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFile(env: Env, home: string): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart', 'lanyard.desktop');
}

export interface LoginItemHost {
  app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
  platform: NodeJS.Platform;
  env: Env;
  home: string;
  /** `process.execPath`; an AppImage starts from its own file instead (its mount moves). */
  executable: string;
}

/** Keeps the login item in step with the setting; applies only when the setting changes. */
export class LoginItem {
  private applied: boolean | undefined;

  constructor(private readonly host: LoginItemHost) {}

  /** Resolves false when nothing can be registered (a development checkout). */
  async apply(enabled: boolean): Promise<boolean> {
    const { app, platform, env, home, executable } = this.host;
    if (!app.isPackaged) return false;
    if (this.applied === enabled) return true;
    this.applied = enabled;
    if (platform !== 'linux') {
      app.setLoginItemSettings({ openAtLogin: enabled });
      return true;
    }
    const file = autostartFile(env, home);
    if (enabled) await writeFileIfChanged(file, autostartEntry(env.APPIMAGE || executable), { mode: 0o644 });
    else await rm(file, { force: true });
    return true;
  }
}
