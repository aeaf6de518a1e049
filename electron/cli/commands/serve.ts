import { LanyardError } from '../../core/domain/errors.js';
import type { CliContext } from '../context.js';
import { type RoleOptions, chooseRole } from '../role-argument.js';
import { roleServer } from '../role-server.js';

export interface ServeOptions extends RoleOptions {
  port?: string;
}

function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new LanyardError(
      'USAGE',
      `"${value}" is not a port number.`,
      'Use a number from 1 to 65535, or leave --port out for a free one.',
    );
  return port;
}

/**
 * `lanyard serve ROLE [--port P]`: the loopback credential endpoint of `exec`, until stopped
 * (SIGINT/SIGTERM), for IDEs, several terminals or `docker run --network host`. It prints the
 * two variables a tool needs on stdout.
 */
export async function serve(ctx: CliContext, role: string | undefined, options: ServeOptions): Promise<number> {
  const port = portOption(options.port);
  const chosen = await chooseRole(ctx, role, options);
  // Fail now, clearly, when the session needs signing in.
  await ctx.core.credentials.get(chosen.session, chosen.ref);
  const server = roleServer(ctx, chosen, port);
  await server.start();
  try {
    for (const [name, value] of Object.entries(server.environment())) ctx.out(`export ${name}='${value}'`);
    ctx.err(
      `Serving ${chosen.label} until stopped (Ctrl+C). Tools that see these two variables get fresh credentials.`,
    );
    await ctx.untilSignal();
    return 0;
  } finally {
    await server.stop();
  }
}
