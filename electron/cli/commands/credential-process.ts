import { LanyardError } from '../../core/domain/errors.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { credentialProcessOutput } from '../../core/credentials/role-credentials-cache.js';
import { RoleCredentialsProvider } from '../../core/credentials/role-credentials.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';

export interface CredentialProcessOptions {
  ssoSession?: string;
  accountId?: string;
  roleName?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
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
  if (!ACCOUNT_ID.test(accountId)) {
    throw new LanyardError(
      'USAGE',
      `"${accountId}" is not an AWS account id.`,
      'Account ids are 12 digits, e.g. --account-id 123456789012.',
    );
  }
  const session = findSession(await configuredSessions(ctx.paths), ssoSession, ctx.paths.awsConfigFile);
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const provider = new RoleCredentialsProvider({
    paths: ctx.paths,
    portal: (target) => portals.get(target),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  try {
    const credentials = await provider.get(session, { accountId, roleName });
    ctx.out(credentialProcessOutput(credentials));
    return 0;
  } finally {
    portals.destroy();
  }
}
