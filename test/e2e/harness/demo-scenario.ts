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
import { ADMIN, POWER, READ, LONG_ACCOUNT_NAMES, landingZoneAccounts } from '../../fake-idc/landing-zone.js';
import type { AccountSpec } from '../../fake-idc/organization.js';
import { InMemoryLanyard } from './in-memory-lanyard.js';

const MINUTE = 60_000;

export { LONG_ACCOUNT_NAMES };

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
  const accounts = landingZoneAccounts();
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
  const accounts = landingZoneAccounts();
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
      { ...SESSIONS.acme, accounts: landingZoneAccounts() },
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
