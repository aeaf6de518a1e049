import { describe, expect, it } from 'vitest';
import { MAX_RECENTS, normalizePreferences, withRecent } from '../../../../electron/core/support/preferences.js';
import { assignmentNotice, sessionNotifications } from '../../../../electron/core/notices/session-notices.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import type { SessionView } from '../../../../electron/core/domain/views.js';

const view = (patch: Partial<SessionView>): SessionView => ({
  name: 'work',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'us-east-1',
  health: 'active',
  refreshable: true,
  inventory: { state: 'idle', done: 0, total: 0, complete: true, accounts: 0, roles: 0 },
  ...patch,
});

describe('session notifications', () => {
  const now = 1_000_000;

  it('asks to sign in again once, when the session turns "sign-in needed"', () => {
    const [notification] = sessionNotifications(view({}), view({ health: 'sign-in-needed' }), DEFAULT_SETTINGS, now);
    expect(notification).toMatchObject({
      title: 'Sign in to work again',
      action: { kind: 'sign-in', sessionName: 'work' },
    });
    expect(
      sessionNotifications(
        view({ health: 'sign-in-needed' }),
        view({ health: 'sign-in-needed' }),
        DEFAULT_SETTINGS,
        now,
      ),
    ).toEqual([]);
  });

  it('warns before the SSO session ends, within the configured minutes', () => {
    const endsIn = (minutes: number) => view({ sessionEndsAt: now + minutes * 60_000 });
    expect(sessionNotifications(undefined, endsIn(10), DEFAULT_SETTINGS, now)[0]?.title).toBe(
      'work ends in 10 minutes',
    );
    expect(sessionNotifications(undefined, endsIn(30), DEFAULT_SETTINGS, now)).toEqual([]);
  });

  it('respects the notification settings', () => {
    const off = {
      ...DEFAULT_SETTINGS,
      notifications: { ...DEFAULT_SETTINGS.notifications, signInNeeded: false, sessionEnding: false },
    };
    expect(
      sessionNotifications(view({}), view({ health: 'sign-in-needed', sessionEndsAt: now + 60_000 }), off, now),
    ).toEqual([]);
  });
});

describe('assignment notices', () => {
  it('summarises added and removed accounts and roles', () => {
    const notice = assignmentNotice(
      {
        sessionName: 'work',
        complete: true,
        basisListedAt: 1,
        addedAccounts: [{ accountId: '111111111111', accountName: 'acme-new' }],
        removedAccounts: [],
        addedRoles: [
          { sessionName: 'work', accountId: '111111111111', roleName: 'Admin' },
          { sessionName: 'work', accountId: '222222222222', roleName: 'ReadOnly' },
        ],
        removedRoles: [{ sessionName: 'work', accountId: '333333333333', roleName: 'Billing' }],
      },
      5,
    );
    expect(notice?.body).toBe('1 new account (acme-new); 1 new role (ReadOnly); 1 role removed (Billing).');
  });
});

// Export lines: see credentials/credential-exports.test.ts.
describe('recents and preferences', () => {
  it('keeps recents unique, newest first, bounded', () => {
    let recents: string[] = [];
    for (let i = 0; i < MAX_RECENTS + 3; i += 1) recents = withRecent(recents, `k${i}`);
    recents = withRecent(recents, 'k5');
    expect(recents[0]).toBe('k5');
    expect(recents).toHaveLength(MAX_RECENTS);
    expect(new Set(recents).size).toBe(MAX_RECENTS);
  });

  it('reads damaged preferences as defaults', () => {
    expect(normalizePreferences('garbage')).toEqual({ settings: DEFAULT_SETTINGS, recents: [] });
    expect(normalizePreferences({ recents: ['a', 3], defaultProfile: 'work/111111111111/Admin' })).toMatchObject({
      recents: ['a'],
      defaultProfile: 'work/111111111111/Admin',
    });
  });
});
