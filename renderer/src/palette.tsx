import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Palette } from './components/Palette.js';
import './styles/base.css';
import './styles/environment.css';
import './styles/palette.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Palette />
    </StrictMode>,
  );
}
