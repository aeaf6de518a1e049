import { Command, CommanderError, Option } from 'commander';
import { LanyardError, isLanyardError } from '../core/domain/errors.js';
import { redact } from '../core/support/redact.js';
import { accounts } from './commands/accounts.js';
import { agent } from './commands/agent.js';
import { completeCommand, completion } from './commands/completion.js';
import { consoleCommand } from './commands/console.js';
import { credentialProcess } from './commands/credential-process.js';
import { doctor } from './commands/doctor.js';
import { env } from './commands/env.js';
import { exec } from './commands/exec.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { pin, unpin } from './commands/pin.js';
import { refresh } from './commands/refresh.js';
import { serve } from './commands/serve.js';
import { status } from './commands/status.js';
import { sync } from './commands/sync.js';
import { type CliContext, type CliIo, createContext } from './context.js';
import { ROLE_ARGUMENT_HELP } from './role-argument.js';

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

const COMPLETION_HELP = `
Install:
  bash        add to ~/.bashrc: source <(lanyard completion bash)
  zsh         add to ~/.zshrc, after compinit: source <(lanyard completion zsh)
  fish        run once: lanyard completion fish > ~/.config/fish/completions/lanyard.fish
  powershell  add to $PROFILE: lanyard completion powershell | Out-String | Invoke-Expression

The scripts complete commands, flags and their values, and role and session names (run as
\`lanyard __complete\` with the lanyard on your PATH, from local files only).`;

/** The role flags earlier versions used (profiles they wrote still call them); ROLE replaces them. */
function legacyRoleOptions(command: Command, visible = false): Command {
  const options = [
    new Option('--sso-session <name>', 'only roles of this [sso-session NAME]'),
    new Option('--account-id <id>', 'the 12-digit AWS account id (with --role-name, instead of ROLE)'),
    new Option('--role-name <name>', 'the role (permission set) name (with --account-id, instead of ROLE)'),
  ];
  for (const option of options)
    command.addOption(visible || option.long === '--sso-session' ? option : option.hideHelp());
  return command;
}

