// Installing the `lanyard` command: real links in temp folders (macOS/Linux), the Windows
// PATH script by its text (no Windows here), and credential_process preferring the link.
import fsp from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliCommand, cliWrapperPath } from '../../../../electron/core/support/cli-command.js';
import {
  cliInstallStatus,
  installCli,
  isOnPath,
  repairCliLink,
  uninstallCli,
  windowsPathCommand,
  windowsPathScript,
  type CliInstallContext,
} from '../../../../electron/core/support/cli-install.js';

let root: string;
let systemBin: string;
let userBin: string;

/** An app copy at `<root>/<name>/resources` with its wrapper. */
function appCopy(name: string): string {
  const resources = path.join(root, name, 'resources');
  mkdirSync(path.join(resources, 'bin'), { recursive: true });
  writeFileSync(path.join(resources, 'bin', 'lanyard'), '#!/bin/sh\n');
  return resources;
}

function context(resourcesPath: string, extra: Partial<CliInstallContext> = {}): CliInstallContext {
  return {
    platform: 'linux',
    resourcesPath,
    home: path.join(root, 'home'),
    pathEnv: `/usr/bin:${systemBin}`,
    linkDirs: [systemBin, userBin],
    ...extra,
  };
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lanyard-cli-install-'));
  systemBin = path.join(root, 'usr-local-bin');
  userBin = path.join(root, 'home', '.local', 'bin');
  mkdirSync(systemBin);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('installing the lanyard command (macOS, Linux)', () => {
  it('links into the writable system folder and reports it on PATH', async () => {
    const resources = appCopy('app');
    const result = await installCli(context(resources));
    expect(result).toEqual({ ok: true, message: `Installed the lanyard command: ${systemBin}/lanyard.` });
    expect(readlinkSync(path.join(systemBin, 'lanyard'))).toBe(cliWrapperPath(resources, 'linux'));
    expect(await cliInstallStatus(context(resources))).toEqual({ installed: true, location: `${systemBin}/lanyard` });
  });

  it('falls back to ~/.local/bin (created) and says how to put it on PATH', async () => {
    const resources = appCopy('app');
    // The system folder is not writable (as for most users; the tests may run as root).
    const readOnlySystem = {
      ...fsp,
      access: async (file: string, mode: number) => {
        if (file === systemBin) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return fsp.access(file, mode);
      },
      mkdir: (dir: string, options: { recursive: true }) => fsp.mkdir(dir, options),
    };
    const result = await installCli(context(resources, { fs: readOnlySystem }));
    expect(result.ok).toBe(true);
    expect(readlinkSync(path.join(userBin, 'lanyard'))).toBe(cliWrapperPath(resources, 'linux'));
    expect(result.ok && result.detail).toContain(`export PATH="$HOME/.local/bin:$PATH"`);
  });

  it('refuses to replace a file that is not its link, and says what is there', async () => {
    const resources = appCopy('app');
    writeFileSync(path.join(systemBin, 'lanyard'), 'someone else');
    const result = await installCli(context(resources));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('(a file)') });
    rmSync(path.join(systemBin, 'lanyard'));
    symlinkSync('/usr/bin/env', path.join(systemBin, 'lanyard'));
    expect(await installCli(context(resources))).toMatchObject({
      ok: false,
      message: expect.stringContaining('a link to /usr/bin/env'),
    });
    expect(readlinkSync(path.join(systemBin, 'lanyard'))).toBe('/usr/bin/env');
  });

  it('uninstalls only its own links', async () => {
    const resources = appCopy('app');
    await installCli(context(resources));
    expect(await uninstallCli(context(resources))).toEqual({ ok: true, message: `Removed ${systemBin}/lanyard.` });
    expect(existsSync(path.join(systemBin, 'lanyard'))).toBe(false);
    writeFileSync(path.join(systemBin, 'lanyard'), 'someone else');
    expect(await uninstallCli(context(resources))).toEqual({
      ok: true,
      message: 'The lanyard command was not installed.',
    });
    expect(existsSync(path.join(systemBin, 'lanyard'))).toBe(true);
  });

  it('refuses from an AppImage', async () => {
    const result = await installCli(context(appCopy('app'), { appImage: '/home/ada/Lanyard.AppImage' }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('AppImage') });
  });
});

