import { Command, CommanderError, Option } from 'commander';
import { isLanyardError } from '../core/domain/errors.js';
import { redact } from '../core/support/redact.js';
import { accounts } from './commands/accounts.js';
import { agent } from './commands/agent.js';
import { consoleCommand } from './commands/console.js';
import { credentialProcess } from './commands/credential-process.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { pin, unpin } from './commands/pin.js';
import { refresh } from './commands/refresh.js';
import { status } from './commands/status.js';
import { sync } from './commands/sync.js';
import { type CliContext, type CliIo, createContext } from './context.js';

const ENVIRONMENT_HELP = `
Environment:
  HOME                        home folder (~/.aws lives here)
  AWS_CONFIG_FILE             AWS config file (default ~/.aws/config)
  AWS_SHARED_CREDENTIALS_FILE AWS credentials file (default ~/.aws/credentials)
  AWS_ENDPOINT_URL_SSO        override the Identity Center portal endpoint
  AWS_ENDPOINT_URL_SSO_OIDC   override the Identity Center OIDC endpoint
  LANYARD_SIGNIN_ENDPOINT     override the console sign-in (federation) endpoint
  LANYARD_DATA_DIR            Lanyard's own data folder (settings.json, account lists)
  LANYARD_LOG_LEVEL           debug | info | warn (default) | error
`;

function buildProgram(ctx: CliContext, setExitCode: (code: number) => void): Command {
  const program = new Command('lanyard')
    .description('Keep AWS IAM Identity Center (AWS SSO) sessions alive and your AWS config in step.')
    .version(process.env.npm_package_version ?? '0.1.0', '-v, --version')
    .showHelpAfterError('(run `lanyard --help` for usage)')
    .addHelpText('after', ENVIRONMENT_HELP)
    // Before any subcommand exists: subcommands copy it, so their usage errors come back to run().
    .exitOverride();
  program.configureOutput({ writeOut: (text) => ctx.out(text.trimEnd()), writeErr: (text) => ctx.err(text.trimEnd()) });
  const action =
    <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      setExitCode(await handler(...args));
    };

  program
    .command('login')
    .description('Sign in to an SSO session (authorization code with PKCE; device code with --use-device-code).')
    .option(
      '--sso-session <name>',
      'the [sso-session NAME] to sign in to (created or updated with --start-url/--region)',
    )
    .option('--start-url <url>', 'the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start')
    .option('--region <region>', 'the IAM Identity Center region, e.g. us-east-1')
    .option('--use-device-code', 'use the device code flow (sign in on another device)')
    .option('--no-browser', 'print the URL to open instead of opening a browser')
    .action(action((options) => login(ctx, options)));

  program
    .command('logout')
    .description('Sign out of one SSO session, or of all of them.')
    .option('--sso-session <name>', 'only this session')
    .action(action((options) => logout(ctx, options)));

  program
    .command('status')
    .description('Show each SSO session: start URL, region, signed in or not, token expiry.')
    .option('--sso-session <name>', 'only this session')
    .option('--json', 'machine-readable output')
    .action(action((options) => status(ctx, options)));

  program
    .command('refresh')
    .description('Refresh SSO tokens that are due (or all, with --force), safely alongside other Lanyard processes.')
    .option('--sso-session <name>', 'only this session')
    .option('--force', 'refresh even a fresh token')
    .action(action((options) => refresh(ctx, options)));

  program
    .command('accounts')
    .description(
      'List every account and role of one or all SSO sessions, live (progress on stderr), or the stored list with --cached.',
    )
    .option('--sso-session <name>', 'only this session')
    .option('--json', 'machine-readable output')
    .option('--cached', 'use the account list Lanyard stored last time instead of listing live')
    .addOption(new Option('--refresh', 'list live (the default; kept for scripts)').hideHelp())
    .action(action((options) => accounts(ctx, options)));

  program
    .command('credential-process')
    .description(
      "Print role credentials as credential_process JSON (cached until close to expiry), for a profile's `credential_process`.",
    )
    .option('--sso-session <name>', 'the [sso-session NAME] to use (required)')
    .option('--account-id <id>', 'the 12-digit AWS account id (required)')
    .option('--role-name <name>', 'the role (permission set) name (required)')
    .action(action((options) => credentialProcess(ctx, options)));

  program
    .command('sync')
    .description(
      'Write one profile per account/role into the AWS config, from a live listing (or the stored one with --cached); remove profiles only after a complete listing.',
    )
    .option('--sso-session <name>', 'only this session')
    .option('--dry-run', 'print the unified diff and write nothing')
    .option('--restore', 'add back Lanyard profiles you deleted')
    .option('--cached', 'use the account lists Lanyard stored last time instead of listing live')
    .addOption(new Option('--refresh', 'list live (the default; kept for scripts)').hideHelp())
    .action(action((options) => sync(ctx, options)));

  program
    .command('pin')
    .argument('[profile]', 'a profile `lanyard sync` wrote')
    .description(
      "Also keep a profile's temporary keys in the AWS credentials file (for tools that read only that file), renewed by the agent; without PROFILE, list pinned profiles.",
    )
    .action(action((profile: string | undefined) => pin(ctx, profile)));

  program
    .command('unpin')
    .argument('<profile>', 'a pinned profile')
    .description("Take a pinned profile's keys out of the AWS credentials file.")
    .action(action((profile: string) => unpin(ctx, profile)));

  program
    .command('agent')
    .description(
      "Run headless until stopped (SIGINT/SIGTERM): keep every SSO session alive, the AWS config's profiles in step with your assignments, and pinned keys fresh.",
    )
    .action(action(() => agent(ctx)));

  program
    .command('console')
    .description(
      'Open the AWS console for an account/role in its own isolated browser profile (or print the sign-in URL).',
    )
    .requiredOption('--sso-session <name>', 'the [sso-session NAME] to use')
    .requiredOption('--account-id <id>', 'the 12-digit AWS account id')
    .requiredOption('--role-name <name>', 'the role (permission set) name')
    .option(
      '--browser <name>',
      'chrome, chromium, edge, brave, vivaldi, firefox, firefox-container, default (no isolation) or a path; default: the first Chrome-family browser found, else Firefox',
    )
    .option('--region <region>', 'the console region (default: the sso-session region)')
    .option('--destination <url>', 'a console URL, a console path (/s3/home) or a service name (s3) to land on')
    .option('--print-url', 'print the sign-in URL (a secret, good for minutes) instead of opening a browser')
    .addHelpText(
      'after',
      '\nEnvironment:\n  LANYARD_SIGNIN_ENDPOINT     override the console sign-in (federation) endpoint',
    )
    .action(action((options) => consoleCommand(ctx, options)));

  program.addOption(new Option('--debug', 'log everything (same as LANYARD_LOG_LEVEL=debug)').hideHelp());
  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function run(argv: string[], io: CliIo = {}): Promise<number> {
  const ctx = createContext(io);
  let exitCode = 0;
  const program = buildProgram(ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return failureCode(ctx, error);
  } finally {
    await ctx.core.close();
  }
}

/** The exit code of a failed command, with its message on stderr (redacted). */
function failureCode(ctx: CliContext, error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isLanyardError(error)) {
    ctx.err(`lanyard: ${redact(error.describe())}`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.err(`lanyard: unexpected error: ${redact(text)}`);
  return 1;
}