function buildProgram(ctx: CliContext, setExitCode: (code: number) => void, childCommand: string[]): Command {
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
    .command('doctor')
    .description(
      'Check the setup (config, sessions, tokens, network and TLS, clock, browser, credential_process, AWS CLI, file modes) and say how to fix each problem; exits 1 when a check fails.',
    )
    .option('--json', 'machine-readable output: {"checks": [{"id", "status", "message", "fix"}]}')
    .action(action((options) => doctor(ctx, options)));

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

  legacyRoleOptions(
    program
      .command('credential-process')
      .argument('[role]', ROLE_ARGUMENT_HELP)
      .description(
        "Print role credentials as credential_process JSON (cached until close to expiry), for a profile's `credential_process`.",
      ),
  ).action(action((role: string | undefined, options) => credentialProcess(ctx, role, options)));

  legacyRoleOptions(
    program
      .command('exec')
      .argument('[role]', ROLE_ARGUMENT_HELP)
      .usage('[options] [ROLE] -- COMMAND [ARGS...]')
      .description(
        "Run a command with one role's credentials, kept fresh for as long as it runs (a loopback endpoint in the SDKs' container format); other AWS credentials in the environment are hidden from it.",
      )
      .option('--region <region>', "AWS_REGION for the command (default: the profile's, else the session's)")
      .option(
        '--static',
        'put plain keys in the environment instead (for tools that read only those; they do not renew)',
      )
      .addHelpText(
        'after',
        '\nExamples:\n  lanyard exec team-dev/ReadOnly -- aws sts get-caller-identity\n  lanyard exec "payments prod admin" -- terraform apply\n\nThe command sees LANYARD_ROLE (for prompts) and LANYARD_EXEC_ROLE; Lanyard exits with its exit code.',
      ),
  )
    // Words after ROLE are a command the person forgot to put after `--` (or, before a `--`,
    // a mistyped option): said in words below rather than as "unknown option '-c'".
    .allowExcessArguments(true)
    .allowUnknownOption(true)
    .action(
      action((role: string | undefined, options, command: Command) => {
        const extra = command.args.slice(1);
        if (extra.length > 0 && childCommand.length > 0)
          throw new LanyardError('USAGE', `exec does not take ${extra.join(' ')}.`, 'See `lanyard exec --help`.');
        if (extra.length > 0 || (role?.startsWith('-') ?? false))
          throw new LanyardError(
            'USAGE',
            'Put the command to run after `--`, so its options stay its own.',
            `Example: lanyard exec ${role ?? 'ROLE'} -- ${extra.join(' ')}`,
          );
        return exec(ctx, role, childCommand, options);
      }),
    );

  legacyRoleOptions(
    program
      .command('env')
      .argument('[role]', ROLE_ARGUMENT_HELP)
      .description('Print export lines for a role\'s credentials, quoted for your shell: eval "$(lanyard env ROLE)".')
      .option(
        '--format <format>',
        'sh (bash, zsh), fish, powershell, cmd, dotenv or json (default: sh; powershell on Windows)',
      )
      .option('--region <region>', "AWS_REGION to set (default: the profile's, else the session's)")
      .option('--unset', 'print the lines that clear these variables instead')
      .addHelpText(
        'after',
        '\nExamples:\n  eval "$(lanyard env team-dev/ReadOnly)"\n  lanyard env team-dev/ReadOnly --format fish | source\n  eval "$(lanyard env --unset)"',
      ),
  ).action(action((role: string | undefined, options) => env(ctx, role, options)));

  legacyRoleOptions(
    program
      .command('serve')
      .argument('[role]', ROLE_ARGUMENT_HELP)
      .description(
        "Serve a role's credentials on a loopback endpoint (the SDKs' container format) until stopped, and print the two variables tools need.",
      )
      .option('--port <port>', 'listen on this port of 127.0.0.1 (default: a free one)'),
  ).action(action((role: string | undefined, options) => serve(ctx, role, options)));

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
    .argument('[role]', 'a profile `lanyard sync` wrote, ACCOUNT/ROLE or words to search for')
    .description(
      "Also keep a role's temporary keys under its profile in the AWS credentials file (for tools that read only that file), renewed by the agent; without ROLE, list pinned profiles.",
    )
    .action(action((role: string | undefined) => pin(ctx, role)));

  program
    .command('unpin')
    .argument('[role]', 'a pinned profile, ACCOUNT/ROLE or words to search for')
    .description("Take a pinned profile's keys out of the AWS credentials file.")
    .action(action((role: string | undefined) => unpin(ctx, role)));

  program
    .command('agent')
    .description(
      "Run headless until stopped (SIGINT/SIGTERM): keep every SSO session alive, the AWS config's profiles in step with your assignments, and pinned keys fresh.",
    )
    .action(action(() => agent(ctx)));

  legacyRoleOptions(
    program
      .command('console')
      .argument('[role]', ROLE_ARGUMENT_HELP)
      .description('Open the AWS console for a role in its own isolated browser profile (or print the sign-in URL).')
      .option(
        '--browser <name>',
        'chrome, chromium, edge, brave, vivaldi, firefox, firefox-container, default (no isolation) or a path; default: the first Chrome-family browser found, else Firefox',
      )
      .option('--region <region>', "the console region (default: the profile's, else the session's)")
      .option('--service <name>', 'land on this service: s3, ec2, lambda, iam, logs, cloudwatch, dynamodb, ...')
      .option('--destination <url>', 'a console URL or path (/s3/home) to land on')
      .option('--print-url', 'print the sign-in URL (a secret, good for minutes) instead of opening a browser')
      .addHelpText(
        'after',
        '\nExamples:\n  lanyard console team-dev/ReadOnly --service logs\n  lanyard console "payments prod"\n\nEnvironment:\n  LANYARD_SIGNIN_ENDPOINT     override the console sign-in (federation) endpoint',
      ),
  ).action(action((role: string | undefined, options) => consoleCommand(ctx, role, options)));

  program
    .command('completion')
    .argument('<shell>', 'bash, zsh, fish or powershell')
    .description('Print a shell completion script: bash, zsh, fish or powershell.')
    .addHelpText('after', COMPLETION_HELP)
    .action(action((shell: string) => completion(ctx, shell, program)));

  // What the completion scripts call for role and session names (one a line).
  program
    .command('__complete', { hidden: true })
    .argument('<kind>', 'roles or sessions')
    .argument('[prefix]', 'what was typed so far')
    .action(action((kind: string, prefix: string | undefined) => completeCommand(ctx, kind, prefix)));

  program.addOption(new Option('--debug', 'log everything (same as LANYARD_LOG_LEVEL=debug)').hideHelp());
  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function run(argv: string[], io: CliIo = {}): Promise<number> {
  const ctx = createContext(io);
  let exitCode = 0;
  const { ownArgs, childCommand } = splitExecCommand(argv);
  const program = buildProgram(
    ctx,
    (code) => {
      exitCode = code;
    },
    childCommand,
  );
  try {
    await program.parseAsync(ownArgs, { from: 'user' });
    return exitCode;
  } catch (error) {
    return failureCode(ctx, error);
  } finally {
    await ctx.core.close();
  }
}

/**
 * `lanyard exec [ROLE] -- COMMAND ARGS`: everything after the first `--` is the command to run,
 * kept away from Lanyard's own option parsing (its flags are the command's, not ours).
 */
function splitExecCommand(argv: string[]): { ownArgs: string[]; childCommand: string[] } {
  const separator = argv.indexOf('--');
  const subcommand = argv.slice(0, separator < 0 ? argv.length : separator).find((arg) => !arg.startsWith('-'));
  if (subcommand !== 'exec' || separator < 0) return { ownArgs: argv, childCommand: [] };
  return { ownArgs: argv.slice(0, separator), childCommand: argv.slice(separator + 1) };
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