describe('keeping credential_process working when the app moves', () => {
  it('writes the stable link path once the link is installed', async () => {
    const resources = appCopy('app');
    const runtime = {
      kind: 'installed',
      resourcesPath: resources,
      platform: 'linux',
      linkDirs: [systemBin, userBin],
    } as const;
    expect(cliCommand(runtime)).toBe(cliWrapperPath(resources, 'linux'));
    await installCli(context(resources));
    expect(cliCommand(runtime)).toBe(`${systemBin}/lanyard`);
  });

  it('re-points a link whose wrapper is gone at the current wrapper, and leaves working ones alone', async () => {
    const old = appCopy('old-place');
    await installCli(context(old));
    rmSync(path.join(root, 'old-place'), { recursive: true });
    const moved = appCopy('new-place');
    expect(await repairCliLink(context(moved))).toEqual([`${systemBin}/lanyard`]);
    expect(readlinkSync(path.join(systemBin, 'lanyard'))).toBe(cliWrapperPath(moved, 'linux'));

    const other = appCopy('other-copy');
    expect(await repairCliLink(context(other))).toEqual([]);
    expect(readlinkSync(path.join(systemBin, 'lanyard'))).toBe(cliWrapperPath(moved, 'linux'));
  });

  it('never re-points a link that is not ours', async () => {
    symlinkSync(path.join(root, 'gone', 'somewhere'), path.join(systemBin, 'lanyard'));
    expect(await repairCliLink(context(appCopy('app')))).toEqual([]);
  });
});

describe('Windows: the user PATH', () => {
  const resources = 'C:\\Users\\ada\\AppData\\Local\\Programs\\Lanyard\\resources';

  it('passes the folder in an environment variable, never in the script', () => {
    const command = windowsPathCommand('add', resources + '\\bin');
    expect(command.file).toBe('powershell.exe');
    expect(command.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
    ]);
    expect(command.env).toEqual({ LANYARD_CLI_DIR: `${resources}\\bin` });
    expect(command.args.join(' ')).not.toContain('ada');
  });

  it('adds and removes the folder in HKCU\\Environment, keeping REG_EXPAND_SZ, and broadcasts the change', () => {
    const add = windowsPathScript('add');
    expect(add).toContain('$dir = $env:LANYARD_CLI_DIR');
    expect(add).toContain("OpenSubKey('Environment', $true)");
    expect(add).toContain('DoNotExpandEnvironmentNames');
    expect(add).toContain("if (-not $present) {\n  $next = @($parts + $dir) -join ';'");
    expect(add).toContain("$key.SetValue('Path', $next, [Microsoft.Win32.RegistryValueKind]::ExpandString)");
    expect(add).toContain("[Environment]::SetEnvironmentVariable('LANYARD_PATH_CHANGED', $null, 'User')");
    expect(windowsPathScript('remove')).toContain("-ine $dir.TrimEnd('\\')");
    expect(windowsPathScript('query')).toContain("if ($present) { 'installed' } else { 'missing' }");
  });

  it('runs the scripts through the runner and reads the status', async () => {
    const run = vi.fn(async () => ({ stdout: 'installed\r\n' }));
    const windows = context(resources, { platform: 'win32', run });
    expect(await cliInstallStatus(windows)).toEqual({ installed: true, location: `${resources}\\bin` });
    expect(await installCli(windows)).toMatchObject({ ok: true, message: `Added ${resources}\\bin to your PATH.` });
    expect(run).toHaveBeenLastCalledWith('powershell.exe', expect.any(Array), { LANYARD_CLI_DIR: `${resources}\\bin` });
    run.mockRejectedValueOnce(new Error('Access denied'));
    expect(await uninstallCli(windows)).toEqual({
      ok: false,
      message: `Could not remove ${resources}\\bin from your PATH.`,
      hint: 'Access denied',
    });
  });

  it('finds folders on PATH per platform', () => {
    expect(isOnPath('C:\\Tools\\bin', 'c:\\tools\\bin\\;C:\\Windows', 'win32')).toBe(true);
    expect(isOnPath('/home/ada/.local/bin', '/usr/bin:/home/ada/.local/bin/', 'linux')).toBe(true);
    expect(isOnPath('/usr/local/bin', '/usr/bin', 'darwin')).toBe(false);
  });
});
