import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommand, cliWrapperPath } from '../../../../electron/core/support/cli-command.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';

describe('cliCommand', () => {
  it('runs bin/lanyard.js with an absolute node in a source checkout', () => {
    const command = cliCommand({
      kind: 'checkout',
      nodePath: '/usr/local/bin/node',
      checkoutDir: '/home/ada/src/lanyard',
    });
    expect(command).toBe(`/usr/local/bin/node ${path.join('/home/ada/src/lanyard', 'bin', 'lanyard.js')}`);
  });

  it('quotes paths with spaces so shlex, sh and cmd.exe all keep them whole', () => {
    const command = cliCommand({
      kind: 'checkout',
      nodePath: '/opt/my tools/node',
      checkoutDir: '/home/ada/My Projects/lanyard',
    });
    expect(command).toBe(`"/opt/my tools/node" "${path.join('/home/ada/My Projects/lanyard', 'bin', 'lanyard.js')}"`);
  });

  it('points at the shell wrapper inside the macOS and Linux app resources', () => {
    expect(
      cliCommand({
        kind: 'installed',
        resourcesPath: '/Applications/Lanyard.app/Contents/Resources',
        platform: 'darwin',
      }),
    ).toBe('/Applications/Lanyard.app/Contents/Resources/bin/lanyard');
    expect(cliCommand({ kind: 'installed', resourcesPath: '/opt/Lanyard/resources', platform: 'linux' })).toBe(
      '/opt/Lanyard/resources/bin/lanyard',
    );
  });

  it('points at lanyard.cmd on Windows, quoted when the install folder has spaces', () => {
    expect(cliWrapperPath('C:\\Users\\ada\\AppData\\Local\\Programs\\Lanyard\\resources', 'win32')).toBe(
      'C:\\Users\\ada\\AppData\\Local\\Programs\\Lanyard\\resources\\bin\\lanyard.cmd',
    );
    expect(
      cliCommand({ kind: 'installed', resourcesPath: 'C:\\Program Files\\Lanyard\\resources', platform: 'win32' }),
    ).toBe('"C:\\Program Files\\Lanyard\\resources\\bin\\lanyard.cmd"');
  });

  it('refuses paths no quoting keeps safe in every AWS tool', () => {
    for (const resourcesPath of [
      '/opt/"odd"/resources',
      '/opt/$HOME/resources',
      'C:\\100%\\resources',
      '/opt/`x`/resources',
    ]) {
      expect(() => cliCommand({ kind: 'installed', resourcesPath, platform: 'linux' })).toThrow(/credential_process/);
    }
  });

  it('explains why an AppImage cannot be the credential_process target', () => {
    try {
      cliCommand({ kind: 'appimage', appImagePath: '/home/ada/Apps/Lanyard.AppImage' });
      expect.unreachable();
    } catch (error) {
      expect(isLanyardError(error, 'CONFIG')).toBe(true);
      expect((error as Error).message).toContain('new path on every launch');
    }
  });
});
