/**
 * "Install the lanyard command": puts the CLI shipped in the app's resources on the user's
 * PATH, as VS Code does for `code`.
 *
 * - macOS and Linux: a symbolic link `lanyard` to the wrapper (cliWrapperPath), in
 *   /usr/local/bin when that folder is writable, else in ~/.local/bin (created). A file there
 *   that is not our link is never replaced: the user is told what is there. "Ours" is a link
 *   to a `resources/bin/lanyard` wrapper (any copy of the app, so a link left by a moved app
 *   is ours too).
 * - Windows: `<resources>\bin` (holding lanyard.cmd) is added to the user's PATH
 *   (HKCU\Environment) by PowerShell, and removed on uninstall. The folder is passed in an
 *   environment variable, never quoted into the script.
 *
 * With the link installed, cliCommand() writes the link's path into credential_process lines;
 * repairCliLink() runs at app start and re-points a link whose wrapper is gone (the app moved).
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CLI_LINK_NAME, cliLinkDirs, cliWrapperPath } from './cli-command.js';

/** The file operations the installer needs (node:fs/promises by default; tests pass real temp dirs). */
export interface CliInstallFs {
  lstat(file: string): Promise<{ isSymbolicLink(): boolean; isDirectory(): boolean }>;
  readlink(file: string): Promise<string>;
  symlink(target: string, file: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  access(file: string, mode: number): Promise<void>;
  stat(file: string): Promise<unknown>;
  rename(from: string, to: string): Promise<void>;
}

/** Runs a program without a shell (PowerShell on Windows). */
export type CliInstallRunner = (
  file: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
) => Promise<{ stdout: string }>;

export interface CliInstallContext {
  platform: NodeJS.Platform;
  /** The app's resources folder (process.resourcesPath). */
  resourcesPath: string;
  home: string;
  /** The PATH to check the link's folder against (the app's own environment). */
  pathEnv: string | undefined;
  /** Set when the app runs as an AppImage (mounted at a new path on every launch). */
  appImage?: string;
  fs?: CliInstallFs;
  run?: CliInstallRunner;
  /** The link folders to try, in order (cliLinkDirs by default; tests use temp dirs). */
  linkDirs?: readonly string[];
}

export interface CliInstallStatus {
  installed: boolean;
  /** The link (macOS, Linux) or the folder on PATH (Windows). */
  location?: string;
}

export type CliInstallResult =
  { ok: true; message: string; detail?: string } | { ok: false; message: string; hint?: string };

/** Runs a program with node:child_process (no shell), its variables added to this process's. */
export const execFileRunner: CliInstallRunner = (file, args, env) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { env: { ...process.env, ...env }, windowsHide: true, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(String(stderr).trim() || error.message)) : resolve({ stdout: String(stdout) }),
    );
  });

const nodeFs: CliInstallFs = {
  lstat: (file) => fsp.lstat(file),
  readlink: (file) => fsp.readlink(file),
  symlink: (target, file) => fsp.symlink(target, file),
  unlink: (file) => fsp.unlink(file),
  mkdir: (dir, options) => fsp.mkdir(dir, options),
  access: (file, mode) => fsp.access(file, mode),
  stat: (file) => fsp.stat(file),
  rename: (from, to) => fsp.rename(from, to),
};

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** A wrapper path of any copy of Lanyard: `…/resources/bin/lanyard` (Resources on macOS). */
export function isLanyardWrapper(target: string): boolean {
  const parts = target.split('/');
  return (
    parts.length >= 3 &&
    parts.at(-1) === CLI_LINK_NAME &&
    parts.at(-2) === 'bin' &&
    parts.at(-3)?.toLowerCase() === 'resources'
  );
}

/** What is at a link location: nothing, our link (with its resolved target), or something else (described). */
type LinkSlot = { kind: 'empty' } | { kind: 'ours'; target: string } | { kind: 'other'; description: string };

async function inspect(fs: CliInstallFs, file: string): Promise<LinkSlot> {
  let info;
  try {
    info = await fs.lstat(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'empty' };
    throw error;
  }
  if (!info.isSymbolicLink()) return { kind: 'other', description: info.isDirectory() ? 'a folder' : 'a file' };
  const target = path.posix.resolve(path.posix.dirname(file), await fs.readlink(file));
  return isLanyardWrapper(target) ? { kind: 'ours', target } : { kind: 'other', description: `a link to ${target}` };
}

