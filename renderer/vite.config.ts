// Builds the renderer: the main window (index.html) and the hotkey palette (palette.html).
// `base: './'` keeps asset URLs relative, so the same build loads from Electron's app:// protocol and the e2e tests' server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // No inline scripts: the pages' Content-Security-Policy allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        main: path.resolve(root, 'index.html'),
        palette: path.resolve(root, 'palette.html'),
      },
    },
  },
});
