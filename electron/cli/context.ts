import { guardExternalOpener } from '../core/console/external-url.js';
import { type Clock, systemClock } from '../core/support/clock.js';
import { type LogLevel, type Logger, createLogger } from '../core/support/log.js';
import { type Env, type LanyardPaths, resolvePaths } from '../core/support/paths.js';
import { type CoreServices, createServices } from '../core/services.js';

/** What every command gets: the core's services, where files are, the terminal, a clock and a logger. */
export interface CliContext {
  /** Built once per run by the composition root, closed when the command is done. */
  core: CoreServices;
  env: Env;
  paths: LanyardPaths;
  clock: Clock;
  logger: Logger;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where a person answers the role picker; set only when stdin and stderr are terminals. */
  terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /** Opens a URL in the user's browser. */
  openUrl: (url: string) => Promise<void>;
  /** Resolves on SIGINT/SIGTERM (the agent's exit). */
  untilSignal: () => Promise<NodeJS.Signals>;
}

export interface CliIo {
  env?: Env;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  /** Whether a person is at the terminal (default: stdin and stderr are TTYs). */
  interactive?: boolean;
  clock?: Clock;
  openUrl?: (url: string) => Promise<void>;
  untilSignal?: () => Promise<NodeJS.Signals>;
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function createContext(io: CliIo = {}): CliContext {
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const level = LEVELS.find((candidate) => candidate === env.LANYARD_LOG_LEVEL) ?? 'warn';
  const paths = resolvePaths(env);
  const stdin = io.stdin ?? process.stdin;
  const interactive = io.interactive ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const clock = io.clock ?? systemClock;
  const logger = createLogger({ level, write: (line) => stderr.write(`${line}\n`) });
  return {
    core: createServices({ paths, env, clock, logger }),
    env,
    paths,
    clock,
    logger,
    out: (text) => stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    ...(interactive ? { terminal: { input: stdin, output: stderr } } : {}),
    // Only https: and loopback pages reach the browser, whoever opens them (guardExternalOpener).
    openUrl: guardExternalOpener(
      io.openUrl ??
        (async (url) => {
          const { default: open } = await import('open');
          const child = await open(url);
          child.unref();
        }),
      { env },
    ),
    untilSignal:
      io.untilSignal ??
      (() =>
        new Promise((resolve) => {
          const onSignal = (signal: NodeJS.Signals): void => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            resolve(signal);
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
        })),
  };
}
