import { CredentialServer } from '../core/credentials/credential-server.js';
import { redact } from '../core/support/redact.js';
import { isLanyardError } from '../core/domain/errors.js';
import type { CliContext } from './context.js';
import type { ChosenRole } from './role-argument.js';

/**
 * The loopback credential endpoint for one role (`exec`, `serve`): it answers from the role
 * credential cache and renews before expiry; a renewal that fails is reported on stderr.
 */
export function roleServer(ctx: CliContext, role: ChosenRole, port?: number): CredentialServer {
  const { core } = ctx;
  return new CredentialServer({
    credentials: (minValidityMs) => core.credentials.get(role.session, role.ref, { minValidityMs }),
    accountId: role.ref.accountId,
    ...(port !== undefined ? { port } : {}),
    clock: core.clock,
    logger: core.logger,
    onError: (error) =>
      ctx.err(
        `lanyard: cannot renew the credentials of ${role.label}: ${redact(isLanyardError(error) ? error.describe() : String(error))}`,
      ),
  });
}
