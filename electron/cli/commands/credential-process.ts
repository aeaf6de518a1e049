import { credentialProcessOutput } from '../../core/credentials/role-credentials-cache.js';
import type { CliContext } from '../context.js';
import { type RoleOptions, chooseRole } from '../role-argument.js';

/**
 * Prints role credentials as `credential_process` JSON, for a profile with
 * `credential_process = lanyard credential-process team-dev.ReadOnly` (or, as earlier versions
 * wrote it, `--sso-session S --account-id A --role-name R`).
 * This is the cold path (index.ts answers warm calls from the cache without loading this):
 * it fetches and caches the credentials, refreshing the SSO token under the lock if needed.
 * Errors go to stderr with a non-zero exit code, which botocore shows to the user.
 */
export async function credentialProcess(
  ctx: CliContext,
  role: string | undefined,
  options: RoleOptions,
): Promise<number> {
  // A tool runs this, not a person: never open the picker.
  const chosen = await chooseRole({ ...ctx, terminal: undefined }, role, options);
  const credentials = await ctx.core.credentials.get(chosen.session, chosen.ref);
  ctx.out(credentialProcessOutput(credentials));
  return 0;
}