async function exists(fs: CliInstallFs, file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

const linkDirsOf = (context: CliInstallContext): readonly string[] =>
  context.linkDirs ?? cliLinkDirs(context.home, context.platform);

/** Whether `dir` is on a PATH value (trailing separators and, on Windows, case ignored). */
export function isOnPath(dir: string, pathEnv: string | undefined, platform: NodeJS.Platform): boolean {
  const separator = platform === 'win32' ? ';' : ':';
  const normalize = (value: string): string => {
    const trimmed = value.replace(/[\\/]+$/, '');
    return platform === 'win32' ? trimmed.toLowerCase() : trimmed;
  };
  return (pathEnv ?? '')
    .split(separator)
    .filter(Boolean)
    .some((entry) => normalize(entry) === normalize(dir));
}

/** How to put a folder on PATH, for the user's shell (zsh is macOS's default). */
export function pathHint(dir: string, home: string, platform: NodeJS.Platform): string {
  const shown = dir.startsWith(`${home}/`) ? `$HOME/${dir.slice(home.length + 1)}` : dir;
  const rc = platform === 'darwin' ? '~/.zprofile' : '~/.profile (or ~/.bashrc, ~/.zshrc)';
  return `${dir} is not on your PATH. Add this line to ${rc}, then open a new terminal: export PATH="${shown}:$PATH"`;
}

// ---- Windows: the user PATH through PowerShell --------------------------------------------

/** The environment variable that carries the folder into the PowerShell script. */
export const WINDOWS_DIR_VARIABLE = 'LANYARD_CLI_DIR';

/**
 * The PowerShell script that adds, removes or queries `$env:LANYARD_CLI_DIR` in the user's
 * PATH. It reads the raw registry value (DoNotExpandEnvironmentNames) and writes it back as
 * REG_EXPAND_SZ, so entries like %USERPROFILE%\bin keep working ([Environment]::
 * SetEnvironmentVariable would flatten them into a REG_SZ); then it sets (and clears) a
 * throwaway user variable through [Environment]::SetEnvironmentVariable, whose
 * WM_SETTINGCHANGE broadcast tells Explorer, and new terminals, about the new PATH.
 */
export function windowsPathScript(action: 'add' | 'remove' | 'query'): string {
  const lines = [
    "$ErrorActionPreference = 'Stop'",
    `$dir = $env:${WINDOWS_DIR_VARIABLE}`,
    "$key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment', $true)",
    "$raw = [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)",
    "$parts = @($raw -split ';' | Where-Object { $_ -ne '' })",
    "$present = @($parts | Where-Object { $_.TrimEnd('\\') -ieq $dir.TrimEnd('\\') }).Count -gt 0",
  ];
  if (action === 'query') {
    lines.push("if ($present) { 'installed' } else { 'missing' }");
    return lines.join('\n');
  }
  const update =
    action === 'add'
      ? ['if (-not $present) {', "  $next = @($parts + $dir) -join ';'"]
      : [
          'if ($present) {',
          "  $next = @($parts | Where-Object { $_.TrimEnd('\\') -ine $dir.TrimEnd('\\') }) -join ';'",
        ];
  lines.push(
    ...update,
    "  $key.SetValue('Path', $next, [Microsoft.Win32.RegistryValueKind]::ExpandString)",
    "  [Environment]::SetEnvironmentVariable('LANYARD_PATH_CHANGED', '1', 'User')",
    "  [Environment]::SetEnvironmentVariable('LANYARD_PATH_CHANGED', $null, 'User')",
    '}',
    "'ok'",
  );
  return lines.join('\n');
}

/** The program, arguments and environment that run a PATH script (no shell, no profile). */
export function windowsPathCommand(
  action: 'add' | 'remove' | 'query',
  binDir: string,
): { file: string; args: string[]; env: Record<string, string> } {
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', windowsPathScript(action)],
    env: { [WINDOWS_DIR_VARIABLE]: binDir },
  };
}

const windowsBinDir = (context: CliInstallContext): string =>
  path.win32.dirname(cliWrapperPath(context.resourcesPath, 'win32'));

async function runWindows(context: CliInstallContext, action: 'add' | 'remove' | 'query'): Promise<string> {
  if (!context.run) throw new Error('No program runner was given for Windows.');
  const command = windowsPathCommand(action, windowsBinDir(context));
  return (await context.run(command.file, command.args, command.env)).stdout.trim();
}

// ---- The operations ------------------------------------------------------------------------

/** Whether the command is installed for this copy of the app, and where. */
export async function cliInstallStatus(context: CliInstallContext): Promise<CliInstallStatus> {
  if (context.platform === 'win32') {
    const dir = windowsBinDir(context);
    return (await runWindows(context, 'query')) === 'installed'
      ? { installed: true, location: dir }
      : { installed: false };
  }
  const fs = context.fs ?? nodeFs;
  const wrapper = cliWrapperPath(context.resourcesPath, context.platform);
  for (const dir of linkDirsOf(context)) {
    const link = path.posix.join(dir, CLI_LINK_NAME);
    const slot = await inspect(fs, link).catch(() => ({ kind: 'empty' }) as const);
    if (slot.kind === 'ours' && slot.target === wrapper) return { installed: true, location: link };
  }
  return { installed: false };
}

