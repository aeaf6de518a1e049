import { useState } from 'react';
import { useInventory, useLanyardState } from '../hooks/useLanyard.js';
import { AddSessionForm } from './AddSessionForm.js';
import { NoticeList } from './NoticeList.js';
import { RolesView } from './RolesView.js';
import { SettingsPane } from './SettingsPane.js';
import { Sidebar, type View } from './Sidebar.js';
import { SignInPanel } from './SignInPanel.js';

/** The main window: sessions on the left; roles, settings or a new session on the right. */
export function App() {
  const state = useLanyardState();
  const inventory = useInventory();
  const [view, setView] = useState<View>('roles');
  if (!state) return <p className="loading">Loading…</p>;

  const sessionNames = state.sessions.map((session) => session.name);
  const shown: View = state.sessions.length === 0 ? 'add-session' : view;
  const showRoles = (): void => setView('roles');

  return (
    <div className="app">
      <Sidebar state={state} view={shown} onView={setView} />
      <main className="main">
        {state.signIn && <SignInPanel signIn={state.signIn} />}
        <NoticeList notices={state.notices} problems={state.problems} />
        {shown === 'roles' && <RolesView state={state} inventory={inventory} />}
        {shown === 'settings' && <SettingsPane settings={state.settings} />}
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
