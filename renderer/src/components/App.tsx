import { useState, useSyncExternalStore } from 'react';
import { useInventory, useLanyardState } from '../hooks/useLanyard.js';
import type { ShowRequests } from '../lib/show-requests.js';
import { AddSessionForm } from './AddSessionForm.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { NoticeList } from './NoticeList.js';
import { RolesView } from './RolesView.js';
import { SettingsPane } from './SettingsPane.js';
import { Sidebar, type View } from './Sidebar.js';
import { SignInPanel } from './SignInPanel.js';

/**
 * The main window: sessions on the left; roles, settings, diagnostics or a new session on the
 * right. The tray's Help → Diagnostics arrives through `diagnosticsRequests`.
 */
export function App({ diagnosticsRequests }: { diagnosticsRequests: ShowRequests }) {
  const state = useLanyardState();
  const inventory = useInventory();
  const [view, setView] = useState<View>('roles');
  const requested = useSyncExternalStore(diagnosticsRequests.subscribe, diagnosticsRequests.count);
  const [answered, setAnswered] = useState(0);
  if (requested !== answered) {
    setAnswered(requested);
    setView('diagnostics');
  }
  if (!state) return <p className="loading">Loading…</p>;

  const sessionNames = state.sessions.map((session) => session.name);
  // Diagnostics stay reachable before the first session: that is when sign-in problems show.
  const shown: View = state.sessions.length === 0 && view !== 'diagnostics' ? 'add-session' : view;
  const showRoles = (): void => setView('roles');

  return (
    <div className="app">
      <Sidebar state={state} view={shown} onView={setView} />
      <main className="main">
        {state.signIn && <SignInPanel signIn={state.signIn} />}
        <NoticeList notices={state.notices} problems={state.problems} />
        {shown === 'roles' && <RolesView state={state} inventory={inventory} />}
        {shown === 'settings' && (
          <SettingsPane settings={state.settings} onShowDiagnostics={() => setView('diagnostics')} />
        )}
        {shown === 'diagnostics' && <DiagnosticsView />}
        {shown === 'add-session' && (
          <AddSessionForm
            existing={sessionNames}
            onDone={showRoles}
            onCancel={state.sessions.length > 0 ? showRoles : undefined}
          />
        )}
      </main>
    </div>
  );
}
