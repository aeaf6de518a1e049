import type { LanyardState } from '../../../electron/core/domain/views.js';
import { BrandMark } from './BrandMark.js';
import { Icon } from './Icon.js';
import { SessionCard } from './SessionCard.js';
import { SyncSummary } from './SyncSummary.js';

export type View = 'roles' | 'settings' | 'add-session' | 'diagnostics';

/** Navigation, the sessions with their health and countdowns, and the config sync summary. */
export function Sidebar({ state, view, onView }: { state: LanyardState; view: View; onView: (view: View) => void }) {
  const signingIn = state.signIn?.sessionName;
  return (
    <aside className="sidebar">
      <div className="brand">
        <BrandMark />
        Lanyard
      </div>
      <nav className="nav" aria-label="Views">
        <button
          type="button"
          className="nav__item"
          aria-current={view === 'roles' ? 'page' : undefined}
          onClick={() => onView('roles')}
        >
          <Icon name="list" />
          Accounts and roles
        </button>
        <button
          type="button"
          className="nav__item"
          aria-current={view === 'settings' ? 'page' : undefined}
          onClick={() => onView('settings')}
        >
          <Icon name="gear" />
          Settings
        </button>
      </nav>
      <section className="sessions" aria-labelledby="sessions-title">
        <div className="sessions__head">
          <h2 id="sessions-title" className="section-title">
            Sessions
          </h2>
          <button
            type="button"
            className="button button--small"
            aria-current={view === 'add-session' ? 'page' : undefined}
            onClick={() => onView('add-session')}
          >
            <Icon name="plus" />
            Add session
          </button>
        </div>
        {state.sessions.length === 0 ? (
          <p className="sessions__empty">No sessions yet.</p>
        ) : (
          <ul className="sessions__list">
            {state.sessions.map((session) => (
              <SessionCard
                key={session.name}
                session={session}
                settings={state.settings}
                signInInProgress={signingIn !== undefined}
              />
            ))}
          </ul>
        )}
      </section>
      <SyncSummary sync={state.sync} defaultProfile={state.defaultProfile?.label} />
    </aside>
  );
}
