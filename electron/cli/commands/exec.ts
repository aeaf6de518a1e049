import {
  EXEC_ROLE_VARIABLE,
  childEnvironment,
  shadowDefaultCredentials,
} from '../../core/credentials/child-environment.js';
import { LanyardError } from '../../core/domain/errors.js';
import { regionFor } from '../../core/domain/settings.js';
import type { CliContext } from '../context.js';
import { terminalSafe } from '../format.js';
import { type RoleOptions, chooseRole } from '../role-argument.js';
import { runChild } from '../run-child.js';
import { roleServer } from '../role-server.js';

export interface ExecOptions extends RoleOptions {
  region?: string;
  static?: boolean;
}

/** Refuses to run inside another `lanyard exec` without saying so. */
export function refuseNesting(ctx: CliContext): void {
  const active = ctx.env[EXEC_ROLE_VARIABLE];
  if (active)
    throw new LanyardError(
      'USAGE',
      `This shell already runs with ${terminalSafe(active)} (from \`lanyard exec\`).`,
      `Leave it first (exit), or unset ${EXEC_ROLE_VARIABLE} to run another role inside it on purpose.`,
    );
}

/**
 * `lanyard exec ROLE -- COMMAND [ARGS...]`: runs COMMAND with this role's credentials only.
 * By default they come from a loopback endpoint in the SDKs' container-credentials format that
 * renews them for as long as COMMAND runs (a long `terraform apply` outlives one set); with
 * `--static`, plain keys in the environment, for tools that read only those.
 */
export async function exec(
  ctx: CliContext,
  role: string | undefined,
  command: string[],
  options: ExecOptions,
): Promise<number> {
  refuseNesting(ctx);
  const [program, ...args] = command;
  if (!program)
    throw new LanyardError(
      'USAGE',
      'Say which command to run after `--`.',
      'Example: lanyard exec team-dev/ReadOnly -- aws sts get-caller-identity',
    );
  const chosen = await chooseRole(ctx, role, options);
  const { core } = ctx;
  const region = regionFor(core.settings(), chosen.session.region, options.region ?? chosen.region);
  // Fetched before the command starts, so a session that needs signing in fails here, clearly.
  const first = await core.credentials.get(chosen.session, chosen.ref);
  const server = options.static ? undefined : roleServer(ctx, chosen);
  const shadow = await shadowDefaultCredentials(ctx.paths);
  if (shadow) ctx.err(`lanyard: ${shadow.notice}`);
  try {
    const credentials = server
      ? ({ kind: 'endpoint', variables: (await server.start(), server.environment()) } as const)
      : ({ kind: 'static', credentials: first } as const);
    const env = childEnvironment({
      parent: ctx.env,
      credentials,
      region,
      roleLabel: chosen.label,
      ...(shadow ? { shadowFiles: shadow } : {}),
    });
    return await runChild({
      command: program,
      args,
      env,
      interactive: ctx.terminal !== undefined,
      onStartFailure: (message) => ctx.err(`lanyard: ${terminalSafe(message)}`),
    });
  } finally {
    await server?.stop();
    await shadow?.remove();
  }
}
