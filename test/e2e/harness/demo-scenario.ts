/**
 * A realistic-looking in-memory Lanyard for screenshots and whole-page checks: a landing zone
 * of about forty accounts (management, log archive, audit, security tooling, shared services
 * and network, team accounts per environment with the `nonprod`, `non-prod` and `uat`
 * spellings people use, sandboxes, and long names that differ only at their end) in one
 * session, a second session still listing, an alias, favourites, active role credentials, a
 * default profile and an assignment-change notice. Variants show the first listing and a
 * signed-out window.
 */
import { accountKey, roleKey } from '../../../electron/core/domain/model.js';
import type { AccountSpec } from '../../fake-idc/organization.js';
import { InMemoryLanyard } from './in-memory-lanyard.js';

const MINUTE = 60_000;

const ADMIN = 'AdministratorAccess';
const POWER = 'PowerUserAccess';
const READ = 'ReadOnlyAccess';
const VIEW = 'ViewOnlyAccess';
const AUDIT = 'SecurityAudit';
const NETWORK = 'NetworkAdministrator';
const BILLING = 'Billing';

const PROD_ROLES = [POWER, READ, VIEW];
const NONPROD_ROLES = [ADMIN, POWER, READ];

/**
 * Names that differ only at their end: the list must cut them in the middle. The longest are
 * written with spaces, as Control Tower's own ("Log Archive") are; hyphenated, 40 characters
 * and more would look like secrets to the pages' secret scan (page-checks.ts).
 */
export const LONG_ACCOUNT_NAMES = [
  'acme-payments-platform-eu-02',
  'acme-payments-platform-apac',
  'Acme Payments Settlement Reconciliation Prod EU-02',
  'Acme Payments Settlement Reconciliation Prod APAC',
  'Customer Identity Federation Gateway Sandbox EU',
  'Customer Identity Federation Gateway Sandbox US',
] as const;

export function demoAccounts(): AccountSpec[] {
  let id = 104_728_390_115;
  const account = (accountName: string, roles: string[]): AccountSpec => ({
    accountId: String((id += 7_919_337)),
    accountName,
    roles,
  });
  return [
    // The landing zone's own accounts.
    account('acme-management', [ADMIN, BILLING, READ]),
    account('log-archive', [READ, AUDIT]),
    account('audit', [AUDIT, READ]),
    account('security-tooling', [ADMIN, AUDIT]),
    account('shared-services-prod', [ADMIN, POWER, READ]),
    account('network-prod', [NETWORK, READ, VIEW]),
    account('backup-prod', [READ]),
    // Team accounts, per environment.
    account('payments-prod', [ADMIN, ...PROD_ROLES]),
    account('payments-staging', NONPROD_ROLES),
    account('payments-dev', NONPROD_ROLES),
    account('checkout-prod', PROD_ROLES),
    account('checkout-uat', [POWER, READ]),
    account('checkout-dev', [ADMIN, POWER]),
    account('data-platform-prod', [READ, VIEW]),
    account('data-platform-dev', [ADMIN, POWER]),
    account('acme-data-nonprod', [POWER, READ]),
    account('acme-data-non-prod', [POWER, READ]),
    account('billing-prod', [BILLING, READ]),
    account('billing-staging', [POWER, READ]),
    account('identity-prod', PROD_ROLES),
    account('identity-staging', NONPROD_ROLES),
    account('identity-dev', [ADMIN, POWER]),
    account('search-prod', [READ, VIEW]),
    account('search-staging', [POWER, READ]),
    account('search-dev', [ADMIN, POWER]),
    account('mobile-prod', [READ]),
    account('mobile-nonprod', [ADMIN, POWER]),
    account('analytics-prod', [READ, VIEW]),
    account('analytics-qa', [POWER, READ]),
    account('qa-automation-test', [POWER]),
    account('platform-tools-dev', [ADMIN]),
    account(LONG_ACCOUNT_NAMES[0], [POWER, READ]),
    account(LONG_ACCOUNT_NAMES[1], [POWER, READ]),
    account(LONG_ACCOUNT_NAMES[2], [READ]),
    account(LONG_ACCOUNT_NAMES[3], [READ]),
    account(LONG_ACCOUNT_NAMES[4], [ADMIN]),
    account(LONG_ACCOUNT_NAMES[5], [ADMIN]),
    // Sandboxes.
    account('sandbox-jdoe', [ADMIN]),
    account('sandbox-mlopez', [ADMIN]),
    account('ml-research-sandbox', [ADMIN]),
  ];
}

