/**
 * What a session's state means, once for every surface: the app's session card and tray, the
 * agent's log, `lanyard status`. The states are SessionHealth's names (also what `--json` and
 * the agent print); people read SESSION_HEALTH_LABELS.
 */
import type { Settings } from './settings.js';
import type { SessionHealth, SessionStatus } from './views.js';

export const SESSION_HEALTH_LABELS: Record<SessionHealth, string> = {
  active: 'Signed in',
  refreshing: 'Refreshing',
  retrying: 'Retrying',
  'sign-in-needed': 'Sign-in needed',
  'signed-out': 'Signed out',
  corrupt: 'Cache damaged',
};

const SIGNED_IN: ReadonlySet<SessionHealth> = new Set(['active', 'refreshing', 'retrying']);

/** Signed in: the token works or is being renewed (a passing refresh failure included). */
export function isSignedIn(health: SessionHealth | undefined): boolean {
  return health !== undefined && SIGNED_IN.has(health);
}

/**
 * A session that was known not to be signed in is active now (a sign-in, here or with
 * `aws sso login`): time to list its accounts and put its pinned keys back. The first status
 * of a session is no transition; start-up handles those.
 */
export function becameSignedIn(previous: SessionHealth | undefined, next: SessionHealth): boolean {
  return next === 'active' && previous !== undefined && !isSignedIn(previous);
}

/** When a session stops working: its end once known, else the expiry of a token nobody can refresh. */
export function sessionEnd(
  session: Pick<SessionStatus, 'sessionEndsAt' | 'refreshable' | 'expiresAt'>,
): number | undefined {
  return session.sessionEndsAt ?? (session.refreshable ? undefined : session.expiresAt);
}

/** How long before its end a session counts as ending soon: the user's setting. */
export function sessionEndingWarningMs(settings: Pick<Settings, 'notifications'>): number {
  return settings.notifications.sessionEndingMinutes * 60_000;
}

/** A signed-in session whose end is within the user's warning time (or past). */
export function isSessionEndingSoon(
  session: SessionStatus,
  settings: Pick<Settings, 'notifications'>,
  now: number,
): boolean {
  const end = sessionEnd(session);
  return isSignedIn(session.health) && end !== undefined && end - now <= sessionEndingWarningMs(settings);
}

/**
 * The state of a session from its cached token alone (no refresh attempted), as `lanyard
 * status` reports it: the same names the keep-alive uses. A token that expired but can be
 * refreshed is still signed in: any Lanyard process or AWS tool renews it on first use.
 */
export function cachedTokenHealth(
  token: { expiresAt: number; refreshable: boolean } | undefined,
  now: number,
): SessionHealth {
  if (!token) return 'signed-out';
  return token.expiresAt > now || token.refreshable ? 'active' : 'sign-in-needed';
}
