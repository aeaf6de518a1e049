/**
 * A realistic-looking in-memory Lanyard for screenshots and whole-page checks: two sessions
 * (one still listing), accounts across environments, an alias, favourites, active role
 * credentials, a default profile and an assignment-change notice.
 */
import { accountKey, roleKey } from '../../../electron/core/domain/model.js';
import type { AccountSpec } from '../../fake-idc/organization.js';
import { InMemoryLanyard } from './in-memory-lanyard.js';

const MINUTE = 60_000;

const TEAMS = ['billing', 'checkout', 'data-platform', 'identity', 'payments', 'search'];
const ROLES = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'];

function demoAccounts(): AccountSpec[] {
  let id = 104_728_390_115;
  const account = (accountName: string, roles: string[] = ROLES): AccountSpec => ({
    accountId: String((id += 7_919_337)),
    accountName,
    roles,
  });
  return [
    ...TEAMS.flatMap((team) => [
      account(`${team}-prod`),
      account(`${team}-staging`, ROLES.slice(1)),
      account(`${team}-dev`, ROLES.slice(0, 2)),
    ]),
    account('log-archive', ['ReadOnlyAccess', 'SecurityAudit']),
    account('security-tooling', ['SecurityAudit']),
    account('shared-networking-prod', ['NetworkAdministrator', 'ReadOnlyAccess']),
    account('qa-automation-test', ['PowerUserAccess']),
    account('ml-research-sandbox', ['AdministratorAccess']),
    account('sandbox-jdoe', ['AdministratorAccess']),
  ];
}

function labsAccounts(): AccountSpec[] {
  return [
    { accountId: '318204779150', accountName: 'labs-genai-dev', roles: ['AdministratorAccess'] },
    { accountId: '318204779268', accountName: 'labs-edge-prod', roles: ['ReadOnlyAccess'] },
    { accountId: '318204779371', accountName: 'labs-playground', roles: ['AdministratorAccess'] },
  ];
}

export function demoLanyard(now: () => number = Date.now): InMemoryLanyard {
  const accounts = demoAccounts();
  const lanyard = new InMemoryLanyard({
    now,
    sessions: [
      { name: 'acme', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1', accounts },
      {
        name: 'acme-labs',
        startUrl: 'https://d-9067c1a2b3.awsapps.com/start',
        region: 'us-east-1',
        accounts: labsAccounts(),
      },
    ],
  });
  const key = (accountName: string, roleName: string): string => {
    const account = accounts.find((candidate) => candidate.accountName === accountName);
    return roleKey({ sessionName: 'acme', accountId: account?.accountId ?? '', roleName });
  };
  const payments = accounts.find((candidate) => candidate.accountName === 'payments-prod');
  void lanyard.setAlias(accountKey('acme', payments?.accountId ?? ''), 'Payments (live)');
  void lanyard.toggleFavourite(key('payments-prod', 'ReadOnlyAccess'));
  void lanyard.toggleFavourite(key('data-platform-dev', 'AdministratorAccess'));
  void lanyard.setDefaultProfile(key('payments-staging', 'PowerUserAccess'));
  lanyard.activateCredentials(key('payments-prod', 'ReadOnlyAccess'), 47 * MINUTE + 12_000);
  lanyard.activateCredentials(key('checkout-staging', 'PowerUserAccess'), 6 * MINUTE + 40_000);
  lanyard.activateCredentials(key('data-platform-dev', 'AdministratorAccess'), 58 * MINUTE + 3_000);
  void lanyard.openConsole(key('billing-prod', 'ReadOnlyAccess'));
  void lanyard.syncNow();
  lanyard.updateSession('acme', {
    expiresAt: now() + 41 * MINUTE + 18_000,
    sessionEndsAt: now() + 6 * 60 * MINUTE + 22 * MINUTE,
  });
  lanyard.updateSession('acme-labs', {
    inventory: { state: 'listing', done: 120, total: 500, complete: false, accounts: 500, roles: 312 },
  });
  lanyard.addNotice({
    id: 'assignments',
    kind: 'assignments-changed',
    title: 'Assignments changed',
    body: 'New: checkout-prod / PowerUserAccess. Removed: legacy-billing / ReadOnlyAccess.',
    at: now() - 4 * MINUTE,
  });
  return lanyard;
}