function labsAccounts(): AccountSpec[] {
  return [
    { accountId: '318204779150', accountName: 'labs-genai-dev', roles: [ADMIN] },
    { accountId: '318204779268', accountName: 'labs-edge-prod', roles: [READ] },
    { accountId: '318204779371', accountName: 'labs-playground', roles: [ADMIN] },
  ];
}

const SESSIONS = {
  acme: { name: 'acme', startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' },
  labs: { name: 'acme-labs', startUrl: 'https://d-9067c1a2b3.awsapps.com/start', region: 'us-east-1' },
} as const;

export function demoLanyard(now: () => number = Date.now): InMemoryLanyard {
  const accounts = demoAccounts();
  const lanyard = new InMemoryLanyard({
    now,
    sessions: [
      { ...SESSIONS.acme, accounts },
      { ...SESSIONS.labs, accounts: labsAccounts() },
    ],
  });
  const key = (accountName: string, roleName: string): string => {
    const account = accounts.find((candidate) => candidate.accountName === accountName);
    return roleKey({ sessionName: 'acme', accountId: account?.accountId ?? '', roleName });
  };
  const payments = accounts.find((candidate) => candidate.accountName === 'payments-prod');
  void lanyard.setAlias(accountKey('acme', payments?.accountId ?? ''), 'Payments (live)');
  void lanyard.toggleFavourite(key('payments-prod', READ));
  void lanyard.toggleFavourite(key('data-platform-dev', ADMIN));
  void lanyard.setDefaultProfile(key('payments-staging', POWER));
  lanyard.activateCredentials(key('payments-prod', READ), 47 * MINUTE + 12_000);
  lanyard.activateCredentials(key('checkout-uat', POWER), 6 * MINUTE + 40_000);
  lanyard.activateCredentials(key('data-platform-dev', ADMIN), 58 * MINUTE + 3_000);
  void lanyard.openConsole(key('billing-prod', READ));
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

/**
 * The first listing of a new sign-in, under way: the accounts listed so far are in the list,
 * the rest (of `total`) still to come.
 */
export function demoFirstListing(now: () => number = Date.now, listed = 14): InMemoryLanyard {
  const accounts = demoAccounts();
  const lanyard = new InMemoryLanyard({ now, sessions: [{ ...SESSIONS.acme, accounts: accounts.slice(0, listed) }] });
  lanyard.updateSession('acme', {
    inventory: {
      state: 'listing',
      done: listed,
      total: accounts.length,
      complete: false,
      accounts: listed,
      roles: 0,
    },
  });
  return lanyard;
}

/**
 * No session signed in: acme's SSO session ended (its accounts are still listed, from the
 * last listing) and acme-labs was never signed in.
 */
export function demoSignedOut(now: () => number = Date.now): InMemoryLanyard {
  const lanyard = new InMemoryLanyard({
    now,
    sessions: [
      { ...SESSIONS.acme, accounts: demoAccounts() },
      { ...SESSIONS.labs, accounts: labsAccounts(), signedIn: false },
    ],
  });
  lanyard.updateSession('acme', {
    health: 'sign-in-needed',
    refreshable: false,
    message: 'Your SSO session has ended.',
    hint: 'Sign in again to continue.',
  });
  return lanyard;
}
