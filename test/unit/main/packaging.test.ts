// electron-builder.yml against electron-builder's own schema (offline), its paths against the
// app's idea of where things are, its fuses and asar layout, and the installed CLI wrapper run
// end to end on a stand-in install (a fake app binary that acts as Node only with
// ELECTRON_RUN_AS_NODE=1, and only the files asarUnpack unpacks in app.asar.unpacked).
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
const { minimatch } = require('minimatch') as {
  minimatch: (file: string, pattern: string, options?: object) => boolean;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  /** getConfig gathers the patterns into one filter. */
  files: Array<{ filter: string[] }>;
  asar: boolean;
  asarUnpack: string[];
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
      appPath: `${resources}/app.asar`,
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
  });

  it('sets the fuses as decided: app from an integrity-checked asar, no file: privileges, Node only for the CLI', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      // The wrappers run the app binary as Node (see the reasoning in electron-builder.yml).
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // The pages load from app:// (electron/main/app-protocol.ts).
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('unpacks the CLI, its entry, the core it runs on and its runtime dependencies, and nothing of the app', () => {
    const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      type: string;
      dependencies: Record<string, string>;
    };
    for (const file of [
      // "type": "module", for the ES module tree.
      'package.json',
      'bin/lanyard.js',
      'bin/package.json',
      'dist/lanyard-fast.cjs',
      'dist/electron/cli/index.js',
      'dist/electron/core/lanyard.js',
      'dist/electron/core/support/cli-command.js',
      ...Object.keys(pkg.dependencies).map((name) => `node_modules/${name}/package.json`),
      'node_modules/@aws-sdk/client-sso/dist-cjs/index.js',
    ]) {
      expect(unpacked(file), file).toBe(true);
    }
    for (const file of [
      'dist/renderer/index.html',
      'dist/renderer/assets/main.js',
      'dist/electron/main/index.js',
      'dist/electron/preload/index.cjs',
    ]) {
      expect(unpacked(file), file).toBe(false);
    }
    expect(pkg.type).toBe('module');
  });

  it("agrees with the wrappers on the binary names and the CLI's place in the app", () => {
    const shell = readFileSync(path.join(ROOT, 'assets/bin/lanyard'), 'utf8');
    const cmd = readFileSync(path.join(ROOT, 'assets/bin/lanyard.cmd'), 'utf8');
    expect(shell).toContain(`/MacOS/${config.productName}`);
    expect(shell).toContain(`/../${config.linux.executableName}`);
    expect(cmd).toContain(`%~dp0..\\..\\${config.productName}.exe`);
    for (const wrapper of [shell, cmd.replaceAll('\\', '/')]) {
      expect(wrapper).toContain('app.asar.unpacked/bin/lanyard.js');
      expect(wrapper).not.toContain('/app/bin/');
    }
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

  /**
   * An install laid out as electron-builder.yml makes it: resources/app.asar.unpacked holds
   * the files asarUnpack names, copied from the checkout (node_modules linked, as it is unpacked
   * whole), and an app.asar that the CLI must not need.
   */
  function install(binary: string, resources: string): string {
    mkdirSync(path.dirname(binary), { recursive: true });
    mkdirSync(resources, { recursive: true });
    writeFileSync(
      binary,
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not run as node" >&2; exit 99; }\nexec "${process.execPath}" "$@"\n`,
    );
    chmodSync(binary, 0o755);
    const unpacked = path.join(resources, 'app.asar.unpacked');
    for (const entry of ['package.json', 'bin', 'dist/lanyard-fast.cjs', 'dist/electron/cli', 'dist/electron/core']) {
      cpSync(path.join(ROOT, entry), path.join(unpacked, entry), { recursive: true });
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(unpacked, 'node_modules'));
    writeFileSync(path.join(resources, 'app.asar'), 'not an archive the CLI reads');
    cpSync(path.join(ROOT, 'assets/bin'), path.join(resources, 'bin'), { recursive: true });
    return resources;
  }

  const run = (command: string) =>
    execFileSync('/bin/sh', ['-c', command], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
    }).trim();

  // Build it first: node scripts/build.mjs --skip-renderer
  it.skipIf(!existsSync(cli) || !existsSync(path.join(ROOT, 'dist/electron/cli/index.js')))(
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
