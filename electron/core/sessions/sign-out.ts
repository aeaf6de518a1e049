import type { SsoSessionConfig } from '../aws-files/aws-config.js';
import { InventoryStore } from '../accounts/inventory-store.js';
import type { RoleRef } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';
import { removePinnedCredentials } from '../credentials/pins.js';
import { clearRoleCredentials } from '../credentials/role-credentials.js';
import type { SessionTokens } from './session-tokens.js';

export interface SignOutResult {
  /** There was a token to end. */
  hadToken: boolean;
  /** Pinned profiles whose keys were taken out of the credentials file (the pins stay). */
  removedPinnedKeys: string[];
}

/** Every role the stored account lists of a session name, for clearing their cached credentials. */
async function knownRoles(paths: LanyardPaths, sessionName: string): Promise<RoleRef[]> {
  const stored = await new InventoryStore({ paths }).load(sessionName).catch(() => undefined);
  const roles = new Map<string, RoleRef>();
  for (const snapshot of [stored?.lastComplete, stored?.latest]) {
    for (const account of snapshot?.accounts ?? []) {
      for (const roleName of account.roles)
        roles.set(`${account.accountId}/${roleName}`, { sessionName, accountId: account.accountId, roleName });
    }
  }
  return [...roles.values()];
}

/**
 * Signs out of a session the way `aws sso logout` does, and a little more: ends the session at
 * Identity Center and deletes its token, deletes the cached role credentials of its roles, and
 * takes pinned keys out of the credentials file, so no credential of the session outlives it
 * on disk. The CLI and the app both sign out through here.
 */
export async function signOutSession(
  paths: LanyardPaths,
  tokens: SessionTokens,
  session: SsoSessionConfig,
): Promise<SignOutResult> {
  const hadToken = await tokens.signOut(session);
  await clearRoleCredentials(paths, await knownRoles(paths, session.name));
  const removedPinnedKeys = await removePinnedCredentials(paths, session.name);
  return { hadToken, removedPinnedKeys };
}
