// electron-builder.yml against electron-builder's own schema (offline), its paths against the
// app's idea of where things are, and the installed CLI wrapper run end to end on a stand-in
// install (a fake app binary that acts as Node only with ELECTRON_RUN_AS_NODE=1).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommand, cliWrapperPath } from '../../../electron/core/support/cli-command.js';
import { appLocations } from '../../../electron/main/app-locations.js';

const ROOT = path.join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');

interface BuilderConfig {
  appId: string;
  productName: string;
  /** getConfig gathers the patterns into one filter. */
  files: Array<{ filter: string[] }>;
  asar: boolean;
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  mac: { icon: string; target: Array<{ target: string; arch: string }> };
  win: { icon: string; target: Array<{ target: string }> };
  linux: { icon: string; executableName: string; target: string[] };
}

const config: BuilderConfig = await getConfig(ROOT, null, null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    // Validation fills in defaults, so it gets its own copy.
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app, ships only the build, and builds the agreed targets', () => {
    expect(config.appId).toBe('dev.lanyard.app');
    expect(config.productName).toBe('Lanyard');
    expect(config.files).toEqual([{ filter: ['package.json', 'bin/**/*', 'dist/**/*', '!dist/**/*.map'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: 'universal' }]);
    expect(config.win.target.map((target) => target.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    for (const icon of [
      config.mac.icon,
      config.win.icon,
      'assets/icon.png',
      path.join(config.linux.icon, '512x512.png'),
    ]) {
      expect(existsSync(path.join(ROOT, icon)), icon).toBe(true);
    }
  });

  it('puts the tray icons and CLI wrappers where the app and cliCommand look for them', () => {
    const resources = '/opt/Lanyard/resources';
    const installed = appLocations({
      appPath: `${resources}/app`,
      resourcesPath: resources,
      isPackaged: true,
      platform: 'linux',
      env: {},
    });
    const placed = (from: string) => {
      const rule = config.extraResources.find((entry) => entry.from === from);
      return rule && path.posix.join(resources, rule.to);
    };
    expect(placed('assets/tray')).toBe(installed.trayIconsDir);
    expect(placed('assets/bin')).toBe(path.posix.dirname(cliWrapperPath(resources, 'linux')));
    expect(existsSync(path.join(ROOT, 'assets/bin/lanyard'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'assets/bin/lanyard.cmd'))).toBe(true);
    // The wrappers run the app binary as Node, so that fuse must stay on; the app is not in an asar.
    expect(config.electronFuses.runAsNode).toBe(true);
    expect(config.asar).toBe(false);
  });

  it("agrees with the wrappers on the binary names and the CLI's place in the app", () => {
    const shell = readFileSync(path.join(ROOT, 'assets/bin/lanyard'), 'utf8');
    const cmd = readFileSync(path.join(ROOT, 'assets/bin/lanyard.cmd'), 'utf8');
    expect(shell).toContain(`/MacOS/${config.productName}`);
    expect(shell).toContain(`/../${config.linux.executableName}`);
    expect(cmd).toContain(`%~dp0..\\..\\${config.productName}.exe`);
    for (const wrapper of [shell, cmd.replaceAll('\\', '/')]) expect(wrapper).toContain('app/bin/lanyard.js');
    expect(
      cmd
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('installed CLI wrapper', () => {
  const cli = path.join(ROOT, 'bin/lanyard.js');
  const base = mkdtempSync(path.join(os.tmpdir(), 'lanyard install '));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** An install laid out as electron-builder.yml makes it, with the checkout standing in for resources/app. */
  function install(binary: string, resources: string): string {
    mkdirSync(path.dirname(binary), { recursive: true });
    mkdirSync(resources, { recursive: true });
    writeFileSync(
      binary,
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not run as node" >&2; exit 99; }\nexec "${process.execPath}" "$@"\n`,
    );
    chmodSync(binary, 0o755);
    symlinkSync(ROOT, path.join(resources, 'app'));
    cpSync(path.join(ROOT, 'assets/bin'), path.join(resources, 'bin'), { recursive: true });
    return resources;
  }

  const run = (command: string) =>
    execFileSync('/bin/sh', ['-c', command], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
    }).trim();

  it.skipIf(!existsSync(cli))(
    'runs the bundled CLI through the app binary from the credential_process command, on Linux and macOS layouts',
    () => {
      const version = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim();
      const linux = install(path.join(base, 'linux', 'lanyard-desktop'), path.join(base, 'linux', 'resources'));
      const mac = install(
        path.join(base, 'Lanyard.app/Contents/MacOS/Lanyard'),
        path.join(base, 'Lanyard.app/Contents/Resources'),
      );
      for (const resourcesPath of [linux, mac]) {
        // The folder has a space: the command must come quoted and still work through a shell.
        expect(run(`${cliCommand({ kind: 'installed', resourcesPath, platform: 'linux' })} --version`)).toBe(version);
      }
      // Through a symlink on PATH, as users may install it.
      const onPath = path.join(base, 'path-bin');
      mkdirSync(onPath);
      symlinkSync(cliWrapperPath(linux, 'linux'), path.join(onPath, 'lanyard'));
      expect(run(`"${path.join(onPath, 'lanyard')}" --version`)).toBe(version);
    },
  );
});
