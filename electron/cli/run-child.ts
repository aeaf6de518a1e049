/**
 * Runs a command as shells do for `lanyard exec`: its exit code is ours, 128+N when a signal
 * ended it, 127 when it cannot be found and 126 when it cannot be run; SIGTERM and SIGHUP sent
 * to Lanyard are passed on. SIGINT from a terminal reaches the child by itself (it is in the
 * terminal's foreground process group), so it is passed on only when no terminal sent it:
 * passing it twice would make tools such as terraform abort instead of stopping gracefully.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface ChildOptions {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  /** Whether stdin is a terminal (then Ctrl+C reaches the child without us). */
  interactive: boolean;
  /** A line for stderr when the command cannot be started. */
  onStartFailure: (message: string) => void;
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function runChild(options: ChildOptions): Promise<number> {
  return new Promise((resolve) => {
    // The handlers go in before the child starts: a signal sent the moment the child is up
    // (a supervisor stopping both at once) would otherwise end Lanyard by default and leave the
    // child running without a parent. One that comes before the child exists is passed on to it.
    const started: { child?: ChildProcess } = {};
    const early: NodeJS.Signals[] = [];
    const forward = (signal: NodeJS.Signals): void => {
      if (signal === 'SIGINT' && options.interactive) return;
      if (started.child) started.child.kill(signal);
      else early.push(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    const child = spawn(options.command, options.args, { stdio: 'inherit', env: options.env });
    started.child = child;
    for (const signal of early) child.kill(signal);
    const finish = (code: number): void => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        options.onStartFailure(`${options.command}: command not found`);
        finish(127);
      } else {
        options.onStartFailure(`${options.command}: ${error.message}`);
        finish(126);
      }
    });
    child.once('exit', (code, signal) => {
      if (signal) finish(128 + (constants.signals[signal] ?? 0));
      else finish(code ?? 1);
    });
  });
}
