import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../../../electron/core/support/cli-command.js';
import { appLocations } from '../../../electron/main/app-locations.js';

describe('app locations', () => {
  it('finds the pages, preload and tray icons in a checkout, and the CLI as node + bin/lanyard.js', () => {
    const checkout = appLocations({
      appPath: '/src/lanyard',
      resourcesPath: '/src/lanyard/node_modules/electron/dist/resources',
      isPackaged: false,
      platform: 'linux',
      env: { npm_node_execpath: '/usr/bin/node' },
    });
    expect(checkout.pages.palette).toBe(path.join('/src/lanyard', 'dist/renderer/palette.html'));
    expect(checkout.rendererDir).toBe(path.join('/src/lanyard', 'dist/renderer'));
    // The pages load from app:// (app-protocol.ts), the same URLs wherever the app is.
    expect(checkout.pageUrls).toEqual({ main: 'app://lanyard/index.html', palette: 'app://lanyard/palette.html' });
    expect(checkout.preload).toBe(path.join('/src/lanyard', 'dist/electron/preload/index.cjs'));
    expect(checkout.trayIconsDir).toBe(path.join('/src/lanyard', 'assets/tray'));
    expect(cliCommand(checkout.cli)).toBe(`/usr/bin/node ${path.join('/src/lanyard', 'bin', 'lanyard.js')}`);
  });

  it('puts the tray icons in resources and the CLI behind the wrapper when installed', () => {
    const installed = appLocations({
      appPath: '/opt/Lanyard/resources/app.asar',
      resourcesPath: '/opt/Lanyard/resources',
      isPackaged: true,
      platform: 'linux',
      env: {},
    });
    expect(installed.trayIconsDir).toBe(path.join('/opt/Lanyard/resources', 'assets/tray'));
    expect(installed.rendererDir).toBe(path.join('/opt/Lanyard/resources/app.asar', 'dist/renderer'));
    expect(installed.pageUrls.main).toBe('app://lanyard/index.html');
    expect(cliCommand(installed.cli)).toBe('/opt/Lanyard/resources/bin/lanyard');
  });

  it('knows an AppImage, whose mount moves, for what it is', () => {
    const appImage = appLocations({
      appPath: '/tmp/.mount_Lany1/resources/app',
      resourcesPath: '/tmp/.mount_Lany1/resources',
      isPackaged: true,
      platform: 'linux',
      env: { APPIMAGE: '/home/ada/Lanyard.AppImage' },
    });
    expect(appImage.cli).toEqual({ kind: 'appimage', appImagePath: '/home/ada/Lanyard.AppImage' });
  });
});
