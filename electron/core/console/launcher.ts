/**
 * Starting a browser: detached (it outlives Lanyard and the CLI), stdio ignored, and never
 * through a shell, since the URLs it opens are full of `&`.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { LanyardError } from '../domain/errors.js';
import type { LaunchCommand } from './launch-commands.js';

export type Spawn = (
  command: string,
  args: readonly string[],
  options: SpawnOptions,
) => Pick<ChildProcess, 'once' | 'unref'>;

export const DETACHED_SPAWN_OPTIONS: Readonly<SpawnOptions> = {
  detached: true,
  stdio: 'ignore',
  shell: false,
  windowsHide: false,
};

/** Starts the browser and resolves once it runs; a browser that cannot start is BROWSER_NOT_FOUND. */
export function launchDetached(launch: LaunchCommand, spawnProcess: Spawn = spawn): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: Pick<ChildProcess, 'once' | 'unref'>;
    try {
      child = spawnProcess(launch.command, launch.args, { ...DETACHED_SPAWN_OPTIONS });
    } catch (error) {
      reject(cannotStart(launch, error));
      return;
    }
    child.once('error', (error) => reject(cannotStart(launch, error)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/** Names the executable and the system's error code; never the arguments, which hold URLs. */
function cannotStart(launch: LaunchCommand, error: unknown): LanyardError {
  const code = (error as { code?: unknown }).code;
  return new LanyardError(
    'BROWSER_NOT_FOUND',
    `Could not start ${launch.command}${typeof code === 'string' ? ` (${code})` : ''}.`,
    'Check that the browser is installed and that its executable can be run, or choose another browser.',
  );
}
