import { useEffect, useId, useRef } from 'react';
import { isSignedIn, sessionEnd, sessionEndingWarningMs } from '../../../electron/core/domain/session-health.js';
import type { Settings } from '../../../electron/core/domain/settings.js';
import type { CommandResult, SessionView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { useSignInError } from '../hooks/useSignInError.js';
import { clearSignInError, startSignIn } from '../lib/sign-in-runs.js';
import { Countdown } from './Countdown.js';
import { ErrorMessage, type ErrorAction } from './ErrorMessage.js';
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

/** The local time of `at`: "15:42", with the day when it is not today ("Tue 09:10"). */
function clockTime(at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date(now).toDateString()
    ? time
    : `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

/**
 * One sso-session: health, when the SSO session ends (the access token renews by itself, so
 * its hourly expiry is no news), listing progress, and what to do next, as buttons.
 */
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
  const warnSeconds = sessionEndingWarningMs(settings) / 1000;
  const api = window.lanyard;
  const busy = command.pending || signInInProgress;
  const signInFailure = useSignInError(session.name);
  const signInButton = useRef<HTMLButtonElement>(null);
  /** After a sign-out, focus goes to the Sign in button that replaces Sign out (not to <body>). */
  const focusSignIn = useRef(false);
  /** The last command run from this card, for the error's "Try again". */
  const last = useRef<() => Promise<CommandResult>>(undefined);

  useEffect(() => {
    if (focusSignIn.current && needsSignIn && !busy) {
      focusSignIn.current = false;
      signInButton.current?.focus();
    }
  }, [needsSignIn, busy]);

  const runCommand = (next: () => Promise<CommandResult>): Promise<boolean> => {
    last.current = next;
    return command.run(next);
  };
  const refresh = (): void => void runCommand(() => api.refreshInventory(session.name));
  const signOut = (): void => {
    focusSignIn.current = true;
    void runCommand(() => api.signOut(session.name)).then((ok) => {
      if (!ok) focusSignIn.current = false;
    });
  };
  const retry: ErrorAction[] = [
    {
      label: 'Try again',
      primary: true,
      disabled: busy,
      onClick: () => {
        const again = last.current;
        if (again) void runCommand(again);
      },
    },
  ];
  const signInActions: ErrorAction[] = [
    {
      label: 'Try again',
      ariaLabel: `Sign in to ${session.name} again`,
      primary: true,
      disabled: busy,
      onClick: () => startSignIn(session.name),
    },
    {
      label: 'Use a device code',
      ariaLabel: `Sign in to ${session.name} with a device code instead`,
      disabled: busy,
      onClick: () => startSignIn(session.name, 'device-code'),
    },
  ];

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
      {!needsSignIn && (
        <div className="session__lifetime">
          {endsAt !== undefined ? (
            <p className="session__end">
              Session ends in <Countdown until={endsAt} warnBelowSeconds={warnSeconds} />{' '}
              <span className="session__at">(at {clockTime(endsAt)})</span>
            </p>
          ) : (
            <p className="session__end session__end--unknown">Session end not known yet</p>
          )}
          <p className="session__renew">
            {session.refreshable ? 'Token renews automatically' : 'Token does not renew: sign in again when it ends'}
          </p>
        </div>
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
      <InventoryProgress
        inventory={session.inventory}
        {...(!needsSignIn && !busy ? { onRefresh: refresh, refreshLabel: `Refresh list of ${session.name}` } : {})}
      />
      <div className="session__actions">
        {needsSignIn ? (
          <>
            <button
              ref={signInButton}
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
              onClick={refresh}
            >
              <Icon name="refresh" />
              Refresh
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              aria-label={`Sign out of ${session.name}`}
              onClick={signOut}
            >
              Sign out
            </button>
          </>
        )}
      </div>
      <ErrorMessage error={command.error} onDismiss={command.clearError} actions={retry} />
      <ErrorMessage
        error={signInFailure}
        onDismiss={() => clearSignInError(session.name)}
        actions={needsSignIn ? signInActions : []}
      />
    </li>
  );
}
