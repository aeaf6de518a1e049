import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { countShowRequests } from './lib/show-requests.js';
import './styles/base.css';
import './styles/environment.css';
import './styles/main-window.css';

const diagnosticsRequests = countShowRequests((listener) => window.lanyard.onShowDiagnostics(listener));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App diagnosticsRequests={diagnosticsRequests} />
    </StrictMode>,
  );
}