async function writable(fs: CliInstallFs, dir: string): Promise<boolean> {
  try {
    await fs.access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Points `link` at `target`, replacing our old link atomically (a new link renamed over it). */
async function placeLink(fs: CliInstallFs, target: string, link: string, replace: boolean): Promise<void> {
  if (!replace) return fs.symlink(target, link);
  const temporary = `${link}.lanyard-${process.pid}`;
  await fs.unlink(temporary).catch(() => {});
  await fs.symlink(target, temporary);
  await fs.rename(temporary, link);
}

export async function installCli(context: CliInstallContext): Promise<CliInstallResult> {
  if (context.platform === 'win32') {
    const dir = windowsBinDir(context);
    try {
      await runWindows(context, 'add');
    } catch (error) {
      return { ok: false, message: `Could not add ${dir} to your PATH.`, hint: firstLine(error) };
    }
    return {
      ok: true,
      message: `Added ${dir} to your PATH.`,
      detail: 'Open a new terminal to use the lanyard command.',
    };
  }
  if (context.appImage) {
    return {
      ok: false,
      message: 'The lanyard command cannot be installed from an AppImage: it is mounted at a new path on every launch.',
      hint: 'Install the .deb package, or run the CLI from a source checkout (npm link).',
    };
  }
  const fs = context.fs ?? nodeFs;
  const wrapper = cliWrapperPath(context.resourcesPath, context.platform);
  if (!(await exists(fs, wrapper))) {
    return {
      ok: false,
      message: `The lanyard command is missing from the app (${wrapper}).`,
      hint: 'Reinstall Lanyard.',
    };
  }
  const dirs = linkDirsOf(context);
  let chosen: string | undefined;
  for (const [index, dir] of dirs.entries()) {
    const last = index === dirs.length - 1;
    // The last folder (~/.local/bin) is the user's own: create it when missing.
    if (last) await fs.mkdir(dir, { recursive: true }).catch(() => {});
    if (await writable(fs, dir)) {
      chosen = dir;
      break;
    }
  }
  if (!chosen) return { ok: false, message: `None of ${dirs.join(', ')} is writable.` };
  const link = path.posix.join(chosen, CLI_LINK_NAME);
  let slot: LinkSlot;
  try {
    slot = await inspect(fs, link);
  } catch (error) {
    return { ok: false, message: `Could not look at ${link}.`, hint: firstLine(error) };
  }
  if (slot.kind === 'other') {
    return {
      ok: false,
      message: `${link} is already there (${slot.description}), and it is not Lanyard's: it was left as it is.`,
      hint: `Remove or rename ${link}, then install the lanyard command again.`,
    };
  }
  try {
    if (!(slot.kind === 'ours' && slot.target === wrapper)) await placeLink(fs, wrapper, link, slot.kind === 'ours');
  } catch (error) {
    return { ok: false, message: `Could not create ${link}.`, hint: firstLine(error) };
  }
  const onPath = isOnPath(chosen, context.pathEnv, context.platform);
  return {
    ok: true,
    message: `Installed the lanyard command: ${link}.`,
    ...(onPath ? {} : { detail: pathHint(chosen, context.home, context.platform) }),
  };
}

export async function uninstallCli(context: CliInstallContext): Promise<CliInstallResult> {
  if (context.platform === 'win32') {
    const dir = windowsBinDir(context);
    try {
      await runWindows(context, 'remove');
    } catch (error) {
      return { ok: false, message: `Could not remove ${dir} from your PATH.`, hint: firstLine(error) };
    }
    return { ok: true, message: `Removed ${dir} from your PATH.` };
  }
  const fs = context.fs ?? nodeFs;
  const removed: string[] = [];
  for (const dir of linkDirsOf(context)) {
    const link = path.posix.join(dir, CLI_LINK_NAME);
    const slot = await inspect(fs, link).catch(() => ({ kind: 'empty' }) as const);
    if (slot.kind !== 'ours') continue;
    try {
      await fs.unlink(link);
      removed.push(link);
    } catch (error) {
      return { ok: false, message: `Could not remove ${link}.`, hint: firstLine(error) };
    }
  }
  return removed.length > 0
    ? { ok: true, message: `Removed ${removed.join(' and ')}.` }
    : { ok: true, message: 'The lanyard command was not installed.' };
}

/**
 * At app start: our links whose wrapper no longer exists (the app was moved or reinstalled
 * elsewhere) are pointed at this copy's wrapper. Links to a wrapper that exists are left alone
 * (another copy of the app that works). Returns the links re-pointed.
 */
export async function repairCliLink(context: CliInstallContext): Promise<string[]> {
  if (context.platform === 'win32' || context.appImage) return [];
  const fs = context.fs ?? nodeFs;
  const wrapper = cliWrapperPath(context.resourcesPath, context.platform);
  if (!(await exists(fs, wrapper))) return [];
  const repaired: string[] = [];
  for (const dir of linkDirsOf(context)) {
    const link = path.posix.join(dir, CLI_LINK_NAME);
    const slot = await inspect(fs, link).catch(() => ({ kind: 'empty' }) as const);
    if (slot.kind !== 'ours' || slot.target === wrapper || (await exists(fs, slot.target))) continue;
    await placeLink(fs, wrapper, link, true);
    repaired.push(link);
  }
  return repaired;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
