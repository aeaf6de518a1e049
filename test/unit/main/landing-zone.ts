/** A 40-account AWS landing zone (Control Tower style) for the tray menu tests. */
import type { Environment } from '../../../electron/core/domain/environment.js';
import type { RoleView } from '../../../electron/core/domain/views.js';
import { role } from './fixtures.js';

const CORE = ['management', 'log-archive', 'audit', 'security-tooling', 'shared-services', 'network'];
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'data', 'ml', 'web', 'mobile'];
const STAGES: Array<[string, Environment]> = [
  ['prod', 'prod'],
  ['staging', 'staging'],
  ['dev', 'dev'],
];
const SANDBOXES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];

export function landingZone(): RoleView[] {
  let next = 500000000000;
  const account = (name: string, roleNames: string[], environment?: Environment): RoleView[] => {
    const accountId = String(next++);
    return roleNames.map((roleName) => role(accountId, name, roleName, environment ? { environment } : {}));
  };
  return [
    ...CORE.flatMap((name) => account(name, ['AdministratorAccess', 'ReadOnlyAccess'])),
    ...TEAMS.flatMap((team) =>
      STAGES.flatMap(([stage, environment]) =>
        account(`${team}-${stage}`, ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'], environment),
      ),
    ),
    ...SANDBOXES.map((name) => account(`sandbox-${name}`, ['AdministratorAccess'], 'sandbox')).flat(),
  ];
}
