import { describe, expect, it } from 'vitest';
import {
  SESSION_HEALTH_LABELS,
  becameSignedIn,
  cachedTokenHealth,
  isSessionEndingSoon,
  isSignedIn,
  sessionEnd,
} from '../../../../electron/core/domain/session-health.js';
import { DEFAULT_SETTINGS } from '../../../../electron/core/domain/settings.js';
import type { SessionHealth, SessionStatus } from '../../../../electron/core/domain/views.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const MINUTE = 60_000;
const settings = { notifications: { ...DEFAULT_SETTINGS.notifications, sessionEndingMinutes: 20 } };

function status(patch: Partial<SessionStatus>): SessionStatus {
  return {
    name: 'work',
    startUrl: 'https://acme.awsapps.com/start',
    region: 'eu-west-1',
    health: 'active',
    refreshable: true,
    ...patch,
  };
}

describe('signed in', () => {
  it.each<[SessionHealth, boolean]>([
    ['active', true],
    ['refreshing', true],
    ['retrying', true],
    ['sign-in-needed', false],
    ['signed-out', false],
    ['corrupt', false],
  ])('%s counts as signed in: %s', (health, expected) => {
    expect(isSignedIn(health)).toBe(expected);
  });

  it('becomes signed in only from a known state that was not', () => {
    expect(becameSignedIn('signed-out', 'active')).toBe(true);
    expect(becameSignedIn('sign-in-needed', 'active')).toBe(true);
    expect(becameSignedIn(undefined, 'active')).toBe(false);
    expect(becameSignedIn('refreshing', 'active')).toBe(false);
    expect(becameSignedIn('retrying', 'active')).toBe(false);
    expect(becameSignedIn('signed-out', 'refreshing')).toBe(false);
  });

  it('has one label per state', () => {
    expect(Object.keys(SESSION_HEALTH_LABELS).sort()).toEqual(
      ['active', 'corrupt', 'refreshing', 'retrying', 'sign-in-needed', 'signed-out'].sort(),
    );
    expect(SESSION_HEALTH_LABELS.active).toBe('Signed in');
  });
});

describe('session ending soon', () => {
  it('ends at the known session end, else at the expiry of a token nobody can refresh', () => {
    expect(sessionEnd(status({ sessionEndsAt: NOW + 5 * MINUTE, expiresAt: NOW + 60 * MINUTE }))).toBe(
      NOW + 5 * MINUTE,
    );
    expect(sessionEnd(status({ refreshable: false, expiresAt: NOW + 9 * MINUTE }))).toBe(NOW + 9 * MINUTE);
    expect(sessionEnd(status({ refreshable: true, expiresAt: NOW + 9 * MINUTE }))).toBeUndefined();
  });

  it("uses the user's warning time", () => {
    expect(isSessionEndingSoon(status({ sessionEndsAt: NOW + 19 * MINUTE }), settings, NOW)).toBe(true);
    expect(isSessionEndingSoon(status({ sessionEndsAt: NOW + 21 * MINUTE }), settings, NOW)).toBe(false);
    expect(isSessionEndingSoon(status({ refreshable: false, expiresAt: NOW + 10 * MINUTE }), settings, NOW)).toBe(true);
    expect(isSessionEndingSoon(status({ refreshable: true, expiresAt: NOW + 10 * MINUTE }), settings, NOW)).toBe(false);
  });

  it('is no warning for a session that is not signed in', () => {
    expect(isSessionEndingSoon(status({ health: 'sign-in-needed', sessionEndsAt: NOW - MINUTE }), settings, NOW)).toBe(
      false,
    );
  });
});

describe('state from the cached token alone', () => {
  it('names states as the keep-alive does', () => {
    expect(cachedTokenHealth(undefined, NOW)).toBe('signed-out');
    expect(cachedTokenHealth({ expiresAt: NOW + MINUTE, refreshable: false }, NOW)).toBe('active');
    expect(cachedTokenHealth({ expiresAt: NOW - MINUTE, refreshable: true }, NOW)).toBe('active');
    expect(cachedTokenHealth({ expiresAt: NOW - MINUTE, refreshable: false }, NOW)).toBe('sign-in-needed');
  });
});
