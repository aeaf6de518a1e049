import { LanyardError } from '../../core/domain/errors.js';
import { ACCOUNT_ID_HINT, isAccountId } from '../../core/domain/model.js';
import { credentialProcessOutput } from '../../core/credentials/role-credentials-cache.js';
import type { CliContext } from '../context.js';

export interface CredentialProcessOptions {
  ssoSession?: string;
  accountId?: string;
  roleName?: string;
}

const EXAMPLE = 'lanyard credential-process --sso-session work --account-id 123456789012 --role-name ReadOnly';

/**
 * Prints role credentials as `credential_process` JSON, for a profile with
 * `credential_process = <EXAMPLE>`.
 * This is the cold path (index.ts answers warm calls from the cache without loading this):
 * it fetches and caches the credentials, refreshing the SSO token under the lock if needed.
 * Errors go to stderr with a non-zero exit code, which botocore shows to the user.
 */
export async function credentialProcess(ctx: CliContext, options: CredentialProcessOptions): Promise<number> {
  const { ssoSession, accountId, roleName } = options;
  if (!ssoSession || !accountId || !roleName) {
    throw new LanyardError(
      'USAGE',
      'credential-process needs --sso-session, --account-id and --role-name.',
      `Example: ${EXAMPLE}`,
    );
  }
  if (!isAccountId(accountId)) {
    throw new LanyardError('USAGE', `"${accountId}" is not an AWS account id.`, ACCOUNT_ID_HINT);
  }
  const session = await ctx.core.sessions.selectOne(ssoSession);
  const credentials = await ctx.core.credentials.get(session, { accountId, roleName });
  ctx.out(credentialProcessOutput(credentials));
  return 0;
}
