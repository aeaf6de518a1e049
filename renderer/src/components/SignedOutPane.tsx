import { useId } from 'react';
import type { SessionView } from '../../../electron/core/domain/views.js';
import { startSignIn } from '../lib/sign-in-runs.js';
import { Icon } from './Icon.js';

/**
 * Shown above the role list when no session is signed in: a Sign in button for each session,
 * so nobody has to find the sidebar (or a terminal) to get their accounts back.
 */
export function SignedOutPane({ sessions, busy }: { sessions: readonly SessionView[]; busy: boolean }) {
  const titleId = useId();
  return (
    <section className="signed-out" aria-labelledby={titleId}>
      <div className="signed-out__text">
        <h2 className="signed-out__title" id={titleId}>
          {sessions.length === 1 ? `Not signed in to ${sessions[0]?.name}` : 'Not signed in'}
        </h2>
        <p className="signed-out__lead">
          Sign in to list the accounts and roles you can reach, open their consoles and copy their credentials.
        </p>
      </div>
      <ul className="signed-out__sessions">
        {sessions.map((session) => (
          <li key={session.name} className="signed-out__session">
            {sessions.length > 1 && <span className="signed-out__name">{session.name}</span>}
            <button
              type="button"
              className="button button--primary"
              aria-label={`Sign in: ${session.name}`}
              disabled={busy}
              onClick={() => startSignIn(session.name)}
            >
              <Icon name="key" />
              Sign in
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
