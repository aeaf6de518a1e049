import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../support/atomic-file.js';
import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { type Clock, systemClock } from '../support/clock.js';
import { withFileLock } from '../support/file-lock.js';
import { type Logger, silentLogger } from '../support/log.js';
import { type RoleCredentials, type RoleRef, roleKey } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';
import type { PortalClient } from '../accounts/portal-client.js';
import {
  ROLE_CREDENTIALS_MIN_VALIDITY_MS,
  readCachedRoleCredentials,
  roleCredentialsFile,
  serializeRoleCredentials,
} from './role-credentials-cache.js';

export interface RoleCredentialsDeps {
  paths: LanyardPaths;
  /** The session's shared portal client (PortalClients.get); it refreshes the SSO token under the lock. */
  portal: (session: SsoSessionConfig) => PortalClient;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Role credentials for local tools: GetRoleCredentials results cached on disk (one 0600 file
 * per role, atomic writes) and reused until ROLE_CREDENTIALS_MIN_VALIDITY_MS before they
 * expire, so repeated calls make no API call. A cache miss fetches under a per-role
 * cross-process lock and re-reads first, so concurrent callers (six `credential_process`
 * runs at once) make one call between them.
 */
export class RoleCredentialsProvider {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly locksDir: string;

  constructor(private readonly deps: RoleCredentialsDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.locksDir = path.join(deps.paths.dataDir, 'locks');
  }

  /** Cached credentials with enough life left, or undefined; no API call. */
  cached(ref: RoleRef, minValidityMs: number = ROLE_CREDENTIALS_MIN_VALIDITY_MS): Promise<RoleCredentials | undefined> {
    return readCachedRoleCredentials(this.deps.paths.cliCacheDir, ref, this.clock.now(), minValidityMs);
  }

  /**
   * Credentials for a role of `session`, from the cache or fetched. Throws SIGN_IN_REQUIRED
   * (with how to sign in) when the SSO session is over, ACCESS_DENIED/NOT_FOUND for a role the
   * user cannot use.
   */
  async get(
    session: SsoSessionConfig,
    role: { accountId: string; roleName: string },
    options: { minValidityMs?: number } = {},
  ): Promise<RoleCredentials> {
    const ref: RoleRef = { sessionName: session.name, ...role };
    const minValidityMs = options.minValidityMs ?? ROLE_CREDENTIALS_MIN_VALIDITY_MS;
    const warm = await this.cached(ref, minValidityMs);
    if (warm) return warm;
    return withFileLock(this.locksDir, `role-credentials:${roleKey(ref)}`, async (signal) => {
      const fetchedMeanwhile = await this.cached(ref, minValidityMs);
      if (fetchedMeanwhile) return fetchedMeanwhile;
      const credentials = await this.deps.portal(session).getRoleCredentials(ref.accountId, ref.roleName);
      await writeFileAtomically(
        roleCredentialsFile(this.deps.paths.cliCacheDir, ref),
        serializeRoleCredentials(ref, credentials),
        { mode: 0o600, enforceMode: true, signal },
      );
      this.logger.info('fetched role credentials', {
        role: roleKey(ref),
        expiresAt: new Date(credentials.expiration).toISOString(),
      });
      return credentials;
    });
  }
}

/** Deletes the cached credentials of these roles (on sign-out, as `aws sso logout` does). */
export async function clearRoleCredentials(paths: LanyardPaths, roles: Iterable<RoleRef>): Promise<void> {
  for (const ref of roles) await fs.rm(roleCredentialsFile(paths.cliCacheDir, ref), { force: true });
}
