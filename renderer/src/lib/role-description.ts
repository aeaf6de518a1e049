import type { RoleView } from '../../../electron/core/domain/views.js';
import { ENVIRONMENT_NAMES } from './environment.js';

/** A role in words, for screen readers: "payments (acme-prod-payments), AdministratorAccess, account 123…, production". */
export function describeRole(
  role: RoleView,
  flags: { favourite?: boolean; isDefault?: boolean; credentialsActive?: boolean } = {},
): string {
  const parts = [
    role.alias ? `${role.alias} (${role.accountName})` : role.accountName,
    role.roleName,
    `account ${role.accountId}`,
    role.environment && ENVIRONMENT_NAMES[role.environment],
    flags.favourite && 'favourite',
    flags.isDefault && 'default profile',
    flags.credentialsActive && 'credentials active',
  ];
  return parts.filter(Boolean).join(', ');
}
