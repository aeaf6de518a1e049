/**
 * A landing zone of forty accounts, as organisations built with Control Tower or the Landing
 * Zone Accelerator look: management, log archive, audit, security tooling, shared services and
 * network, team accounts per environment with the `nonprod`, `non-prod`, `uat` and `qa`
 * spellings people use, sandboxes, and long names that differ only at their end. Served by
 * `npm run demo` and shown by the e2e tests' demo scenario.
 */
import type { AccountSpec } from './organization.js';

export const ADMIN = 'AdministratorAccess';
export const POWER = 'PowerUserAccess';
export const READ = 'ReadOnlyAccess';
export const VIEW = 'ViewOnlyAccess';
export const AUDIT = 'SecurityAudit';
export const NETWORK = 'NetworkAdministrator';
export const BILLING = 'Billing';

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

export function landingZoneAccounts(): AccountSpec[] {
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
