import type { Command } from 'commander';
import { LanyardError } from '../../core/domain/errors.js';
import { completeCandidates } from '../complete-candidates.js';
import { SHELLS, completionScript, completionSpec, isShell } from '../completion.js';
import type { CliContext } from '../context.js';

/** `lanyard completion SHELL`: prints the completion script for the shell. */
export async function completion(ctx: CliContext, shell: string, program: Command): Promise<number> {
  const name = shell.toLowerCase();
  if (!isShell(name))
    throw new LanyardError(
      'USAGE',
      `There is no completion script for "${shell}".`,
      `Choose one of: ${SHELLS.join(', ')}, e.g. \`lanyard completion bash\`.`,
    );
  ctx.out(completionScript(name, completionSpec(program)));
  return 0;
}

/** `lanyard __complete roles|sessions [PREFIX]` (for the scripts): one candidate a line. */
export async function completeCommand(ctx: CliContext, kind: string, prefix = ''): Promise<number> {
  if (kind !== 'roles' && kind !== 'sessions')
    throw new LanyardError('USAGE', `Cannot complete "${kind}".`, 'Choose roles or sessions.');
  const candidates = await completeCandidates(kind, prefix, ctx.paths);
  if (candidates.length > 0) ctx.out(candidates.join('\n'));
  return 0;
}
