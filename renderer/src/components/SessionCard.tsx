import { useId } from 'react';
import { isSignedIn, sessionEnd, sessionEndingWarningMs } from '../../../electron/core/domain/session-health.js';
import type { Settings } from '../../../electron/core/domain/settings.js';
import type { SessionView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { useSignInError } from '../hooks/useSignInError.js';
import { clearSignInError, startSignIn } from '../lib/sign-in-runs.js';
import { Countdown } from './Countdown.js';
import { ErrorMessage } from './ErrorMessage.js';
import { HealthBadge } from './HealthBadge.js';
import { Icon } from './Icon.js';
import { InventoryProgress } from './InventoryProgress.js';

function hostOf(startUrl: string): string {
  try {
    const url = new URL(startUrl);
    return url.host + (url.pathname === '/' ? '' : url.pathname);
  } catch {
    return startUrl;
  }
}

/** One sso-session: health, token and session countdowns, listing progress, and what to do next. */
export function SessionCard({
  session,
  settings,
  signInInProgress,
}: {
  session: SessionView;
  settings: Pick<Settings, 'notifications'>;
  signInInProgress: boolean;
}) {
  const command = useCommand();
  const titleId = useId();
  const needsSignIn = !isSignedIn(session.health);
  const endsAt = sessionEnd(session);
  const api = window.lanyard;
  const busy = command.pending || signInInProgress;
  const signInFailure = useSignInError(session.name);

  return (
    <li className={`session session--${session.health}`} aria-labelledby={titleId}>
      <div className="session__head">
        <h3 className="session__name" id={titleId}>
          {session.name}
        </h3>
        <HealthBadge health={session.health} />
      </div>
      <p className="session__where" title={session.startUrl}>
        {hostOf(session.startUrl)} · {session.region}
      </p>
      {!needsSignIn && session.expiresAt !== undefined && (
        <dl className="session__times">
          <div>
            <dt>Token</dt>
            <dd>
              <Countdown until={session.expiresAt} warnBelowSeconds={5 * 60} />
            </dd>
          </div>
          {endsAt !== undefined && (
            <div>
              <dt>Session ends</dt>
              <dd>
                <Countdown until={endsAt} warnBelowSeconds={sessionEndingWarningMs(settings) / 1000} />
              </dd>
            </div>
          )}
        </dl>
      )}
      {session.message && (
        <p className="session__message">
          {session.message}
          {session.hint && <span className="session__hint"> {session.hint}</span>}
        </p>
      )}
      {session.clockWarning && (
        <p className="session__clock" role="status">
          {session.clockWarning}
        </p>
      )}
      <InventoryProgress inventory={session.inventory} />
      <div className="session__actions">
        {needsSignIn ? (
          <>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              aria-label={`Sign in to ${session.name}`}
              onClick={() => startSignIn(session.name)}
            >
              Sign in
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={`Sign in to ${session.name} with a device code`}
              onClick={() => startSignIn(session.name, 'device-code')}
            >
              Use device code
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button"
              disabled={busy || session.inventory.state === 'listing'}
              aria-label={`Refresh the account list of ${session.name}`}
              onClick={() => void command.run(() => api.refreshInventory(session.name))}
            >
              <Icon name="refresh" />
              Refresh
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              aria-label={`Sign out of ${session.name}`}
              onClick={() => void command.run(() => api.signOut(session.name))}
            >
              Sign out
            </button>
          </>
        )}
      </div>
      <ErrorMessage error={command.error} onDismiss={command.clearError} />
      <ErrorMessage error={signInFailure} onDismiss={() => clearSignInError(session.name)} />
    </li>
  );
}
